import {
  bigint,
  bigserial,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
} from 'drizzle-orm/pg-core';

// Same tables as the SQLite schema; timestamps are epoch milliseconds in bigint columns.

const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

const epochMs = (name: string) => bigint(name, { mode: 'number' });

export const concepts = pgTable(
  'concepts',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    level: text('level').notNull(),
    domain: text('domain').notNull(),
    tags: jsonb('tags').$type<string[]>().notNull(),
    prereqIds: jsonb('prereq_ids').$type<string[]>().notNull(),
    resources: jsonb('resources').$type<unknown[]>().notNull(),
    body: text('body').notNull(),
    quiz: jsonb('quiz').$type<unknown[]>().notNull(),
    diagrams: jsonb('diagrams').$type<string[]>().notNull(),
    updatedAtMs: epochMs('updated_at_ms').notNull(),
  },
  // Lets catalogueVersion(), run on every lesson request, read max(updated_at_ms) from the index
  // instead of from the end of each row, past the body and diagrams.
  (table) => [index('concepts_updated_idx').on(table.updatedAtMs)],
);

export const lessons = pgTable(
  'lessons',
  {
    id: text('id').primaryKey(),
    problem: text('problem').notNull(),
    constraints: jsonb('constraints').$type<string[]>().notNull(),
    objectives: jsonb('objectives').$type<string[]>().notNull(),
    analysis: jsonb('analysis').$type<unknown>().notNull(),
    conceptIds: jsonb('concept_ids').$type<string[]>().notNull(),
    concepts: jsonb('concepts').$type<unknown[]>().notNull(),
    disagreements: jsonb('disagreements').$type<unknown[]>().notNull(),
    learnerKey: text('learner_key'),
    createdAtMs: epochMs('created_at_ms').notNull(),
  },
  (table) => [index('lessons_learner_idx').on(table.learnerKey)],
);

/**
 * The body and pre-rendered diagrams that a card copies from its concept, stored once per distinct
 * content and shared by every card that shows it. The id is a SHA-256 of the content, so a concept
 * whose text changes gets a new row and older lessons keep the text they were made with.
 */
export const cardBodies = pgTable('card_bodies', {
  id: text('id').primaryKey(),
  body: text('body').notNull(),
  diagrams: jsonb('diagrams').$type<string[]>().notNull(),
});

export const lessonCards = pgTable(
  'lesson_cards',
  {
    lessonId: text('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    conceptId: text('concept_id').notNull(),
    position: integer('position').notNull(),
    front: jsonb('front').$type<unknown>().notNull(),
    back: jsonb('back').$type<unknown>().notNull(),
    quiz: jsonb('quiz').$type<unknown[]>().notNull(),
    images: jsonb('images').$type<string[]>().notNull(),
    // Null on cards stored before card_bodies existed: their `back` contains body and diagrams.
    bodyId: text('body_id').references(() => cardBodies.id),
  },
  (table) => [primaryKey({ columns: [table.lessonId, table.position] })],
);

export const roleAnalyses = pgTable(
  'role_analyses',
  {
    lessonId: text('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    position: integer('position').notNull(),
    view: text('view').notNull(),
    evidence: jsonb('evidence').$type<string[]>().notNull(),
    risks: jsonb('risks').$type<string[]>().notNull(),
    tradeoffs: jsonb('tradeoffs').$type<string[]>().notNull(),
    actions: jsonb('actions').$type<string[]>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.lessonId, table.role] })],
);

export const podcasts = pgTable(
  'podcasts',
  {
    id: text('id').primaryKey(),
    lessonId: text('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    script: text('script').notNull(),
    audio: bytea('audio'),
    mimeType: text('mime_type'),
    durationMs: integer('duration_ms'),
    chapters: jsonb('chapters').$type<unknown[]>().notNull(),
    showNotes: jsonb('show_notes').$type<unknown>().notNull(),
    provider: text('provider'),
    error: text('error'),
    createdAtMs: epochMs('created_at_ms').notNull(),
  },
  (table) => [index('podcasts_lesson_idx').on(table.lessonId)],
);

export const exports = pgTable(
  'exports',
  {
    id: text('id').primaryKey(),
    lessonId: text('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    html: text('html').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    createdAtMs: epochMs('created_at_ms').notNull(),
  },
  (table) => [index('exports_lesson_idx').on(table.lessonId)],
);

/** What-if scenarios saved with a lesson: a name and the scenario's stated quantities and edits. */
export const lessonScenarios = pgTable(
  'lesson_scenarios',
  {
    id: text('id').primaryKey(),
    lessonId: text('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    scenario: jsonb('scenario').$type<unknown>().notNull(),
    createdAtMs: epochMs('created_at_ms').notNull(),
  },
  (table) => [index('lesson_scenarios_lesson_idx').on(table.lessonId, table.createdAtMs)],
);

export const progress = pgTable(
  'progress',
  {
    learnerKey: text('learner_key').notNull(),
    conceptId: text('concept_id').notNull(),
    fsrsState: jsonb('fsrs_state').$type<unknown>().notNull(),
    status: text('status').notNull(),
    scores: jsonb('scores').$type<number[]>().notNull(),
    dueAtMs: epochMs('due_at_ms').notNull(),
    updatedAtMs: epochMs('updated_at_ms').notNull(),
  },
  (table) => [primaryKey({ columns: [table.learnerKey, table.conceptId] })],
);

export const reviewLogs = pgTable(
  'review_logs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    learnerKey: text('learner_key').notNull(),
    conceptId: text('concept_id').notNull(),
    rating: integer('rating').notNull(),
    source: text('source').notNull(),
    log: jsonb('log').$type<unknown>().notNull(),
    reviewedAtMs: epochMs('reviewed_at_ms').notNull(),
  },
  (table) => [index('review_logs_learner_idx').on(table.learnerKey, table.reviewedAtMs)],
);
