import type { Concept, Domain, Level, QuizQuestion, Resource } from '../knowledge/types';
import type { Analysis } from '../analysis';
import type {
  CardFront,
  Disagreement,
  Lesson,
  LessonCard,
  LessonConcept,
  RoleAnalysis,
  RoleId,
} from '../lessons/types';
import type { PodcastAudio, PodcastRecord } from '../podcast/types';
import { cardBodyId, joinCardBack, type CardBodyRow, type StoredCardBack } from './card-bodies';

export type DatabaseKind = 'sqlite' | 'postgres';

/** One row of the lesson list: enough to recognise a lesson and open it. */
export interface LessonSummary {
  id: string;
  problem: string;
  conceptTitles: string[];
  createdAt: string;
}

/** Escapes LIKE wildcards so a search for "50%" matches the text "50%", not "50" and anything. */
export function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

export function rowToLessonSummary(row: {
  id: string;
  problem: string;
  concepts: unknown[];
  createdAtMs: number;
}): LessonSummary {
  return {
    id: row.id,
    problem: row.problem,
    conceptTitles: (row.concepts as { title: string }[]).map((concept) => concept.title),
    createdAt: new Date(row.createdAtMs).toISOString(),
  };
}

/** Counts of what `replaceConcepts` changed. */
export interface CatalogueChange {
  inserted: number;
  updated: number;
  deleted: number;
}

/**
 * Data access shared by the web app, the worker and the CLI. Both the SQLite and the
 * PostgreSQL implementation pass the same repository test suite.
 */
export interface Repository {
  readonly kind: DatabaseKind;
  /** Applies every pending migration. Safe to call on every start. */
  migrate(): Promise<void>;
  /** Drops every table and the migration history, leaving an empty database. */
  dropAll(): Promise<void>;
  /** Releases the connection or pool; the repository is unusable afterwards. */
  close(): Promise<void>;

  countConcepts(): Promise<number>;
  /** Returns a token that changes whenever the stored catalogue changes (count and last update). */
  catalogueVersion(): Promise<string>;
  listConcepts(): Promise<Concept[]>;
  getConcept(id: string): Promise<Concept | undefined>;
  /** Makes the stored catalogue equal to `concepts` in one transaction. */
  replaceConcepts(concepts: Concept[], nowMs: number): Promise<CatalogueChange>;

  /** Stores a lesson with its cards and role analyses in one transaction. */
  insertLesson(lesson: Lesson): Promise<void>;
  getLesson(id: string): Promise<Lesson | undefined>;
  countLessons(): Promise<number>;
  /** Lists lessons newest first, optionally those whose problem contains `query` (any case). */
  listLessons(options: { query?: string; limit: number }): Promise<LessonSummary[]>;

  /** Stores a new podcast row; returns false and changes nothing when the id is taken. */
  insertPodcast(podcast: PodcastRecord): Promise<boolean>;
  /** Stores a podcast's audio, duration, chapters and provider, and marks it `ready`. */
  completePodcast(id: string, audio: PodcastAudio): Promise<void>;
  /** Marks a podcast `failed` with the reason. */
  failPodcast(id: string, error: string): Promise<void>;
  /** Returns a podcast without its audio bytes. */
  getPodcast(id: string): Promise<PodcastRecord | undefined>;
  /** Returns a ready podcast's audio bytes and content type. */
  getPodcastAudio(id: string): Promise<{ audio: Buffer; mimeType: string } | undefined>;
  /** Returns a lesson's podcasts without audio, newest first. */
  listPodcasts(lessonId: string): Promise<PodcastRecord[]>;

  // Spaced repetition. Each method reads or writes only the rows of the learner key it is
  // given, and no method lists learner keys. Types live in lib/progress/types.ts.
  /** Returns the learner's progress rows, ordered by concept id. */
  listProgress(learnerKey: string): Promise<import('../progress/types').ConceptProgress[]>;
  /** Returns the learner's review log in the order it was written, from `sinceMs` on if given. */
  listReviewLogs(
    learnerKey: string,
    sinceMs?: number,
  ): Promise<import('../progress/types').ReviewLogEntry[]>;
  /**
   * Applies one rating in one transaction: locks the learner's rows for `conceptIds` (SQLite's
   * write lock, or row locks on PostgreSQL), passes them to `compute`, then upserts the progress
   * rows and appends the log entries it returns. Concurrent ratings therefore apply one after
   * another and none is lost. Returns what `compute` returned.
   */
  updateProgress(
    learnerKey: string,
    conceptIds: readonly string[],
    compute: import('../progress/types').ProgressCompute,
  ): Promise<import('../progress/types').ProgressChange>;
  /** Replaces all of the learner's progress rows and review log in one transaction. */
  replaceProgress(
    learnerKey: string,
    data: import('../progress/types').ProgressChange,
  ): Promise<void>;

  // Single-file HTML exports. Types live in lib/export/types.ts.
  /** Stores an export; returns false and changes nothing when its id is already stored. */
  insertExport(record: import('../export/types').ExportRecord): Promise<boolean>;
  /** Returns a stored export with its HTML. */
  getExport(id: string): Promise<import('../export/types').ExportRecord | undefined>;
  /** Returns a lesson's exports without their HTML, newest first. */
  listExports(lessonId: string): Promise<import('../export/types').ExportSummary[]>;

  // What-if scenarios saved with a lesson. Types live in lib/whatif/saved.ts.
  /**
   * Stores a saved scenario. Its lesson must exist, or the foreign key rejects the row. When
   * `admit` is given, it first receives the lesson's stored scenarios, oldest first, and throws to
   * reject the new one, which then stores nothing. Saves to the same lesson run one after another
   * (SQLite's write lock, or a row lock on the lesson in PostgreSQL), so a rule that `admit`
   * checks, such as a unique name, holds for saves that arrive at once.
   */
  insertLessonScenario(
    scenario: import('../whatif/saved').SavedScenario,
    admit?: (stored: import('../whatif/saved').SavedScenario[]) => void,
  ): Promise<void>;
  /** Returns a lesson's saved scenarios, oldest first. */
  listLessonScenarios(lessonId: string): Promise<import('../whatif/saved').SavedScenario[]>;
  /** Returns how many scenarios a lesson has saved. */
  countLessonScenarios(lessonId: string): Promise<number>;
  /** Deletes one of a lesson's saved scenarios. Returns false when the lesson has no such one. */
  deleteLessonScenario(lessonId: string, scenarioId: string): Promise<boolean>;
}

/** Column values of a `concepts` row, identical in both dialects. */
export interface ConceptRow {
  id: string;
  title: string;
  summary: string;
  level: string;
  domain: string;
  tags: string[];
  prereqIds: string[];
  resources: unknown[];
  body: string;
  quiz: unknown[];
  diagrams: string[];
  updatedAtMs: number;
}

export interface LessonRow {
  id: string;
  problem: string;
  constraints: string[];
  objectives: string[];
  analysis: unknown;
  conceptIds: string[];
  concepts: unknown[];
  disagreements: unknown[];
  learnerKey: string | null;
  createdAtMs: number;
}

export interface LessonCardRow {
  lessonId: string;
  conceptId: string;
  position: number;
  front: unknown;
  /** A `StoredCardBack` when `bodyId` is set, else the whole `CardBack`. */
  back: unknown;
  quiz: unknown[];
  images: string[];
  bodyId: string | null;
}

/** A `lesson_cards` row read with the `card_bodies` row it refers to, if any. */
export interface LessonCardWithBody {
  card: LessonCardRow;
  shared: { body: string; diagrams: string[] } | null;
}

export interface RoleAnalysisRow {
  lessonId: string;
  role: string;
  position: number;
  view: string;
  evidence: string[];
  risks: string[];
  tradeoffs: string[];
  actions: string[];
}

export function conceptToRow(concept: Concept, nowMs: number): ConceptRow {
  return {
    id: concept.id,
    title: concept.title,
    summary: concept.summary,
    level: concept.level,
    domain: concept.domain,
    tags: concept.tags,
    prereqIds: concept.prereqIds,
    resources: concept.resources,
    body: concept.body,
    quiz: concept.quiz,
    diagrams: concept.diagrams,
    updatedAtMs: nowMs,
  };
}

export function rowToConcept(row: ConceptRow): Concept {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    level: row.level as Level,
    domain: row.domain as Domain,
    tags: row.tags,
    prereqIds: row.prereqIds,
    resources: row.resources as Resource[],
    body: row.body,
    quiz: row.quiz as QuizQuestion[],
    diagrams: row.diagrams,
  };
}

/**
 * Returns whether two concepts differ in any stored field. Keys are compared sorted, because
 * PostgreSQL's jsonb does not keep the order in which object keys were written.
 */
export function conceptChanged(stored: ConceptRow, next: ConceptRow): boolean {
  const { updatedAtMs: _storedAt, ...storedFields } = stored;
  const { updatedAtMs: _nextAt, ...nextFields } = next;
  return stableJson(storedFields) !== stableJson(nextFields);
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/**
 * Splits a lesson into its rows. Each card's body and diagrams go to a `card_bodies` row, listed
 * once however many cards share it, and the card row keeps the rest of its back.
 */
export function lessonToRows(lesson: Lesson): {
  lesson: LessonRow;
  cards: LessonCardRow[];
  bodies: CardBodyRow[];
  roles: RoleAnalysisRow[];
} {
  const bodies = new Map<string, CardBodyRow>();
  const cards = lesson.cards.map((card): LessonCardRow => {
    const { body, applied, diagrams } = card.back;
    const bodyId = cardBodyId(body, diagrams);
    if (!bodies.has(bodyId)) bodies.set(bodyId, { id: bodyId, body, diagrams });
    return {
      lessonId: lesson.id,
      conceptId: card.conceptId,
      position: card.position,
      front: card.front,
      back: { applied } satisfies StoredCardBack,
      quiz: card.quiz,
      images: card.images,
      bodyId,
    };
  });
  return {
    lesson: {
      id: lesson.id,
      problem: lesson.problem,
      constraints: lesson.constraints,
      objectives: lesson.objectives,
      analysis: lesson.analysis,
      conceptIds: lesson.concepts.map((concept) => concept.id),
      concepts: lesson.concepts,
      disagreements: lesson.disagreements,
      learnerKey: lesson.learnerKey,
      createdAtMs: Date.parse(lesson.createdAt),
    },
    cards,
    bodies: [...bodies.values()],
    roles: lesson.roles.map((role, position) => ({ lessonId: lesson.id, position, ...role })),
  };
}

export function rowsToLesson(
  row: LessonRow,
  cardRows: LessonCardWithBody[],
  roleRows: RoleAnalysisRow[],
): Lesson {
  const cards: LessonCard[] = [...cardRows]
    .sort((a, b) => a.card.position - b.card.position)
    .map(({ card, shared }) => ({
      conceptId: card.conceptId,
      position: card.position,
      front: card.front as CardFront,
      back: joinCardBack(card.back, shared),
      quiz: card.quiz as QuizQuestion[],
      images: card.images,
    }));
  const roles: RoleAnalysis[] = [...roleRows]
    .sort((a, b) => a.position - b.position)
    .map((role) => ({
      role: role.role as RoleId,
      view: role.view,
      evidence: role.evidence,
      risks: role.risks,
      tradeoffs: role.tradeoffs,
      actions: role.actions,
    }));
  return {
    id: row.id,
    problem: row.problem,
    constraints: row.constraints,
    objectives: row.objectives,
    analysis: row.analysis as Analysis,
    concepts: row.concepts as LessonConcept[],
    cards,
    roles,
    disagreements: row.disagreements as Disagreement[],
    learnerKey: row.learnerKey,
    createdAt: new Date(row.createdAtMs).toISOString(),
  };
}

/** Column values of a `lesson_scenarios` row, identical in both dialects. */
export interface LessonScenarioRow {
  id: string;
  lessonId: string;
  name: string;
  scenario: unknown;
  createdAtMs: number;
}

export function lessonScenarioToRow(
  saved: import('../whatif/saved').SavedScenario,
): LessonScenarioRow {
  return {
    id: saved.id,
    lessonId: saved.lessonId,
    name: saved.name,
    scenario: saved.scenario,
    createdAtMs: Date.parse(saved.createdAt),
  };
}

export function rowToLessonScenario(
  row: LessonScenarioRow,
): import('../whatif/saved').SavedScenario {
  return {
    id: row.id,
    lessonId: row.lessonId,
    name: row.name,
    scenario: row.scenario as import('../whatif/saved').StoredScenario,
    createdAt: new Date(Number(row.createdAtMs)).toISOString(),
  };
}
