import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

import {
  createJobQueue,
  JobRegistry,
  QueueUnavailableError,
  type EnqueuedJob,
  type JobQueue,
} from '@/lib/queue';
import { settlesWithin } from '@/lib/queue/settle';
import { freePort } from '../helpers/server';
import { servicesRequired } from '../helpers/services';
import { captureLogs } from '../unit/queue/support/log-capture';
import { waitFor } from '../unit/queue/support/processes';

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedisServer && servicesRequired) {
  throw new Error('redis-server is required (REQUIRE_SERVICES=1) but is not on PATH');
}

/** Upper bound for closing the queue after its Redis stopped, in ms; a hang fails the test. */
const CLOSE_TIMEOUT_MS = 10_000;
/** Jobs enqueued while the private Redis runs, and again after it stopped. */
const JOBS_PER_PHASE = 10;
/** Pause between two enqueues, in ms, so that the stop lands in the middle of the stream. */
const ENQUEUE_INTERVAL_MS = 20;

function echoRegistry(): JobRegistry {
  return new JobRegistry().define({
    kind: 'echo',
    payloadSchema: z.strictObject({ n: z.number().int() }),
    handler: async (payload, context) => {
      await context.reportProgress(50);
      return { url: `/echo/${payload.n}` };
    },
  });
}

/** Resolves true when nothing accepts TCP connections on 127.0.0.1:`port`. */
function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe('job queue without Redis', () => {
  let queue: JobQueue | undefined;

  afterEach(async () => {
    await queue?.close();
    queue = undefined;
  });

  it('runs jobs in process when Redis is unreachable at start-up', async () => {
    const port = await freePort();
    expect(await portIsClosed(port)).toBe(true);
    const logs = captureLogs();

    queue = await createJobQueue({
      registry: echoRegistry(),
      logger: logs.logger,
      redisUrl: `redis://127.0.0.1:${port}`,
      consume: false,
    });
    expect(queue.activeBackend).toBe('in-process');
    const warning = logs.lines.find((line) => line.msg.startsWith('Redis is unreachable'));
    expect(warning?.redis).toBe(`127.0.0.1:${port}`);
    expect(logs.messages()).toContain(
      'WORKER_MODE=external has no effect without Redis; this process runs the jobs',
    );

    const job = await queue.enqueue('echo', { n: 1 });
    expect(job.backend).toBe('in-process');
    const done = await queue.waitForJob(job.id, 5_000);
    expect(done).toMatchObject({
      state: 'completed',
      backend: 'in-process',
      result: { url: '/echo/1' },
    });
  });
});

describe.skipIf(!hasRedisServer)('job queue when its Redis stops', () => {
  let server: ChildProcess | undefined;
  let queue: JobQueue | undefined;
  let directory: string | undefined;

  afterEach(async () => {
    await queue?.close();
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGKILL');
      await exited;
    }
    if (directory) rmSync(directory, { recursive: true, force: true });
    directory = undefined;
  });

  /** Starts a private redis-server without persistence and waits until it accepts connections. */
  async function startRedis(port: number): Promise<ChildProcess> {
    directory ??= mkdtempSync(join(tmpdir(), 'infra-learn-redis-'));
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        directory,
      ],
      { stdio: 'ignore' },
    );
    let accepting = false;
    await waitFor(
      () => {
        void portIsClosed(port).then((closed) => (accepting = !closed));
        return accepting;
      },
      10_000,
      `redis-server on port ${port}`,
    );
    return child;
  }

  it('sends new jobs to the in-process queue and completes them', async () => {
    const port = await freePort();
    server = await startRedis(port);
    const logs = captureLogs();
    queue = await createJobQueue({
      registry: echoRegistry(),
      logger: logs.logger,
      redisUrl: `redis://127.0.0.1:${port}`,
      consume: true,
    });
    expect(queue.activeBackend).toBe('redis');

    const enqueued: Array<EnqueuedJob & { afterStop: boolean }> = [];
    let stopped = false;
    const serverExited = new Promise<void>((resolve) =>
      server?.once('exit', () => {
        stopped = true;
        resolve();
      }),
    );
    for (let n = 0; n < JOBS_PER_PHASE * 3 && (n < JOBS_PER_PHASE * 2 || !stopped); n += 1) {
      if (n === JOBS_PER_PHASE) server.kill('SIGTERM');
      const afterStop = stopped;
      enqueued.push({ ...(await queue.enqueue('echo', { n })), afterStop });
      await new Promise((resolve) => setTimeout(resolve, ENQUEUE_INTERVAL_MS));
    }
    await serverExited;
    for (let n = 0; n < JOBS_PER_PHASE; n += 1) {
      enqueued.push({ ...(await queue.enqueue('echo', { n: 100 + n })), afterStop: true });
    }

    expect(enqueued.slice(0, JOBS_PER_PHASE).every((job) => job.backend === 'redis')).toBe(true);
    const afterStop = enqueued.filter((job) => job.afterStop);
    expect(afterStop.length).toBeGreaterThanOrEqual(JOBS_PER_PHASE);
    expect(afterStop.every((job) => job.backend === 'in-process')).toBe(true);
    expect(queue.activeBackend).toBe('in-process');

    const statuses = await Promise.all(afterStop.map((job) => queue!.waitForJob(job.id, 10_000)));
    expect(statuses.every((status) => status.state === 'completed')).toBe(true);
    expect(logs.messages()).toContain(
      'Redis connection lost; new background jobs run in this process until it is back',
    );
    await expect(queue.getJob(enqueued[0].id)).rejects.toBeInstanceOf(QueueUnavailableError);

    // BullMQ's own close waits for a reply from Redis; the queue must not.
    expect(await settlesWithin(queue.close(), CLOSE_TIMEOUT_MS)).toBe(true);
  });

  it('sends new jobs to Redis again once it is back', async () => {
    const port = await freePort();
    server = await startRedis(port);
    const logs = captureLogs();
    queue = await createJobQueue({
      registry: echoRegistry(),
      logger: logs.logger,
      redisUrl: `redis://127.0.0.1:${port}`,
      consume: true,
    });
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    await waitFor(() => queue?.activeBackend === 'in-process', 5_000, 'the fallback');

    server = await startRedis(port);
    await waitFor(() => queue?.activeBackend === 'redis', 15_000, 'the reconnection');
    expect(logs.messages()).toContain('Redis connection restored; new background jobs go to Redis');
    const job = await queue.enqueue('echo', { n: 7 });
    expect(job.backend).toBe('redis');
    expect((await queue.waitForJob(job.id, 15_000)).state).toBe('completed');
  });
});
