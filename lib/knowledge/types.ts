/** Knowledge-base domains, as lowercase ids. */
export const DOMAINS = [
  'training',
  'compute',
  'networking',
  'data',
  'storage',
  'mlops',
  'orchestration',
  'optimization',
  'architecture',
  'evaluation',
  'reliability',
  'cost',
  'monitoring',
] as const;
export type Domain = (typeof DOMAINS)[number];

/** Display name of each domain. */
export const DOMAIN_NAMES: Record<Domain, string> = {
  training: 'Training',
  compute: 'Compute',
  networking: 'Networking',
  data: 'Data',
  storage: 'Storage',
  mlops: 'MLOps',
  orchestration: 'Orchestration',
  optimization: 'Optimization',
  architecture: 'Architecture',
  evaluation: 'Evaluation',
  reliability: 'Reliability',
  cost: 'Cost',
  monitoring: 'Monitoring',
};

/** Levels in teaching order; a prerequisite never sits at a higher level than its dependent. */
export const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export type Level = (typeof LEVELS)[number];

export const RESOURCE_TYPES = ['paper', 'doc', 'blog', 'video', 'code'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export interface Resource {
  type: ResourceType;
  url: string;
  title: string;
}

/** A multiple-choice question with exactly one correct option. */
export interface QuizQuestion {
  question: string;
  options: string[];
  correctIndex: number;
  explanation: string;
}

/** Catalogue entry as authored in `content/concepts.json`, without its body. */
export interface ConceptMetadata {
  id: string;
  title: string;
  summary: string;
  level: Level;
  domain: Domain;
  tags: string[];
  prereqIds: string[];
  resources: Resource[];
  quiz: QuizQuestion[];
}

/** A concept with its Markdown body and the pre-rendered SVG of each `mermaid` fence, in order. */
export interface Concept extends ConceptMetadata {
  body: string;
  diagrams: string[];
}
