import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';
import { and, asc, count, desc, eq, getTableColumns, notInArray, sql } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

import { fromRoot } from '../paths';
import type { Concept } from '../knowledge/types';
import type { Lesson } from '../lessons/types';
import type { PodcastAudio, PodcastRecord } from '../podcast/types';
import { MAX_PODCAST_ERROR_CHARS, podcastToRow, rowToPodcast } from './podcast-rows';
import {
  conceptChanged,
  conceptToRow,
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
import * as schema from './schema/sqlite';
import { SqliteCheckpointer } from './sqlite-checkpointer';
import { SqliteLessonWriter } from './sqlite-lesson-writer';

/** Every `podcasts` column except the audio bytes. */
const { audio: _audio, ...podcastColumns } = getTableColumns(schema.podcasts);

/** How long a writer waits for SQLite's lock before failing, in ms. */
const BUSY_TIMEOUT_MS = 5_000;

/** Repository on an embedded SQLite file in WAL mode, where readers and the writer do not block each other. */
export class SqliteRepository implements Repository {
  readonly kind = 'sqlite' as const;
  private readonly sqlite: Database.Database;
  private readonly db: BetterSQLite3Database<typeof schema>;
  private readonly lessonWriter: SqliteLessonWriter;
  private catalogueVersionStatement?: Database.Statement;
  private readonly checkpointer?: SqliteCheckpointer;

  /**
   * Opens the file. With `backgroundCheckpoints`, a worker thread checkpoints the WAL, which suits
   * long-running processes (the web server, queue workers) and costs a thread start elsewhere.
   */
  constructor(
    readonly filePath: string,
    options: { backgroundCheckpoints?: { onError: (error: Error) => void } } = {},
  ) {
    if (filePath !== ':memory:') mkdirSync(dirname(filePath), { recursive: true });
    this.sqlite = new Database(filePath, { timeout: BUSY_TIMEOUT_MS });
    this.sqlite.pragma('journal_mode = WAL');
    this.sqlite.pragma('foreign_keys = ON');
    this.sqlite.pragma('synchronous = NORMAL');
    this.db = drizzle(this.sqlite, { schema });
    this.lessonWriter = new SqliteLessonWriter(this.sqlite);
    if (options.backgroundCheckpoints && filePath !== ':memory:') {
      this.checkpointer = new SqliteCheckpointer(this.sqlite, filePath, {
        busyTimeoutMs: BUSY_TIMEOUT_MS,
        onError: options.backgroundCheckpoints.onError,
      });
    }
  }

  async migrate(): Promise<void> {
    migrate(this.db, { migrationsFolder: fromRoot('lib', 'db', 'migrations', 'sqlite') });
  }

  async dropAll(): Promise<void> {
    const tables = this.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    this.sqlite.pragma('foreign_keys = OFF');
    this.sqlite.transaction(() => {
      for (const { name } of tables)
        this.sqlite.exec(`DROP TABLE IF EXISTS "${name.replaceAll('"', '""')}"`);
    })();
    this.sqlite.pragma('foreign_keys = ON');
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    if (this.sqlite.open) this.sqlite.close();
  }

  async countConcepts(): Promise<number> {
    const [row] = this.db.select({ total: count() }).from(schema.concepts).all();
    return row?.total ?? 0;
  }

  async catalogueVersion(): Promise<string> {
    // A statement prepared once, because every lesson request checks the version.
    this.catalogueVersionStatement ??= this.sqlite.prepare(
      'SELECT count(*) AS total, max(updated_at_ms) AS lastUpdateMs FROM concepts',
    );
    const row = this.catalogueVersionStatement.get() as {
      total: number;
      lastUpdateMs: number | null;
    };
    return `${row.total}:${row.lastUpdateMs ?? 0}`;
  }

  async listConcepts(): Promise<Concept[]> {
    return this.db
      .select()
      .from(schema.concepts)
      .orderBy(asc(schema.concepts.id))
      .all()
      .map(rowToConcept);
  }

  async getConcept(id: string): Promise<Concept | undefined> {
    const row = this.db.select().from(schema.concepts).where(eq(schema.concepts.id, id)).get();
    return row ? rowToConcept(row) : undefined;
  }

  async replaceConcepts(concepts: Concept[], nowMs: number): Promise<CatalogueChange> {
    // IMMEDIATE takes the write lock before the first read, so two seeders queue on the busy
    // timeout instead of failing when a read transaction cannot be upgraded.
    return this.db.transaction(
      (tx) => {
        const change: CatalogueChange = { inserted: 0, updated: 0, deleted: 0 };
        const stored = new Map(
          tx
            .select()
            .from(schema.concepts)
            .all()
            .map((row) => [row.id, row]),
        );
        for (const concept of concepts) {
          const row = conceptToRow(concept, nowMs);
          const previous = stored.get(concept.id);
          if (!previous) {
            tx.insert(schema.concepts).values(row).run();
            change.inserted += 1;
          } else if (conceptChanged(previous, row)) {
            tx.update(schema.concepts).set(row).where(eq(schema.concepts.id, concept.id)).run();
            change.updated += 1;
          }
        }
        const keep = concepts.map((concept) => concept.id);
        const removed = tx
          .delete(schema.concepts)
          .where(keep.length > 0 ? notInArray(schema.concepts.id, keep) : undefined)
          .run();
        change.deleted = removed.changes;
        return change;
      },
      { behavior: 'immediate' },
    );
  }

  async insertLesson(lesson: Lesson): Promise<void> {
    this.lessonWriter.insert(lesson);
  }

  async getLesson(id: string): Promise<Lesson | undefined> {
    const row = this.db.select().from(schema.lessons).where(eq(schema.lessons.id, id)).get();
    if (!row) return undefined;
    const cards = this.db
      .select({ card: schema.lessonCards, shared: schema.cardBodies })
      .from(schema.lessonCards)
      .leftJoin(schema.cardBodies, eq(schema.lessonCards.bodyId, schema.cardBodies.id))
      .where(eq(schema.lessonCards.lessonId, id))
      .all();
    const roles = this.db
      .select()
      .from(schema.roleAnalyses)
      .where(eq(schema.roleAnalyses.lessonId, id))
      .all();
    return rowsToLesson(row, cards, roles);
  }

  async countLessons(): Promise<number> {
    const [row] = this.db.select({ total: count() }).from(schema.lessons).all();
    return row?.total ?? 0;
  }

  async listLessons(options: { query?: string; limit: number }): Promise<LessonSummary[]> {
    const query = options.query?.trim();
    const rows = this.db
      .select({
        id: schema.lessons.id,
        problem: schema.lessons.problem,
        concepts: schema.lessons.concepts,
        createdAtMs: schema.lessons.createdAtMs,
      })
      .from(schema.lessons)
      .where(
        query ? sql`${schema.lessons.problem} LIKE ${likePattern(query)} ESCAPE '\\'` : undefined,
      )
      .orderBy(desc(schema.lessons.createdAtMs), desc(schema.lessons.id))
      .limit(options.limit)
      .all();
    return rows.map(rowToLessonSummary);
  }

  async insertPodcast(podcast: PodcastRecord): Promise<boolean> {
    const result = this.db
      .insert(schema.podcasts)
      .values(podcastToRow(podcast))
      .onConflictDoNothing()
      .run();
    return result.changes > 0;
  }

  async completePodcast(id: string, audio: PodcastAudio): Promise<void> {
    const result = this.db
      .update(schema.podcasts)
      .set({ ...audio, status: 'ready', error: null })
      .where(eq(schema.podcasts.id, id))
      .run();
    if (result.changes === 0) throw new Error(`no podcast with id "${id}" to complete`);
  }

  async failPodcast(id: string, error: string): Promise<void> {
    this.db
      .update(schema.podcasts)
      .set({ status: 'failed', error: error.slice(0, MAX_PODCAST_ERROR_CHARS) })
      .where(eq(schema.podcasts.id, id))
      .run();
  }

  async getPodcast(id: string): Promise<PodcastRecord | undefined> {
    const row = this.db
      .select(podcastColumns)
      .from(schema.podcasts)
      .where(eq(schema.podcasts.id, id))
      .get();
    return row ? rowToPodcast(row) : undefined;
  }

  async getPodcastAudio(id: string): Promise<{ audio: Buffer; mimeType: string } | undefined> {
    const row = this.db
      .select({ audio: schema.podcasts.audio, mimeType: schema.podcasts.mimeType })
      .from(schema.podcasts)
      .where(and(eq(schema.podcasts.id, id), eq(schema.podcasts.status, 'ready')))
      .get();
    if (!row?.audio || !row.mimeType) return undefined;
    return { audio: row.audio, mimeType: row.mimeType };
  }

  async listPodcasts(lessonId: string): Promise<PodcastRecord[]> {
    return this.db
      .select(podcastColumns)
      .from(schema.podcasts)
      .where(eq(schema.podcasts.lessonId, lessonId))
      .orderBy(desc(schema.podcasts.createdAtMs), desc(schema.podcasts.id))
      .all()
      .map(rowToPodcast);
  }

  // Single-file HTML exports.
  async insertExport(record: import('../export/types').ExportRecord): Promise<boolean> {
    const result = this.db
      .insert(schema.exports)
      .values({
        id: record.id,
        lessonId: record.lessonId,
        html: record.html,
        sizeBytes: record.sizeBytes,
        createdAtMs: Date.parse(record.createdAt),
      })
      .onConflictDoNothing()
      .run();
    return result.changes > 0;
  }

  async getExport(id: string): Promise<import('../export/types').ExportRecord | undefined> {
    const row = this.db.select().from(schema.exports).where(eq(schema.exports.id, id)).get();
    if (!row) return undefined;
    const { createdAtMs, ...fields } = row;
    return { ...fields, createdAt: new Date(createdAtMs).toISOString() };
  }

  async listExports(lessonId: string): Promise<import('../export/types').ExportSummary[]> {
    return this.db
      .select({
        id: schema.exports.id,
        lessonId: schema.exports.lessonId,
        sizeBytes: schema.exports.sizeBytes,
        createdAtMs: schema.exports.createdAtMs,
      })
      .from(schema.exports)
      .where(eq(schema.exports.lessonId, lessonId))
      .orderBy(desc(schema.exports.createdAtMs), desc(schema.exports.id))
      .all()
      .map(({ createdAtMs, ...fields }) => ({
        ...fields,
        createdAt: new Date(createdAtMs).toISOString(),
      }));
  }

  // What-if scenarios saved with a lesson.
  async insertLessonScenario(
    saved: import('../whatif/saved').SavedScenario,
    admit?: (stored: import('../whatif/saved').SavedScenario[]) => void,
  ): Promise<void> {
    // BEGIN IMMEDIATE takes the write lock before the read, so a save in another connection or
    // process waits for this one instead of checking `admit` against a stale list.
    const insert = this.sqlite.transaction(() => {
      admit?.(this.selectLessonScenarios(saved.lessonId));
      this.db.insert(schema.lessonScenarios).values(lessonScenarioToRow(saved)).run();
    });
    insert.immediate();
  }

  async listLessonScenarios(lessonId: string): Promise<import('../whatif/saved').SavedScenario[]> {
    return this.selectLessonScenarios(lessonId);
  }

  private selectLessonScenarios(lessonId: string): import('../whatif/saved').SavedScenario[] {
    return this.db
      .select()
      .from(schema.lessonScenarios)
      .where(eq(schema.lessonScenarios.lessonId, lessonId))
      .orderBy(asc(schema.lessonScenarios.createdAtMs), asc(schema.lessonScenarios.id))
      .all()
      .map(rowToLessonScenario);
  }

  async countLessonScenarios(lessonId: string): Promise<number> {
    const [row] = this.db
      .select({ value: count() })
      .from(schema.lessonScenarios)
      .where(eq(schema.lessonScenarios.lessonId, lessonId))
      .all();
    return row?.value ?? 0;
  }

  async deleteLessonScenario(lessonId: string, scenarioId: string): Promise<boolean> {
    const result = this.db
      .delete(schema.lessonScenarios)
      .where(
        and(
          eq(schema.lessonScenarios.lessonId, lessonId),
          eq(schema.lessonScenarios.id, scenarioId),
        ),
      )
      .run();
    return result.changes > 0;
  }

  // Spaced repetition: progress rows and the review log. Raw statements, so that a rating's
  // read, compute and write run inside one immediate transaction on this connection.
  private static readonly RATING_NAMES = ['again', 'hard', 'good', 'easy'] as const;

  async listProgress(learnerKey: string): Promise<import('../progress/types').ConceptProgress[]> {
    return this.selectProgressRows(learnerKey, undefined);
  }

  async listReviewLogs(
    learnerKey: string,
    sinceMs?: number,
  ): Promise<import('../progress/types').ReviewLogEntry[]> {
    const rows = this.sqlite
      .prepare(
        `SELECT concept_id, rating, source, log, reviewed_at_ms FROM review_logs
         WHERE learner_key = ? AND reviewed_at_ms >= ? ORDER BY id`,
      )
      .all(learnerKey, sinceMs ?? Number.MIN_SAFE_INTEGER) as {
      concept_id: string;
      rating: number;
      source: string;
      log: string;
      reviewed_at_ms: number;
    }[];
    return rows.map((row) => ({
      conceptId: row.concept_id,
      rating: SqliteRepository.RATING_NAMES[row.rating - 1],
      source: row.source as import('../progress/types').ReviewSource,
      reviewedAtMs: row.reviewed_at_ms,
      detail: JSON.parse(row.log) as import('../progress/types').ReviewLogEntry['detail'],
    }));
  }

  async updateProgress(
    learnerKey: string,
    conceptIds: readonly string[],
    compute: import('../progress/types').ProgressCompute,
  ): Promise<import('../progress/types').ProgressChange> {
    const ids = [...new Set(conceptIds)];
    // BEGIN IMMEDIATE takes the database write lock before the read, so a rating in another
    // connection or process waits (up to BUSY_TIMEOUT_MS) instead of reading a stale row.
    const rate = this.sqlite.transaction(() => {
      const rows = this.selectProgressRows(learnerKey, ids);
      const change = compute(new Map(rows.map((row) => [row.conceptId, row])));
      const unlocked = change.progress.find((row) => !ids.includes(row.conceptId));
      if (unlocked) {
        throw new Error(`progress for ${unlocked.conceptId} was computed without reading it first`);
      }
      this.writeProgressChange(learnerKey, change);
      return change;
    });
    return rate.immediate();
  }

  async replaceProgress(
    learnerKey: string,
    data: import('../progress/types').ProgressChange,
  ): Promise<void> {
    const replace = this.sqlite.transaction(() => {
      this.sqlite.prepare('DELETE FROM progress WHERE learner_key = ?').run(learnerKey);
      this.sqlite.prepare('DELETE FROM review_logs WHERE learner_key = ?').run(learnerKey);
      this.writeProgressChange(learnerKey, data);
    });
    replace.immediate();
  }

  /** Reads the learner's rows, all of them or those of `conceptIds`, ordered by concept id. */
  private selectProgressRows(
    learnerKey: string,
    conceptIds: readonly string[] | undefined,
  ): import('../progress/types').ConceptProgress[] {
    if (conceptIds !== undefined && conceptIds.length === 0) return [];
    const filter =
      conceptIds === undefined ? '' : `AND concept_id IN (${conceptIds.map(() => '?').join(', ')})`;
    const rows = this.sqlite
      .prepare(
        `SELECT concept_id, fsrs_state, status, scores, updated_at_ms FROM progress
         WHERE learner_key = ? ${filter} ORDER BY concept_id`,
      )
      .all(learnerKey, ...(conceptIds ?? [])) as {
      concept_id: string;
      fsrs_state: string;
      status: string;
      scores: string;
      updated_at_ms: number;
    }[];
    return rows.map((row) => ({
      conceptId: row.concept_id,
      card: JSON.parse(row.fsrs_state) as import('../progress/types').CardState,
      status: row.status as import('../progress/types').ProgressStatus,
      scores: JSON.parse(row.scores) as number[],
      updatedAtMs: row.updated_at_ms,
    }));
  }

  /** Upserts progress rows and appends log entries. Runs inside the caller's transaction. */
  private writeProgressChange(
    learnerKey: string,
    change: import('../progress/types').ProgressChange,
  ): void {
    const upsert = this.sqlite.prepare(
      `INSERT INTO progress (learner_key, concept_id, fsrs_state, status, scores, due_at_ms, updated_at_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (learner_key, concept_id) DO UPDATE SET fsrs_state = excluded.fsrs_state,
         status = excluded.status, scores = excluded.scores, due_at_ms = excluded.due_at_ms,
         updated_at_ms = excluded.updated_at_ms`,
    );
    for (const row of change.progress) {
      upsert.run(
        learnerKey,
        row.conceptId,
        JSON.stringify(row.card),
        row.status,
        JSON.stringify(row.scores),
        row.card.dueMs,
        row.updatedAtMs,
      );
    }
    const append = this.sqlite.prepare(
      `INSERT INTO review_logs (learner_key, concept_id, rating, source, log, reviewed_at_ms)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    for (const entry of change.logs) {
      append.run(
        learnerKey,
        entry.conceptId,
        SqliteRepository.RATING_NAMES.indexOf(entry.rating) + 1,
        entry.source,
        JSON.stringify(entry.detail),
        entry.reviewedAtMs,
      );
    }
  }
}
