import { getConfig } from '../config';
import { getLogger } from '../logger';
import { createAppJobRuntime } from './app-handlers';
import { createJobQueue } from './job-queue';
import { readQueueSettings } from './settings';
import type { JobQueue } from './types';

export { createAppJobRuntime, type AppJobRuntime } from './app-handlers';
export { createAppJobRegistry } from './app-kinds';
export type { ExportPayload, PodcastPayload } from './app-kinds';
export * from './errors';
export { isJobId, jobIdFor, produceOnce, type ResultStore } from './idempotency';
export { createJobQueue, type JobQueueOptions } from './job-queue';
export { JobRegistry, type JobKindDefinition } from './registry';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
export type * from './types';
export { toJobView, type JobView } from './view';

const globalStore = globalThis as typeof globalThis & {
  __infraLearnJobQueue?: Promise<JobQueue>;
};

/**
 * Returns this process's job queue, created on first use from REDIS_URL, WORKER_MODE and
 * QUEUE_PREFIX with the app's job kinds and handlers. With WORKER_MODE=inline it also runs the BullMQ worker.
 * Kept on globalThis so that Next.js module reloads in development share one queue.
 */
export function getJobQueue(): Promise<JobQueue> {
  globalStore.__infraLearnJobQueue ??= (async () => {
    const config = getConfig();
    const { prefix } = readQueueSettings(process.env);
    return createJobQueue({
      registry: createAppJobRuntime().registry,
      logger: getLogger(),
      redisUrl: config.REDIS_URL,
      prefix,
      consume: config.WORKER_MODE === 'inline',
    });
  })().catch((error: unknown) => {
    globalStore.__infraLearnJobQueue = undefined;
    throw error;
  });
  return globalStore.__infraLearnJobQueue;
}

/** Closes this process's job queue if it was opened; the next `getJobQueue` opens a new one. */
export async function closeJobQueue(): Promise<void> {
  const queue = globalStore.__infraLearnJobQueue;
  globalStore.__infraLearnJobQueue = undefined;
  await (await queue?.catch(() => undefined))?.close();
}
