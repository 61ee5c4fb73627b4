import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { classifyDatabaseError } from '@/lib/db/errors';
import { PgRepository } from '@/lib/db/pg-repository';
import { databaseApiError } from '@/lib/server/http';
import { freePort } from '../helpers/server';
import { createTestDatabase, POSTGRES_ADMIN_URL, postgresAvailable } from '../helpers/services';

/** Returns what `run` throws, failing the test when it does not throw. */
async function thrownBy(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('classifyDatabaseError on SQLite', () => {
  const directory = mkdtempSync(join(tmpdir(), 'infra-learn-db-errors-'));
  const filePath = join(directory, 'errors.db');

  beforeAll(() => {
    const database = new Database(filePath);
    database.pragma('journal_mode = WAL');
    database.exec('CREATE TABLE notes (id TEXT PRIMARY KEY, body BLOB)');
    database.close();
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('reads a write to a read-only connection as read-only', async () => {
    const database = new Database(filePath, { readonly: true });
    try {
      const error = await thrownBy(() =>
        database.prepare("INSERT INTO notes (id) VALUES ('a')").run(),
      );
      expect(error).toMatchObject({ code: 'SQLITE_READONLY' });
      expect(classifyDatabaseError(error)).toBe('read-only');
    } finally {
      database.close();
    }
  });

  it('reads a write past the page limit as full', async () => {
    const database = new Database(filePath);
    try {
      const pageCount = database.pragma('page_count', { simple: true }) as number;
      database.pragma(`max_page_count = ${pageCount}`);
      const error = await thrownBy(() =>
        database.prepare("INSERT INTO notes (id, body) VALUES ('big', zeroblob(1000000))").run(),
      );
      expect(error).toMatchObject({ code: 'SQLITE_FULL' });
      expect(classifyDatabaseError(error)).toBe('full');
    } finally {
      database.close();
    }
  });

  it('reads a lock held by another connection as busy', async () => {
    const holder = new Database(filePath);
    const waiter = new Database(filePath, { timeout: 0 });
    try {
      holder.exec('BEGIN IMMEDIATE');
      const error = await thrownBy(() => waiter.exec('BEGIN IMMEDIATE'));
      expect(error).toMatchObject({ code: 'SQLITE_BUSY' });
      expect(classifyDatabaseError(error)).toBe('busy');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      waiter.close();
    }
  });

  it('follows the cause of an error that Drizzle wrapped', async () => {
    const notes = sqliteTable('notes', { id: text('id').primaryKey() });
    const database = new Database(filePath, { readonly: true });
    try {
      const error = await thrownBy(() => drizzle(database).insert(notes).values({ id: 'b' }).run());
      expect(classifyDatabaseError(error)).toBe('read-only');
    } finally {
      database.close();
    }
  });

  it('leaves a constraint violation to the caller', async () => {
    const database = new Database(filePath);
    try {
      database.prepare("INSERT OR IGNORE INTO notes (id) VALUES ('dup')").run();
      const error = await thrownBy(() =>
        database.prepare("INSERT INTO notes (id) VALUES ('dup')").run(),
      );
      expect(error).toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
      expect(classifyDatabaseError(error)).toBeUndefined();
    } finally {
      database.close();
    }
  });
});

const hasPostgres = await postgresAvailable();

describe.skipIf(!hasPostgres)('classifyDatabaseError on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query('CREATE TABLE notes (id text PRIMARY KEY)');
    await client.end();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('reads a write in a read-only transaction as read-only', async () => {
    const client = new pg.Client({ connectionString: database!.url });
    await client.connect();
    try {
      await client.query('BEGIN READ ONLY');
      const error = await thrownBy(() => client.query("INSERT INTO notes VALUES ('a')"));
      expect(error).toMatchObject({ code: '25006' });
      expect(classifyDatabaseError(error)).toBe('read-only');
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });

  it('reads a lock that cannot be taken at once as busy', async () => {
    const holder = new pg.Client({ connectionString: database!.url });
    const waiter = new pg.Client({ connectionString: database!.url });
    await Promise.all([holder.connect(), waiter.connect()]);
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE notes IN ACCESS EXCLUSIVE MODE');
      await waiter.query('BEGIN');
      const error = await thrownBy(() => waiter.query('LOCK TABLE notes NOWAIT'));
      expect(error).toMatchObject({ code: '55P03' });
      expect(classifyDatabaseError(error)).toBe('busy');
    } finally {
      await Promise.all([holder.query('ROLLBACK'), waiter.query('ROLLBACK')]);
      await Promise.all([holder.end(), waiter.end()]);
    }
  });

  it('reads a refused connection as unavailable', async () => {
    const url = new URL(POSTGRES_ADMIN_URL);
    url.port = String(await freePort());
    const repository = new PgRepository(url.toString());
    try {
      const error = await thrownBy(() => repository.countConcepts());
      expect(classifyDatabaseError(error)).toBe('unavailable');
    } finally {
      await repository.close();
    }
  });

  it('reads a server-side disk full error as full', () => {
    // A full disk under the shared test server cannot be staged, so this builds the driver's
    // own error object with SQLSTATE 53100 (disk_full), as node-postgres does from the wire.
    const error = new pg.DatabaseError(
      'could not extend file "base/16384/16385": No space left on device',
      0,
      'error',
    );
    error.code = '53100';
    expect(classifyDatabaseError(error)).toBe('full');
  });
});

describe('databaseApiError', () => {
  it.each([
    ['SQLITE_READONLY', 503, 'DATABASE_READ_ONLY', undefined],
    ['SQLITE_FULL', 507, 'DATABASE_FULL', undefined],
    ['SQLITE_BUSY', 503, 'DATABASE_BUSY', 5],
    ['SQLITE_CANTOPEN', 503, 'DATABASE_UNAVAILABLE', 5],
    ['ECONNREFUSED', 503, 'DATABASE_UNAVAILABLE', 5],
  ])('maps %s to %i %s', (driverCode, status, code, retryAfterS) => {
    const cause = Object.assign(new Error('driver message with SQL in it'), { code: driverCode });
    const apiError = databaseApiError(
      new Error('Failed query', { cause }),
      'the lesson was not stored',
    );
    expect(apiError?.status).toBe(status);
    expect(apiError?.code).toBe(code);
    expect(apiError?.retryAfterS).toBe(retryAfterS);
    expect(apiError?.message).toMatch(/^the lesson was not stored: the database /);
    expect(apiError?.message).not.toContain('driver message');
  });

  it('returns undefined for an error that is not the database state', () => {
    expect(databaseApiError(new Error('boom'), 'the lesson was not stored')).toBeUndefined();
  });
});
