import { z } from 'zod';

import { getRepository } from '@/lib/db/client';
import { produceLessonExport } from '@/lib/export/produce';
import { getLogger } from '@/lib/logger';
import { ApiError, errorResponse, failureResponse, parseWith } from '@/lib/server/http';
import { isLessonId } from '@/lib/server/lessons';
import { methodHandlers } from '@/lib/server/methods';
import { exportDownloadResponse } from './download';

export const dynamic = 'force-dynamic';

export const { OPTIONS, POST, PUT, PATCH, DELETE } = methodHandlers(['GET']);

const exportQuerySchema = z.strictObject({
  audio: z
    .enum(['0', '1', 'false', 'true'], {
      error: (issue) => `expected 0, 1, false or true, got ${JSON.stringify(issue.input)}`,
    })
    .optional(),
});

/**
 * Builds the lesson's single-file offline HTML export, stores it, and returns it as a download
 * named after the problem. The lesson's latest ready podcast is embedded unless `?audio=0` is
 * given.
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  if (!isLessonId(id)) {
    return errorResponse(new ApiError(404, 'NOT_FOUND', `no lesson with id "${id.slice(0, 80)}"`));
  }
  try {
    const query = parseWith(
      exportQuerySchema,
      Object.fromEntries(new URL(request.url).searchParams.entries()),
    );
    const repository = await getRepository();
    const lesson = await repository.getLesson(id);
    if (!lesson) throw new ApiError(404, 'NOT_FOUND', `no lesson with id "${id}"`);

    const includeAudio = query.audio !== '0' && query.audio !== 'false';
    const { record, fileName, podcastId } = await produceLessonExport(repository, lesson, {
      includeAudio,
    });
    getLogger().info(
      { lessonId: id, exportId: record.id, sizeBytes: record.sizeBytes, podcastId },
      'lesson exported',
    );
    return exportDownloadResponse(record, fileName);
  } catch (error) {
    return failureResponse(error, {
      outcome: 'the lesson could not be exported',
      logMessage: 'exporting a lesson failed',
      logFields: { lessonId: id },
    });
  }
}
