import { DOMAINS, type ConceptMetadata, type Domain, type Level } from './types';

type GraphConcept = Pick<ConceptMetadata, 'id' | 'prereqIds'>;

/** The fields that filtering and search read. */
type SearchableConcept = Pick<ConceptMetadata, 'id' | 'title' | 'tags' | 'domain' | 'level'>;

/** A concept without its quiz, as the graph page and `GET /api/concepts` send it. */
export type ConceptSummary = Omit<ConceptMetadata, 'quiz'>;

/** One prerequisite edge: `source` must be learned before `target`. */
export interface PrerequisiteEdge {
  source: string;
  target: string;
}

/** The concepts of one domain, for drawing them as one group. */
export interface ConceptCluster {
  domain: Domain;
  conceptIds: string[];
}

/** The parts of the graph to highlight for one concept: its prerequisites and direct dependents. */
export interface ConceptPath {
  conceptId: string;
  /** Every ancestor, in learning-plan order (each after all of its own prerequisites). */
  plan: string[];
  /** Every edge that ends at the concept or at one of its ancestors, sorted. */
  edges: PrerequisiteEdge[];
  /** Concepts that list this one as a direct prerequisite, sorted by id. */
  dependents: string[];
}

/** Filters for `filterConcepts`; an empty or missing list allows every value. */
export interface ConceptFilter {
  domains?: readonly Domain[];
  levels?: readonly Level[];
  /** Text matched against ids, titles and tags, ignoring case, hyphens and repeated spaces. */
  query?: string;
}

/** Prerequisite graph with both edge directions, built once per catalogue. */
export interface ConceptGraph {
  prereqs: Map<string, string[]>;
  dependents: Map<string, string[]>;
}

export function buildGraph(concepts: GraphConcept[]): ConceptGraph {
  const prereqs = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  for (const concept of concepts) {
    prereqs.set(concept.id, [...concept.prereqIds]);
    dependents.set(concept.id, dependents.get(concept.id) ?? []);
    for (const prereqId of concept.prereqIds) {
      const list = dependents.get(prereqId) ?? [];
      list.push(concept.id);
      dependents.set(prereqId, list);
    }
  }
  for (const list of dependents.values()) list.sort();
  return { prereqs, dependents };
}

/** Returns every concept `id` depends on, directly or through others, sorted by id. */
export function ancestors(graph: ConceptGraph, id: string): string[] {
  return [...reach(graph.prereqs, id)].sort();
}

/** Returns every concept that depends on `id`, directly or through others, sorted by id. */
export function descendants(graph: ConceptGraph, id: string): string[] {
  return [...reach(graph.dependents, id)].sort();
}

/**
 * Returns the prerequisites to study before `id`, in an order where each comes after all of its
 * own prerequisites (Kahn's algorithm over the ancestors, ties broken by id). Mastered concepts
 * are left out but still order the rest.
 */
export function learningPlan(
  graph: ConceptGraph,
  id: string,
  mastered: ReadonlySet<string> = new Set(),
): string[] {
  const members = reach(graph.prereqs, id);
  const remaining = new Map<string, number>();
  for (const member of members) {
    remaining.set(member, (graph.prereqs.get(member) ?? []).filter((p) => members.has(p)).length);
  }
  const ready = [...remaining]
    .filter(([, count]) => count === 0)
    .map(([member]) => member)
    .sort();
  const order: string[] = [];
  while (ready.length > 0) {
    const next = ready.shift()!;
    order.push(next);
    for (const dependent of graph.dependents.get(next) ?? []) {
      if (!remaining.has(dependent)) continue;
      const count = remaining.get(dependent)! - 1;
      remaining.set(dependent, count);
      if (count === 0) {
        ready.push(dependent);
        ready.sort();
      }
    }
  }
  return order.filter((member) => !mastered.has(member));
}

/** Returns every prerequisite edge of the graph, sorted by source and then target. */
export function prerequisiteEdges(graph: ConceptGraph): PrerequisiteEdge[] {
  const edges: PrerequisiteEdge[] = [];
  for (const [target, prereqIds] of graph.prereqs) {
    for (const source of prereqIds) edges.push({ source, target });
  }
  return edges.sort(compareEdges);
}

/**
 * Returns the concept's learning plan, the edges among it and its ancestors, and its direct
 * dependents. Every edge into an ancestor starts at another ancestor, so the edges into the
 * concept and its ancestors are exactly the edges of the prerequisite path.
 */
export function prerequisitePath(graph: ConceptGraph, id: string): ConceptPath {
  const plan = learningPlan(graph, id);
  const edges: PrerequisiteEdge[] = [];
  for (const target of [...plan, id]) {
    for (const source of graph.prereqs.get(target) ?? []) edges.push({ source, target });
  }
  return {
    conceptId: id,
    plan,
    edges: edges.sort(compareEdges),
    dependents: [...(graph.dependents.get(id) ?? [])],
  };
}

/**
 * Groups concepts by domain, in the order of `DOMAINS`, with ids sorted. Domains without a
 * concept are left out.
 */
export function clusters(concepts: Pick<ConceptMetadata, 'id' | 'domain'>[]): ConceptCluster[] {
  const byDomain = new Map<Domain, string[]>();
  for (const concept of concepts) {
    const list = byDomain.get(concept.domain) ?? [];
    list.push(concept.id);
    byDomain.set(concept.domain, list);
  }
  return DOMAINS.filter((domain) => byDomain.has(domain)).map((domain) => ({
    domain,
    conceptIds: byDomain.get(domain)!.sort(),
  }));
}

/**
 * Returns the concepts in any of the given domains and at any of the given levels. With a
 * query, keeps only the concepts it matches, best match first (see `searchConcepts`). Without
 * one, or with a blank one, keeps the input order.
 */
export function filterConcepts<T extends SearchableConcept>(
  concepts: readonly T[],
  filter: ConceptFilter,
): T[] {
  const domains = filter.domains?.length ? new Set(filter.domains) : undefined;
  const levels = filter.levels?.length ? new Set(filter.levels) : undefined;
  const inFilters = concepts.filter(
    (concept) =>
      (!domains || domains.has(concept.domain)) && (!levels || levels.has(concept.level)),
  );
  const query = filter.query ?? '';
  return normalizeText(query) === '' ? inFilters : searchConcepts(inFilters, query);
}

/**
 * Returns the concepts whose id, title or a tag contains the query, best match first. The ranks
 * are an exact id or title, a title that starts with the query, a title word that starts with
 * it, an exact tag, a title that contains it, a tag that contains it, and last a title or tag
 * that contains it once spaces are ignored on both sides. Ties keep id order. Case, hyphens, underscores and repeated spaces are ignored, and a blank query matches
 * nothing.
 */
export function searchConcepts<T extends SearchableConcept>(
  concepts: readonly T[],
  query: string,
): T[] {
  const needle = normalizeText(query);
  if (needle === '') return [];
  return concepts
    .map((concept) => ({ concept, rank: matchRank(concept, needle) }))
    .filter((match): match is { concept: T; rank: number } => match.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.concept.id.localeCompare(b.concept.id))
    .map((match) => match.concept);
}

/** Returns the concept without its quiz. */
export function toConceptSummary(concept: ConceptMetadata): ConceptSummary {
  return {
    id: concept.id,
    title: concept.title,
    summary: concept.summary,
    level: concept.level,
    domain: concept.domain,
    tags: concept.tags,
    prereqIds: concept.prereqIds,
    resources: concept.resources,
  };
}

/** Ranks how well a concept matches a normalized query, from 0 (best); undefined is no match. */
function matchRank(concept: SearchableConcept, needle: string): number | undefined {
  const title = normalizeText(concept.title);
  const tags = concept.tags.map(normalizeText);
  if (concept.id.toLowerCase() === needle || title === needle) return 0;
  if (title.startsWith(needle)) return 1;
  if (title.split(/[\s()/,:]+/).some((word) => word.startsWith(needle))) return 2;
  if (tags.includes(needle)) return 3;
  if (title.includes(needle)) return 4;
  if (tags.some((tag) => tag.includes(needle))) return 5;
  // "allreduce" finds "All-Reduce", and "all reduce" finds a tag written "allreduce".
  const joined = needle.replaceAll(' ', '');
  if ([title, ...tags].some((text) => text.replaceAll(' ', '').includes(joined))) return 6;
  return undefined;
}

function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[-_\s]+/g, ' ')
    .trim();
}

function compareEdges(a: PrerequisiteEdge, b: PrerequisiteEdge): number {
  return a.source.localeCompare(b.source) || a.target.localeCompare(b.target);
}

function reach(edges: Map<string, string[]>, start: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(edges.get(start) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id) || id === start) continue;
    seen.add(id);
    stack.push(...(edges.get(id) ?? []));
  }
  return seen;
}
