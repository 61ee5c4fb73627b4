import { asc, count, eq, max, notInArray } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

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
import * as schema from './schema/pg';

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
      if (rows.cards.length > 0) await tx.insert(schema.lessonCards).values(rows.cards);
      if (rows.roles.length > 0) await tx.insert(schema.roleAnalyses).values(rows.roles);
    });
  }

  async getLesson(id: string): Promise<Lesson | undefined> {
    const [row] = await this.db.select().from(schema.lessons).where(eq(schema.lessons.id, id));
    if (!row) return undefined;
    const cards = await this.db
      .select()
      .from(schema.lessonCards)
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
}
