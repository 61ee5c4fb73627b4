import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

import { FALLBACK_AUTOCHECKPOINT_PAGES, SqliteCheckpointer } from '@/lib/db/sqlite-checkpointer';

const dir = mkdtempSync(join(tmpdir(), 'infra-learn-checkpointer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Maximum wait for the worker to act, in ms; it checkpoints every 50 ms in these tests. */
const WAIT_MS = 10_000;

async function waitFor(condition: () => boolean): Promise<boolean> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return condition();
}

/** Opens a WAL database whose main connection never checkpoints by itself. */
function openWalDatabase(path: string): Database.Database {
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma('wal_autocheckpoint = 0');
  database.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
  database.pragma('wal_checkpoint(TRUNCATE)');
  return database;
}

describe('SqliteCheckpointer', () => {
  it('copies the WAL back from a worker', async () => {
    const path = join(dir, 'copies.db');
    const database = openWalDatabase(path);
    const insert = database.prepare('INSERT INTO notes (text) VALUES (?)');
    for (let row = 0; row < 200; row += 1) insert.run('x'.repeat(4_000));
    const sizeBeforeBytes = statSync(path).size;
    const errors: Error[] = [];

    const checkpointer = new SqliteCheckpointer(database, path, {
      intervalMs: 50,
      busyTimeoutMs: 1_000,
      onError: (error) => errors.push(error),
    });
    try {
      const copied = await waitFor(() => statSync(path).size > sizeBeforeBytes + 200 * 4_000);
      expect(copied).toBe(true);
      expect(database.pragma('wal_autocheckpoint', { simple: true })).toBe(
        FALLBACK_AUTOCHECKPOINT_PAGES,
      );
      expect(errors).toEqual([]);
    } finally {
      await checkpointer.stop();
    }
    expect(database.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
    database.close();
  });

  it('hands checkpoints back when the worker fails', async () => {
    const path = join(dir, 'fails.db');
    const database = openWalDatabase(path);
    const errors: Error[] = [];

    // The worker cannot open a file in a folder that does not exist.
    const checkpointer = new SqliteCheckpointer(database, join(dir, 'missing', 'fails.db'), {
      intervalMs: 50,
      busyTimeoutMs: 1_000,
      onError: (error) => errors.push(error),
    });
    try {
      expect(await waitFor(() => errors.length > 0)).toBe(true);
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toContain('main connection checkpoints instead');
      expect(database.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
    } finally {
      await checkpointer.stop();
      database.close();
    }
  });
});
