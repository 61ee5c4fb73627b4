import { NextResponse } from 'next/server';
import { z } from 'zod';

import { getRepository } from '@/lib/db/client';
import { PROVIDER_NAMES } from '@/lib/podcast/types';
import { getJobQueue } from '@/lib/queue';
import {
  ApiError,
  errorResponse,
  failureResponse,
  parseWith,
  readJsonBody,
} from '@/lib/server/http';
import { isLessonId } from '@/lib/server/lessons';
import { methodHandlers } from '@/lib/server/methods';

export const dynamic = 'force-dynamic';

export const { OPTIONS, GET, HEAD, PUT, PATCH, DELETE } = methodHandlers(['POST']);

const podcastRequestSchema = z.strictObject({
  provider: z
    .enum(PROVIDER_NAMES, {
      error: (issue) =>
        `expected stub, espeak, azure or elevenlabs, got ${JSON.stringify(issue.input)}`,
    })
    .optional(),
});

/**
 * Starts generating the lesson's podcast as a background job and returns 202 with the job id,
 * its status URL and the queue that took it (`redis`, or `in-process` while Redis is away). The
 * body is optional: `{ "provider": "espeak" }` picks the speech provider to try first. Asking
 * again for the same lesson and provider returns the same job while it is queued, running or
 * done.
 */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  if (!isLessonId(id)) {
    return errorResponse(new ApiError(404, 'NOT_FOUND', `no lesson with id "${id.slice(0, 80)}"`));
  }
  try {
    const input = parseWith(podcastRequestSchema, await readOptionalJsonBody(request));
    const lesson = await (await getRepository()).getLesson(id);
    if (!lesson) throw new ApiError(404, 'NOT_FOUND', `no lesson with id "${id}"`);

    const queue = await getJobQueue();
    const payload = input.provider ? { lessonId: id, provider: input.provider } : { lessonId: id };
    const job = await queue.enqueue('podcast', payload, {
      idempotencyKey: `podcast:${id}:${input.provider ?? 'default'}`,
    });
    const statusUrl = `/api/jobs/${job.id}`;
    return NextResponse.json(
      { jobId: job.id, statusUrl, created: job.created, backend: job.backend },
      { status: 202, headers: { location: statusUrl } },
    );
  } catch (error) {
    return failureResponse(error, {
      outcome: 'the podcast was not started',
      logMessage: 'starting a podcast job failed',
      logFields: { lessonId: id },
    });
  }
}

/** Reads a JSON body when one is sent; an empty body means no options. */
async function readOptionalJsonBody(request: Request): Promise<unknown> {
  const hasBody =
    request.headers.get('content-type') !== null ||
    Number(request.headers.get('content-length') ?? '0') > 0;
  return hasBody ? readJsonBody(request) : {};
}
