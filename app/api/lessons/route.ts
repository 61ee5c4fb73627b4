import { NextResponse } from 'next/server';

import { getRepository } from '@/lib/db/client';
import { lessonRequestSchema } from '@/lib/lessons/input';
import { getLogger } from '@/lib/logger';
import { ApiError, errorResponse, parseWith, readJsonBody } from '@/lib/server/http';
import { createLesson, toPublicLesson } from '@/lib/server/lessons';

export const dynamic = 'force-dynamic';

/** Generates and stores a lesson; answers 201 with the stored lesson. */
export async function POST(request: Request) {
  try {
    const input = parseWith(lessonRequestSchema, await readJsonBody(request));
    const lesson = await createLesson(await getRepository(), input);
    return NextResponse.json(toPublicLesson(lesson), {
      status: 201,
      headers: { location: `/lessons/${lesson.id}` },
    });
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    getLogger().error({ err: error }, 'lesson generation failed');
    return errorResponse(
      new ApiError(500, 'INTERNAL', 'the lesson could not be generated; nothing was stored'),
    );
  }
}

export async function GET() {
  return errorResponse(
    new ApiError(
      405,
      'METHOD_NOT_ALLOWED',
      'POST a JSON body { problem, constraints?, learnerKey? } to create a lesson',
    ),
  );
}
