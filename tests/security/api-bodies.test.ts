import { request as httpRequest } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Lesson } from '@/lib/lessons/types';
import { PROGRESS_FILE_MAX_BYTES } from '@/lib/progress/transfer';
import { MAX_JSON_BODY_BYTES } from '@/lib/server/http';
import {
  ACCEPTED_TEXTS,
  HOSTILE_LEARNER_KEYS,
  HOSTILE_QUERY_VALUES,
  MISSHAPEN_BODIES,
  PROTOTYPE_POLLUTION_BODY,
  RAW_BYTE_PROBLEM,
  RAW_LEARNER_KEY_LINES,
  TRANSPORT_BODIES,
  type HostileBody,
} from '../fixtures/hostile/corpus';
import { startApp, type RunningApp } from '../helpers/server';
import { createTestDatabase, postgresAvailable } from '../helpers/services';
import { countRows, expectHandled, expectNoLeak, send, sendRaw, type RawResponse } from './support';

const LEARNER_KEY = '7c2e4b1a-9d3f-4e8a-b6c5-0a1f2e3d4c5b';
const LEARNER_HEADER = 'x-learner-key';

/** A JSON route with the headers and body that make a request to it valid. */
interface JsonRoute {
  name: string;
  path: string;
  headers: Record<string, string>;
  /** Largest body the route reads, in bytes. */
  maxBytes: number;
  validBody: string;
}

/** Posts each JSON route and asserts the hostile body changes nothing. */
function describeBodies(
  label: string,
  databaseUrl: () => Promise<{ url?: string; drop?: () => Promise<void> }>,
) {
  describe(label, () => {
    let app: RunningApp;
    let dropDatabase: (() => Promise<void>) | undefined;
    let routes: JsonRoute[];

    beforeAll(async () => {
      const database = await databaseUrl();
      dropDatabase = database.drop;
      app = await startApp(database.url ? { DATABASE_URL: database.url } : {});
      const lesson = await postLesson(
        app,
        JSON.stringify({ problem: 'Train a 7B model on 8 GPUs' }),
      );
      const emptyFile = await fetch(`${app.baseUrl}/api/progress/export`, {
        headers: { [LEARNER_HEADER]: LEARNER_KEY },
      });
      const learner = { [LEARNER_HEADER]: LEARNER_KEY };
      routes = [
        {
          name: 'POST /api/lessons',
          path: '/api/lessons',
          headers: {},
          maxBytes: MAX_JSON_BODY_BYTES,
          validBody: JSON.stringify({ problem: 'Train a 7B model on 8 GPUs' }),
        },
        {
          name: 'POST /api/lessons/[id]/podcast',
          path: `/api/lessons/${lesson.id}/podcast`,
          headers: {},
          maxBytes: MAX_JSON_BODY_BYTES,
          validBody: JSON.stringify({ provider: 'stub' }),
        },
        {
          name: 'POST /api/lessons/[id]/scenarios',
          path: `/api/lessons/${lesson.id}/scenarios`,
          headers: {},
          maxBytes: MAX_JSON_BODY_BYTES,
          validBody: JSON.stringify({ name: 'More GPUs', scenario: { edits: {} } }),
        },
        {
          name: 'POST /api/progress/import',
          path: '/api/progress/import',
          headers: learner,
          maxBytes: PROGRESS_FILE_MAX_BYTES,
          validBody: await emptyFile.text(),
        },
        {
          name: 'POST /api/review',
          path: '/api/review',
          headers: learner,
          maxBytes: MAX_JSON_BODY_BYTES,
          validBody: JSON.stringify({ source: 'review', conceptId: 'c001', rating: 'good' }),
        },
      ];
    });
    afterAll(async () => {
      await app?.stop();
      await dropDatabase?.();
    });

    const learnerRoute = (path: string) => routes.find((route) => route.path === path)!;

    const post = (route: JsonRoute, body: Buffer, contentType: string | null) =>
      send(app.baseUrl, {
        method: 'POST',
        path: route.path,
        headers: { ...route.headers, ...(contentType ? { 'content-type': contentType } : {}) },
        body,
      });

    /** Returns the error `route` must return for `hostile`: 413 only when over the route's cap. */
    function expectedFor(route: JsonRoute, hostile: HostileBody, sizeBytes: number) {
      if (hostile.expected.status === 413 && sizeBytes <= route.maxBytes) return undefined;
      return hostile.expected;
    }

    it.each(TRANSPORT_BODIES.map((hostile) => [hostile.name, hostile]))(
      'rejects %s on every JSON route',
      async (_name, hostile) => {
        const before = await countRows(app.databaseUrl);
        const body = hostile.body();
        for (const route of routes) {
          const response = await post(route, body, hostile.contentType);
          const label = `${route.name} with ${hostile.name}`;
          const error = expectHandled(response, label, [
            'body',
            'content-type',
            'problem',
            'constraints',
          ]);
          expect(response.status, label).toBeGreaterThanOrEqual(400);
          const expected = expectedFor(route, hostile, body.length);
          if (!expected) continue;
          expect(response.status, label).toBe(expected.status);
          expect(error?.error.code, label).toBe(expected.code);
          expect(error?.error.message, label).toMatch(expected.message);
        }
        expect(await countRows(app.databaseUrl)).toEqual(before);
      },
    );

    it('stops reading a chunked body of 10 MB at the cap', async () => {
      const before = await countRows(app.databaseUrl);
      const route = routes[0];
      const response = await sendChunked(app.baseUrl, route.path, 10 * 1024 * 1024);
      expectHandled(response, 'chunked 10 MB body', ['larger than']);
      expect(response.status).toBe(413);
      expect(await countRows(app.databaseUrl)).toEqual(before);
    });

    it.each(MISSHAPEN_BODIES.map((hostile) => [hostile.name, hostile]))(
      'rejects misshapen %s with 400',
      async (_name, hostile) => {
        const before = await countRows(app.databaseUrl);
        for (const route of routes) {
          const response = await post(route, Buffer.from(hostile.json), 'application/json');
          const label = `${route.name} with ${hostile.name}`;
          const error = expectHandled(response, label, [
            'body',
            'problem',
            'constraints',
            'learnerKey',
            'provider',
            'source',
            'format',
            'rating',
            'request',
            'file',
            'name',
            'scenario',
          ]);
          expect(response.status, label).toBe(400);
          if (route.path === '/api/lessons') {
            expect(error?.error.field, label).toBe(hostile.lessonField);
          }
        }
        expect(await countRows(app.databaseUrl)).toEqual(before);
      },
    );

    it('makes a lesson from its own fields, never from __proto__ or constructor', async () => {
      const lesson = await postLesson(app, PROTOTYPE_POLLUTION_BODY);
      expect(lesson.constraints).toEqual([]);
      expect(lesson.problem).toBe('Train a 7B model on 8 A100 80GB GPUs in 3 weeks');

      // A lesson made afterwards shows that no object prototype in the server was changed.
      const next = await postLesson(app, JSON.stringify({ problem: 'Train a 1B model on 2 GPUs' }));
      expect(next.constraints).toEqual([]);
      expect(Object.keys(next)).not.toContain('polluted');
    });

    it('reads overlong and surrogate UTF-8 bytes as replacement characters', async () => {
      const response = await send(app.baseUrl, {
        method: 'POST',
        path: '/api/lessons',
        headers: { 'content-type': 'application/json' },
        body: RAW_BYTE_PROBLEM,
      });
      expect(response.status).toBe(201);
      const { id } = JSON.parse(response.text) as Lesson;
      const stored = (await (await fetch(`${app.baseUrl}/api/lessons/${id}`)).json()) as Lesson;
      expect(stored.problem).not.toMatch(/[<>]/);
      expect(stored.problem).toContain('\uFFFD');
      expect(stored.problem).toContain('script');
    });

    it.each(ACCEPTED_TEXTS.map((text) => [text.name, text]))(
      'stores %s as the text sent',
      async (_name, text) => {
        const created = await postLesson(
          app,
          JSON.stringify({ problem: text.problem, constraints: text.constraints }),
        );
        const response = await send(app.baseUrl, { path: `/api/lessons/${created.id}` });
        expectNoLeak(response, text.name);
        const stored = JSON.parse(response.text) as Lesson;
        expect(stored.problem).toBe(text.problem.trim());
        expect(stored.constraints).toEqual(text.constraints.map((constraint) => constraint.trim()));
      },
    );

    it('finds SQL wildcards and quotes in a search as literal text', async () => {
      const marker = `wildcards ${Date.now()}`;
      const problems = [
        `${marker}: 100% of 8 GPUs`,
        `${marker}: zero_stage 3 on 8 GPUs`,
        `${marker}: C:\\data on 8 GPUs`,
        `${marker}: it's 8 GPUs`,
        `${marker}: plain 8 GPUs`,
      ];
      for (const problem of problems) await postLesson(app, JSON.stringify({ problem }));

      for (const q of ['%', '_', '\\', "'", "' OR 1=1 --", '%_', '\\%']) {
        const response = await send(app.baseUrl, {
          path: `/api/lessons?limit=100&q=${encodeURIComponent(q)}`,
        });
        expect(response.status, `q=${q}`).toBe(200);
        const found = (JSON.parse(response.text) as { lessons: { problem: string }[] }).lessons
          .map((lesson) => lesson.problem)
          .filter((problem) => problem.startsWith(marker));
        // Reference: a plain substring test, which is what the search promises.
        const expected = problems.filter((problem) => problem.includes(q));
        expect(found.sort(), `q=${q}`).toEqual(expected.sort());
      }
    });

    it.each(HOSTILE_QUERY_VALUES.map((value) => [JSON.stringify(value.slice(0, 24)), value]))(
      'answers a lesson search for %s without a 5xx',
      async (_label, value) => {
        const query = `q=${encodeURIComponent(value)}`;
        const api = await send(app.baseUrl, { path: `/api/lessons?${query}` });
        expectHandled(api, `search ${query.slice(0, 60)}`, ['q', 'query']);
        const page = await send(app.baseUrl, { path: `/lessons?${query}` });
        expect(page.status, `page search ${query.slice(0, 60)}`).toBeLessThan(500);
        expectNoLeak(page, `page search ${query.slice(0, 60)}`);
        // No stored problem can hold U+0000, and PostgreSQL cannot search for it.
        const expected = value.includes('\u0000') ? 400 : undefined;
        if (expected) expect([api.status, page.status]).toEqual([expected, expected]);
      },
    );

    describe('learner key header', () => {
      const learnerRequests = (key: string) =>
        [
          { method: 'GET', path: '/api/progress' },
          { method: 'GET', path: '/api/progress/export' },
          { method: 'GET', path: '/api/review' },
          { method: 'POST', path: '/api/review', body: learnerRoute('/api/review').validBody },
          {
            method: 'POST',
            path: '/api/progress/import',
            body: learnerRoute('/api/progress/import').validBody,
          },
        ].map((request) => ({
          ...request,
          headers: {
            [LEARNER_HEADER]: key,
            ...(request.body ? { 'content-type': 'application/json' } : {}),
          },
        }));

      it.each(HOSTILE_LEARNER_KEYS.map((key) => [key.name, key.value]))(
        'rejects %s naming the header',
        async (_name, value) => {
          const before = await countRows(app.databaseUrl);
          for (const request of learnerRequests(value)) {
            const response = await send(app.baseUrl, {
              method: request.method,
              path: request.path,
              headers: request.headers,
              body: request.body === undefined ? undefined : Buffer.from(request.body),
            });
            const label = `${request.method} ${request.path}`;
            const error = expectHandled(response, label, [LEARNER_HEADER]);
            expect(response.status, label).toBe(400);
            expect(error?.error.field, label).toBe(LEARNER_HEADER);
          }
          expect(await countRows(app.databaseUrl)).toEqual(before);
        },
      );

      it.each(RAW_LEARNER_KEY_LINES.map((key) => [key.name, key.value]))(
        'rejects %s before any route',
        async (_name, value) => {
          const before = await countRows(app.databaseUrl);
          const body = learnerRoute('/api/review').validBody;
          const port = new URL(app.baseUrl).port;
          const response = await sendRaw(
            app.baseUrl,
            `POST /api/review HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
              `${LEARNER_HEADER}: ${value}\r\ncontent-type: application/json\r\n` +
              `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
          );
          // Node's HTTP parser itself responds 400 (bad byte) or 431 (header too large), or
          // resets the connection while the oversized header is still arriving (status 0).
          expect([0, 400, 431], response.text.slice(0, 200)).toContain(response.status);
          expectNoLeak(response, 'raw header');
          expect(response.text).not.toContain('x-injected');
          expect(await countRows(app.databaseUrl)).toEqual(before);

          const health = await fetch(`${app.baseUrl}/api/health`);
          expect(health.status).toBe(200);
        },
      );
    });
  });
}

describeBodies('API bodies under hostile input (SQLite)', async () => ({}));

const hasPostgres = await postgresAvailable();

describe.skipIf(!hasPostgres)('PostgreSQL', () => {
  describeBodies('API bodies under hostile input (PostgreSQL)', () => createTestDatabase());
});

async function postLesson(app: RunningApp, body: string): Promise<Lesson> {
  const response = await send(app.baseUrl, {
    method: 'POST',
    path: '/api/lessons',
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(body),
  });
  expect(response.status, response.text.slice(0, 300)).toBe(201);
  return JSON.parse(response.text) as Lesson;
}

/** Sends `sizeBytes` of a JSON string body with chunked transfer encoding and no length. */
function sendChunked(baseUrl: string, path: string, sizeBytes: number): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          outgoing.destroy();
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
    // The server may respond and close before the whole body is sent, which is the case tested.
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    outgoing.write('{"problem":"');
    let sent = 0;
    const writeMore = () => {
      while (sent < sizeBytes) {
        sent += chunk.length;
        if (!outgoing.write(chunk)) {
          outgoing.once('drain', writeMore);
          return;
        }
      }
      outgoing.end('"}');
    };
    writeMore();
  });
}
