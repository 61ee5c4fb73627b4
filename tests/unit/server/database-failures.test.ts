import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { Repository } from '@/lib/db/repository';
import { captureLogs, LOG_LEVEL } from '../queue/support/log-capture';

/**
 * Every API route that reads or writes the database, called with a repository whose every
 * method throws the error under test, as Drizzle throws it: a query error whose `cause` is the
 * driver's error with its code.
 */

const logs = vi.hoisted(() => ({
  current: undefined as ReturnType<typeof captureLogs> | undefined,
}));
const database = vi.hoisted(() => ({
  /** What `getRepository` does: throw while opening, or return a repository that throws. */
  failure: undefined as { error: Error; whileOpening: boolean } | undefined,
}));

vi.mock('@/lib/logger', () => ({ getLogger: () => logs.current!.logger }));
vi.mock('@/lib/db/client', () => ({
  getRepository: async (): Promise<Repository> => {
    const failure = database.failure!;
    if (failure.whileOpening) throw failure.error;
    return new Proxy({} as Repository, {
      get: (_target, property) => {
        if (property === 'kind') return 'sqlite';
        // An object with `then` would be awaited as a promise.
        if (property === 'then') return undefined;
        return async () => {
          throw failure.error;
        };
      },
    });
  },
}));

const LESSON_ID = '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a';
const EXPORT_ID = '8e9f0a1b-2c3d-4e4f-9a5b-6c7d8e9f0a1b';
const SCENARIO_ID = '9f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c';
const LEARNER_KEY = '5d1c9a0e-3b7f-4a2d-8e6c-1f0b9a8d7c6e';
/** Text of the driver's message, which must stay in the server log. */
const DRIVER_MESSAGE = 'attempt to write a readonly database: INSERT INTO progress';

/** A route handler. Each route types its own params, which the table fills in per route. */
type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

interface RouteCall {
  label: string;
  /** Loads the route module and picks the handler, so that the mocks above apply to it. */
  handler: () => Promise<Handler>;
  method: string;
  path: string;
  params?: Record<string, string>;
  body?: unknown;
  learnerKey?: boolean;
  /** Start of the error message: what happened to the request. */
  outcome: string;
}

const CALLS: RouteCall[] = [
  {
    label: 'GET /api/health',
    handler: async () => (await import('@/app/api/health/route')).GET,
    method: 'GET',
    path: '/api/health',
    outcome: 'the health check failed',
  },
  {
    label: 'GET /api/concepts',
    handler: async () => (await import('@/app/api/concepts/route')).GET,
    method: 'GET',
    path: '/api/concepts',
    outcome: 'the concept catalogue could not be read',
  },
  {
    label: 'GET /api/concepts/[id]',
    handler: async () => (await import('@/app/api/concepts/[id]/route')).GET,
    method: 'GET',
    path: '/api/concepts/c001',
    params: { id: 'c001' },
    outcome: 'the concept could not be read',
  },
  {
    label: 'GET /api/concepts/[id]/path',
    handler: async () => (await import('@/app/api/concepts/[id]/path/route')).GET,
    method: 'GET',
    path: '/api/concepts/c001/path',
    params: { id: 'c001' },
    outcome: 'the prerequisite path could not be read',
  },
  {
    label: 'GET /api/lessons',
    handler: async () => (await import('@/app/api/lessons/route')).GET,
    method: 'GET',
    path: '/api/lessons',
    outcome: 'the lessons could not be listed',
  },
  {
    label: 'POST /api/lessons',
    handler: async () => (await import('@/app/api/lessons/route')).POST,
    method: 'POST',
    path: '/api/lessons',
    body: { problem: 'Train a 7B model on 8 H100 GPUs in 3 weeks' },
    outcome: 'the lesson was not stored',
  },
  {
    label: 'GET /api/lessons/[id]',
    handler: async () => (await import('@/app/api/lessons/[id]/route')).GET,
    method: 'GET',
    path: `/api/lessons/${LESSON_ID}`,
    params: { id: LESSON_ID },
    outcome: 'the lesson could not be read',
  },
  {
    label: 'GET /api/lessons/[id]/export',
    handler: async () => (await import('@/app/api/lessons/[id]/export/route')).GET,
    method: 'GET',
    path: `/api/lessons/${LESSON_ID}/export?audio=0`,
    params: { id: LESSON_ID },
    outcome: 'the lesson could not be exported',
  },
  {
    label: 'GET /api/lessons/[id]/export/[exportId]',
    handler: async () => (await import('@/app/api/lessons/[id]/export/[exportId]/route')).GET,
    method: 'GET',
    path: `/api/lessons/${LESSON_ID}/export/${EXPORT_ID}`,
    params: { id: LESSON_ID, exportId: EXPORT_ID },
    outcome: 'the export could not be read',
  },
  {
    label: 'POST /api/lessons/[id]/podcast',
    handler: async () => (await import('@/app/api/lessons/[id]/podcast/route')).POST,
    method: 'POST',
    path: `/api/lessons/${LESSON_ID}/podcast`,
    params: { id: LESSON_ID },
    outcome: 'the podcast was not started',
  },
  {
    label: 'GET /api/lessons/[id]/scenarios',
    handler: async () => (await import('@/app/api/lessons/[id]/scenarios/route')).GET,
    method: 'GET',
    path: `/api/lessons/${LESSON_ID}/scenarios`,
    params: { id: LESSON_ID },
    outcome: 'the saved scenarios could not be read',
  },
  {
    label: 'POST /api/lessons/[id]/scenarios',
    handler: async () => (await import('@/app/api/lessons/[id]/scenarios/route')).POST,
    method: 'POST',
    path: `/api/lessons/${LESSON_ID}/scenarios`,
    params: { id: LESSON_ID },
    body: { name: 'H100', scenario: { edits: { gpuModel: 'H100 SXM' } } },
    outcome: 'the scenario was not saved',
  },
  {
    label: 'DELETE /api/lessons/[id]/scenarios/[scenarioId]',
    handler: async () =>
      (await import('@/app/api/lessons/[id]/scenarios/[scenarioId]/route')).DELETE,
    method: 'DELETE',
    path: `/api/lessons/${LESSON_ID}/scenarios/${SCENARIO_ID}`,
    params: { id: LESSON_ID, scenarioId: SCENARIO_ID },
    outcome: 'the scenario was not deleted',
  },
  {
    label: 'GET /api/podcasts/[id]',
    handler: async () => (await import('@/app/api/podcasts/[id]/route')).GET,
    method: 'GET',
    path: `/api/podcasts/${LESSON_ID}`,
    params: { id: LESSON_ID },
    outcome: 'the podcast could not be read',
  },
  {
    label: 'GET /api/podcasts/[id]/audio',
    handler: async () => (await import('@/app/api/podcasts/[id]/audio/route')).GET,
    method: 'GET',
    path: `/api/podcasts/${LESSON_ID}/audio`,
    params: { id: LESSON_ID },
    outcome: 'the podcast audio could not be read',
  },
  {
    label: 'GET /api/progress',
    handler: async () => (await import('@/app/api/progress/route')).GET,
    method: 'GET',
    path: '/api/progress',
    learnerKey: true,
    outcome: 'the progress summary could not be read',
  },
  {
    label: 'GET /api/progress/export',
    handler: async () => (await import('@/app/api/progress/export/route')).GET,
    method: 'GET',
    path: '/api/progress/export',
    learnerKey: true,
    outcome: 'the progress could not be exported',
  },
  {
    label: 'POST /api/progress/import',
    handler: async () => (await import('@/app/api/progress/import/route')).POST,
    method: 'POST',
    path: '/api/progress/import',
    body: { format: 'infra-learn-progress', version: 1 },
    learnerKey: true,
    outcome: 'the progress was not imported',
  },
  {
    label: 'GET /api/review',
    handler: async () => (await import('@/app/api/review/route')).GET,
    method: 'GET',
    path: '/api/review',
    learnerKey: true,
    outcome: 'the due cards could not be read',
  },
  {
    label: 'POST /api/review',
    handler: async () => (await import('@/app/api/review/route')).POST,
    method: 'POST',
    path: '/api/review',
    body: { source: 'review', conceptId: 'c001', rating: 'good' },
    learnerKey: true,
    outcome: 'the rating was not stored',
  },
];

/** Driver codes of each database failure and the response each must get. */
const FAILURES = [
  {
    driverCode: 'SQLITE_READONLY',
    status: 503,
    code: 'DATABASE_READ_ONLY',
    retryAfter: null,
    cause: 'the database is read-only',
  },
  {
    driverCode: 'SQLITE_FULL',
    status: 507,
    code: 'DATABASE_FULL',
    retryAfter: null,
    cause: 'the database is full',
  },
  {
    driverCode: 'SQLITE_BUSY',
    status: 503,
    code: 'DATABASE_BUSY',
    retryAfter: '5',
    cause: 'the database is busy',
  },
  {
    driverCode: '53300',
    status: 503,
    code: 'DATABASE_BUSY',
    retryAfter: '5',
    cause: 'the database is busy',
  },
  {
    driverCode: 'ECONNREFUSED',
    status: 503,
    code: 'DATABASE_UNAVAILABLE',
    retryAfter: '5',
    cause: 'the database cannot be opened or reached',
  },
];

/** Returns the error Drizzle throws for a failed query: the driver's error as its `cause`. */
function queryError(driverCode: string): Error {
  const cause = Object.assign(new Error(DRIVER_MESSAGE), { code: driverCode });
  return new Error('Failed query: INSERT INTO progress ...', { cause });
}

async function call(route: RouteCall): Promise<Response> {
  const headers = new Headers();
  if (route.body !== undefined) headers.set('content-type', 'application/json');
  if (route.learnerKey) headers.set('x-learner-key', LEARNER_KEY);
  const request = new Request(`http://localhost${route.path}`, {
    method: route.method,
    headers,
    body: route.body === undefined ? undefined : JSON.stringify(route.body),
  });
  const handler = await route.handler();
  return handler(request, { params: Promise.resolve(route.params ?? {}) as Promise<never> });
}

beforeEach(() => {
  logs.current = captureLogs();
});

describe.each(CALLS.map((route) => [route.label, route] as const))('%s', (_label, route) => {
  it.each(FAILURES.map((failure) => [failure.driverCode, failure] as const))(
    'maps %s to its database error',
    async (_driverCode, failure) => {
      database.failure = { error: queryError(failure.driverCode), whileOpening: false };
      const response = await call(route);

      expect(response.status).toBe(failure.status);
      expect(response.headers.get('retry-after')).toBe(failure.retryAfter);
      const text = await response.text();
      const body = JSON.parse(text) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(failure.code);
      expect(body.error.message.startsWith(`${route.outcome}: ${failure.cause}`)).toBe(true);
      expect(text).not.toContain(DRIVER_MESSAGE);
      expect(text).not.toContain('INSERT');

      const logged = logs.current!.lines.filter((line) => line.level === LOG_LEVEL.error);
      expect(logged).toHaveLength(1);
      expect(logged[0].code).toBe(failure.code);
      expect((logged[0].err as { message: string }).message).toContain('Failed query');
    },
  );

  it('maps a database that cannot be opened', async () => {
    const error = Object.assign(new Error('unable to open database file'), {
      code: 'SQLITE_CANTOPEN',
    });
    database.failure = { error, whileOpening: true };
    const response = await call(route);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('DATABASE_UNAVAILABLE');
    expect(body.error.message).toContain('DATABASE_URL');
  });

  it('answers any other error without its text', async () => {
    database.failure = {
      error: new TypeError('row.concepts is not iterable'),
      whileOpening: false,
    };
    const response = await call(route);
    const text = await response.text();
    const body = JSON.parse(text) as { error: { code: string } };
    if (route.label === 'GET /api/health') {
      expect(response.status).toBe(503);
      expect(body.error.code).toBe('HEALTH_CHECK_FAILED');
    } else {
      expect(response.status).toBe(500);
      expect(body.error.code).toBe('INTERNAL');
    }
    expect(text).not.toContain('iterable');
    expect(logs.current!.lines.filter((line) => line.level === LOG_LEVEL.error)).toHaveLength(1);
  });
});

describe('GET /api/health', () => {
  it('keeps the status field beside the error', async () => {
    database.failure = { error: queryError('ECONNREFUSED'), whileOpening: false };
    const response = await call(CALLS[0]);
    expect(await response.json()).toMatchObject({
      status: 'error',
      error: { code: 'DATABASE_UNAVAILABLE' },
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
