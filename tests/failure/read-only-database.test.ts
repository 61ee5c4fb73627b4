import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Lesson } from '@/lib/lessons/types';
import { startApp, type RunningApp } from '../helpers/server';
import { createTestDatabase, POSTGRES_ADMIN_URL, postgresAvailable } from '../helpers/services';
import {
  countSqliteLessonRows,
  LESSON_ROW_COUNTS_SQL,
  postLesson,
  problemFor,
  type ErrorBody,
  type LessonRowCounts,
} from './support';

/**
 * Root ignores file modes, so `chmod` cannot make a file read-only for it. As root the test sets
 * the immutable attribute instead (`chattr +i`), which stops every user from writing; as any
 * other user it removes the write bits.
 */
const runsAsRoot = process.getuid?.() === 0;

function makeReadOnly(path: string): void {
  if (runsAsRoot) execFileSync('chattr', ['+i', path]);
  else chmodSync(path, 0o555);
}

function makeWritable(path: string): void {
  if (!existsSync(path)) return;
  if (runsAsRoot) execFileSync('chattr', ['-i', path]);
  else chmodSync(path, 0o755);
}

const LEARNER_KEY = '5d1c9a0e-3b7f-4a2d-8e6c-1f0b9a8d7c6e';

/** Writes other than a new lesson, each with its body and the outcome its error starts with. */
const READ_ONLY_WRITES = [
  {
    label: 'a rating',
    path: '/api/review',
    body: () => ({ source: 'review', conceptId: 'c002', rating: 'good' }),
    outcome: 'the rating was not stored',
  },
  {
    label: 'a progress import',
    path: '/api/progress/import',
    body: (exported: unknown) => exported,
    outcome: 'the progress was not imported',
  },
  {
    label: 'a saved scenario',
    path: '/api/lessons/:id/scenarios',
    body: () => ({ name: '4096 GPUs', scenario: { edits: { gpuCount: 4096 } } }),
    outcome: 'the scenario was not saved',
  },
];

describe('app on a read-only SQLite database', () => {
  const directory = mkdtempSync(join(tmpdir(), 'infra-learn-read-only-'));
  const filePath = join(directory, 'app.db');
  const databaseUrl = `file:${filePath}`;
  let app: RunningApp | undefined;
  let stored: Lesson;
  let before: LessonRowCounts;
  /** The learner's exported progress, which a read-only import must not apply. */
  let progressFile: unknown;

  beforeAll(async () => {
    // A first run migrates and seeds the file and stores a lesson and a rating, as a deployment
    // would have.
    const writer = await startApp({ DATABASE_URL: databaseUrl });
    try {
      const response = await postLesson(writer.baseUrl, problemFor(0));
      expect(response.status).toBe(201);
      stored = (await response.json()) as Lesson;
      const rated = await fetch(`${writer.baseUrl}/api/review`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-learner-key': LEARNER_KEY },
        body: JSON.stringify({ source: 'review', conceptId: 'c001', rating: 'good' }),
      });
      expect(rated.status).toBe(200);
      const exported = await fetch(`${writer.baseUrl}/api/progress/export`, {
        headers: { 'x-learner-key': LEARNER_KEY },
      });
      expect(exported.status).toBe(200);
      progressFile = await exported.json();
    } finally {
      await writer.stop();
    }
    before = countSqliteLessonRows(filePath);

    // Both, because SQLite in WAL mode also creates and deletes files beside the database.
    makeReadOnly(filePath);
    makeReadOnly(directory);
    app = await startApp({ DATABASE_URL: databaseUrl });
  });
  afterAll(async () => {
    await app?.stop();
    makeWritable(directory);
    makeWritable(filePath);
    rmSync(directory, { recursive: true, force: true });
  });

  it('rejects writes from any connection', () => {
    // Checks the set-up itself: the file must refuse writes from this process too.
    const database = new Database(filePath);
    try {
      expect(() => database.prepare('DELETE FROM lessons').run()).toThrow(
        expect.objectContaining({ code: 'SQLITE_READONLY' }),
      );
    } finally {
      database.close();
    }
  });

  it('answers 503 naming the read-only database', async () => {
    const response = await postLesson(app!.baseUrl, problemFor(1));
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await response.text();
    const body = JSON.parse(text) as ErrorBody;
    expect(body.error.code).toBe('DATABASE_READ_ONLY');
    expect(body.error.message).toMatch(/^the lesson was not stored: the database is read-only\./);
    expect(body.error.message).toContain('write access');
    expect(text).not.toMatch(/SQLITE|INSERT|Failed query|\bat .+:\d+:\d+/);
  });

  it.each(READ_ONLY_WRITES)(
    'answers $label with 503 naming the read-only database',
    async (write) => {
      const response = await fetch(`${app!.baseUrl}${write.path.replace(':id', stored.id)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-learner-key': LEARNER_KEY },
        body: JSON.stringify(write.body(progressFile)),
      });
      const text = await response.text();
      expect(response.status, text).toBe(503);
      const body = JSON.parse(text) as ErrorBody;
      expect(body.error.code).toBe('DATABASE_READ_ONLY');
      expect(body.error.message.startsWith(`${write.outcome}: the database is read-only.`)).toBe(
        true,
      );
      expect(text).not.toMatch(/SQLITE|INSERT|Failed query|\bat .+:\d+:\d+/);
    },
  );

  it('logs the cause on the server', () => {
    const line = app!
      .logs()
      .split('\n')
      .find((entry) => entry.includes('"msg":"lesson generation failed"'));
    expect(line).toBeDefined();
    const logged = JSON.parse(line!) as { code: string; err: { code: string } };
    expect(logged.code).toBe('DATABASE_READ_ONLY');
    expect(logged.err.code).toBe('SQLITE_READONLY');
  });

  it.each([
    ['the home page', '/'],
    ['the health check', '/api/health'],
    ['the lesson list', '/api/lessons'],
    ['a stored lesson', '/api/lessons/:id'],
    ['a lesson page', '/lessons/:id'],
  ])('keeps serving %s', async (_name, path) => {
    const response = await fetch(`${app!.baseUrl}${path.replace(':id', stored.id)}`);
    expect(response.status).toBe(200);
  });

  it('leaves the stored rows unchanged', async () => {
    await app?.stop();
    app = undefined;
    makeWritable(directory);
    makeWritable(filePath);

    expect(countSqliteLessonRows(filePath)).toEqual(before);
    const database = new Database(filePath, { readonly: true });
    try {
      expect(database.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      database.close();
    }
  });
});

const hasPostgres = await postgresAvailable();

describe.skipIf(!hasPostgres)('app on a read-only PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let databaseName: string;
  let app: RunningApp | undefined;
  let stored: Lesson;
  let lessonsBefore: number;

  /** Runs one statement on the server's maintenance database as the superuser. */
  async function asAdmin(sql: string): Promise<void> {
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  }

  async function countLessons(): Promise<number> {
    const client = new pg.Client({ connectionString: database!.url });
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>(LESSON_ROW_COUNTS_SQL.lessons)).rows[0].n);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    databaseName = new URL(database.url).pathname.slice(1);
    app = await startApp({ DATABASE_URL: database.url });
    const response = await postLesson(app.baseUrl, problemFor(0));
    expect(response.status).toBe(201);
    stored = (await response.json()) as Lesson;
    lessonsBefore = await countLessons();

    // As after a fail-over to a standby: every new session is read-only. Ending the app's
    // sessions makes its pool open new ones, which get the new default.
    await asAdmin(`ALTER DATABASE ${databaseName} SET default_transaction_read_only = on`);
    await asAdmin(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${databaseName}'`,
    );
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it('answers 503 naming the read-only database', async () => {
    // The health check reconnects the pool; its first request may still get an ended session.
    let healthStatus = 0;
    for (let attempt = 0; attempt < 5 && healthStatus !== 200; attempt += 1) {
      healthStatus = (await fetch(`${app!.baseUrl}/api/health`)).status;
    }
    expect(healthStatus).toBe(200);

    const response = await postLesson(app!.baseUrl, problemFor(1));
    expect(response.status).toBe(503);
    const text = await response.text();
    const body = JSON.parse(text) as ErrorBody;
    expect(body.error.code).toBe('DATABASE_READ_ONLY');
    expect(body.error.message).toMatch(/^the lesson was not stored: the database is read-only\./);
    expect(text).not.toMatch(/INSERT|Failed query|\bat .+:\d+:\d+/);
  });

  it('keeps serving stored lessons', async () => {
    const response = await fetch(`${app!.baseUrl}/api/lessons/${stored.id}`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as Lesson).problem).toBe(stored.problem);
  });

  it('stores lessons again once writes are allowed', async () => {
    expect(await countLessons()).toBe(lessonsBefore);
    await asAdmin(`ALTER DATABASE ${databaseName} RESET default_transaction_read_only`);
    await asAdmin(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${databaseName}'`,
    );
    let status = 0;
    for (let attempt = 0; attempt < 5 && status !== 201; attempt += 1) {
      status = (await postLesson(app!.baseUrl, problemFor(2))).status;
    }
    expect(status).toBe(201);
    expect(await countLessons()).toBe(lessonsBefore + 1);
  });
});
