import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Lesson } from '@/lib/lessons/types';
import { startApp, type RunningApp } from '../helpers/server';
import { createTestDatabase, postgresAvailable } from '../helpers/services';
import {
  countSqliteLessonRows,
  getOnNewConnection,
  LESSON_ROW_COUNTS_SQL,
  postLesson,
  problemFor,
  sqlitePath,
  type LessonRowCounts,
} from './support';

/** Lesson requests sent at once, all before the first response arrives. */
const CONCURRENT_REQUESTS = 100;
/**
 * Upper bound for one burst and its checks, in ms. A burst takes about 7 s on two idle cores and
 * several times that while other test files run beside this one.
 */
const BURST_TIMEOUT_MS = 120_000;

interface BurstResult {
  statuses: number[];
  lessons: Lesson[];
}

/** Sends every lesson request at once and waits for all the responses. */
async function sendBurst(baseUrl: string): Promise<BurstResult> {
  const responses = await Promise.all(
    Array.from({ length: CONCURRENT_REQUESTS }, (_, index) =>
      postLesson(baseUrl, problemFor(index)),
    ),
  );
  const statuses = responses.map((response) => response.status);
  const lessons = (await Promise.all(responses.map((response) => response.json()))) as Lesson[];
  return { statuses, lessons };
}

/** Rows that the lessons returned by the burst should have stored. */
function expectedCounts(lessons: Lesson[]): LessonRowCounts {
  return {
    lessons: lessons.length,
    cards: lessons.reduce((total, lesson) => total + lesson.cards.length, 0),
    roles: lessons.reduce((total, lesson) => total + lesson.roles.length, 0),
    orphans: 0,
    incomplete: 0,
  };
}

/** Checks that each request of the burst returned 201 and stored a lesson with its own id. */
async function expectAllStored(baseUrl: string, burst: BurstResult): Promise<void> {
  expect(burst.statuses).toEqual(Array(CONCURRENT_REQUESTS).fill(201));
  expect(new Set(burst.lessons.map((lesson) => lesson.id)).size).toBe(CONCURRENT_REQUESTS);
  expect(burst.lessons.map((lesson) => lesson.problem)).toEqual(
    Array.from({ length: CONCURRENT_REQUESTS }, (_, index) => problemFor(index)),
  );

  const readBack = await Promise.all(
    burst.lessons.map((lesson) => getOnNewConnection(`${baseUrl}/api/lessons/${lesson.id}`)),
  );
  expect(readBack.map((entry) => entry.status)).toEqual(Array(CONCURRENT_REQUESTS).fill(200));
  readBack.forEach((entry, index) => expect(JSON.parse(entry.text)).toEqual(burst.lessons[index]));
}

describe('100 concurrent lesson requests on SQLite', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it(
    'answers 201 to each and stores every lesson whole',
    async () => {
      const burst = await sendBurst(app.baseUrl);
      await expectAllStored(app.baseUrl, burst);

      expect(countSqliteLessonRows(sqlitePath(app.databaseUrl))).toEqual(
        expectedCounts(burst.lessons),
      );
    },
    BURST_TIMEOUT_MS,
  );
});

const hasPostgres = await postgresAvailable();

describe.skipIf(!hasPostgres)('100 concurrent lesson requests on PostgreSQL', () => {
  let app: RunningApp | undefined;
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startApp({ DATABASE_URL: database.url });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  async function countPostgresLessonRows(url: string): Promise<LessonRowCounts> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const count = async (sql: string) =>
        Number((await client.query<{ n: string }>(sql)).rows[0].n);
      return {
        lessons: await count(LESSON_ROW_COUNTS_SQL.lessons),
        cards: await count(LESSON_ROW_COUNTS_SQL.cards),
        roles: await count(LESSON_ROW_COUNTS_SQL.roles),
        orphans: await count(LESSON_ROW_COUNTS_SQL.orphans),
        incomplete: await count(LESSON_ROW_COUNTS_SQL.incomplete),
      };
    } finally {
      await client.end();
    }
  }

  it(
    'answers 201 to each and stores every lesson whole',
    async () => {
      expect(app?.databaseUrl).toBe(database?.url);
      const health = (await (await fetch(`${app!.baseUrl}/api/health`)).json()) as {
        database: string;
      };
      expect(health.database).toBe('postgres');

      const burst = await sendBurst(app!.baseUrl);
      await expectAllStored(app!.baseUrl, burst);

      expect(await countPostgresLessonRows(database!.url)).toEqual(expectedCounts(burst.lessons));
    },
    BURST_TIMEOUT_MS,
  );
});
