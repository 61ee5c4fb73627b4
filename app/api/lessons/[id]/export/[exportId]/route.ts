import { getRepository } from '@/lib/db/client';
import { exportFileName } from '@/lib/export/file-name';
import { isExportId } from '@/lib/export/produce';
import { ApiError, errorResponse, failureResponse } from '@/lib/server/http';
import { isLessonId } from '@/lib/server/lessons';
import { methodHandlers } from '@/lib/server/methods';
import { exportDownloadResponse } from '../download';

export const dynamic = 'force-dynamic';

export const { OPTIONS, POST, PUT, PATCH, DELETE } = methodHandlers(['GET']);

type RouteContext = { params: Promise<{ id: string; exportId: string }> };

/** Downloads a stored export of the lesson, such as the one a queued `export` job built. */
export async function GET(_request: Request, context: RouteContext) {
  const { id, exportId } = await context.params;
  const notFound = () =>
    errorResponse(
      new ApiError(
        404,
        'NOT_FOUND',
        `no export "${exportId.slice(0, 80)}" of lesson "${id.slice(0, 80)}"`,
      ),
    );
  if (!isLessonId(id) || !isExportId(exportId)) return notFound();

  try {
    const repository = await getRepository();
    const record = await repository.getExport(exportId);
    if (!record || record.lessonId !== id) return notFound();
    const lesson = await repository.getLesson(id);
    return exportDownloadResponse(record, exportFileName(lesson?.problem ?? '', id));
  } catch (error) {
    return failureResponse(error, {
      outcome: 'the export could not be read',
      logMessage: 'reading a stored export failed',
      logFields: { lessonId: id, exportId },
    });
  }
}
