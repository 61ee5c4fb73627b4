import type { Logger } from 'pino';

import { QueueClosedError, errorMessage, isUnrecoverable } from './errors';
import { executeJob } from './execute';
import type { JobRegistry } from './registry';
import { settlesWithin } from './settle';
import { hasAttemptsLeft, retryDelayMs, type RetryPolicy } from './retry-policy';
import type {
  FinishedListener,
  JobPayload,
  JobResult,
  JobState,
  JobStatus,
  Unsubscribe,
} from './types';

export interface InProcessQueueOptions {
  registry: JobRegistry;
  logger: Logger;
  /** Jobs run at the same time. Default 1, because podcast synthesis is CPU-bound. */
  concurrency?: number;
  /** Finished jobs kept for status reads; older ones are forgotten first. Default 1,000. */
  maxFinishedJobs?: number;
  /** How long `close` waits for active jobs before aborting them, in ms. Default 10,000. */
  shutdownGraceMs?: number;
  /** Clock in ms since the epoch, for tests. */
  now?: () => number;
}

const DEFAULT_MAX_FINISHED_JOBS = 1_000;
const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;
/** How long `close` waits after aborting active jobs before it gives up on them, in ms. */
const ABORT_WAIT_MS = 1_000;

interface InProcessJob {
  id: string;
  kind: string;
  payload: JobPayload;
  retry: RetryPolicy;
  state: JobState;
  progress: number;
  attemptsMade: number;
  result?: JobResult;
  error?: string;
  createdAtMs: number;
  finishedAtMs?: number;
  retryTimer?: ReturnType<typeof setTimeout>;
  abortController?: AbortController;
  listeners: Set<FinishedListener>;
}

/**
 * The queue inside this process: used when Redis is not configured or unreachable. It retries
 * with the same capped exponential backoff as the Redis worker, but its jobs live only as long
 * as the process: `close` fails the jobs that have not run.
 */
export class InProcessQueue {
  readonly name = 'in-process' as const;
  private readonly registry: JobRegistry;
  private readonly logger: Logger;
  private readonly concurrency: number;
  private readonly maxFinishedJobs: number;
  private readonly shutdownGraceMs: number;
  private readonly now: () => number;
  private readonly jobs = new Map<string, InProcessJob>();
  private readonly waiting: string[] = [];
  private readonly finishedOrder: string[] = [];
  private readonly active = new Map<string, Promise<void>>();
  private closed = false;

  constructor(options: InProcessQueueOptions) {
    this.registry = options.registry;
    this.logger = options.logger.child({ backend: 'in-process' });
    this.concurrency = options.concurrency ?? 1;
    this.maxFinishedJobs = options.maxFinishedJobs ?? DEFAULT_MAX_FINISHED_JOBS;
    this.shutdownGraceMs = options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
    this.now = options.now ?? Date.now;
  }

  /**
   * Queues a job under `id` with an already validated payload. An existing job with that id is
   * kept (`created: false`) unless it failed for good, in which case it runs again from its
   * first attempt with the new payload.
   */
  add(id: string, kind: string, payload: JobPayload): { created: boolean } {
    if (this.closed) throw new QueueClosedError();
    const existing = this.jobs.get(id);
    if (existing && existing.state !== 'failed') return { created: false };

    if (existing) this.forgetFinished(id);
    this.jobs.set(id, {
      id,
      kind,
      payload,
      retry: this.registry.require(kind).retry,
      state: 'waiting',
      progress: 0,
      attemptsMade: 0,
      createdAtMs: this.now(),
      listeners: existing?.listeners ?? new Set(),
    });
    this.waiting.push(id);
    queueMicrotask(() => this.startWaitingJobs());
    return { created: true };
  }

  has(id: string): boolean {
    return this.jobs.has(id);
  }

  getJob(id: string): JobStatus | undefined {
    const job = this.jobs.get(id);
    return job && toStatus(job);
  }

  /** Returns undefined for an unknown id. */
  onFinished(id: string, listener: FinishedListener): Unsubscribe | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    if (job.state === 'completed' || job.state === 'failed') {
      const status = toStatus(job);
      queueMicrotask(() => this.notify(listener, status));
      return () => undefined;
    }
    job.listeners.add(listener);
    return () => job.listeners.delete(listener);
  }

  /**
   * Stops taking jobs, fails those that have not started, waits up to the grace period for
   * active ones, then aborts them through their signal.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;

    const notStarted = [...this.jobs.values()].filter(
      (job) => job.state === 'waiting' || job.state === 'delayed',
    );
    for (const job of notStarted) {
      clearTimeout(job.retryTimer);
      job.error = 'the process stopped before the job ran; enqueue it again';
      this.finish(job, 'failed');
    }
    if (notStarted.length > 0) {
      this.logger.warn(
        { jobIds: notStarted.map((job) => job.id) },
        'in-process jobs dropped at shutdown',
      );
    }

    if (await settlesWithin(this.allActiveJobs(), this.shutdownGraceMs)) return;
    this.logger.warn(
      { jobIds: [...this.active.keys()], graceMs: this.shutdownGraceMs },
      'aborting in-process jobs still active after the shutdown grace period',
    );
    for (const id of this.active.keys()) this.jobs.get(id)?.abortController?.abort();
    if (await settlesWithin(this.allActiveJobs(), ABORT_WAIT_MS)) return;
    this.logger.error(
      { jobIds: [...this.active.keys()] },
      'in-process jobs ignored their abort signal; closing without them',
    );
  }

  private allActiveJobs(): Promise<unknown> {
    return Promise.allSettled([...this.active.values()]);
  }

  private startWaitingJobs(): void {
    while (!this.closed && this.active.size < this.concurrency && this.waiting.length > 0) {
      const id = this.waiting.shift() as string;
      const job = this.jobs.get(id);
      if (job?.state !== 'waiting') continue;
      const running = this.run(job).finally(() => {
        this.active.delete(id);
        this.startWaitingJobs();
      });
      this.active.set(id, running);
    }
  }

  private async run(job: InProcessJob): Promise<void> {
    const attempt = job.attemptsMade + 1;
    const log = this.logger.child({ jobId: job.id, kind: job.kind });
    const abortController = new AbortController();
    job.state = 'active';
    job.abortController = abortController;
    const startedAtMs = this.now();
    log.info({ attempt, maxAttempts: job.retry.attempts }, 'job started');

    try {
      const result = await executeJob(
        this.registry,
        {
          jobId: job.id,
          kind: job.kind,
          payload: job.payload,
          attempt,
          maxAttempts: job.retry.attempts,
          signal: abortController.signal,
          storeProgress: async (percent) => {
            job.progress = percent;
          },
        },
        this.logger,
      );
      job.attemptsMade = attempt;
      job.result = result;
      job.error = undefined;
      this.finish(job, 'completed');
      log.info({ attempt, durationMs: this.now() - startedAtMs }, 'job completed');
    } catch (error) {
      job.attemptsMade = attempt;
      job.error = errorMessage(error);
      if (abortController.signal.aborted && this.closed) {
        job.error = `the process stopped during attempt ${attempt}: ${job.error}`;
        this.finish(job, 'failed');
        log.warn({ err: error, attempt }, 'job aborted at shutdown');
        return;
      }
      if (!isUnrecoverable(error) && hasAttemptsLeft(attempt, job.retry)) {
        const delayMs = retryDelayMs(attempt, job.retry);
        job.state = 'delayed';
        job.retryTimer = setTimeout(() => this.retry(job), delayMs);
        log.warn(
          { err: error, attempt, maxAttempts: job.retry.attempts, retryDelayMs: delayMs },
          'job failed; retrying',
        );
        return;
      }
      this.finish(job, 'failed');
      log.error({ err: error, attempt, maxAttempts: job.retry.attempts }, 'job failed');
    } finally {
      job.abortController = undefined;
    }
  }

  private retry(job: InProcessJob): void {
    job.retryTimer = undefined;
    if (this.closed || job.state !== 'delayed') return;
    job.state = 'waiting';
    this.waiting.push(job.id);
    this.startWaitingJobs();
  }

  private finish(job: InProcessJob, state: 'completed' | 'failed'): void {
    job.state = state;
    job.finishedAtMs = this.now();
    this.finishedOrder.push(job.id);
    const status = toStatus(job);
    const listeners = [...job.listeners];
    job.listeners.clear();
    for (const listener of listeners) this.notify(listener, status);

    while (this.finishedOrder.length > this.maxFinishedJobs) {
      const oldest = this.finishedOrder.shift() as string;
      this.jobs.delete(oldest);
    }
  }

  private forgetFinished(id: string): void {
    const index = this.finishedOrder.indexOf(id);
    if (index >= 0) this.finishedOrder.splice(index, 1);
  }

  private notify(listener: FinishedListener, status: JobStatus): void {
    try {
      listener(status);
    } catch (error) {
      this.logger.error({ err: error, jobId: status.id }, 'job finished listener threw');
    }
  }
}

function toStatus(job: InProcessJob): JobStatus {
  const status: JobStatus = {
    id: job.id,
    kind: job.kind,
    backend: 'in-process',
    state: job.state,
    progress: job.state === 'completed' ? 100 : job.progress,
    attemptsMade: job.attemptsMade,
    maxAttempts: job.retry.attempts,
    createdAtMs: job.createdAtMs,
  };
  if (job.result !== undefined) status.result = job.result;
  if (job.error !== undefined) status.error = job.error;
  if (job.finishedAtMs !== undefined) status.finishedAtMs = job.finishedAtMs;
  return status;
}
