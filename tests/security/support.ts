/**
 * Shared parts of the security suite: the app's routes and pages, a raw HTTP client that sends
 * paths and bytes exactly as given, the checks every response must pass, and row counts of the
 * database behind a running app.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join, relative, sep } from 'node:path';

import Database from 'better-sqlite3';
import pg from 'pg';
import { expect } from 'vitest';

import { PROJECT_ROOT } from '../helpers/cli';

/** One API route file and what it accepts. */
export interface ApiRoute {
  /** Route pattern as its folder names it, such as `/api/lessons/[id]`. */
  pattern: string;
  methods: string[];
  /** Query parameters the route reads. */
  query: string[];
  /** Whether the route reads the `x-learner-key` header. */
  learnerKey: boolean;
  /** Whether a POST reads a JSON body. */
  jsonBody: boolean;
}

/** Every API route, checked against app/api by `listRouteFiles`. */
export const API_ROUTES: ApiRoute[] = [
  { pattern: '/api/concepts', methods: ['GET'], query: ['domain', 'level', 'q'] },
  { pattern: '/api/concepts/[id]', methods: ['GET'], query: [] },
  { pattern: '/api/concepts/[id]/path', methods: ['GET'], query: [] },
  { pattern: '/api/health', methods: ['GET'], query: [] },
  { pattern: '/api/jobs/[id]', methods: ['GET'], query: [] },
  { pattern: '/api/lessons', methods: ['GET', 'POST'], query: ['q', 'limit'], jsonBody: true },
  { pattern: '/api/lessons/[id]', methods: ['GET'], query: [] },
  { pattern: '/api/lessons/[id]/export', methods: ['GET'], query: ['audio'] },
  { pattern: '/api/lessons/[id]/export/[exportId]', methods: ['GET'], query: [] },
  { pattern: '/api/lessons/[id]/podcast', methods: ['POST'], query: [], jsonBody: true },
  {
    pattern: '/api/lessons/[id]/scenarios',
    methods: ['GET', 'POST'],
    query: [],
    jsonBody: true,
  },
  { pattern: '/api/lessons/[id]/scenarios/[scenarioId]', methods: ['DELETE'], query: [] },
  { pattern: '/api/podcasts/[id]', methods: ['GET'], query: [] },
  { pattern: '/api/podcasts/[id]/audio', methods: ['GET', 'HEAD'], query: [] },
  { pattern: '/api/progress', methods: ['GET'], query: ['utcOffsetMinutes'], learnerKey: true },
  { pattern: '/api/progress/export', methods: ['GET'], query: [], learnerKey: true },
  {
    pattern: '/api/progress/import',
    methods: ['POST'],
    query: [],
    learnerKey: true,
    jsonBody: true,
  },
  {
    pattern: '/api/review',
    methods: ['GET', 'POST'],
    query: ['limit'],
    learnerKey: true,
    jsonBody: true,
  },
].map((route) => ({ learnerKey: false, jsonBody: false, ...route }));

/** One page and the query parameters it reads. */
export interface PageRoute {
  pattern: string;
  query: string[];
}

/** Every page, checked against app/ by `listPageFiles`. */
export const PAGES: PageRoute[] = [
  { pattern: '/', query: [] },
  { pattern: '/concepts', query: [] },
  { pattern: '/concepts/[id]', query: [] },
  { pattern: '/graph', query: ['domain', 'level', 'concept'] },
  { pattern: '/lessons', query: ['q'] },
  { pattern: '/lessons/[id]', query: [] },
  { pattern: '/lessons/new', query: ['problem'] },
  { pattern: '/podcasts/[id]', query: [] },
  { pattern: '/progress', query: [] },
  { pattern: '/review', query: [] },
];

/** Returns each `app/api/**\/route.ts` as its route pattern with the HTTP methods it exports. */
export function listRouteFiles(): { pattern: string; methods: string[] }[] {
  return findFiles(join(PROJECT_ROOT, 'app', 'api'), 'route.ts').map((file) => {
    const source = readFileSync(file, 'utf8');
    const methods = [
      ...source.matchAll(/export async function (GET|POST|PUT|PATCH|DELETE|HEAD)\b/g),
    ]
      .map((match) => match[1])
      .sort();
    return { pattern: toPattern(file, 'route.ts'), methods };
  });
}

/** Returns each `app/**\/page.tsx` as its page pattern. */
export function listPageFiles(): string[] {
  return findFiles(join(PROJECT_ROOT, 'app'), 'page.tsx').map((file) =>
    toPattern(file, 'page.tsx'),
  );
}

function findFiles(folder: string, name: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return findFiles(path, name);
    return entry.name === name ? [path] : [];
  });
}

function toPattern(file: string, name: string): string {
  const folder = relative(join(PROJECT_ROOT, 'app'), file).slice(0, -name.length - 1);
  return `/${folder.split(sep).join('/')}`.replace(/\/$/, '') || '/';
}

/** Fills every `[param]` of a route pattern from `values`, or with `fallback`. */
export function fillPattern(
  pattern: string,
  values: Record<string, string>,
  fallback?: string,
): string {
  return pattern.replace(/\[(\w+)\]/g, (_match, name: string) => {
    const value = values[name] ?? fallback;
    if (value === undefined) throw new Error(`no value for [${name}] in ${pattern}`);
    return value;
  });
}

/** A response as the security checks read it. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Header names and values in the order received, repeats kept. */
  rawHeaders: string[];
  body: Buffer;
  text: string;
}

export interface RawRequest {
  method?: string;
  /** Request target exactly as sent: no normalisation of dot segments or percent escapes. */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
}

/** Time to wait for one response before failing, in ms. */
const REQUEST_TIMEOUT_MS = 20_000;

/** Sends one request with node:http, keeping the path byte for byte. */
export function send(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: request.method ?? 'GET',
        path: request.path,
        headers: {
          ...(request.body ? { 'content-length': String(request.body.length) } : {}),
          ...request.headers,
        },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            rawHeaders: response.rawHeaders,
            body,
            text: body.toString('utf8'),
          });
        });
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`${request.path} timed out`)));
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/**
 * Writes a whole HTTP/1.1 request as raw bytes and returns the status line's code (0 when the
 * server closed the connection without a response) and the response as text. For header bytes
 * that node:http and fetch refuse to send.
 */
export function sendRaw(baseUrl: string, head: string): Promise<{ status: number; text: string }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(REQUEST_TIMEOUT_MS, () => socket.destroy(new Error('raw request timed out')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A server may reset the connection instead of responding, as Node does for a huge header.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET') reject(error);
    });
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, text });
    });
    socket.write(head, 'latin1');
  });
}

/** Runs `task` over `items` with at most `limit` running at once, in input order. */
export async function mapLimit<T, R>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Text that must never reach a client: server paths, stack frames, SQL engine errors. */
export const LEAK_PATTERNS: { name: string; pattern: RegExp }[] = [
  { name: 'project path', pattern: new RegExp(escapeRegExp(PROJECT_ROOT.replace(/\/$/, ''))) },
  { name: 'work folder', pattern: /\/work\// },
  { name: 'node_modules', pattern: /node_modules/ },
  { name: 'stack frame', pattern: /\bat (?:[\w$.<>[\] ]+ \()?(?:file:\/\/|\/)[^\s)]+:\d+:\d+/ },
  {
    name: 'error class',
    pattern: /\b(?:Type|Range|Syntax|Reference|URI|Zod|Sqlite|Postgres)Error\b/,
  },
  { name: 'SQLite error code', pattern: /\bSQLITE_[A-Z_]+\b/ },
  {
    name: 'PostgreSQL error text',
    pattern: /syntax error at or near|relation "\w+" does not exist|invalid input syntax for type/,
  },
  { name: 'driver name', pattern: /better-sqlite3|node-postgres|drizzle/i },
  { name: 'error internals', pattern: /\bError: |"stack":|digest":"(?!NEXT_)/ },
];

/** Asserts a response shows no internals; `label` names the request in the failure. */
export function expectNoLeak(response: { text: string }, label: string): void {
  for (const { name, pattern } of LEAK_PATTERNS) {
    const match = pattern.exec(response.text);
    expect(match?.[0], `${label} leaks ${name}`).toBeUndefined();
  }
}

/** The JSON error document every API route sends. */
export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

/**
 * Asserts an API response is 2xx, or a 4xx JSON error whose message names one of `subjects`
 * (the field, parameter or header at fault, or the rejected value). Returns the parsed error.
 */
export function expectHandled(
  response: RawResponse,
  label: string,
  subjects: string[],
): ApiErrorBody | undefined {
  expect(
    response.status,
    `${label} answered ${response.status}: ${response.text.slice(0, 300)}`,
  ).toBeLessThan(500);
  expectNoLeak(response, label);
  if (response.status < 400) return undefined;

  expect(response.headers['content-type'], `${label} content type`).toMatch(/^application\/json/);
  const parsed = JSON.parse(response.text) as ApiErrorBody;
  expect(typeof parsed.error?.code, `${label} error code`).toBe('string');
  const message = parsed.error.message;
  const named = subjects.some((subject) => message.toLowerCase().includes(subject.toLowerCase()));
  expect(named, `${label} message "${message}" names none of ${subjects.join(', ')}`).toBe(true);
  return parsed;
}

/** Row count of every table in a database, by table name. */
export type RowCounts = Record<string, number>;

/**
 * Counts the rows of every table in the database a running app uses, so that a comparison
 * before and after a request shows whether it wrote anything, in tables added later too.
 */
export async function countRows(databaseUrl: string): Promise<RowCounts> {
  const counts: RowCounts = {};
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const tables = await client.query<{ name: string }>(
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
      );
      for (const { name } of tables.rows) {
        const result = await client.query<{ count: string }>(`SELECT count(*) FROM "${name}"`);
        counts[name] = Number(result.rows[0].count);
      }
    } finally {
      await client.end();
    }
    return counts;
  }

  const database = new Database(databaseUrl.replace(/^file:(\/\/)?/, ''), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    const tables = database
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    for (const { name } of tables) {
      const row = database.prepare(`SELECT count(*) AS count FROM "${name}"`).get() as {
        count: number;
      };
      counts[name] = row.count;
    }
  } finally {
    database.close();
  }
  return counts;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
