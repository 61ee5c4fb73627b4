import { Queue, QueueEvents, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

import { QueueUnavailableError } from './errors';
import { throttledErrorLog } from './log-throttle';
import { closeConnection, describeRedisUrl, openBlockingConnection } from './redis-connection';
import { CAPPED_EXPONENTIAL_BACKOFF, type RetryPolicy } from './retry-policy';
import type {
  FinishedListener,
  JobPayload,
  JobResult,
  JobState,
  JobStatus,
  Unsubscribe,
} from './types';

/** How long Redis keeps a completed job, so its status and result link stay readable, in s. */
export const COMPLETED_JOB_TTL_S = 24 * 60 * 60;
/** How long Redis keeps a job that failed for good, with its error, in s. */
export const FAILED_JOB_TTL_S = 7 * 24 * 60 * 60;

export interface RedisJobBackendOptions {
  redisUrl: string;
  /** Connected connection for commands; the backend owns it from here on. */
  connection: Redis;
  prefix: string;
  queueName: string;
  logger: Logger;
}

/**
 * Enqueues jobs on a BullMQ queue, reads their status and reports when they finish. Workers,
 * in this process or another, run them.
 */
export class RedisJobBackend {
  readonly name = 'redis' as const;
  private readonly options: RedisJobBackendOptions;
  private readonly connection: Redis;
  private readonly queue: Queue;
  private readonly logger: Logger;
  private readonly listeners = new Map<string, Set<FinishedListener>>();
  private events?: Promise<{ events: QueueEvents; connection: Redis }>;

  constructor(options: RedisJobBackendOptions) {
    this.options = options;
    this.connection = options.connection;
    this.logger = options.logger.child({ backend: 'redis' });
    this.queue = new Queue(options.queueName, {
      connection: options.connection,
      prefix: options.prefix,
    });
    this.queue.on('error', throttledErrorLog(this.logger, 'BullMQ queue error'));
  }

  /** Returns whether the command connection is up, so that enqueueing can succeed. */
  isReady(): boolean {
    return this.connection.status === 'ready';
  }

  /**
   * Adds a job under `id`. An existing job with that id is kept (`created: false`) unless it
   * failed for good, in which case it runs again from its first attempt with the new payload.
   */
  async add(
    id: string,
    kind: string,
    payload: JobPayload,
    retry: RetryPolicy,
  ): Promise<{ created: boolean }> {
    const existing = await this.queue.getJob(id);
    if (existing) {
      if ((await existing.getState()) !== 'failed') return { created: false };
      await existing.updateData(payload);
      await existing.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      return { created: true };
    }
    // NOTE: two processes adding the same id at once both report created: true, but BullMQ
    // keeps only the first job, so the work still runs once.
    await this.queue.add(kind, payload, {
      jobId: id,
      attempts: retry.attempts,
      backoff: { type: CAPPED_EXPONENTIAL_BACKOFF, delay: retry.backoffBaseMs },
      removeOnComplete: { age: COMPLETED_JOB_TTL_S },
      removeOnFail: { age: FAILED_JOB_TTL_S },
    });
    return { created: true };
  }

  /** @throws QueueUnavailableError when Redis cannot be reached. */
  async getJob(id: string): Promise<JobStatus | undefined> {
    try {
      // State first: a job read as completed or failed no longer changes, so the fields read
      // next match it. In the other order a job that finished in between would be reported
      // as failed with the attempt count and error of its active state.
      const state = toJobState(await this.queue.getJobState(id));
      if (!state) return undefined;
      const job = await this.queue.getJob(id);
      return job && toStatus(job, state);
    } catch (error) {
      throw new QueueUnavailableError(
        `reading job "${id}" from Redis at ${describeRedisUrl(this.options.redisUrl)} failed: ${(error as Error).message}`,
        error,
      );
    }
  }

  /** Returns undefined for an unknown id. */
  async onFinished(id: string, listener: FinishedListener): Promise<Unsubscribe | undefined> {
    await this.startEvents();
    let called = false;
    const once: FinishedListener = (status) => {
      if (called) return;
      called = true;
      unsubscribe();
      listener(status);
    };
    const subscribers = this.listeners.get(id) ?? new Set();
    subscribers.add(once);
    this.listeners.set(id, subscribers);
    const unsubscribe = () => {
      subscribers.delete(once);
      if (subscribers.size === 0) this.listeners.delete(id);
    };

    // The events reader is already running, so a job that finishes after this read is
    // reported by an event, and one that finished before it is reported here.
    const status = await this.getJob(id);
    if (!status) {
      unsubscribe();
      return undefined;
    }
    if (status.state === 'completed' || status.state === 'failed') once(status);
    return unsubscribe;
  }

  async close(): Promise<void> {
    const events = await this.events?.catch(() => undefined);
    if (events) {
      await events.events.close();
      await closeConnection(events.connection);
    }
    await this.queue.close();
    await closeConnection(this.connection);
  }

  /**
   * Starts reading the queue's event stream from its current end, so that no event after this
   * call is missed (QueueEvents alone starts from the first event it reads, which can be later).
   */
  private startEvents(): Promise<unknown> {
    this.events ??= (async () => {
      const { prefix, queueName, redisUrl } = this.options;
      const [last] = await this.connection.xrevrange(
        `${prefix}:${queueName}:events`,
        '+',
        '-',
        'COUNT',
        1,
      );
      const connection = openBlockingConnection(redisUrl, 'events', this.logger);
      const events = new QueueEvents(queueName, {
        connection,
        prefix,
        lastEventId: last?.[0] ?? '0',
      });
      events.on('error', throttledErrorLog(this.logger, 'BullMQ queue events error'));
      const onFinished = ({ jobId }: { jobId: string }) => void this.notify(jobId);
      events.on('completed', onFinished);
      events.on('failed', onFinished);
      await events.waitUntilReady();
      return { events, connection };
    })().catch((error: unknown) => {
      this.events = undefined;
      throw new QueueUnavailableError(
        `subscribing to job events on Redis at ${describeRedisUrl(this.options.redisUrl)} failed`,
        error,
      );
    });
    return this.events;
  }

  private async notify(jobId: string): Promise<void> {
    const subscribers = this.listeners.get(jobId);
    if (!subscribers) return;
    try {
      const status = await this.getJob(jobId);
      if (!status) return;
      for (const listener of [...subscribers]) listener(status);
    } catch (error) {
      this.logger.error({ err: error, jobId }, 'reporting a finished job failed');
    }
  }
}

function toJobState(state: string): JobState | undefined {
  switch (state) {
    case 'waiting':
    case 'active':
    case 'delayed':
    case 'completed':
    case 'failed':
      return state;
    case 'prioritized':
    case 'waiting-children':
      return 'waiting';
    default:
      // 'unknown': the job was removed between the two reads.
      return undefined;
  }
}

function progressOf(job: Job, state: JobState): number {
  if (state === 'completed') return 100;
  return typeof job.progress === 'number' ? job.progress : 0;
}

function toStatus(job: Job, state: JobState): JobStatus {
  const status: JobStatus = {
    id: job.id as string,
    kind: job.name,
    backend: 'redis',
    state,
    progress: progressOf(job, state),
    attemptsMade: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    createdAtMs: job.timestamp,
  };
  if (state === 'completed' && job.returnvalue) status.result = job.returnvalue as JobResult;
  if (job.failedReason && state !== 'completed') status.error = job.failedReason;
  if (job.finishedOn !== undefined && (state === 'completed' || state === 'failed')) {
    status.finishedAtMs = job.finishedOn;
  }
  return status;
}
