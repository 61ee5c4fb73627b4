/**
 * The `export` job handler: loads the lesson, builds and stores its export, and returns the link
 * that downloads the stored file. Register it on a job registry with `registerExportJob`.
 */

import { getRepository } from '../db/client';
import type { Repository } from '../db/repository';
import type { ExportPayload } from '../queue/app-kinds';
import { UnrecoverableError } from '../queue/errors';
import type { JobRegistry } from '../queue/registry';
import type { JobHandler, JobResult } from '../queue/types';
import { produceLessonExport } from './produce';

export interface ExportJobDependencies {
  repository: () => Promise<Repository>;
}

const DEFAULT_DEPENDENCIES: ExportJobDependencies = { repository: getRepository };

/** Returns the site-relative link that downloads a stored export. */
export function storedExportUrl(lessonId: string, exportId: string): string {
  return `/api/lessons/${lessonId}/export/${exportId}`;
}

/**
 * Returns the handler of `export` jobs. Running it again for the same lesson and podcast stores
 * nothing new, because an export's id is derived from its HTML.
 */
export function createExportJobHandler(
  dependencies: ExportJobDependencies = DEFAULT_DEPENDENCIES,
): JobHandler<ExportPayload> {
  return async (payload, context): Promise<JobResult> => {
    const repository = await dependencies.repository();
    const lesson = await repository.getLesson(payload.lessonId);
    if (!lesson) throw new UnrecoverableError(`no lesson with id "${payload.lessonId}"`);

    await context.reportProgress(10);
    const { record, podcastId, stored } = await produceLessonExport(repository, lesson, {
      includeAudio: payload.includeAudio,
    });
    context.logger.info(
      { lessonId: lesson.id, exportId: record.id, sizeBytes: record.sizeBytes, podcastId, stored },
      'lesson export built',
    );
    return {
      url: storedExportUrl(lesson.id, record.id),
      data: { exportId: record.id, sizeBytes: record.sizeBytes, podcastId: podcastId ?? null },
    };
  };
}

/** Sets the `export` kind's handler on a registry that defines the kind. */
export function registerExportJob(
  registry: JobRegistry,
  dependencies?: ExportJobDependencies,
): JobRegistry {
  return registry.setHandler('export', createExportJobHandler(dependencies));
}
