import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type Database from 'better-sqlite3';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { openRepository } from '@/lib/db/client';
import { prepareDatabase } from '@/lib/db/prepare';
import { lessonRequestSchema } from '@/lib/lessons/input';
import { createAppJobRegistry, createJobQueue, JobRegistry, type JobQueue } from '@/lib/queue';
import { createLesson } from '@/lib/server/lessons';
import {
  deleteRedisKeys,
  redisAvailable,
  REDIS_TEST_URL,
  uniqueRedisPrefix,
} from '../helpers/services';
import {
  COUNT_RETRY_POLICY,
  countPayloadSchema,
  openCountingDatabase,
} from '../unit/queue/support/counting-store';
import {
  COUNTING_WORKER,
  killStartedProcesses,
  startScript,
  waitFor,
  waitForLog,
  WORKER_CLI,
  type RunningProcess,
} from '../unit/queue/support/processes';

/** Worker lock for these tests, in ms: a killed worker's job is free to take over this soon. */
const LOCK_MS = 2_000;
/** How often the surviving worker looks for expired locks, in ms. */
const STALLED_CHECK_MS = 500;

/**
 * Per-test limit, in ms: each test starts up to three tsx processes, which takes seconds on a
 * two-core machine that is also running other test files.
 */
const PROCESS_TEST_TIMEOUT_MS = 90_000;

const hasRedis = await redisAvailable();

describe.skipIf(!hasRedis)(
  'queue worker processes on Redis',
  { timeout: PROCESS_TEST_TIMEOUT_MS },
  () => {
    const filePrefix = uniqueRedisPrefix('queue-workers');
    let testNumber = 0;
    let prefix: string;
    let directory: string;
    let db: Database.Database;
    let producer: JobQueue;

    beforeAll(() => {
      directory = mkdtempSync(join(tmpdir(), 'infra-learn-queue-'));
    });

    beforeEach(async () => {
      testNumber += 1;
      prefix = `${filePrefix}.${testNumber}`;
      db = openCountingDatabase(join(directory, `counts-${testNumber}.db`));
      producer = await createJobQueue({
        registry: new JobRegistry().define({
          kind: 'count',
          payloadSchema: countPayloadSchema,
          retry: COUNT_RETRY_POLICY,
        }),
        logger: pino({ level: 'silent' }),
        redisUrl: REDIS_TEST_URL,
        prefix,
        consume: false,
      });
      expect(producer.activeBackend).toBe('redis');
    });

    afterEach(async () => {
      await killStartedProcesses();
      await producer.close();
      db.close();
    });

    afterAll(async () => {
      await deleteRedisKeys(filePrefix);
      rmSync(directory, { recursive: true, force: true });
    });

    function startWorker(extraEnv: Record<string, string> = {}): RunningProcess {
      return startScript(COUNTING_WORKER, {
        REDIS_URL: REDIS_TEST_URL,
        QUEUE_PREFIX: prefix,
        FIXTURE_DB: join(directory, `counts-${testNumber}.db`),
        FIXTURE_LOCK_MS: String(LOCK_MS),
        FIXTURE_STALLED_MS: String(STALLED_CHECK_MS),
        ...extraEnv,
      });
    }

    async function startReadyWorker(
      extraEnv: Record<string, string> = {},
    ): Promise<RunningProcess> {
      const worker = startWorker(extraEnv);
      await waitForLog(worker, 'worker connected to Redis; waiting for jobs');
      return worker;
    }

    const startsOf = (jobId: string) =>
      db
        .prepare<[string], { pid: number; attempt: number }>(
          'SELECT pid, attempt FROM starts WHERE job_id = ? ORDER BY rowid',
        )
        .all(jobId);
    const resultsFor = (key: string) =>
      db
        .prepare<[string], { value: string; pid: number }>(
          'SELECT value, pid FROM results WHERE key = ?',
        )
        .all(key);
    const completionsOf = (jobId: string) =>
      db
        .prepare<[string], { pid: number }>('SELECT pid FROM completions WHERE job_id = ?')
        .all(jobId)
        .map((row) => row.pid);
    const hasMark = (jobId: string, pid: number) =>
      db.prepare('SELECT 1 FROM marks WHERE job_id = ? AND pid = ?').get(jobId, pid) !== undefined;

    it('completes a job once after its worker is killed before storing', async () => {
      const first = await startReadyWorker();
      const { id } = await producer.enqueue('count', { key: 'before-store', workMs: 60_000 });
      await waitFor(() => startsOf(id).length === 1, 20_000, `job ${id} to start`);
      expect(startsOf(id)[0].pid).toBe(first.pid);

      const second = await startReadyWorker({ FIXTURE_MAX_WORK_MS: '200' });
      first.child.kill('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');
      expect(resultsFor('before-store')).toHaveLength(0);

      const status = await producer.waitForJob(id, 30_000);
      expect(status.state).toBe('completed');
      expect(status.result?.data).toMatchObject({ pid: second.pid, created: true });
      expect(resultsFor('before-store')).toEqual([
        { value: `before-store by ${second.pid}`, pid: second.pid },
      ]);
      expect(startsOf(id).map((start) => start.pid)).toEqual([first.pid, second.pid]);
      await waitForLog(second, 'job completed');
      expect(second.logLines().find((line) => line.msg === 'job completed')?.jobId).toBe(id);
    });

    it('keeps the stored result when its worker is killed before completing', async () => {
      const first = await startReadyWorker();
      const { id } = await producer.enqueue('count', {
        key: 'after-store',
        workMs: 50,
        holdAfterStoreMs: 60_000,
      });
      await waitFor(() => hasMark(id, first.pid), 20_000, `job ${id} to store its result`);

      const second = await startReadyWorker();
      first.child.kill('SIGKILL');
      await first.exited;

      const status = await producer.waitForJob(id, 30_000);
      expect(status.state).toBe('completed');
      expect(status.result?.data).toMatchObject({
        value: `after-store by ${first.pid}`,
        created: false,
        pid: second.pid,
      });
      expect(resultsFor('after-store')).toEqual([
        { value: `after-store by ${first.pid}`, pid: first.pid },
      ]);
      expect(startsOf(id).map((start) => start.pid)).toEqual([first.pid, second.pid]);
      expect(completionsOf(id)).toEqual([second.pid]);
    });

    it('shares a burst of 50 jobs between two workers, each done once', async () => {
      const workers = await Promise.all([startReadyWorker(), startReadyWorker()]);
      const jobs = await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          producer.enqueue('count', { key: `burst-${index}`, workMs: 40 }),
        ),
      );
      const ids = jobs.map((job) => job.id);
      expect(new Set(ids).size).toBe(50);

      const statuses = await Promise.all(ids.map((id) => producer.waitForJob(id, 60_000)));
      expect(statuses.filter((status) => status.state === 'completed')).toHaveLength(50);

      const resultCount = db
        .prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM results WHERE key LIKE 'burst-%'")
        .get();
      expect(resultCount?.n).toBe(50);
      const starts = db
        .prepare<[], { job_id: string; pid: number }>('SELECT job_id, pid FROM starts')
        .all();
      expect(starts).toHaveLength(50);
      expect(new Set(starts.map((start) => start.job_id)).size).toBe(50);
      const completions = db
        .prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM completions')
        .get();
      expect(completions?.n).toBe(50);
      for (const worker of workers) {
        const share = starts.filter((start) => start.pid === worker.pid).length;
        expect(share, `jobs run by worker ${worker.pid}`).toBeGreaterThan(0);
      }
    });

    it('finishes the active job on SIGTERM, then exits 0', async () => {
      const worker = await startReadyWorker();
      const { id } = await producer.enqueue('count', { key: 'graceful', workMs: 1_500 });
      await waitFor(() => startsOf(id).length === 1, 20_000, `job ${id} to start`);

      worker.child.kill('SIGTERM');
      const exit = await worker.exited;
      expect(exit.code).toBe(0);
      expect((await producer.getJob(id))?.state).toBe('completed');
      expect(resultsFor('graceful')).toHaveLength(1);

      const messages = worker.logLines().map((line) => line.msg);
      expect(messages.indexOf('worker stopping')).toBeGreaterThan(-1);
      expect(messages.indexOf('job completed')).toBeGreaterThan(
        messages.indexOf('worker stopping'),
      );
      expect(messages.at(-1)).toBe('worker stopped');
    });

    it('returns the active job to the queue when the grace period runs out', async () => {
      const first = await startReadyWorker({ FIXTURE_GRACE_MS: '300' });
      const { id } = await producer.enqueue('count', { key: 'returned', workMs: 60_000 });
      await waitFor(() => startsOf(id).length === 1, 20_000, `job ${id} to start`);

      first.child.kill('SIGTERM');
      expect((await first.exited).code).toBe(0);
      expect(
        first
          .logLines()
          .some(
            (line) => line.msg === 'job returned to the queue at shutdown' && line.jobId === id,
          ),
      ).toBe(true);
      const returned = await producer.getJob(id);
      expect(returned?.state).toBe('waiting');
      expect(returned?.attemptsMade).toBe(0);
      expect(resultsFor('returned')).toHaveLength(0);

      const second = await startReadyWorker({ FIXTURE_MAX_WORK_MS: '100' });
      const status = await producer.waitForJob(id, 30_000);
      expect(status.state).toBe('completed');
      expect(status.attemptsMade).toBe(1);
      expect(resultsFor('returned')).toEqual([
        { value: `returned by ${second.pid}`, pid: second.pid },
      ]);
      expect(startsOf(id).map((start) => start.pid)).toEqual([first.pid, second.pid]);
    });
  },
);

describe.skipIf(!hasRedis)('npm run worker', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  const prefix = uniqueRedisPrefix('queue-worker-cli');
  const folder = mkdtempSync(join(tmpdir(), 'infra-learn-worker-cli-'));
  const databaseUrl = `file:${join(folder, 'app.db')}`;
  let lessonId: string;

  beforeAll(async () => {
    const repository = openRepository(databaseUrl);
    try {
      await prepareDatabase(repository);
      const request = lessonRequestSchema.parse({
        problem: 'Train a 13B model on 32 A100 80GB GPUs with 99.9% uptime under $200k.',
      });
      lessonId = (await createLesson(repository, request)).id;
    } finally {
      await repository.close();
    }
  });

  afterAll(async () => {
    await killStartedProcesses();
    await deleteRedisKeys(prefix);
    rmSync(folder, { recursive: true, force: true });
  });

  it('runs app jobs and logs each one', async () => {
    const worker = startScript(WORKER_CLI, {
      REDIS_URL: REDIS_TEST_URL,
      QUEUE_PREFIX: prefix,
      DATABASE_URL: databaseUrl,
      TTS_PROVIDER: 'stub',
    });
    await waitForLog(worker, 'worker connected to Redis; waiting for jobs');
    const producer = await createJobQueue({
      registry: createAppJobRegistry(),
      logger: pino({ level: 'silent' }),
      redisUrl: REDIS_TEST_URL,
      prefix,
      consume: false,
    });
    try {
      const exported = await producer.enqueue('export', { lessonId, includeAudio: false });
      const done = await producer.waitForJob(exported.id, 30_000);
      expect(done).toMatchObject({ state: 'completed', progress: 100, attemptsMade: 1 });
      expect(done.result?.url).toMatch(new RegExp(`^/api/lessons/${lessonId}/export/`));

      const unknownLessonId = '00000000-0000-4000-8000-000000000000';
      const missing = await producer.enqueue('podcast', { lessonId: unknownLessonId });
      const failed = await producer.waitForJob(missing.id, 20_000);
      expect(failed).toMatchObject({ state: 'failed', attemptsMade: 1 });
      expect(failed.error).toBe(`no lesson with id "${unknownLessonId}"`);
      await waitForLog(worker, 'job failed');

      const lines = worker.logLines();
      const jobIdsOf = (msg: string) =>
        lines.filter((line) => line.msg === msg).map((line) => line.jobId);
      expect(jobIdsOf('job started')).toEqual([exported.id, missing.id]);
      expect(jobIdsOf('job completed')).toEqual([exported.id]);
      expect(jobIdsOf('job failed')).toEqual([missing.id]);
      expect(lines.find((line) => line.msg === 'job failed')?.level).toBe(50);
    } finally {
      await producer.close();
    }

    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
    expect(worker.logLines().map((line) => line.msg)).toEqual(
      expect.arrayContaining(['worker started', 'worker stopping', 'worker stopped']),
    );
  });

  it('exits 1 naming REDIS_URL when it is not set', async () => {
    const worker = startScript(WORKER_CLI, { REDIS_URL: '' });
    expect((await worker.exited).code).toBe(1);
    expect(worker.output()).toMatch(/REDIS_URL is not set, so there is no shared queue to consume/);
  });
});
