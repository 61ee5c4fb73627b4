import { NextResponse, type NextRequest } from 'next/server';

import { isLearningEnabled, LEARNING_DISABLED_MESSAGE } from './lib/config';
import { contentSecurityPolicy, createNonce } from './lib/server/content-security-policy';

/** Path prefixes of the learning pages and API routes that MVP_LLM_INFRA_LEARNING turns off. */
const LEARNING_PATH_PREFIXES = [
  '/lessons',
  '/concepts',
  '/graph',
  '/review',
  '/progress',
  '/podcasts',
  '/api/lessons',
  '/api/concepts',
  '/api/analyze',
  '/api/progress',
  '/api/review',
  '/api/podcasts',
  '/api/jobs',
];

/** Maximum length of a rejected path quoted in an error message, in characters. */
const QUOTED_PATH_MAX_CHARS = 80;

/**
 * Pages rendered per request, which get a script nonce. The other pages (/progress, /review and
 * the 404 page of an unknown path) are prerendered at build time, so their inline scripts have
 * no nonce and they keep the default policy. None of them renders user text on the server.
 */
const NONCE_PAGE_PATTERNS = [
  /^\/$/,
  /^\/concepts(?:\/[^/]+)?$/,
  /^\/graph$/,
  /^\/lessons(?:\/[^/]+)?$/,
  /^\/podcasts\/[^/]+$/,
];

/**
 * Runs before the home page and every learning page and API route (see `config.matcher`):
 * - rejects with 400 a path that is not valid percent-encoded UTF-8, because Next.js 16.5
 *   responds 500 when it cannot decode a dynamic segment such as `/lessons/%E0%A4%A`;
 * - rejects with 400 a query string that contains a NUL character, which no parameter accepts;
 * - answers 404 with an explanation for every learning page and API route while the
 *   MVP_LLM_INFRA_LEARNING flag is off (the home page and the health check stay up);
 * - gives each page rendered per request a Content-Security-Policy with a fresh nonce, which
 *   Next.js reads from the request and puts on the scripts it renders, so that no other
 *   script can run there.
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  const isApi = pathname === '/api' || pathname.startsWith('/api/');

  if (!isDecodable(pathname)) {
    const quoted = pathname.slice(0, QUOTED_PATH_MAX_CHARS);
    const message = `invalid path "${quoted}": it is not valid percent-encoded UTF-8; check the link`;
    return badRequest(isApi, 'INVALID_PATH', message, 'path');
  }
  // PostgreSQL cannot compare text with U+0000, so a search for it would fail with 500.
  if (request.nextUrl.search.includes('%00')) {
    const message = 'invalid query string: it contains a NUL character (%00); remove it';
    return badRequest(isApi, 'INVALID_QUERY', message, 'query');
  }

  if (!isLearningEnabled() && isLearningPath(pathname)) {
    return isApi
      ? NextResponse.json(
          { error: { code: 'LEARNING_DISABLED', message: LEARNING_DISABLED_MESSAGE } },
          { status: 404 },
        )
      : htmlResponse('Not available', LEARNING_DISABLED_MESSAGE, 404);
  }

  if (!NONCE_PAGE_PATTERNS.some((pattern) => pattern.test(pathname))) return NextResponse.next();

  const policy = contentSecurityPolicy({
    nonce: createNonce(),
    development: process.env.NODE_ENV === 'development',
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  // The home page and every learning path: the pages that get a nonce and every route with a
  // dynamic segment or a database search. Static files, /api/health and unknown paths skip the
  // proxy, which saves its cost on each of those requests. Next.js reads this list at build
  // time, so it must be literal; it repeats LEARNING_PATH_PREFIXES.
  matcher: [
    '/',
    '/lessons/:path*',
    '/concepts/:path*',
    '/graph/:path*',
    '/review/:path*',
    '/progress/:path*',
    '/podcasts/:path*',
    '/api/lessons/:path*',
    '/api/concepts/:path*',
    '/api/analyze/:path*',
    '/api/progress/:path*',
    '/api/review/:path*',
    '/api/podcasts/:path*',
    '/api/jobs/:path*',
  ],
};

function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function isLearningPath(pathname: string): boolean {
  return LEARNING_PATH_PREFIXES.some(
    (prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`),
  );
}

function badRequest(isApi: boolean, code: string, message: string, field: string) {
  return isApi
    ? NextResponse.json({ error: { code, message, field } }, { status: 400 })
    : htmlResponse('Bad request', message, 400);
}

/** Returns a small page with no script, which the default policy (no nonce) allows. */
function htmlResponse(title: string, message: string, status: number): NextResponse {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1><p>${escapeHtml(message)}</p><p><a href="/">Home</a></p></main></body></html>`;
  return new NextResponse(page, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
