import { NextResponse } from 'next/server';
import { z } from 'zod';

import { getRepository } from '@/lib/db/client';
import { lessonRequestSchema } from '@/lib/lessons/input';
import { getLogger } from '@/lib/logger';
import {
  ApiError,
  databaseApiError,
  errorResponse,
  parseWith,
  readJsonBody,
} from '@/lib/server/http';
import { createLesson, publicLessonJson } from '@/lib/server/lessons';

export const dynamic = 'force-dynamic';

/** Generates and stores a lesson, then responds 201 with the stored lesson. */
export async function POST(request: Request) {
  try {
    const input = parseWith(lessonRequestSchema, await readJsonBody(request));
    const lesson = await createLesson(await getRepository(), input);
    return new NextResponse(publicLessonJson(lesson), {
      status: 201,
      headers: { 'content-type': 'application/json', location: `/lessons/${lesson.id}` },
    });
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    const databaseError = databaseApiError(error, 'the lesson was not stored');
    getLogger().error({ err: error, code: databaseError?.code }, 'lesson generation failed');
    return errorResponse(
      databaseError ??
        new ApiError(500, 'INTERNAL', 'the lesson could not be generated; nothing was stored'),
    );
  }
}

/** Query of `GET /api/lessons`: an optional search text and a page size. */
const listQuerySchema = z.object({
  q: z.string().max(200, 'q must be at most 200 characters').optional(),
  limit: z
    .string()
    .regex(/^\d+$/, 'limit must be a whole number from 1 to 100')
    .transform(Number)
    .refine((limit) => limit >= 1 && limit <= 100, 'limit must be a whole number from 1 to 100')
    .optional(),
});

/** Lists stored lessons newest first; `q` keeps those whose problem contains it. */
export async function GET(request: Request) {
  try {
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const { q, limit } = parseWith(listQuerySchema, params);
    const lessons = await (await getRepository()).listLessons({ query: q, limit: limit ?? 50 });
    return NextResponse.json({ lessons });
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    const databaseError = databaseApiError(error, 'the lessons could not be listed');
    getLogger().error({ err: error, code: databaseError?.code }, 'listing lessons failed');
    return errorResponse(
      databaseError ?? new ApiError(500, 'INTERNAL', 'the lessons could not be listed'),
    );
  }
}
