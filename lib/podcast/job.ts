/**
 * The `podcast` job handler: loads the lesson, produces its podcast with progress reports, and
 * returns the player page's link. Register it on a job registry with `registerPodcastJob`.
 */

import { getConfig } from '../config';
import { getRepository } from '../db/client';
import type { Repository } from '../db/repository';
import { UnrecoverableError } from '../queue/errors';
import type { PodcastPayload } from '../queue/app-kinds';
import type { JobRegistry } from '../queue/registry';
import type { JobHandler, JobResult } from '../queue/types';
import { podcastIdForJob, producePodcast, type ProducePodcastOptions } from './produce';
import type { SpeechSettings } from './tts/select';

export interface PodcastJobDependencies {
  repository: () => Promise<Repository>;
  settings: () => SpeechSettings;
  /** Adapter options for tests, such as a mock server's base URL. */
  providerOptions?: ProducePodcastOptions['providerOptions'];
}

const DEFAULT_DEPENDENCIES: PodcastJobDependencies = {
  repository: getRepository,
  settings: getConfig,
};

/** Returns the handler of `podcast` jobs. */
export function createPodcastJobHandler(
  dependencies: PodcastJobDependencies = DEFAULT_DEPENDENCIES,
): JobHandler<PodcastPayload> {
  return async (payload, context): Promise<JobResult> => {
    const repository = await dependencies.repository();
    const lesson = await repository.getLesson(payload.lessonId);
    if (!lesson) throw new UnrecoverableError(`no lesson with id "${payload.lessonId}"`);

    const podcastId = podcastIdForJob(context.jobId);
    let reportedPercent = -1;
    const { podcast } = await producePodcast(repository, lesson, {
      id: podcastId,
      requested: payload.provider,
      settings: dependencies.settings(),
      providerOptions: dependencies.providerOptions,
      signal: context.signal,
      logger: context.logger,
      finalAttempt: context.attempt >= context.maxAttempts,
      onProgress: (progress) => {
        const percent = Math.floor(progress.fraction * 100);
        if (percent === reportedPercent) return;
        reportedPercent = percent;
        context
          .reportProgress(percent)
          .catch((error: unknown) =>
            context.logger.warn({ err: error, podcastId }, 'storing podcast job progress failed'),
          );
      },
    });

    return {
      url: `/podcasts/${podcast.id}`,
      data: { podcastId: podcast.id, provider: podcast.provider, durationMs: podcast.durationMs },
    };
  };
}

/** Sets the `podcast` kind's handler on a registry that defines the kind. */
export function registerPodcastJob(
  registry: JobRegistry,
  dependencies?: PodcastJobDependencies,
): JobRegistry {
  return registry.setHandler('podcast', createPodcastJobHandler(dependencies));
}
