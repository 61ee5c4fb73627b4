import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  inArray,
  max,
  notInArray,
  sql,
} from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

import { fromRoot } from '../paths';
import type { Concept } from '../knowledge/types';
import type { Lesson } from '../lessons/types';
import type { PodcastAudio, PodcastRecord } from '../podcast/types';
import { MAX_PODCAST_ERROR_CHARS, podcastToRow, rowToPodcast } from './podcast-rows';
import {
  conceptChanged,
  conceptToRow,
  lessonToRows,
  rowsToLesson,
  rowToConcept,
  lessonScenarioToRow,
  likePattern,
  rowToLessonScenario,
  rowToLessonSummary,
  type CatalogueChange,
  type LessonSummary,
  type Repository,
} from './repository';
import * as schema from './schema/pg';

/** Every `podcasts` column except the audio bytes. */
const { audio: _audio, ...podcastColumns } = getTableColumns(schema.podcasts);

/** Connections per process; two cores serve little more than this in parallel. */
const POOL_SIZE = 10;
/** How long to wait for a new connection before failing, in ms. */
const CONNECT_TIMEOUT_MS = 5_000;
/** Arbitrary key that serialises concurrent migrations from several processes. */
const MIGRATION_LOCK_KEY = 72_410_001;

/** Repository on PostgreSQL through node-postgres. */
export class PgRepository implements Repository {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly db: NodePgDatabase<typeof schema>;

  constructor(connectionString: string) {
    this.pool = new pg.Pool({
      connectionString,
      max: POOL_SIZE,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    // An idle client that loses its server emits here; without a listener the process dies.
    this.pool.on('error', () => undefined);
    this.db = drizzle(this.pool, { schema });
  }

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await migrate(drizzle(client, { schema }), {
        migrationsFolder: fromRoot('lib', 'db', 'migrations', 'pg'),
      });
    } finally {
      await client
        .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
        .catch(() => undefined);
      client.release();
    }
  }

  async dropAll(): Promise<void> {
    await this.pool.query(
      'DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS drizzle CASCADE',
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async countConcepts(): Promise<number> {
    const [row] = await this.db.select({ total: count() }).from(schema.concepts);
    return row?.total ?? 0;
  }

  async catalogueVersion(): Promise<string> {
    const [row] = await this.db
      .select({ total: count(), lastUpdateMs: max(schema.concepts.updatedAtMs) })
      .from(schema.concepts);
    return `${row?.total ?? 0}:${row?.lastUpdateMs ?? 0}`;
  }

  async listConcepts(): Promise<Concept[]> {
    const rows = await this.db.select().from(schema.concepts).orderBy(asc(schema.concepts.id));
    return rows.map(rowToConcept);
  }

  async getConcept(id: string): Promise<Concept | undefined> {
    const [row] = await this.db.select().from(schema.concepts).where(eq(schema.concepts.id, id));
    return row ? rowToConcept(row) : undefined;
  }

  async replaceConcepts(concepts: Concept[], nowMs: number): Promise<CatalogueChange> {
    return this.db.transaction(async (tx) => {
      const change: CatalogueChange = { inserted: 0, updated: 0, deleted: 0 };
      const storedRows = await tx.select().from(schema.concepts);
      const stored = new Map(storedRows.map((row) => [row.id, row]));
      for (const concept of concepts) {
        const row = conceptToRow(concept, nowMs);
        const previous = stored.get(concept.id);
        if (!previous) {
          await tx.insert(schema.concepts).values(row);
          change.inserted += 1;
        } else if (conceptChanged(previous, row)) {
          await tx.update(schema.concepts).set(row).where(eq(schema.concepts.id, concept.id));
          change.updated += 1;
        }
      }
      const keep = concepts.map((concept) => concept.id);
      const removed = await tx
        .delete(schema.concepts)
        .where(keep.length > 0 ? notInArray(schema.concepts.id, keep) : undefined);
      change.deleted = removed.rowCount ?? 0;
      return change;
    });
  }

  async insertLesson(lesson: Lesson): Promise<void> {
    const rows = lessonToRows(lesson);
    await this.db.transaction(async (tx) => {
      await tx.insert(schema.lessons).values(rows.lesson);
      if (rows.bodies.length > 0) {
        // Card bodies are about 30 kB each and most are stored already, so only the missing ones
        // are sent. When two lessons add the same body at once, the second insert does nothing.
        const stored = await tx
          .select({ id: schema.cardBodies.id })
          .from(schema.cardBodies)
          .where(
            inArray(
              schema.cardBodies.id,
              rows.bodies.map((body) => body.id),
            ),
          );
        const storedIds = new Set(stored.map((row) => row.id));
        const missing = rows.bodies.filter((body) => !storedIds.has(body.id));
        if (missing.length > 0) {
          await tx.insert(schema.cardBodies).values(missing).onConflictDoNothing();
        }
      }
      if (rows.cards.length > 0) await tx.insert(schema.lessonCards).values(rows.cards);
      if (rows.roles.length > 0) await tx.insert(schema.roleAnalyses).values(rows.roles);
    });
  }

  async getLesson(id: string): Promise<Lesson | undefined> {
    const [row] = await this.db.select().from(schema.lessons).where(eq(schema.lessons.id, id));
    if (!row) return undefined;
    const cards = await this.db
      .select({ card: schema.lessonCards, shared: schema.cardBodies })
      .from(schema.lessonCards)
      .leftJoin(schema.cardBodies, eq(schema.lessonCards.bodyId, schema.cardBodies.id))
      .where(eq(schema.lessonCards.lessonId, id));
    const roles = await this.db
      .select()
      .from(schema.roleAnalyses)
      .where(eq(schema.roleAnalyses.lessonId, id));
    return rowsToLesson(row, cards, roles);
  }

  async countLessons(): Promise<number> {
    const [row] = await this.db.select({ total: count() }).from(schema.lessons);
    return row?.total ?? 0;
  }

  async listLessons(options: { query?: string; limit: number }): Promise<LessonSummary[]> {
    const query = options.query?.trim();
    const rows = await this.db
      .select({
        id: schema.lessons.id,
        problem: schema.lessons.problem,
        concepts: schema.lessons.concepts,
        createdAtMs: schema.lessons.createdAtMs,
      })
      .from(schema.lessons)
      .where(
        query ? sql`${schema.lessons.problem} ILIKE ${likePattern(query)} ESCAPE '\\'` : undefined,
      )
      .orderBy(desc(schema.lessons.createdAtMs), desc(schema.lessons.id))
      .limit(options.limit);
    return rows.map(rowToLessonSummary);
  }

  async insertPodcast(podcast: PodcastRecord): Promise<boolean> {
    const result = await this.db
      .insert(schema.podcasts)
      .values(podcastToRow(podcast))
      .onConflictDoNothing();
    return (result.rowCount ?? 0) > 0;
  }

  async completePodcast(id: string, audio: PodcastAudio): Promise<void> {
    const result = await this.db
      .update(schema.podcasts)
      .set({ ...audio, status: 'ready', error: null })
      .where(eq(schema.podcasts.id, id));
    if ((result.rowCount ?? 0) === 0) throw new Error(`no podcast with id "${id}" to complete`);
  }

  async failPodcast(id: string, error: string): Promise<void> {
    await this.db
      .update(schema.podcasts)
      .set({ status: 'failed', error: error.slice(0, MAX_PODCAST_ERROR_CHARS) })
      .where(eq(schema.podcasts.id, id));
  }

  async getPodcast(id: string): Promise<PodcastRecord | undefined> {
    const [row] = await this.db
      .select(podcastColumns)
      .from(schema.podcasts)
      .where(eq(schema.podcasts.id, id));
    return row ? rowToPodcast(row) : undefined;
  }

  async getPodcastAudio(id: string): Promise<{ audio: Buffer; mimeType: string } | undefined> {
    const [row] = await this.db
      .select({ audio: schema.podcasts.audio, mimeType: schema.podcasts.mimeType })
      .from(schema.podcasts)
      .where(and(eq(schema.podcasts.id, id), eq(schema.podcasts.status, 'ready')));
    if (!row?.audio || !row.mimeType) return undefined;
    return { audio: row.audio, mimeType: row.mimeType };
  }

  async listPodcasts(lessonId: string): Promise<PodcastRecord[]> {
    const rows = await this.db
      .select(podcastColumns)
      .from(schema.podcasts)
      .where(eq(schema.podcasts.lessonId, lessonId))
      .orderBy(desc(schema.podcasts.createdAtMs), desc(schema.podcasts.id));
    return rows.map(rowToPodcast);
  }

  // Single-file HTML exports.
  async insertExport(record: import('../export/types').ExportRecord): Promise<boolean> {
    const result = await this.db
      .insert(schema.exports)
      .values({
        id: record.id,
        lessonId: record.lessonId,
        html: record.html,
        sizeBytes: record.sizeBytes,
        createdAtMs: Date.parse(record.createdAt),
      })
      .onConflictDoNothing();
    return (result.rowCount ?? 0) > 0;
  }

  async getExport(id: string): Promise<import('../export/types').ExportRecord | undefined> {
    const [row] = await this.db.select().from(schema.exports).where(eq(schema.exports.id, id));
    if (!row) return undefined;
    const { createdAtMs, ...fields } = row;
    return { ...fields, createdAt: new Date(Number(createdAtMs)).toISOString() };
  }

  async listExports(lessonId: string): Promise<import('../export/types').ExportSummary[]> {
    const rows = await this.db
      .select({
        id: schema.exports.id,
        lessonId: schema.exports.lessonId,
        sizeBytes: schema.exports.sizeBytes,
        createdAtMs: schema.exports.createdAtMs,
      })
      .from(schema.exports)
      .where(eq(schema.exports.lessonId, lessonId))
      .orderBy(desc(schema.exports.createdAtMs), desc(schema.exports.id));
    return rows.map(({ createdAtMs, ...fields }) => ({
      ...fields,
      createdAt: new Date(Number(createdAtMs)).toISOString(),
    }));
  }

  // What-if scenarios saved with a lesson.
  async insertLessonScenario(
    saved: import('../whatif/saved').SavedScenario,
    admit?: (stored: import('../whatif/saved').SavedScenario[]) => void,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Locking the lesson row makes a concurrent save to the same lesson wait here, so its list
      // includes this scenario. NO KEY UPDATE leaves the foreign key checks of
      // podcasts and exports, which take KEY SHARE, free to proceed.
      await tx
        .select({ id: schema.lessons.id })
        .from(schema.lessons)
        .where(eq(schema.lessons.id, saved.lessonId))
        .for('no key update');
      if (admit) {
        const rows = await tx
          .select()
          .from(schema.lessonScenarios)
          .where(eq(schema.lessonScenarios.lessonId, saved.lessonId))
          .orderBy(asc(schema.lessonScenarios.createdAtMs), asc(schema.lessonScenarios.id));
        admit(rows.map(rowToLessonScenario));
      }
      await tx.insert(schema.lessonScenarios).values(lessonScenarioToRow(saved));
    });
  }

  async listLessonScenarios(lessonId: string): Promise<import('../whatif/saved').SavedScenario[]> {
    const rows = await this.db
      .select()
      .from(schema.lessonScenarios)
      .where(eq(schema.lessonScenarios.lessonId, lessonId))
      .orderBy(asc(schema.lessonScenarios.createdAtMs), asc(schema.lessonScenarios.id));
    return rows.map(rowToLessonScenario);
  }

  async countLessonScenarios(lessonId: string): Promise<number> {
    const [row] = await this.db
      .select({ value: count() })
      .from(schema.lessonScenarios)
      .where(eq(schema.lessonScenarios.lessonId, lessonId));
    return Number(row?.value ?? 0);
  }

  async deleteLessonScenario(lessonId: string, scenarioId: string): Promise<boolean> {
    const result = await this.db
      .delete(schema.lessonScenarios)
      .where(
        and(
          eq(schema.lessonScenarios.lessonId, lessonId),
          eq(schema.lessonScenarios.id, scenarioId),
        ),
      );
    return (result.rowCount ?? 0) > 0;
  }

  // Spaced repetition: progress rows and the review log. Raw SQL on one pooled client, so that
  // a rating's SELECT ... FOR UPDATE, compute and writes share one transaction.
  private static readonly RATING_NAMES = ['again', 'hard', 'good', 'easy'] as const;
  /**
   * Attempts of one rating transaction. A retry happens only when another rating created one of
   * the same rows first (unique violation) or PostgreSQL broke a deadlock. Each retry therefore
   * means that another rating landed, and a rating locks only its concept and its direct
   * prerequisites.
   */
  private static readonly PROGRESS_MAX_ATTEMPTS = 10;
  /** SQLSTATEs after which the whole rating transaction is run again. */
  private static readonly RETRYABLE_SQLSTATES = new Set(['23505', '40001', '40P01']);
  /** Review log rows per INSERT; 6 parameters each stay far below PostgreSQL's 65,535. */
  private static readonly LOG_INSERT_BATCH = 1_000;

  async listProgress(learnerKey: string): Promise<import('../progress/types').ConceptProgress[]> {
    const { rows } = await this.pool.query(
      `SELECT concept_id, fsrs_state, status, scores, updated_at_ms FROM progress
       WHERE learner_key = $1 ORDER BY concept_id`,
      [learnerKey],
    );
    return rows.map((row) => PgRepository.progressFromRow(row));
  }

  async listReviewLogs(
    learnerKey: string,
    sinceMs?: number,
  ): Promise<import('../progress/types').ReviewLogEntry[]> {
    const { rows } = await this.pool.query<{
      concept_id: string;
      rating: number;
      source: string;
      log: import('../progress/types').ReviewLogEntry['detail'];
      reviewed_at_ms: string;
    }>(
      `SELECT concept_id, rating, source, log, reviewed_at_ms FROM review_logs
       WHERE learner_key = $1 AND reviewed_at_ms >= $2 ORDER BY id`,
      [learnerKey, sinceMs ?? Number.MIN_SAFE_INTEGER],
    );
    return rows.map((row) => ({
      conceptId: row.concept_id,
      rating: PgRepository.RATING_NAMES[row.rating - 1],
      source: row.source as import('../progress/types').ReviewSource,
      reviewedAtMs: Number(row.reviewed_at_ms),
      detail: row.log,
    }));
  }

  async updateProgress(
    learnerKey: string,
    conceptIds: readonly string[],
    compute: import('../progress/types').ProgressCompute,
  ): Promise<import('../progress/types').ProgressChange> {
    // Existing rows are locked in concept id order, so two ratings that share them do not
    // deadlock over those locks. A deadlock over rows both insert is broken and retried.
    const ids = [...new Set(conceptIds)].sort();
    for (let attempt = 1; ; attempt += 1) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query(
          `SELECT concept_id, fsrs_state, status, scores, updated_at_ms FROM progress
           WHERE learner_key = $1 AND concept_id = ANY($2::text[]) ORDER BY concept_id FOR UPDATE`,
          [learnerKey, ids],
        );
        const current = new Map(
          rows.map((row) => [row.concept_id as string, PgRepository.progressFromRow(row)]),
        );
        const change = compute(current);
        const unlocked = change.progress.find((row) => !ids.includes(row.conceptId));
        if (unlocked) {
          throw new Error(
            `progress for ${unlocked.conceptId} was computed without locking it first`,
          );
        }
        await PgRepository.writeProgressChange(client, learnerKey, change, new Set(current.keys()));
        await client.query('COMMIT');
        return change;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        const code = (error as { code?: unknown }).code;
        const retryable = typeof code === 'string' && PgRepository.RETRYABLE_SQLSTATES.has(code);
        if (!retryable || attempt >= PgRepository.PROGRESS_MAX_ATTEMPTS) throw error;
      } finally {
        client.release();
      }
    }
  }

  async replaceProgress(
    learnerKey: string,
    data: import('../progress/types').ProgressChange,
  ): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM progress WHERE learner_key = $1', [learnerKey]);
      await client.query('DELETE FROM review_logs WHERE learner_key = $1', [learnerKey]);
      await PgRepository.writeProgressChange(client, learnerKey, data, new Set());
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private static progressFromRow(row: {
    concept_id: string;
    fsrs_state: import('../progress/types').CardState;
    status: string;
    scores: number[];
    updated_at_ms: string;
  }): import('../progress/types').ConceptProgress {
    return {
      conceptId: row.concept_id,
      card: row.fsrs_state,
      status: row.status as import('../progress/types').ProgressStatus,
      scores: row.scores,
      updatedAtMs: Number(row.updated_at_ms),
    };
  }

  /**
   * Updates the rows in `existing` and inserts the others, then appends the log entries, inside
   * the caller's transaction. A plain INSERT (no ON CONFLICT) makes a concurrent creation of the
   * same row fail with a unique violation, which `updateProgress` retries, instead of silently
   * overwriting the other rating.
   */
  private static async writeProgressChange(
    client: pg.PoolClient,
    learnerKey: string,
    change: import('../progress/types').ProgressChange,
    existing: ReadonlySet<string>,
  ): Promise<void> {
    const rows = [...change.progress].sort((a, b) => (a.conceptId < b.conceptId ? -1 : 1));
    for (const row of rows) {
      const values = [
        learnerKey,
        row.conceptId,
        JSON.stringify(row.card),
        row.status,
        JSON.stringify(row.scores),
        row.card.dueMs,
        row.updatedAtMs,
      ];
      if (existing.has(row.conceptId)) {
        await client.query(
          `UPDATE progress SET fsrs_state = $3, status = $4, scores = $5, due_at_ms = $6,
             updated_at_ms = $7 WHERE learner_key = $1 AND concept_id = $2`,
          values,
        );
      } else {
        await client.query(
          `INSERT INTO progress (learner_key, concept_id, fsrs_state, status, scores, due_at_ms,
             updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          values,
        );
      }
    }
    for (let start = 0; start < change.logs.length; start += PgRepository.LOG_INSERT_BATCH) {
      const batch = change.logs.slice(start, start + PgRepository.LOG_INSERT_BATCH);
      const placeholders = batch.map((_entry, index) => {
        const base = index * 6;
        return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6})`;
      });
      const values = batch.flatMap((entry) => [
        learnerKey,
        entry.conceptId,
        PgRepository.RATING_NAMES.indexOf(entry.rating) + 1,
        entry.source,
        JSON.stringify(entry.detail),
        entry.reviewedAtMs,
      ]);
      await client.query(
        `INSERT INTO review_logs (learner_key, concept_id, rating, source, log, reviewed_at_ms)
         VALUES ${placeholders.join(', ')}`,
        values,
      );
    }
  }
}
