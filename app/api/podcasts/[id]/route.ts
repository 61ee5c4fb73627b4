import { NextResponse } from 'next/server';

import { getRepository } from '@/lib/db/client';
import { ApiError, errorResponse, failureResponse } from '@/lib/server/http';
import { isLessonId } from '@/lib/server/lessons';
import { methodHandlers } from '@/lib/server/methods';

export const dynamic = 'force-dynamic';

export const { OPTIONS, POST, PUT, PATCH, DELETE } = methodHandlers(['GET']);

/** Returns a stored podcast without its audio, with `audioUrl` once the audio is ready. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const notFound = () =>
    errorResponse(new ApiError(404, 'NOT_FOUND', `no podcast with id "${id.slice(0, 80)}"`));
  if (!isLessonId(id)) return notFound();

  try {
    const podcast = await (await getRepository()).getPodcast(id);
    if (!podcast) return notFound();
    const audioUrl = podcast.status === 'ready' ? `/api/podcasts/${podcast.id}/audio` : null;
    return NextResponse.json(
      { ...podcast, audioUrl },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    return failureResponse(error, {
      outcome: 'the podcast could not be read',
      logMessage: 'reading a podcast failed',
      logFields: { podcastId: id },
    });
  }
}
