import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Timestamps are epoch milliseconds; JSON columns hold the domain objects as stored text.

export const concepts = sqliteTable(
  'concepts',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    level: text('level').notNull(),
    domain: text('domain').notNull(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    prereqIds: text('prereq_ids', { mode: 'json' }).$type<string[]>().notNull(),
    resources: text('resources', { mode: 'json' }).$type<unknown[]>().notNull(),
    body: text('body').notNull(),
    quiz: text('quiz', { mode: 'json' }).$type<unknown[]>().notNull(),
    diagrams: text('diagrams', { mode: 'json' }).$type<string[]>().notNull(),
    updatedAtMs: integer('updated_at_ms').notNull(),
  },
  // Lets catalogueVersion(), run on every lesson request, read max(updated_at_ms) from the index
  // instead of from the end of each row, past the body and diagrams.
  (table) => [index('concepts_updated_idx').on(table.updatedAtMs)],
);

export const lessons = sqliteTable(
  'lessons',
  {
    id: text('id').primaryKey(),
    problem: text('problem').notNull(),
    constraints: text('constraints', { mode: 'json' }).$type<string[]>().notNull(),
    objectives: text('objectives', { mode: 'json' }).$type<string[]>().notNull(),
    analysis: text('analysis', { mode: 'json' }).$type<unknown>().notNull(),
    conceptIds: text('concept_ids', { mode: 'json' }).$type<string[]>().notNull(),
    concepts: text('concepts', { mode: 'json' }).$type<unknown[]>().notNull(),
    disagreements: text('disagreements', { mode: 'json' }).$type<unknown[]>().notNull(),
    learnerKey: text('learner_key'),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (table) => [index('lessons_learner_idx').on(table.learnerKey)],
);

/**
 * The body and pre-rendered diagrams that a card copies from its concept, stored once per distinct
 * content and shared by every card that shows it. The id is a SHA-256 of the content, so a concept
 * whose text changes gets a new row and older lessons keep the text they were made with.
 */
export const cardBodies = sqliteTable('card_bodies', {
  id: text('id').primaryKey(),
  body: text('body').notNull(),
  diagrams: text('diagrams', { mode: 'json' }).$type<string[]>().notNull(),
});

export const lessonCards = sqliteTable(
  'lesson_cards',
  {
    lessonId: text('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    conceptId: text('concept_id').notNull(),
    position: integer('position').notNull(),
    front: text('front', { mode: 'json' }).$type<unknown>().notNull(),
    back: text('back', { mode: 'json' }).$type<unknown>().notNull(),
    quiz: text('quiz', { mode: 'json' }).$type<unknown[]>().notNull(),
    images: text('images', { mode: 'json' }).$type<string[]>().notNull(),
    // Null on cards stored before card_bodies existed: their `back` contains body and diagrams.
    bodyId: text('body_id').references(() => cardBodies.id),
  },
  (table) => [primaryKey({ columns: [table.lessonId, table.position] })],
);

export const roleAnalyses = sqliteTable(
  'role_analyses',
  {
    lessonId: text('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    position: integer('position').notNull(),
    view: text('view').notNull(),
    evidence: text('evidence', { mode: 'json' }).$type<string[]>().notNull(),
    risks: text('risks', { mode: 'json' }).$type<string[]>().notNull(),
    tradeoffs: text('tradeoffs', { mode: 'json' }).$type<string[]>().notNull(),
    actions: text('actions', { mode: 'json' }).$type<string[]>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.lessonId, table.role] })],
);

export const podcasts = sqliteTable(
  'podcasts',
  {
    id: text('id').primaryKey(),
    lessonId: text('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    script: text('script').notNull(),
    audio: blob('audio', { mode: 'buffer' }),
    mimeType: text('mime_type'),
    durationMs: integer('duration_ms'),
    chapters: text('chapters', { mode: 'json' }).$type<unknown[]>().notNull(),
    showNotes: text('show_notes', { mode: 'json' }).$type<unknown>().notNull(),
    provider: text('provider'),
    error: text('error'),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (table) => [index('podcasts_lesson_idx').on(table.lessonId)],
);

export const exports = sqliteTable(
  'exports',
  {
    id: text('id').primaryKey(),
    lessonId: text('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    html: text('html').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (table) => [index('exports_lesson_idx').on(table.lessonId)],
);

/** What-if scenarios saved with a lesson: a name and the scenario's stated quantities and edits. */
export const lessonScenarios = sqliteTable(
  'lesson_scenarios',
  {
    id: text('id').primaryKey(),
    lessonId: text('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    scenario: text('scenario', { mode: 'json' }).$type<unknown>().notNull(),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (table) => [index('lesson_scenarios_lesson_idx').on(table.lessonId, table.createdAtMs)],
);

export const progress = sqliteTable(
  'progress',
  {
    learnerKey: text('learner_key').notNull(),
    conceptId: text('concept_id').notNull(),
    fsrsState: text('fsrs_state', { mode: 'json' }).$type<unknown>().notNull(),
    status: text('status').notNull(),
    scores: text('scores', { mode: 'json' }).$type<number[]>().notNull(),
    dueAtMs: integer('due_at_ms').notNull(),
    updatedAtMs: integer('updated_at_ms').notNull(),
  },
  (table) => [primaryKey({ columns: [table.learnerKey, table.conceptId] })],
);

export const reviewLogs = sqliteTable(
  'review_logs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    learnerKey: text('learner_key').notNull(),
    conceptId: text('concept_id').notNull(),
    rating: integer('rating').notNull(),
    source: text('source').notNull(),
    log: text('log', { mode: 'json' }).$type<unknown>().notNull(),
    reviewedAtMs: integer('reviewed_at_ms').notNull(),
  },
  (table) => [index('review_logs_learner_idx').on(table.learnerKey, table.reviewedAtMs)],
);
