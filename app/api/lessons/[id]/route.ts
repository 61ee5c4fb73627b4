import { NextResponse } from 'next/server';

import { getRepository } from '@/lib/db/client';
import { ApiError, errorResponse, failureResponse } from '@/lib/server/http';
import { isLessonId, toPublicLesson } from '@/lib/server/lessons';
import { methodHandlers } from '@/lib/server/methods';

export const dynamic = 'force-dynamic';

export const { OPTIONS, POST, PUT, PATCH, DELETE } = methodHandlers(['GET']);

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  if (!isLessonId(id)) {
    return errorResponse(new ApiError(404, 'NOT_FOUND', `no lesson with id "${id.slice(0, 80)}"`));
  }
  try {
    const lesson = await (await getRepository()).getLesson(id);
    if (!lesson) return errorResponse(new ApiError(404, 'NOT_FOUND', `no lesson with id "${id}"`));
    return NextResponse.json(toPublicLesson(lesson));
  } catch (error) {
    return failureResponse(error, {
      outcome: 'the lesson could not be read',
      logMessage: 'reading a lesson failed',
      logFields: { lessonId: id },
    });
  }
}
