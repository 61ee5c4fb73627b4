import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

import {
  createJobQueue,
  JobNotFoundError,
  JobRegistry,
  UnrecoverableError,
  type JobQueue,
} from '@/lib/queue';
import {
  deleteRedisKeys,
  redisAvailable,
  REDIS_TEST_URL,
  uniqueRedisPrefix,
} from '../helpers/services';
import { captureLogs, LOG_LEVEL } from '../unit/queue/support/log-capture';
import { waitFor } from '../unit/queue/support/processes';

const hasRedis = await redisAvailable();

const textPayload = z.strictObject({ text: z.string() });
/** Backoff for these tests, in ms: short, so that retries happen within a second. */
const FAST_RETRY = { attempts: 3, backoffBaseMs: 50, backoffMaxMs: 80 };

/** Returns the number of open TCP sockets in this process, such as Redis connections. */
function openTcpSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;
}

describe.skipIf(!hasRedis)('job queue on Redis', () => {
  const filePrefix = uniqueRedisPrefix('queue-redis');
  let testNumber = 0;
  let queue: JobQueue;
  let logs: ReturnType<typeof captureLogs>;
  let gate: Promise<void>;
  let openGate: () => void;
  const calls = new Map<string, number>();

  function registry(): JobRegistry {
    const count = (kind: string) => calls.set(kind, (calls.get(kind) ?? 0) + 1);
    return new JobRegistry()
      .define({
        kind: 'echo',
        payloadSchema: textPayload,
        handler: async (payload, context) => {
          count('echo');
          await context.reportProgress(30);
          await gate;
          return { url: `/echo/${payload.text}`, data: { text: payload.text } };
        },
      })
      .define({
        kind: 'flaky',
        payloadSchema: textPayload,
        retry: FAST_RETRY,
        handler: async (_payload, context) => {
          count('flaky');
          if (context.attempt < 3)
            throw new Error(`speech service timed out on attempt ${context.attempt}`);
          return { url: '/flaky' };
        },
      })
      .define({
        kind: 'doomed',
        payloadSchema: textPayload,
        retry: { ...FAST_RETRY, attempts: 2 },
        handler: async () => {
          count('doomed');
          throw new Error('disk full');
        },
      })
      .define({
        kind: 'rejected',
        payloadSchema: textPayload,
        retry: FAST_RETRY,
        handler: async (payload) => {
          count('rejected');
          if (payload.text === 'bad') throw new UnrecoverableError('lesson does not exist');
          return { url: '/rejected' };
        },
      });
  }

  async function openQueue(consume: boolean): Promise<JobQueue> {
    testNumber += 1;
    return createJobQueue({
      registry: registry(),
      logger: logs.logger,
      redisUrl: REDIS_TEST_URL,
      prefix: `${filePrefix}.${testNumber}`,
      consume,
    });
  }

  beforeEach(() => {
    logs = captureLogs();
    calls.clear();
    gate = new Promise((resolve) => (openGate = resolve));
  });

  afterEach(async () => {
    openGate();
    await queue?.close();
  });

  afterAll(async () => {
    await deleteRedisKeys(filePrefix);
  });

  it('runs a job to completion with progress and result', async () => {
    queue = await openQueue(true);
    expect(queue.activeBackend).toBe('redis');
    expect(logs.messages()).toContain('background jobs use Redis');

    const job = await queue.enqueue('echo', { text: 'hello' });
    expect(job.backend).toBe('redis');
    expect(job.created).toBe(true);
    await waitFor(() => calls.get('echo') === 1, 10_000, 'the echo handler to start');
    await waitFor(() => logs.messages().includes('job started'), 10_000, 'the start log line');
    const running = await queue.getJob(job.id);
    expect(running?.state).toBe('active');

    openGate();
    const done = await queue.waitForJob(job.id, 10_000);
    expect(done).toMatchObject({
      id: job.id,
      kind: 'echo',
      backend: 'redis',
      state: 'completed',
      progress: 100,
      attemptsMade: 1,
      result: { url: '/echo/hello', data: { text: 'hello' } },
    });
    expect(done.finishedAtMs).toBeGreaterThanOrEqual(done.createdAtMs);
    const started = logs.lines.find((line) => line.msg === 'job started');
    expect(started?.jobId).toBe(job.id);
    expect(started?.attempt).toBe(1);
  });

  it('reports progress while a job runs', async () => {
    queue = await openQueue(true);
    const job = await queue.enqueue('echo', { text: 'slow' });
    await waitFor(() => calls.get('echo') === 1, 10_000, 'the echo handler to start');
    let progress = 0;
    await waitFor(
      () => {
        void queue.getJob(job.id).then((status) => (progress = status?.progress ?? 0));
        return progress === 30;
      },
      10_000,
      'progress 30',
    );
    openGate();
    await queue.waitForJob(job.id, 10_000);
  });

  it('retries with backoff, then completes', async () => {
    queue = await openQueue(true);
    const job = await queue.enqueue('flaky', { text: 'x' });
    const done = await queue.waitForJob(job.id, 10_000);

    expect(done.state).toBe('completed');
    expect(done.attemptsMade).toBe(3);
    expect(calls.get('flaky')).toBe(3);
    const retries = logs.lines.filter((line) => line.msg === 'job failed; retrying');
    expect(retries.map((line) => line.retryDelayMs)).toEqual([50, 80]);
    expect(retries.every((line) => line.jobId === job.id)).toBe(true);
  });

  it('records the error of a job that fails for good', async () => {
    queue = await openQueue(true);
    const job = await queue.enqueue('doomed', { text: 'x' });
    const failed = await queue.waitForJob(job.id, 10_000);

    expect(failed).toMatchObject({
      state: 'failed',
      error: 'disk full',
      attemptsMade: 2,
      maxAttempts: 2,
    });
    expect(await queue.getJob(job.id)).toMatchObject({ state: 'failed', error: 'disk full' });
    await waitFor(() => logs.messages().includes('job failed'), 5_000, 'the failure log line');
    const failure = logs.lines.find((line) => line.msg === 'job failed');
    expect(failure?.level).toBe(LOG_LEVEL.error);
    expect(failure?.jobId).toBe(job.id);
  });

  it('fails at once on UnrecoverableError', async () => {
    queue = await openQueue(true);
    const job = await queue.enqueue('rejected', { text: 'bad' });
    const failed = await queue.waitForJob(job.id, 10_000);
    expect(failed).toMatchObject({
      state: 'failed',
      attemptsMade: 1,
      error: 'lesson does not exist',
    });
    expect(calls.get('rejected')).toBe(1);
  });

  it('returns the existing job for a repeated idempotency key', async () => {
    queue = await openQueue(true);
    openGate();
    const first = await queue.enqueue('echo', { text: 'once' }, { idempotencyKey: 'lesson-1' });
    const second = await queue.enqueue('echo', { text: 'once' }, { idempotencyKey: 'lesson-1' });
    await queue.waitForJob(first.id, 10_000);
    const third = await queue.enqueue('echo', { text: 'once' }, { idempotencyKey: 'lesson-1' });

    expect([second.id, third.id]).toEqual([first.id, first.id]);
    expect([first.created, second.created, third.created]).toEqual([true, false, false]);
    expect(calls.get('echo')).toBe(1);
  });

  it('runs a failed job again when its key is enqueued again', async () => {
    queue = await openQueue(true);
    const first = await queue.enqueue('doomed', { text: 'x' }, { idempotencyKey: 'lesson-2' });
    expect((await queue.waitForJob(first.id, 10_000)).state).toBe('failed');

    const again = await queue.enqueue('doomed', { text: 'x' }, { idempotencyKey: 'lesson-2' });
    expect(again).toEqual({ id: first.id, backend: 'redis', created: true });
    await waitFor(() => calls.get('doomed') === 4, 10_000, 'two more attempts');
    expect((await queue.waitForJob(first.id, 10_000)).attemptsMade).toBe(2);
  });

  it('leaves jobs waiting for an external worker', async () => {
    queue = await openQueue(false);
    expect(logs.lines.find((line) => line.msg === 'background jobs use Redis')?.worker).toBe(
      'external',
    );
    const job = await queue.enqueue('echo', { text: 'later' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await queue.getJob(job.id))?.state).toBe('waiting');
    expect(calls.get('echo')).toBeUndefined();
  });

  it('reports unknown ids', async () => {
    queue = await openQueue(false);
    expect(await queue.getJob('echo-0123456789abcdef0123456789abcdef')).toBeUndefined();
    await expect(
      queue.onFinished('echo-0123456789abcdef0123456789abcdef', () => undefined),
    ).rejects.toBeInstanceOf(JobNotFoundError);
  });

  it('closes every Redis connection', async () => {
    const before = openTcpSockets();
    queue = await openQueue(true);
    openGate();
    const job = await queue.enqueue('echo', { text: 'bye' });
    await queue.waitForJob(job.id, 10_000);
    expect(openTcpSockets()).toBeGreaterThan(before);

    await queue.close();
    // Sockets of queues closed by earlier tests may still be closing, so `before` is an upper bound.
    await waitFor(() => openTcpSockets() <= before, 5_000, 'the sockets to close');
  });
});
