// A worker process for the queue integration tests: the real runWorkerProcess with one job
// kind, `count`, whose handler records each start and stores one result per key in SQLite.
// Settings come from the environment the test sets.
import { setTimeout as sleep } from 'node:timers/promises';

import { getLogger } from '@/lib/logger';
import { JobRegistry, produceOnce } from '@/lib/queue';
import { runWorkerProcess } from '@/lib/queue/worker-process';
import {
  COUNT_RETRY_POLICY,
  countPayloadSchema,
  openCountingDatabase,
  sqliteResultStore,
} from './counting-store';

const env = process.env;
const db = openCountingDatabase(env.FIXTURE_DB as string);
const mark = db.prepare('INSERT INTO marks (job_id, pid, mark) VALUES (?, ?, ?)');
const complete = db.prepare('INSERT INTO completions (job_id, pid) VALUES (?, ?)');
const start = db.prepare(
  'INSERT INTO starts (job_id, pid, attempt, started_at_ms) VALUES (?, ?, ?, ?)',
);

const optionalNumber = (name: string) => (env[name] ? Number(env[name]) : undefined);
/** Caps the payload's work time, so that a second worker can finish a long job quickly. */
const maxWorkMs = optionalNumber('FIXTURE_MAX_WORK_MS') ?? Number.POSITIVE_INFINITY;

const registry = new JobRegistry().define({
  kind: 'count',
  payloadSchema: countPayloadSchema,
  retry: COUNT_RETRY_POLICY,
  handler: async (payload, context) => {
    start.run(context.jobId, process.pid, context.attempt, Date.now());
    const store = sqliteResultStore(db, context.jobId);
    const { value, created } = await produceOnce(store, payload.key, async () => {
      await sleep(Math.min(payload.workMs, maxWorkMs), undefined, { signal: context.signal });
      return `${payload.key} by ${process.pid}`;
    });
    await context.reportProgress(50);
    if (created && payload.holdAfterStoreMs > 0) {
      mark.run(context.jobId, process.pid, 'stored');
      await sleep(payload.holdAfterStoreMs, undefined, { signal: context.signal });
    }
    complete.run(context.jobId, process.pid);
    return { url: `/results/${payload.key}`, data: { value, created, pid: process.pid } };
  },
});

const status = await runWorkerProcess({
  registry,
  logger: getLogger().child({ process: 'counting-worker' }),
  redisUrl: env.REDIS_URL as string,
  prefix: env.QUEUE_PREFIX as string,
  queueName: 'jobs',
  concurrency: optionalNumber('FIXTURE_CONCURRENCY'),
  lockDurationMs: optionalNumber('FIXTURE_LOCK_MS'),
  stalledIntervalMs: optionalNumber('FIXTURE_STALLED_MS'),
  shutdownGraceMs: optionalNumber('FIXTURE_GRACE_MS'),
  closeResources: async () => {
    db.close();
  },
});
process.exitCode = status;
