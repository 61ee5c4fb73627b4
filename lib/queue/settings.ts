import { z } from 'zod';

import { ConfigError } from '../config';

/** Prefix of every Redis key the queue writes, unless QUEUE_PREFIX sets another. */
export const DEFAULT_QUEUE_PREFIX = 'infra-learn';
/** The BullMQ queue that contains every job kind. Each job's name is its kind. */
export const QUEUE_NAME = 'jobs';

const queueEnvironmentSchema = z.object({
  /** Prefix of the queue's Redis keys, so that several deployments can share one Redis. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, {
      error: (issue) =>
        `expected 1 to 64 letters, digits, "_", "." or "-", got "${String(issue.input)}"`,
    })
    .default(DEFAULT_QUEUE_PREFIX),
  /** Jobs one `npm run worker` process runs at the same time. Default 1. */
  WORKER_CONCURRENCY: z
    .string()
    .default('1')
    .refine((value) => /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 64, {
      error: (issue) => `expected a whole number from 1 to 64, got "${String(issue.input)}"`,
    })
    .transform(Number),
});

export interface QueueSettings {
  prefix: string;
  workerConcurrency: number;
}

/**
 * Reads the queue's own environment variables; empty values count as unset.
 * @throws ConfigError naming the first invalid variable.
 */
export function readQueueSettings(env: Record<string, string | undefined>): QueueSettings {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const result = queueEnvironmentSchema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(String(issue.path[0]), issue.message);
  }
  return { prefix: result.data.QUEUE_PREFIX, workerConcurrency: result.data.WORKER_CONCURRENCY };
}
