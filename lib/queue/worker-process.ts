import type { Logger } from 'pino';

import { describeRedisUrl } from './redis-connection';
import { RedisJobWorker, type RedisJobWorkerOptions } from './redis-worker';

export interface WorkerProcessOptions extends RedisJobWorkerOptions {
  /** Closes what the handlers opened, such as the database, after the worker has stopped. */
  closeResources?: () => Promise<void>;
}

const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Runs a BullMQ worker until SIGTERM or SIGINT, then stops it gracefully: active jobs finish
 * within the grace period or go back to the queue. A second signal exits at once with status
 * 1. Resolves with the exit status: 0 after a clean stop, 1 when a job ignored its abort signal.
 */
export async function runWorkerProcess(options: WorkerProcessOptions): Promise<number> {
  const logger: Logger = options.logger;
  const worker = new RedisJobWorker(options);
  const stopSignal = waitForStopSignal();
  logger.info(
    {
      redis: describeRedisUrl(options.redisUrl),
      prefix: options.prefix,
      queue: options.queueName,
      concurrency: options.concurrency ?? 1,
      pid: process.pid,
    },
    'worker started',
  );

  worker.waitUntilReady().then(
    () => logger.info('worker connected to Redis; waiting for jobs'),
    (error: unknown) => logger.error({ err: error }, 'worker could not connect to Redis'),
  );
  const signal = await stopSignal;

  logger.info({ signal }, 'worker stopping');
  for (const name of STOP_SIGNALS) {
    process.once(name, () => {
      logger.error({ signal: name }, 'second stop signal; exiting without waiting for active jobs');
      process.exit(1);
    });
  }
  const clean = await worker.stop();
  try {
    await options.closeResources?.();
  } catch (error) {
    logger.error({ err: error }, 'closing worker resources failed');
    return 1;
  }
  logger.info({ clean }, 'worker stopped');
  return clean ? 0 : 1;
}

function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      for (const name of STOP_SIGNALS) process.off(name, onSignal);
      resolve(signal);
    };
    for (const name of STOP_SIGNALS) process.on(name, onSignal);
  });
}
