import { NextResponse } from 'next/server';

import { getRepository } from '@/lib/db/client';
import { getLogger } from '@/lib/logger';
import { ApiError, databaseApiError, errorResponse } from '@/lib/server/http';
import { isLessonId, toPublicLesson } from '@/lib/server/lessons';

export const dynamic = 'force-dynamic';

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
    const databaseError = databaseApiError(error, 'the lesson could not be read');
    getLogger().error(
      { err: error, lessonId: id, code: databaseError?.code },
      'reading a lesson failed',
    );
    return errorResponse(
      databaseError ?? new ApiError(500, 'INTERNAL', 'the lesson could not be read'),
    );
  }
}
