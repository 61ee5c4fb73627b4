import { NextResponse, type NextRequest } from 'next/server';

import { isLearningEnabled, LEARNING_DISABLED_MESSAGE } from './lib/config';

/**
 * Answers 404 with an explanation for every learning page and API route while the
 * MVP_LLM_INFRA_LEARNING flag is off. The home page and the health check stay up.
 */
export function proxy(request: NextRequest): NextResponse | undefined {
  if (isLearningEnabled()) return NextResponse.next();
  const wantsJson = request.nextUrl.pathname.startsWith('/api/');
  if (wantsJson) {
    return NextResponse.json(
      { error: { code: 'LEARNING_DISABLED', message: LEARNING_DISABLED_MESSAGE } },
      { status: 404 },
    );
  }
  return new NextResponse(disabledPage(), {
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });
}

export const config = {
  matcher: [
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

function disabledPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not available</title></head><body><main><h1>Not available</h1><p>${LEARNING_DISABLED_MESSAGE}</p><p><a href="/">Home</a></p></main></body></html>`;
}
