import { hostname } from 'node:os';

import { WaitingError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

import { isUnrecoverable } from './errors';
import { executeJob } from './execute';
import { settlesWithin } from './settle';
import { throttledErrorLog } from './log-throttle';
import { closeConnection, openBlockingConnection } from './redis-connection';
import type { JobRegistry } from './registry';
import { DEFAULT_RETRY_POLICY, hasAttemptsLeft, retryDelayMs } from './retry-policy';
import type { JobResult } from './types';

export interface RedisJobWorkerOptions {
  registry: JobRegistry;
  logger: Logger;
  redisUrl: string;
  prefix: string;
  queueName: string;
  /** Jobs this worker runs at the same time. Default 1. */
  concurrency?: number;
  /**
   * How long a job's lock lasts without renewal, in ms. A worker that dies keeps its job locked
   * this long before another worker may take it over. BullMQ's default is 30,000.
   */
  lockDurationMs?: number;
  /** How often this worker looks for jobs whose lock expired, in ms. BullMQ's default, 30,000. */
  stalledIntervalMs?: number;
  /**
   * How long `stop` waits for active jobs to finish before it aborts them and returns them to
   * the queue, in ms. Default 25,000, inside the 30 s that Docker and Kubernetes allow
   * between SIGTERM and SIGKILL.
   */
  shutdownGraceMs?: number;
}

export const DEFAULT_SHUTDOWN_GRACE_MS = 25_000;
/** How long `stop` waits for aborted jobs to return to the queue, in ms. */
const RETURN_WAIT_MS = 5_000;

/** A BullMQ worker that runs the registry's handlers and logs each job's progress. */
export class RedisJobWorker {
  private readonly options: RedisJobWorkerOptions;
  private readonly logger: Logger;
  private readonly connection: Redis;
  private readonly worker: Worker<unknown, JobResult>;
  private returningJobs = false;
  private stopping?: Promise<boolean>;

  constructor(options: RedisJobWorkerOptions) {
    this.options = options;
    this.logger = options.logger.child({ backend: 'redis', queue: options.queueName });
    this.connection = openBlockingConnection(options.redisUrl, 'worker', this.logger);
    this.worker = new Worker<unknown, JobResult>(
      options.queueName,
      (job, token, signal) => this.process(job, token, signal),
      {
        connection: this.connection,
        prefix: options.prefix,
        name: `${hostname()}:${process.pid}`,
        concurrency: options.concurrency ?? 1,
        // BullMQ treats an explicit undefined as a value, so only set what the caller set.
        ...(options.lockDurationMs !== undefined && { lockDuration: options.lockDurationMs }),
        ...(options.stalledIntervalMs !== undefined && {
          stalledInterval: options.stalledIntervalMs,
        }),
        settings: {
          backoffStrategy: (failedAttempts, _type, _error, job) =>
            retryDelayMs(failedAttempts, this.retryPolicyOf(job?.name)),
        },
      },
    );
    this.listen();
  }

  /** Resolves once the worker is connected and taking jobs. */
  waitUntilReady(): Promise<void> {
    return this.worker.waitUntilReady();
  }

  /**
   * Stops taking jobs and waits for the active ones. Past the grace period it aborts them, and
   * a handler that stops on its signal has its job returned to the queue. Resolves true when
   * every job finished or was returned. Resolves false when a job ignored its signal or Redis
   * was unreachable, because that job's lock then expires and another worker retries it.
   */
  stop(): Promise<boolean> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  private async shutDown(): Promise<boolean> {
    const graceMs = this.options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
    const unreachable = this.connection.status !== 'ready';
    const closing = this.worker.close(unreachable).catch((error: unknown) => {
      this.logger.error({ err: error }, 'closing the BullMQ worker failed');
    });
    if (unreachable) {
      // Nothing can be acknowledged without Redis, and BullMQ's close would wait for it.
      this.logger.warn('Redis is unreachable; stopping the worker without waiting for active jobs');
      await this.disconnect(closing);
      return false;
    }
    if (await settlesWithin(closing, graceMs)) {
      await closeConnection(this.connection);
      return true;
    }

    this.logger.warn({ graceMs }, 'shutdown grace period over; returning active jobs to the queue');
    this.returningJobs = true;
    this.worker.cancelAllJobs('the worker is shutting down');
    if (await settlesWithin(closing, RETURN_WAIT_MS)) {
      await closeConnection(this.connection);
      return true;
    }
    this.logger.error(
      'active jobs did not stop; their locks will expire and another worker will retry them',
    );
    await this.disconnect(closing);
    return false;
  }

  /** Drops the worker's connections, which ends BullMQ's wait for replies that cannot come. */
  private async disconnect(closing: Promise<unknown>): Promise<void> {
    await this.worker.disconnect().catch((error: unknown) => {
      this.logger.error({ err: error }, 'disconnecting the BullMQ worker failed');
    });
    await settlesWithin(closing, RETURN_WAIT_MS);
    this.connection.disconnect();
  }

  private async process(
    job: Job<unknown, JobResult>,
    token: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<JobResult> {
    const jobId = job.id as string;
    try {
      return await executeJob(
        this.options.registry,
        {
          jobId,
          kind: job.name,
          payload: job.data,
          attempt: job.attemptsMade + 1,
          maxAttempts: job.opts.attempts ?? 1,
          signal: signal ?? new AbortController().signal,
          storeProgress: (percent) => job.updateProgress(percent),
        },
        this.logger,
      );
    } catch (error) {
      if (!(this.returningJobs && signal?.aborted && token)) throw error;
      // Returning the job puts it back in the waiting list without using up an attempt.
      // Throwing WaitingError signals to BullMQ that the job was moved already.
      await job.moveToWait(token);
      // The abort reason may be a plain string, which pino's error serializer would spell out
      // character by character.
      const reason = error instanceof Error ? { err: error } : { reason: String(error) };
      this.logger.warn(
        { jobId, kind: job.name, ...reason },
        'job returned to the queue at shutdown',
      );
      throw new WaitingError();
    }
  }

  private retryPolicyOf(kind: string | undefined) {
    return (kind && this.options.registry.get(kind)?.retry) || DEFAULT_RETRY_POLICY;
  }

  private listen(): void {
    const { worker, logger } = this;
    worker.on('active', (job) => {
      logger.info(
        {
          jobId: job.id,
          kind: job.name,
          attempt: job.attemptsMade + 1,
          maxAttempts: job.opts.attempts ?? 1,
          timesStarted: job.attemptsStarted,
        },
        'job started',
      );
    });
    worker.on('completed', (job) => {
      const durationMs =
        job.finishedOn !== undefined && job.processedOn !== undefined
          ? job.finishedOn - job.processedOn
          : undefined;
      logger.info(
        { jobId: job.id, kind: job.name, attempt: job.attemptsMade, durationMs },
        'job completed',
      );
    });
    worker.on('failed', (job, error) => {
      if (!job) {
        logger.error({ err: error }, 'job failed');
        return;
      }
      const policy = { ...this.retryPolicyOf(job.name), attempts: job.opts.attempts ?? 1 };
      const fields = {
        jobId: job.id,
        kind: job.name,
        attempt: job.attemptsMade,
        maxAttempts: policy.attempts,
        err: error,
      };
      if (!isUnrecoverable(error) && hasAttemptsLeft(job.attemptsMade, policy)) {
        logger.warn(
          { ...fields, retryDelayMs: retryDelayMs(job.attemptsMade, policy) },
          'job failed; retrying',
        );
      } else {
        logger.error(fields, 'job failed');
      }
    });
    worker.on('stalled', (jobId) => {
      logger.warn(
        { jobId },
        'job stalled: its worker stopped renewing the lock, so it was returned to the queue',
      );
    });
    worker.on('error', throttledErrorLog(logger, 'BullMQ worker error'));
  }
}
