import type { Logger } from 'pino';

/** A value that survives `JSON.stringify` and `JSON.parse` unchanged. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A job's input: a JSON object, validated against its kind's schema when enqueued and run. */
export type JobPayload = { [key: string]: JsonValue };

/**
 * State of a job in BullMQ's terms: `waiting` to be picked up, `active` on a worker, `delayed`
 * while it waits out the backoff before a retry, then `completed` or `failed` for good.
 */
export type JobState = 'waiting' | 'active' | 'delayed' | 'completed' | 'failed';

/** Queue that contains a job: BullMQ on Redis, or the queue inside this process. */
export type QueueBackendName = 'redis' | 'in-process';

/** Value a handler returns when its job succeeds. */
export interface JobResult {
  /** Site-relative link to the stored result, such as `/lessons/<id>/podcast`. */
  url?: string;
  /** Small JSON summary of the result; large artefacts belong in the database. */
  data?: JsonValue;
}

/** Status of a job, in the same shape for both queues. */
export interface JobStatus {
  id: string;
  kind: string;
  backend: QueueBackendName;
  state: JobState;
  /** Whole percent from 0 to 100, as last reported by the handler. */
  progress: number;
  /** Attempts that have finished, successfully or not. */
  attemptsMade: number;
  maxAttempts: number;
  /** Present once the job has completed. */
  result?: JobResult;
  /** Message of the error that failed the job, or of the last failed attempt while it retries. */
  error?: string;
  createdAtMs: number;
  finishedAtMs?: number;
}

export interface EnqueueOptions {
  /**
   * Key that names the work, such as `podcast:<lessonId>:stub`. Jobs enqueued with the same kind
   * and key share one deterministic job id, so a second enqueue returns the first job unless it
   * failed for good, in which case the job runs again with the new payload.
   */
  idempotencyKey?: string;
}

export interface EnqueuedJob {
  id: string;
  backend: QueueBackendName;
  /** False when a job with the same idempotency key was already queued, running or completed. */
  created: boolean;
}

/** Called once with the final status when a job completes or fails for good. */
export type FinishedListener = (status: JobStatus) => void;

/** Removes a listener added by `onFinished`. */
export type Unsubscribe = () => void;

/** Everything a handler receives besides its payload. */
export interface JobContext {
  jobId: string;
  kind: string;
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  attempt: number;
  maxAttempts: number;
  /** Child logger that carries `jobId` and `kind`. */
  logger: Logger;
  /**
   * Aborted when the worker shuts down and its grace period runs out. A handler that stops on
   * it (by throwing) has its job returned to the queue without using up an attempt.
   */
  signal: AbortSignal;
  /** Records progress as a whole percent from 0 to 100; other values are clamped and rounded. */
  reportProgress(percent: number): Promise<void>;
}

/**
 * Does one job's work. It must be idempotent, because a job whose worker dies runs again:
 * check for a stored result before working (see `produceOnce`). Throw to retry, and throw
 * `UnrecoverableError` for input that can never succeed.
 */
export type JobHandler<P = JobPayload> = (payload: P, context: JobContext) => Promise<JobResult>;

/** The one interface the web app, the CLI and tests use for background jobs. */
export interface JobQueue {
  /** The queue that new jobs go to now; it changes to `in-process` while Redis is unreachable. */
  readonly activeBackend: QueueBackendName;
  /**
   * Validates the payload against the kind's schema and queues the job.
   * @throws UnknownJobKindError or InvalidJobPayloadError before anything is queued.
   */
  enqueue(kind: string, payload: unknown, options?: EnqueueOptions): Promise<EnqueuedJob>;
  /**
   * Returns the job's status, or undefined when neither queue has the id.
   * @throws QueueUnavailableError when the job may be in Redis and Redis is unreachable.
   */
  getJob(id: string): Promise<JobStatus | undefined>;
  /**
   * Calls `listener` once when the job completes or fails for good, straight away when it
   * already has. Resolves once the subscription is active.
   * @throws JobNotFoundError for an unknown id.
   */
  onFinished(id: string, listener: FinishedListener): Promise<Unsubscribe>;
  /**
   * Resolves with the final status of the job.
   * @throws JobNotFoundError for an unknown id, or QueueTimeoutError after `timeoutMs`.
   */
  waitForJob(id: string, timeoutMs: number): Promise<JobStatus>;
  /**
   * Stops the in-process worker and any Redis worker in this process, waiting for active jobs
   * up to their grace period, and closes every Redis connection.
   */
  close(): Promise<void>;
}
