import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';
import { asc, count, eq, max, notInArray } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

import { fromRoot } from '../paths';
import type { Concept } from '../knowledge/types';
import type { Lesson } from '../lessons/types';
import {
  conceptChanged,
  conceptToRow,
  lessonToRows,
  rowsToLesson,
  rowToConcept,
  type CatalogueChange,
  type Repository,
} from './repository';
import * as schema from './schema/sqlite';

/** How long a writer waits for SQLite's lock before failing, in ms. */
const BUSY_TIMEOUT_MS = 5_000;

/** Repository on an embedded SQLite file, in WAL mode so readers never block the writer. */
export class SqliteRepository implements Repository {
  readonly kind = 'sqlite' as const;
  private readonly sqlite: Database.Database;
  private readonly db: BetterSQLite3Database<typeof schema>;

  constructor(readonly filePath: string) {
    if (filePath !== ':memory:') mkdirSync(dirname(filePath), { recursive: true });
    this.sqlite = new Database(filePath, { timeout: BUSY_TIMEOUT_MS });
    this.sqlite.pragma('journal_mode = WAL');
    this.sqlite.pragma('foreign_keys = ON');
    this.sqlite.pragma('synchronous = NORMAL');
    this.db = drizzle(this.sqlite, { schema });
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
    if (this.sqlite.open) this.sqlite.close();
  }

  async countConcepts(): Promise<number> {
    const [row] = this.db.select({ total: count() }).from(schema.concepts).all();
    return row?.total ?? 0;
  }

  async catalogueVersion(): Promise<string> {
    const [row] = this.db
      .select({ total: count(), lastUpdateMs: max(schema.concepts.updatedAtMs) })
      .from(schema.concepts)
      .all();
    return `${row?.total ?? 0}:${row?.lastUpdateMs ?? 0}`;
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
    return this.db.transaction((tx) => {
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
    });
  }

  async insertLesson(lesson: Lesson): Promise<void> {
    const rows = lessonToRows(lesson);
    this.db.transaction((tx) => {
      tx.insert(schema.lessons).values(rows.lesson).run();
      if (rows.cards.length > 0) tx.insert(schema.lessonCards).values(rows.cards).run();
      if (rows.roles.length > 0) tx.insert(schema.roleAnalyses).values(rows.roles).run();
    });
  }

  async getLesson(id: string): Promise<Lesson | undefined> {
    const row = this.db.select().from(schema.lessons).where(eq(schema.lessons.id, id)).get();
    if (!row) return undefined;
    const cards = this.db
      .select()
      .from(schema.lessonCards)
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
}
