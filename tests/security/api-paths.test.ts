import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  HOSTILE_IDS,
  HOSTILE_QUERY_STRINGS,
  HOSTILE_QUERY_VALUES,
  TRAVERSAL_PATHS,
} from '../fixtures/hostile/corpus';
import { startApp, type RunningApp } from '../helpers/server';
import {
  API_ROUTES,
  countRows,
  expectHandled,
  expectNoLeak,
  fillPattern,
  LEAK_PATTERNS,
  listRouteFiles,
  mapLimit,
  send,
  type ApiRoute,
  type RawResponse,
} from './support';

/** Requests in flight at once: enough to overlap waits, few enough for two cores. */
const CONCURRENCY = 6;
const LEARNER_KEY = '5d1c9a0e-3b7f-4a2d-8e6c-1f0b9a8d7c6e';
/** Words one of which a 4xx about a path segment must contain. */
const RESOURCE_WORDS = ['id', 'lesson', 'export', 'concept', 'podcast', 'job', 'scenario'];
/** Text of files a traversal would reach: /etc/passwd, package.json and a .env file. */
const FILE_CONTENTS = [/root:.*:0:0:/, /"name": "ai-infra-learning"/, /DATABASE_URL=/];

describe('API paths and query strings under hostile input', () => {
  let app: RunningApp;
  let lessonId: string;
  let exportId: string;
  /** Real ids for every `[param]`, so a hostile value reaches the check behind them. */
  let validIds: Record<string, string>;

  beforeAll(async () => {
    app = await startApp();
    const created = await fetch(`${app.baseUrl}/api/lessons`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ problem: 'Train a 13B model on 64 H100 GPUs under $200k' }),
    });
    lessonId = ((await created.json()) as { id: string }).id;
    const exported = await fetch(`${app.baseUrl}/api/lessons/${lessonId}/export?audio=0`);
    exportId = exported.headers.get('x-export-id') ?? '';
    validIds = { id: lessonId, exportId };
  });
  afterAll(async () => {
    await app?.stop();
  });

  const methodFor = (route: ApiRoute) => (route.methods.includes('GET') ? 'GET' : route.methods[0]);
  const learnerHeaders = (route: ApiRoute): Record<string, string> =>
    route.learnerKey ? { 'x-learner-key': LEARNER_KEY } : {};

  it('recognises a stack trace, a project path and a driver error as leaks', () => {
    const stack = new Error('probe').stack ?? '';
    for (const text of [stack, 'SqliteError: SQLITE_CONSTRAINT_UNIQUE', 'at /srv/app/x.js:1:2']) {
      const found = LEAK_PATTERNS.some(({ pattern }) => pattern.test(text));
      expect(found, text.slice(0, 80)).toBe(true);
    }
    expect(LEAK_PATTERNS.some(({ pattern }) => pattern.test('{"lessons":[]}'))).toBe(false);
  });

  it('covers every route file under app/api', () => {
    const listed = API_ROUTES.map(({ pattern, methods }) => ({
      pattern,
      methods: [...methods].sort(),
    }));
    expect(listRouteFiles().sort((a, b) => a.pattern.localeCompare(b.pattern))).toEqual(listed);
  });

  const routesWithIds = API_ROUTES.filter((route) => route.pattern.includes('['));

  it.each(
    HOSTILE_IDS.map((id) => [id.length > 60 ? `${id.slice(0, 20)}… (${id.length})` : id, id]),
  )('answers id %s with 4xx on every route', async (_label, id) => {
    const before = await countRows(app.databaseUrl);
    const requests = routesWithIds.flatMap((route) => {
      const allHostile = fillPattern(route.pattern, {}, id);
      const names = [...route.pattern.matchAll(/\[(\w+)\]/g)].map((match) => match[1]);
      if (names.length === 1) return [{ route, path: allHostile }];
      // Nested routes also get a real first id, so the hostile value reaches the inner check.
      const lastHostile = fillPattern(route.pattern, { ...validIds, [names.at(-1)!]: id });
      return [
        { route, path: allHostile },
        { route, path: lastHostile },
      ];
    });

    await mapLimit(requests, CONCURRENCY, async ({ route, path }) => {
      const response = await send(app.baseUrl, {
        method: methodFor(route),
        path,
        headers: learnerHeaders(route),
      });
      const label = `${methodFor(route)} ${path.slice(0, 120)}`;
      expectHandled(response, label, RESOURCE_WORDS);
      expect(response.status, label).toBeGreaterThanOrEqual(400);
    });

    expect(await countRows(app.databaseUrl)).toEqual(before);
  });

  it.each(TRAVERSAL_PATHS)('serves no file outside the app for %s', async (path) => {
    const response = await send(app.baseUrl, { path });
    expect(response.status, `${path}: ${response.text.slice(0, 200)}`).toBeLessThan(500);
    expectNoLeak(response, path);
    for (const content of FILE_CONTENTS) expect(response.text).not.toMatch(content);
  });

  const getRoutes = API_ROUTES.filter((route) => route.methods.includes('GET'));

  /** Sends `query` to every GET route with real ids and checks each response. */
  async function sendQueryEverywhere(query: string, subjects: (route: ApiRoute) => string[]) {
    const responses = await mapLimit(getRoutes, CONCURRENCY, async (route) => {
      const path = `${fillPattern(route.pattern, validIds)}?${query}`;
      const response = await send(app.baseUrl, { path, headers: learnerHeaders(route) });
      expectHandled(response, `GET ${path.slice(0, 160)}`, subjects(route));
      return { route, response };
    });
    return responses;
  }

  it.each(
    HOSTILE_QUERY_VALUES.map((value) => [
      value.length > 40 ? `${value.slice(0, 12)}… (${value.length})` : JSON.stringify(value),
      value,
    ]),
  )('answers query value %s on every GET route without a 5xx', async (_label, value) => {
    const before = await countRows(app.databaseUrl);
    // Each route gets the value in every parameter it reads and in one it does not read.
    const requests = getRoutes.flatMap((route) =>
      [...route.query, 'x'].map((name) => ({ route, name })),
    );
    await mapLimit(requests, CONCURRENCY, async ({ route, name }) => {
      const path = `${fillPattern(route.pattern, validIds)}?${name}=${encodeURIComponent(value)}`;
      const response = await send(app.baseUrl, { path, headers: learnerHeaders(route) });
      expectHandled(response, `GET ${path.slice(0, 160)}`, [name, 'query', 'id']);
      if (route.query.includes(name)) expectInert(response);
    });
    // A valid export request stores an export; every hostile one must be rejected first.
    expect(await countRows(app.databaseUrl)).toEqual(before);
  });

  it.each(
    HOSTILE_QUERY_STRINGS.map((query) => [
      query.length > 40 ? `${query.slice(0, 12)}… (${query.length})` : query,
      query,
    ]),
  )('answers query string %s on every GET route without a 5xx', async (_label, query) => {
    await sendQueryEverywhere(query, (route) => [...route.query, 'query', 'parameter', 'id', '"']);
  });

  it('finds nothing new when a search holds SQL wildcards', async () => {
    for (const q of ['%', '_', '%_%', '\\', "' OR 1=1 --"]) {
      const response = await send(app.baseUrl, { path: `/api/lessons?q=${encodeURIComponent(q)}` });
      expect(response.status).toBe(200);
      const { lessons } = JSON.parse(response.text) as { lessons: { id: string }[] };
      // The only stored problem contains no %, _, backslash or quote, so a literal search finds none.
      expect(lessons, `q=${q}`).toEqual([]);
    }
  });
});

/**
 * Asserts a response that may echo a query value is JSON the browser will not sniff as HTML, so
 * markup in the value stays text.
 */
function expectInert(response: RawResponse) {
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['x-content-type-options']).toBe('nosniff');
}
