// The background-job worker: `npm run worker`. It consumes the BullMQ queue on REDIS_URL until
// SIGTERM or SIGINT, and logs JSON lines to stderr.
import { ConfigError, getConfig } from '../lib/config';
import { loadEnvFile } from '../lib/env-file';
import { getLogger } from '../lib/logger';
import { QUEUE_NAME, readQueueSettings } from '../lib/queue/settings';
import { runWorkerProcess } from '../lib/queue/worker-process';
import { note } from './output';

/** Runs the worker and resolves with the exit status. */
async function main(): Promise<number> {
  loadEnvFile();
  let redisUrl: string | undefined;
  let settings: ReturnType<typeof readQueueSettings>;
  try {
    redisUrl = getConfig().REDIS_URL;
    settings = readQueueSettings(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    note(`infra-learn worker: ${error.message}`);
    return 1;
  }
  if (!redisUrl) {
    note(
      'infra-learn worker: REDIS_URL is not set, so there is no shared queue to consume. ' +
        'Set REDIS_URL=redis://host:port, or leave WORKER_MODE=inline and the web process runs jobs itself.',
    );
    return 1;
  }

  // The handlers pull in the podcast and export code, so load them after the checks above.
  const { createAppJobRuntime } = await import('../lib/queue/app-handlers');
  const { registry, closeResources } = createAppJobRuntime();
  return runWorkerProcess({
    registry,
    closeResources,
    logger: getLogger().child({ process: 'worker' }),
    redisUrl,
    prefix: settings.prefix,
    queueName: QUEUE_NAME,
    concurrency: settings.workerConcurrency,
  });
}

main().then(
  (status) => {
    // A handler that ignored its abort signal may keep timers or sockets open, so exit explicitly.
    if (status === 0) process.exitCode = 0;
    else process.exit(status);
  },
  (error: unknown) => {
    note(`infra-learn worker: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
