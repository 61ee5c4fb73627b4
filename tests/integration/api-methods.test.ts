import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ROUTE_METHODS } from '@/lib/server/methods';
import { startApp, type RunningApp } from '../helpers/server';
import { API_ROUTES, fillPattern, send } from '../security/support';

const LESSON_ID = '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a';
const SCENARIO_ID = '9f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c';
const PARAMS = {
  id: LESSON_ID,
  exportId: '8e9f0a1b-2c3d-4e4f-9a5b-6c7d8e9f0a1b',
  scenarioId: SCENARIO_ID,
};

/** Returns the `Allow` header a route must send: its methods, HEAD with GET, and OPTIONS. */
function expectedAllow(methods: readonly string[]): string {
  const allowed = new Set([...methods, 'OPTIONS']);
  if (allowed.has('GET')) allowed.add('HEAD');
  return [...allowed].sort().join(', ');
}

describe('API methods on the production server', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it.each(['GET', 'PUT', 'PATCH', 'POST'])(
    'answers %s on a saved scenario with 405 naming DELETE',
    async (method) => {
      const path = `/api/lessons/${LESSON_ID}/scenarios/${SCENARIO_ID}`;
      const response = await fetch(`${app.baseUrl}${path}`, { method });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('DELETE, OPTIONS');
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({
        error: {
          code: 'METHOD_NOT_ALLOWED',
          message: `method ${method} is not allowed on ${path}: use DELETE, OPTIONS`,
        },
      });
    },
  );

  const cases = API_ROUTES.flatMap((route) => {
    const allow = expectedAllow(route.methods);
    const path = fillPattern(route.pattern, PARAMS);
    return ROUTE_METHODS.filter((method) => !allow.split(', ').includes(method)).map((method) => ({
      label: `${method} ${route.pattern}`,
      method,
      path,
      allow,
    }));
  });

  it.each(cases)('answers $label with 405 and Allow', async ({ method, path, allow }) => {
    const response = await send(app.baseUrl, { method, path });
    expect(response.status, response.text.slice(0, 200)).toBe(405);
    expect(response.headers.allow).toBe(allow);
    if (method === 'HEAD') return;
    const { error } = JSON.parse(response.text) as { error: { code: string; message: string } };
    expect(error.code).toBe('METHOD_NOT_ALLOWED');
    expect(error.message).toBe(`method ${method} is not allowed on ${path}: use ${allow}`);
  });

  it.each(
    API_ROUTES.map((route) => ({ pattern: route.pattern, allow: expectedAllow(route.methods) })),
  )('answers OPTIONS $pattern with Allow: $allow', async ({ pattern, allow }) => {
    const response = await send(app.baseUrl, {
      method: 'OPTIONS',
      path: fillPattern(pattern, PARAMS),
    });
    expect(response.status).toBe(204);
    expect(response.headers.allow).toBe(allow);
  });

  it('answers HEAD on a GET route as GET does', async () => {
    const response = await send(app.baseUrl, { method: 'HEAD', path: '/api/health' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toHaveLength(0);
  });
});
