import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startApp, type RunningApp } from '../helpers/server';
import { fillPattern, mapLimit, PAGES, send, type RawRequest, type RawResponse } from './support';

const LEARNER_KEY = '2a6f0c1e-8b3d-4f7a-9e5c-4d1b0a9f8e7c';
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';
const CONCURRENCY = 4;

/** Pages rendered per request, whose policy must carry a nonce on every script. */
const NONCE_PAGES = new Set([
  '/',
  '/concepts',
  '/concepts/[id]',
  '/graph',
  '/lessons',
  '/lessons/[id]',
  '/lessons/new',
  '/podcasts/[id]',
]);

/** Asserts the headers every response must carry, and returns the Content-Security-Policy. */
function expectSecurityHeaders(response: RawResponse, label: string): string {
  const policies = response.rawHeaders.filter(
    (value, index) => index % 2 === 0 && value.toLowerCase() === 'content-security-policy',
  );
  expect(policies.length, `${label}: Content-Security-Policy headers`).toBe(1);
  const policy = String(response.headers['content-security-policy']);
  expect(policy, label).toContain("frame-ancestors 'none'");
  expect(policy, label).toContain("object-src 'none'");
  expect(policy, label).toContain("base-uri 'self'");
  expect(policy, label).toContain("default-src 'self'");
  expect(policy, label).not.toContain('unsafe-eval');
  expect(response.headers['x-content-type-options'], label).toBe('nosniff');
  expect(response.headers['referrer-policy'], label).toBe('strict-origin-when-cross-origin');
  expect(response.headers['x-frame-options'], label).toBe('DENY');
  expect(response.headers['x-powered-by'], label).toBeUndefined();
  return policy;
}

describe('security headers', () => {
  let app: RunningApp;
  let lessonId: string;
  let exportId: string;
  let jobId: string;
  let staticAsset: string;

  beforeAll(async () => {
    app = await startApp({ TTS_PROVIDER: 'stub' });
    const created = await fetch(`${app.baseUrl}/api/lessons`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ problem: 'Train a 7B model on 8 H100 GPUs in 3 weeks' }),
    });
    lessonId = ((await created.json()) as { id: string }).id;
    const exported = await fetch(`${app.baseUrl}/api/lessons/${lessonId}/export?audio=0`);
    exportId = exported.headers.get('x-export-id') ?? '';
    const job = await fetch(`${app.baseUrl}/api/lessons/${lessonId}/podcast`, { method: 'POST' });
    jobId = ((await job.json()) as { jobId: string }).jobId;
    const home = await (await fetch(app.baseUrl)).text();
    staticAsset = /\/_next\/static\/[^"]+\.js/.exec(home)?.[0] ?? '';
  });
  afterAll(async () => {
    await app?.stop();
  });

  const pagePath = (pattern: string) =>
    fillPattern(pattern, { id: pattern.startsWith('/concepts') ? 'c001' : lessonId });

  it.each(PAGES.map((page) => page.pattern))('page %s carries them', async (pattern) => {
    const response = await send(app.baseUrl, { path: pagePath(pattern) });
    // The lesson id names no podcast, so the podcast page is its 404.
    expect([200, 404]).toContain(response.status);
    const policy = expectSecurityHeaders(response, pattern);
    if (!NONCE_PAGES.has(pattern)) {
      expect(policy).toContain("script-src 'self' 'unsafe-inline'");
      return;
    }
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
    expect(nonce, `${pattern} policy has a nonce`).toBeDefined();
    expect(policy).not.toContain("'unsafe-inline' 'nonce");
    expect(/script-src[^;]*'unsafe-inline'/.test(policy), pattern).toBe(false);
    const scripts = [...response.text.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length, `${pattern} scripts`).toBeGreaterThan(0);
    for (const script of scripts) expect(script, pattern).toContain(`nonce="${nonce}"`);
  });

  it('gives each page request a fresh nonce', async () => {
    const nonces = await Promise.all(
      [1, 2, 3].map(async () => {
        const response = await send(app.baseUrl, { path: `/lessons/${lessonId}` });
        return /'nonce-([^']+)'/.exec(String(response.headers['content-security-policy']))?.[1];
      }),
    );
    expect(new Set(nonces).size).toBe(3);
  });

  /** Requests with the status each must return; every response must carry the headers. */
  const cases = (): [string, RawRequest, number][] => {
    const learner = { 'x-learner-key': LEARNER_KEY };
    const json = { 'content-type': 'application/json' };
    return [
      ['health', { path: '/api/health' }, 200],
      ['concept list', { path: '/api/concepts' }, 200],
      ['concept', { path: '/api/concepts/c001' }, 200],
      ['concept path', { path: '/api/concepts/c001/path' }, 200],
      ['lesson list', { path: '/api/lessons' }, 200],
      ['lesson', { path: `/api/lessons/${lessonId}` }, 200],
      ['export download', { path: `/api/lessons/${lessonId}/export/${exportId}` }, 200],
      ['job', { path: `/api/jobs/${jobId}` }, 200],
      ['saved scenarios', { path: `/api/lessons/${lessonId}/scenarios` }, 200],
      [
        'unknown saved scenario',
        { method: 'DELETE', path: `/api/lessons/${lessonId}/scenarios/${UNKNOWN_UUID}` },
        404,
      ],
      ['progress', { path: '/api/progress', headers: learner }, 200],
      ['progress file', { path: '/api/progress/export', headers: learner }, 200],
      ['due cards', { path: '/api/review', headers: learner }, 200],
      ['static script', { path: staticAsset }, 200],
      ['service worker', { path: '/sw.js' }, 200],
      ['manifest', { path: '/manifest.webmanifest' }, 200],
      ['icon', { path: '/icon.svg' }, 200],
      ['podcast start', { method: 'POST', path: `/api/lessons/${lessonId}/podcast` }, 202],
      ['HEAD of a lesson', { method: 'HEAD', path: `/api/lessons/${lessonId}` }, 200],
      ['bad query', { path: '/api/lessons?limit=0' }, 400],
      ['missing learner key', { path: '/api/progress' }, 400],
      ['proxy: undecodable API path', { path: '/api/lessons/%E0%A4%A' }, 400],
      ['proxy: undecodable page path', { path: '/lessons/%E0%A4%A' }, 400],
      ['unknown lesson', { path: `/api/lessons/${UNKNOWN_UUID}` }, 404],
      ['unknown podcast audio', { path: `/api/podcasts/${UNKNOWN_UUID}/audio` }, 404],
      ['unknown podcast', { path: `/api/podcasts/${UNKNOWN_UUID}` }, 404],
      ['unknown API path', { path: '/api/nope' }, 404],
      ['unknown page', { path: '/nope/deeper' }, 404],
      ['unknown lesson page', { path: `/lessons/${UNKNOWN_UUID}` }, 404],
      ['unknown static file', { path: '/_next/static/nope.js' }, 404],
      ['method not allowed', { method: 'DELETE', path: '/api/lessons' }, 405],
      ['method not allowed on a page route', { method: 'PUT', path: '/api/health' }, 405],
      [
        'body too large',
        { method: 'POST', path: '/api/lessons', headers: json, body: Buffer.alloc(70_000, 32) },
        413,
      ],
      [
        'wrong content type',
        {
          method: 'POST',
          path: '/api/review',
          headers: { ...learner, 'content-type': 'text/plain' },
          body: Buffer.from('x'),
        },
        415,
      ],
    ];
  };

  it('every route, static file and error response carries them', async () => {
    await mapLimit(cases(), CONCURRENCY, async ([label, request, status]) => {
      const response = await send(app.baseUrl, request);
      expect(response.status, `${label}: ${response.text.slice(0, 200)}`).toBe(status);
      expectSecurityHeaders(response, label);
    });
  });
});

describe('security headers with learning turned off', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp({ MVP_LLM_INFRA_LEARNING: 'false' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it.each(['/lessons', '/api/lessons', '/api/progress/import', '/', '/api/health'])(
    '%s carries them',
    async (path) => {
      const response = await send(app.baseUrl, { path });
      expect([200, 404]).toContain(response.status);
      expectSecurityHeaders(response, path);
    },
  );
});
