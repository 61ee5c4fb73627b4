import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { describe, expect, it } from 'vitest';

import { methodHandlers, ROUTE_METHODS, type RouteMethod } from '@/lib/server/methods';
import { PROJECT_ROOT } from '../../helpers/cli';
import { API_ROUTES, fillPattern } from '../../security/support';

type RouteModule = Partial<Record<RouteMethod, (request: Request) => Response | Promise<Response>>>;

/** A value for every `[param]`, so that a pattern becomes a request path. */
const PARAMS = {
  id: '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a',
  exportId: '8e9f0a1b-2c3d-4e4f-9a5b-6c7d8e9f0a1b',
  scenarioId: '9f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c',
};

/** Returns the `Allow` header a route must send: its methods, HEAD with GET, and OPTIONS. */
function expectedAllow(methods: readonly string[]): string {
  const allowed = new Set([...methods, 'OPTIONS']);
  if (allowed.has('GET')) allowed.add('HEAD');
  return [...allowed].sort().join(', ');
}

async function importRoute(pattern: string): Promise<RouteModule> {
  const file = join(PROJECT_ROOT, 'app', ...pattern.split('/').filter(Boolean), 'route.ts');
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as RouteModule;
}

describe('methodHandlers', () => {
  it('lists GET, HEAD and OPTIONS for a GET route', async () => {
    const { OPTIONS } = methodHandlers(['GET']);
    const response = OPTIONS(new Request('http://localhost/api/health', { method: 'OPTIONS' }));
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(await response.text()).toBe('');
  });

  it('answers a missing method with 405 naming it', async () => {
    const { PUT } = methodHandlers(['DELETE']);
    const response = PUT(new Request('http://localhost/api/items/1', { method: 'PUT' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('DELETE, OPTIONS');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      error: {
        code: 'METHOD_NOT_ALLOWED',
        message: 'method PUT is not allowed on /api/items/1: use DELETE, OPTIONS',
      },
    });
  });

  it('answers HEAD with 405 when GET is missing', () => {
    const { HEAD } = methodHandlers(['POST']);
    const response = HEAD(new Request('http://localhost/api/items', { method: 'HEAD' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('OPTIONS, POST');
  });

  it('leaves HEAD to a route that implements it', () => {
    const handlers = methodHandlers(['GET', 'HEAD']);
    expect(Object.keys(handlers).sort()).toEqual(['DELETE', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
  });

  it('quotes at most 120 characters of the path', async () => {
    const { POST } = methodHandlers(['GET']);
    const path = `/api/items/${'x'.repeat(300)}`;
    const response = POST(new Request(`http://localhost${path}`, { method: 'POST' }));
    const { error } = (await response.json()) as { error: { message: string } };
    expect(error.message).toBe(
      `method POST is not allowed on ${path.slice(0, 120)}: use GET, HEAD, OPTIONS`,
    );
  });
});

describe.each(API_ROUTES.map((route) => [route.pattern, route.methods] as const))(
  'route %s',
  (pattern, methods) => {
    const allow = expectedAllow(methods);
    const url = `http://localhost${fillPattern(pattern, PARAMS)}`;

    it(`answers OPTIONS with Allow: ${allow}`, async () => {
      const route = await importRoute(pattern);
      expect(route.OPTIONS, `${pattern} exports no OPTIONS handler`).toBeTypeOf('function');
      const response = await route.OPTIONS!(new Request(url, { method: 'OPTIONS' }));
      expect(response.status).toBe(204);
      expect(response.headers.get('allow')).toBe(allow);
    });

    const missing = ROUTE_METHODS.filter((method) => !allow.split(', ').includes(method));

    it.each(missing)('answers %s with 405 and Allow', async (method) => {
      const route = await importRoute(pattern);
      const handler = route[method];
      expect(handler, `${pattern} exports no ${method} handler`).toBeTypeOf('function');
      const response = await handler!(new Request(url, { method }));
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe(allow);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('METHOD_NOT_ALLOWED');
      expect(error.message).toBe(
        `method ${method} is not allowed on ${new URL(url).pathname}: use ${allow}`,
      );
    });
  },
);
