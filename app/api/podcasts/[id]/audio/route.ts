import { getRepository } from '@/lib/db/client';
import { parseByteRange } from '@/lib/podcast/byte-range';
import { ApiError, errorResponse, failureResponse } from '@/lib/server/http';
import { isLessonId } from '@/lib/server/lessons';
import { methodHandlers } from '@/lib/server/methods';

export const dynamic = 'force-dynamic';

export const { OPTIONS, POST, PUT, PATCH, DELETE } = methodHandlers(['GET', 'HEAD']);

/** Stored audio never changes once a podcast is ready, so browsers may keep it for a day. */
const AUDIO_CACHE_CONTROL = 'private, max-age=86400';

type RouteContext = { params: Promise<{ id: string }> };

/**
 * Serves a ready podcast's audio with its content type. Honours a single `Range: bytes=…`
 * request with 206 and `Content-Range`, so the audio element can seek. A range past the end gets 416.
 */
export async function GET(request: Request, context: RouteContext) {
  return serveAudio(request, context, true);
}

export async function HEAD(request: Request, context: RouteContext) {
  return serveAudio(request, context, false);
}

async function serveAudio(request: Request, context: RouteContext, withBody: boolean) {
  const { id } = await context.params;
  const notFound = () =>
    errorResponse(new ApiError(404, 'NOT_FOUND', `no podcast audio with id "${id.slice(0, 80)}"`));
  if (!isLessonId(id)) return notFound();

  let stored;
  try {
    stored = await (await getRepository()).getPodcastAudio(id);
  } catch (error) {
    return failureResponse(error, {
      outcome: 'the podcast audio could not be read',
      logMessage: 'reading podcast audio failed',
      logFields: { podcastId: id },
    });
  }
  if (!stored) return notFound();

  const { audio, mimeType } = stored;
  // NOTE: Next.js 16 drops Content-Length from route handler responses and sends them chunked;
  // it is set anyway for other servers. Seeking relies on 206 with Content-Range.
  const headers = new Headers({
    'content-type': mimeType,
    'accept-ranges': 'bytes',
    'cache-control': AUDIO_CACHE_CONTROL,
    etag: `"${id}-${audio.length}"`,
  });

  const range = parseByteRange(request.headers.get('range'), audio.length);
  if (range === 'unsatisfiable') {
    headers.set('content-range', `bytes */${audio.length}`);
    return new Response(null, { status: 416, headers });
  }
  if (range === undefined) {
    headers.set('content-length', String(audio.length));
    return new Response(withBody ? new Uint8Array(audio) : null, { status: 200, headers });
  }

  const body = audio.subarray(range.start, range.end + 1);
  headers.set('content-range', `bytes ${range.start}-${range.end}/${audio.length}`);
  headers.set('content-length', String(body.length));
  return new Response(withBody ? new Uint8Array(body) : null, { status: 206, headers });
}
