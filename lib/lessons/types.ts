import type { Analysis } from '../analysis';
import type { Domain, Level, QuizQuestion } from '../knowledge/types';

/** Role ids of the six-role analysis, in display order. */
export const ROLE_IDS = [
  'architect',
  'data-lead',
  'training-engineer',
  'sre',
  'cost-officer',
  'red-team',
] as const;
export type RoleId = (typeof ROLE_IDS)[number];

/** A concept chosen for a lesson, with the reason a learner can check. */
export interface LessonConcept {
  id: string;
  title: string;
  domain: Domain;
  level: Level;
  reason: string;
}

export interface CardFront {
  title: string;
  level: Level;
  domain: Domain;
  tags: string[];
  summary: string;
  whyItMatters: string;
}

export interface CardBack {
  /** The concept body, Markdown. */
  body: string;
  /** Markdown that applies the concept to this problem's numbers; empty when no estimate applies. */
  applied: string;
  /** Pre-rendered SVG of each `mermaid` fence of the body, in order. */
  diagrams: string[];
}

export interface LessonCard {
  conceptId: string;
  position: number;
  front: CardFront;
  back: CardBack;
  quiz: QuizQuestion[];
  /** Inline images (data URIs) that the content provides; never generated. */
  images: string[];
}

export interface RoleAnalysis {
  role: RoleId;
  view: string;
  evidence: string[];
  risks: string[];
  tradeoffs: string[];
  actions: string[];
}

export interface Disagreement {
  roles: [RoleId, RoleId];
  tension: string;
  settledBy: string;
}

/** A generated lesson as stored and as `lesson --json` prints it. */
export interface Lesson {
  id: string;
  problem: string;
  constraints: string[];
  objectives: string[];
  analysis: Analysis;
  concepts: LessonConcept[];
  cards: LessonCard[];
  roles: RoleAnalysis[];
  disagreements: Disagreement[];
  learnerKey: string | null;
  createdAt: string;
}
