import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

import {
  InvalidJobPayloadError,
  JobNotFoundError,
  QueueClosedError,
  QueueTimeoutError,
} from './errors';
import { MAX_IDEMPOTENCY_KEY_LENGTH, jobIdFor } from './idempotency';
import { InProcessQueue } from './in-process-queue';
import { connectWithin, describeRedisUrl, openCommandConnection } from './redis-connection';
import { RedisJobBackend } from './redis-queue';
import { RedisJobWorker } from './redis-worker';
import type { JobRegistry } from './registry';
import { DEFAULT_QUEUE_PREFIX, QUEUE_NAME } from './settings';
import type {
  EnqueueOptions,
  EnqueuedJob,
  FinishedListener,
  JobQueue,
  JobStatus,
  QueueBackendName,
  Unsubscribe,
} from './types';

/** How long start-up waits for Redis before it falls back to the in-process queue, in ms. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;

export interface JobQueueOptions {
  registry: JobRegistry;
  logger: Logger;
  /** `redis://host:port`; unset means the in-process queue only. */
  redisUrl?: string;
  /** Prefix of every Redis key. Default `infra-learn`. */
  prefix?: string;
  /** BullMQ queue name. Default `jobs`. */
  queueName?: string;
  /**
   * Whether this process also runs a BullMQ worker (WORKER_MODE=inline). Without Redis the
   * in-process queue always runs its jobs, because no other process can see them.
   */
  consume: boolean;
  /** Settings of the Redis worker this process runs when `consume` is true. */
  worker?: {
    concurrency?: number;
    lockDurationMs?: number;
    stalledIntervalMs?: number;
    shutdownGraceMs?: number;
  };
  /** Settings of the in-process queue. */
  inProcess?: { concurrency?: number; shutdownGraceMs?: number };
  /** How long start-up waits for Redis, in ms. Default 2,000. */
  connectTimeoutMs?: number;
}

/**
 * Creates the job queue: BullMQ when `redisUrl` is set and Redis responds within the connect
 * timeout, the in-process queue otherwise (with a warning). When Redis goes away later, new jobs
 * go to the in-process queue until it is back.
 */
export async function createJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const { logger, redisUrl } = options;
  const inProcess = new InProcessQueue({
    registry: options.registry,
    logger,
    concurrency: options.inProcess?.concurrency,
    shutdownGraceMs: options.inProcess?.shutdownGraceMs,
  });
  if (!redisUrl) {
    logger.warn('REDIS_URL is not set; background jobs run in this process and stop with it');
    return inProcessOnly(options, inProcess);
  }

  const redis = describeRedisUrl(redisUrl);
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const connection = openCommandConnection(redisUrl, connectTimeoutMs, logger);
  try {
    await connectWithin(connection, connectTimeoutMs);
  } catch (error) {
    connection.disconnect();
    logger.warn(
      { err: error, redis },
      'Redis is unreachable; background jobs run in this process until it restarts',
    );
    return inProcessOnly(options, inProcess);
  }

  const prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
  const queueName = options.queueName ?? QUEUE_NAME;
  const backend = new RedisJobBackend({ redisUrl, connection, prefix, queueName, logger });
  const worker = options.consume
    ? new RedisJobWorker({
        registry: options.registry,
        logger,
        redisUrl,
        prefix,
        queueName,
        ...options.worker,
      })
    : undefined;
  logger.info(
    { redis, prefix, queue: queueName, worker: worker ? 'in this process' : 'external' },
    'background jobs use Redis',
  );
  return new RoutingJobQueue(options, inProcess, backend, worker, connection);
}

function inProcessOnly(options: JobQueueOptions, inProcess: InProcessQueue): JobQueue {
  if (!options.consume) {
    // No other process can see these jobs, so this one must run them.
    options.logger.warn(
      'WORKER_MODE=external has no effect without Redis; this process runs the jobs',
    );
  }
  return new RoutingJobQueue(options, inProcess);
}

/**
 * Sends each new job to Redis while its connection is up and to the in-process queue
 * otherwise, and looks a job up in both.
 */
class RoutingJobQueue implements JobQueue {
  private closed = false;
  private closing?: Promise<void>;

  constructor(
    private readonly options: JobQueueOptions,
    private readonly inProcess: InProcessQueue,
    private readonly redis?: RedisJobBackend,
    private readonly worker?: RedisJobWorker,
    connection?: Redis,
  ) {
    let lost = false;
    connection?.on('close', () => {
      if (lost || this.closed) return;
      lost = true;
      options.logger.warn(
        'Redis connection lost; new background jobs run in this process until it is back',
      );
    });
    connection?.on('ready', () => {
      if (!lost) return;
      lost = false;
      options.logger.info('Redis connection restored; new background jobs go to Redis');
    });
  }

  get activeBackend(): QueueBackendName {
    return this.redis?.isReady() ? 'redis' : 'in-process';
  }

  async enqueue(
    kind: string,
    payload: unknown,
    options: EnqueueOptions = {},
  ): Promise<EnqueuedJob> {
    if (this.closed) throw new QueueClosedError();
    const { registry, logger } = this.options;
    const parsed = registry.parsePayload(kind, payload);
    const key = options.idempotencyKey;
    if (key !== undefined && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
      throw new InvalidJobPayloadError(
        kind,
        'idempotencyKey',
        `expected 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters, got ${key.length}`,
      );
    }
    const id = jobIdFor(kind, key);

    // A job that went to this process during a Redis outage keeps its key here.
    if (this.redis && !this.inProcess.has(id) && this.redis.isReady()) {
      try {
        const { created } = await this.redis.add(id, kind, parsed, registry.require(kind).retry);
        return { id, backend: 'redis', created };
      } catch (error) {
        // NOTE: when the connection drops after Redis stored the job but before it replied,
        // the job runs in both queues. Handlers are idempotent for this reason among others.
        logger.warn(
          { err: error, jobId: id, kind },
          'enqueueing on Redis failed; the job runs in this process',
        );
      }
    }
    const { created } = this.inProcess.add(id, kind, parsed);
    return { id, backend: 'in-process', created };
  }

  async getJob(id: string): Promise<JobStatus | undefined> {
    const local = this.inProcess.getJob(id);
    if (local || !this.redis) return local;
    return this.redis.getJob(id);
  }

  async onFinished(id: string, listener: FinishedListener): Promise<Unsubscribe> {
    const unsubscribe =
      this.inProcess.onFinished(id, listener) ?? (await this.redis?.onFinished(id, listener));
    if (!unsubscribe) throw new JobNotFoundError(id);
    return unsubscribe;
  }

  waitForJob(id: string, timeoutMs: number): Promise<JobStatus> {
    return new Promise<JobStatus>((resolve, reject) => {
      let unsubscribe: Unsubscribe | undefined;
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        unsubscribe?.();
        reject(new QueueTimeoutError(id, timeoutMs));
      }, timeoutMs);
      this.onFinished(id, (status) => {
        clearTimeout(timer);
        resolve(status);
      }).then(
        (remove) => {
          // A subscription that became active after the timeout has no waiter left.
          if (timedOut) remove();
          else unsubscribe = remove;
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  close(): Promise<void> {
    this.closed = true;
    this.closing ??= (async () => {
      await Promise.all([this.worker?.stop(), this.inProcess.close()]);
      await this.redis?.close();
    })();
    return this.closing;
  }
}
