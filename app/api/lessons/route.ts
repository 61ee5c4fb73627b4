import { NextResponse } from 'next/server';
import { z } from 'zod';

import { getRepository } from '@/lib/db/client';
import { lessonRequestSchema } from '@/lib/lessons/input';
import { failureResponse, parseWith, readJsonBody } from '@/lib/server/http';
import { createLesson, publicLessonJson } from '@/lib/server/lessons';
import { methodHandlers } from '@/lib/server/methods';

export const dynamic = 'force-dynamic';

export const { OPTIONS, PUT, PATCH, DELETE } = methodHandlers(['GET', 'POST']);

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
    return failureResponse(error, {
      outcome: 'the lesson was not stored',
      internalMessage: 'the lesson could not be generated; nothing was stored',
      logMessage: 'lesson generation failed',
    });
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
    return failureResponse(error, {
      outcome: 'the lessons could not be listed',
      logMessage: 'listing lessons failed',
    });
  }
}
