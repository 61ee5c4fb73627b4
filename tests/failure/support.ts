import { get } from 'node:http';

import Database from 'better-sqlite3';

/** Lesson, card and role rows stored in one database. */
export interface LessonRowCounts {
  lessons: number;
  cards: number;
  roles: number;
  /** Card and role rows whose lesson row is missing. */
  orphans: number;
  /** Lesson rows with no card or no role row. */
  incomplete: number;
}

/** Queries that count rows per table, so that a test can tell whole lessons from partial ones. */
export const LESSON_ROW_COUNTS_SQL = {
  lessons: 'SELECT count(*) AS n FROM lessons',
  cards: 'SELECT count(*) AS n FROM lesson_cards',
  roles: 'SELECT count(*) AS n FROM role_analyses',
  orphans: `SELECT
      (SELECT count(*) FROM lesson_cards WHERE lesson_id NOT IN (SELECT id FROM lessons))
    + (SELECT count(*) FROM role_analyses WHERE lesson_id NOT IN (SELECT id FROM lessons)) AS n`,
  incomplete: `SELECT count(*) AS n FROM lessons
    WHERE id NOT IN (SELECT lesson_id FROM lesson_cards)
       OR id NOT IN (SELECT lesson_id FROM role_analyses)`,
} as const satisfies Record<keyof LessonRowCounts, string>;

/** Returns the SQLite file path of a `file:` DATABASE_URL. */
export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:(\/\/)?/, '');
}

/**
 * Counts lesson rows in a SQLite file through a separate read-only connection, as any other
 * process would see them once the app has committed.
 */
export function countSqliteLessonRows(filePath: string): LessonRowCounts {
  const database = new Database(filePath, { readonly: true, fileMustExist: true });
  try {
    const count = (sql: string) => (database.prepare(sql).get() as { n: number }).n;
    return {
      lessons: count(LESSON_ROW_COUNTS_SQL.lessons),
      cards: count(LESSON_ROW_COUNTS_SQL.cards),
      roles: count(LESSON_ROW_COUNTS_SQL.roles),
      orphans: count(LESSON_ROW_COUNTS_SQL.orphans),
      incomplete: count(LESSON_ROW_COUNTS_SQL.incomplete),
    };
  } finally {
    database.close();
  }
}

/** Returns a distinct, valid lesson problem for request number `index`. */
export function problemFor(index: number): string {
  const gpuCount = 8 * (1 + (index % 32));
  const weeks = 2 + (index % 5);
  return `Train a ${7 + index}B parameter model on ${gpuCount} H100 GPUs in ${weeks} weeks`;
}

/** Sends `POST /api/lessons` with a JSON body. */
export function postLesson(baseUrl: string, problem: string): Promise<Response> {
  return fetch(`${baseUrl}/api/lessons`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ problem }),
  });
}

/** Body of an API error response. */
export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

/**
 * Sends a GET on a new connection that closes after the response. A burst leaves many idle
 * keep-alive sockets in fetch's pool. On a loaded machine the client may reuse one just as the
 * server's 5 s keep-alive timeout closes it, and the request then fails with ECONNRESET.
 */
export function getOnNewConnection(url: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false, headers: { connection: 'close' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}
