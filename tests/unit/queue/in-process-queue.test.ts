import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

import {
  createJobQueue,
  InvalidJobPayloadError,
  JobNotFoundError,
  JobRegistry,
  QueueTimeoutError,
  UnknownJobKindError,
  UnrecoverableError,
  type JobContext,
  type JobQueue,
  type JobStatus,
} from '@/lib/queue';
import { captureLogs, LOG_LEVEL, type LogLine } from './support/log-capture';

const payloadSchema = z.strictObject({ n: z.number().int() });
type Payload = z.infer<typeof payloadSchema>;

/** Flushes promise callbacks without moving the fake clock. */
const flush = () => vi.advanceTimersByTimeAsync(0);

describe('in-process queue', () => {
  let queue: JobQueue;
  let logs: ReturnType<typeof captureLogs>;
  let handler: ReturnType<
    typeof vi.fn<(payload: Payload, context: JobContext) => Promise<{ url?: string }>>
  >;
  let registry: JobRegistry;

  beforeEach(async () => {
    vi.useFakeTimers();
    logs = captureLogs();
    handler = vi.fn<(payload: Payload, context: JobContext) => Promise<{ url?: string }>>();
    registry = new JobRegistry()
      .define({
        kind: 'square',
        payloadSchema,
        handler,
        retry: { attempts: 6, backoffBaseMs: 1_000, backoffMaxMs: 3_000 },
      })
      .define({ kind: 'unhandled', payloadSchema });
    queue = await createJobQueue({ registry, logger: logs.logger, consume: true });
  });

  afterEach(async () => {
    const closing = queue.close();
    await vi.runAllTimersAsync();
    await closing;
    vi.useRealTimers();
  });

  const failures = (message: string) => logs.lines.filter((line) => line.msg === message);

  it('warns at start-up that jobs run in process', () => {
    const warning = logs.lines.find((line) => line.level === LOG_LEVEL.warn);
    expect(warning?.msg).toMatch(/REDIS_URL is not set; background jobs run in this process/);
    expect(queue.activeBackend).toBe('in-process');
  });

  it('runs a job to completion with progress and result', async () => {
    let release!: () => void;
    handler.mockImplementation(async (payload, context) => {
      await context.reportProgress(40.4);
      await new Promise<void>((resolve) => (release = resolve));
      return { url: `/results/${payload.n * payload.n}` };
    });

    const job = await queue.enqueue('square', { n: 7 });
    expect(job.backend).toBe('in-process');
    expect(job.created).toBe(true);
    expect(job.id).toMatch(/^square-[0-9a-f]{32}$/);
    await flush();

    const running = await queue.getJob(job.id);
    expect(running?.state).toBe('active');
    expect(running?.progress).toBe(40);

    release();
    await flush();
    const done = await queue.getJob(job.id);
    expect(done?.state).toBe('completed');
    expect(done?.progress).toBe(100);
    expect(done?.result).toEqual({ url: '/results/49' });
    expect(done?.attemptsMade).toBe(1);
    expect(logs.messages()).toEqual(expect.arrayContaining(['job started', 'job completed']));
    expect(logs.lines.find((line) => line.msg === 'job completed')?.jobId).toBe(job.id);
  });

  it('calls a finished listener once with the final status', async () => {
    handler.mockResolvedValue({ url: '/done' });
    const job = await queue.enqueue('square', { n: 2 });
    const listener = vi.fn<(status: JobStatus) => void>();
    await queue.onFinished(job.id, listener);
    await flush();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0][0].state).toBe('completed');

    const late = vi.fn<(status: JobStatus) => void>();
    await queue.onFinished(job.id, late);
    await flush();
    expect(late).toHaveBeenCalledTimes(1);
  });

  it('retries after exponential backoff delays', async () => {
    handler
      .mockRejectedValueOnce(new Error('speech service timed out'))
      .mockRejectedValueOnce(new Error('speech service timed out'))
      .mockResolvedValue({ url: '/ok' });

    const job = await queue.enqueue('square', { n: 3 });
    await flush();
    const afterFirst = await queue.getJob(job.id);
    expect(afterFirst?.state).toBe('delayed');
    expect(afterFirst?.attemptsMade).toBe(1);
    expect(afterFirst?.error).toBe('speech service timed out');

    await vi.advanceTimersByTimeAsync(999);
    expect(handler).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(handler).toHaveBeenCalledTimes(2);

    await vi.advanceTimersByTimeAsync(1_999);
    expect(handler).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(handler).toHaveBeenCalledTimes(3);

    const done = await queue.getJob(job.id);
    expect(done?.state).toBe('completed');
    expect(done?.attemptsMade).toBe(3);
    expect(done?.error).toBeUndefined();
    expect(failures('job failed; retrying').map((line) => line.retryDelayMs)).toEqual([
      1_000, 2_000,
    ]);
  });

  it('caps the backoff delay', async () => {
    handler.mockRejectedValue(new Error('still down'));
    await queue.enqueue('square', { n: 4 });
    await vi.advanceTimersByTimeAsync(60_000);

    const delays = failures('job failed; retrying').map((line: LogLine) => line.retryDelayMs);
    expect(delays).toEqual([1_000, 2_000, 3_000, 3_000, 3_000]);
  });

  it('fails for good after the last attempt and records the error', async () => {
    handler.mockRejectedValue(new Error('disk full'));
    const job = await queue.enqueue('square', { n: 5 });
    const listener = vi.fn<(status: JobStatus) => void>();
    await queue.onFinished(job.id, listener);
    await vi.advanceTimersByTimeAsync(60_000);

    const failed = await queue.getJob(job.id);
    expect(failed?.state).toBe('failed');
    expect(failed?.error).toBe('disk full');
    expect(failed?.attemptsMade).toBe(6);
    expect(failed?.maxAttempts).toBe(6);
    expect(handler).toHaveBeenCalledTimes(6);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0][0].state).toBe('failed');
    const final = failures('job failed');
    expect(final).toHaveLength(1);
    expect(final[0].level).toBe(LOG_LEVEL.error);
    expect(final[0].jobId).toBe(job.id);
  });

  it('fails at once on UnrecoverableError', async () => {
    handler.mockRejectedValue(new UnrecoverableError('lesson 42 does not exist'));
    const job = await queue.enqueue('square', { n: 6 });
    await vi.advanceTimersByTimeAsync(60_000);

    const failed = await queue.getJob(job.id);
    expect(failed?.state).toBe('failed');
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.error).toBe('lesson 42 does not exist');
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('fails a kind with no handler at once', async () => {
    const job = await queue.enqueue('unhandled', { n: 1 });
    await flush();

    const failed = await queue.getJob(job.id);
    expect(failed?.state).toBe('failed');
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.error).toMatch(/^no handler registered for job kind "unhandled"/);
  });

  it('fails a job whose handler returns no object', async () => {
    handler.mockResolvedValue('done' as unknown as { url?: string });
    const job = await queue.enqueue('square', { n: 1 });
    await flush();

    const failed = await queue.getJob(job.id);
    expect(failed?.state).toBe('failed');
    expect(failed?.error).toMatch(/returned a string: expected an object/);
  });

  it('returns the existing job for a repeated idempotency key', async () => {
    handler.mockResolvedValue({ url: '/once' });
    const first = await queue.enqueue('square', { n: 8 }, { idempotencyKey: 'lesson-1' });
    const second = await queue.enqueue('square', { n: 8 }, { idempotencyKey: 'lesson-1' });
    await flush();
    const third = await queue.enqueue('square', { n: 8 }, { idempotencyKey: 'lesson-1' });

    expect(second.id).toBe(first.id);
    expect(third.id).toBe(first.id);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(third.created).toBe(false);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('runs a failed job again when its key is enqueued again', async () => {
    handler
      .mockRejectedValueOnce(new UnrecoverableError('bad voice'))
      .mockResolvedValue({ url: '/ok' });
    const first = await queue.enqueue('square', { n: 9 }, { idempotencyKey: 'lesson-2' });
    await flush();
    expect((await queue.getJob(first.id))?.state).toBe('failed');

    const again = await queue.enqueue('square', { n: 9 }, { idempotencyKey: 'lesson-2' });
    await flush();
    expect(again.id).toBe(first.id);
    expect(again.created).toBe(true);
    const done = await queue.getJob(first.id);
    expect(done?.state).toBe('completed');
    expect(done?.attemptsMade).toBe(1);
  });

  it('runs one job at a time by default', async () => {
    const releases: Array<() => void> = [];
    handler.mockImplementation(() => new Promise((resolve) => releases.push(() => resolve({}))));
    const first = await queue.enqueue('square', { n: 1 });
    const second = await queue.enqueue('square', { n: 2 });
    await flush();
    expect((await queue.getJob(first.id))?.state).toBe('active');
    expect((await queue.getJob(second.id))?.state).toBe('waiting');

    releases[0]();
    await flush();
    expect((await queue.getJob(first.id))?.state).toBe('completed');
    expect((await queue.getJob(second.id))?.state).toBe('active');
    releases[1]();
    await flush();
  });

  it.each([
    ['a missing field', {}, 'n'],
    ['a fraction', { n: 1.5 }, 'n'],
    ['an extra field', { n: 1, extra: true }, 'payload'],
  ])('rejects a payload with %s before queueing', async (_label, payload, field) => {
    const attempt = queue.enqueue('square', payload);
    await expect(attempt).rejects.toBeInstanceOf(InvalidJobPayloadError);
    await expect(attempt).rejects.toMatchObject({ field });
    expect(handler).not.toHaveBeenCalled();
  });

  it('rejects an unknown kind naming the known ones', async () => {
    const attempt = queue.enqueue('transcode', { n: 1 });
    await expect(attempt).rejects.toBeInstanceOf(UnknownJobKindError);
    await expect(attempt).rejects.toThrow(
      'unknown job kind "transcode": expected one of square, unhandled',
    );
  });

  it('rejects an empty idempotency key', async () => {
    await expect(queue.enqueue('square', { n: 1 }, { idempotencyKey: '' })).rejects.toThrow(
      /idempotencyKey: expected 1 to 200 characters, got 0/,
    );
  });

  it('reports unknown ids', async () => {
    expect(await queue.getJob('square-00000000000000000000000000000000')).toBeUndefined();
    await expect(
      queue.onFinished('square-00000000000000000000000000000000', () => undefined),
    ).rejects.toBeInstanceOf(JobNotFoundError);
  });

  it('times out waiting for a job that does not finish', async () => {
    handler.mockImplementation(() => new Promise(() => undefined));
    const job = await queue.enqueue('square', { n: 1 });
    const waiting = queue.waitForJob(job.id, 5_000);
    const outcome = expect(waiting).rejects.toBeInstanceOf(QueueTimeoutError);
    await vi.advanceTimersByTimeAsync(5_000);
    await outcome;
  });

  it('fails queued jobs and aborts the active one on close', async () => {
    let seenSignal: AbortSignal | undefined;
    handler.mockImplementation(
      (_payload, context) =>
        new Promise((_resolve, reject) => {
          seenSignal = context.signal;
          context.signal.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    );
    const active = await queue.enqueue('square', { n: 1 });
    const queued = await queue.enqueue('square', { n: 2 });
    await flush();

    const closing = queue.close();
    await flush();
    expect((await queue.getJob(queued.id))?.state).toBe('failed');
    expect(seenSignal?.aborted).toBe(false);

    await vi.advanceTimersByTimeAsync(10_000);
    await closing;
    expect(seenSignal?.aborted).toBe(true);
    const aborted = await queue.getJob(active.id);
    expect(aborted?.state).toBe('failed');
    expect(aborted?.error).toMatch(/^the process stopped during attempt 1/);
    expect(logs.messages()).toEqual(
      expect.arrayContaining(['in-process jobs dropped at shutdown', 'job aborted at shutdown']),
    );
    await expect(queue.enqueue('square', { n: 3 })).rejects.toThrow(/the job queue is closed/);
  });
});
