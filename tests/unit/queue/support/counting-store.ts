import Database from 'better-sqlite3';
import { z } from 'zod';

import type { ResultStore } from '@/lib/queue';

/** Payload of the `count` job kind that the counting worker runs. */
export const countPayloadSchema = z.strictObject({
  key: z.string().min(1),
  /** How long producing the result takes, in ms. */
  workMs: z.number().int().min(0),
  /** How long the handler waits after storing the result before it returns, in ms. */
  holdAfterStoreMs: z.number().int().min(0).default(0),
});

/** Retries of the `count` kind: short, so that several attempts fit in a few seconds. */
export const COUNT_RETRY_POLICY = { attempts: 3, backoffBaseMs: 100, backoffMaxMs: 1_000 };

/**
 * SQLite file shared by the test and its worker processes. `starts` gets a row each time a
 * handler starts and `completions` each time one returns. `results` has no unique key, so its
 * row count shows whether a retried job stored a second result.
 */
export function openCountingDatabase(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS starts (
      job_id TEXT NOT NULL, pid INTEGER NOT NULL, attempt INTEGER NOT NULL, started_at_ms INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS results (
      key TEXT NOT NULL, value TEXT NOT NULL, job_id TEXT NOT NULL, pid INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS completions (job_id TEXT NOT NULL, pid INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS marks (job_id TEXT NOT NULL, pid INTEGER NOT NULL, mark TEXT NOT NULL);
  `);
  return db;
}

/**
 * Returns a result store on the `results` table. The check and the insert run in one IMMEDIATE
 * transaction, which holds SQLite's write lock, so two processes cannot both insert a key.
 */
export function sqliteResultStore(db: Database.Database, jobId: string): ResultStore<string> {
  const select = db.prepare<[string], { value: string }>(
    'SELECT value FROM results WHERE key = ? ORDER BY rowid LIMIT 1',
  );
  const insert = db.prepare('INSERT INTO results (key, value, job_id, pid) VALUES (?, ?, ?, ?)');
  const insertIfAbsent = db.transaction((key: string, value: string) => {
    const existing = select.get(key);
    if (existing) return { value: existing.value, inserted: false };
    insert.run(key, value, jobId, process.pid);
    return { value, inserted: true };
  });
  return {
    find: async (key) => select.get(key)?.value,
    insertIfAbsent: async (key, value) => insertIfAbsent.immediate(key, value),
  };
}
