import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Lesson } from '@/lib/lessons/types';
import type { JobView, QueueBackendName } from '@/lib/queue';
import { freePort, startApp, type RunningApp } from '../helpers/server';
import { servicesRequired, uniqueRedisPrefix } from '../helpers/services';
import { postLesson, problemFor, type ErrorBody } from './support';

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedisServer && servicesRequired) {
  throw new Error('redis-server is required (REQUIRE_SERVICES=1) but is not on PATH');
}

/**
 * Upper bound for one stub podcast job, in ms. A job takes about 20 s on two idle cores, since
 * the stub still encodes a full-length episode, and several times that while other test files
 * run beside this one.
 */
const JOB_TIMEOUT_MS = 180_000;
/** Upper bound for redis-server to start accepting connections or to exit, in ms. */
const REDIS_START_STOP_TIMEOUT_MS = 10_000;
/** Upper bound for the app to reconnect once Redis is back; its reconnect delay tops out at 5 s. */
const RECONNECT_TIMEOUT_MS = 20_000;
/** Pause between two polls of a job or a log, in ms. */
const POLL_INTERVAL_MS = 200;

const LOST_MESSAGE =
  'Redis connection lost; new background jobs run in this process until it is back';
const RESTORED_MESSAGE = 'Redis connection restored; new background jobs go to Redis';

interface PodcastStarted {
  jobId: string;
  statusUrl: string;
  created: boolean;
  backend: QueueBackendName;
}

/** Resolves true once something accepts TCP connections on 127.0.0.1:`port`. */
function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls `check` until it returns a value, or throws with `description` after `timeoutMs`. */
async function pollUntil<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  description: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${description()}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

describe.skipIf(!hasRedisServer)('app when its Redis stops', () => {
  let app: RunningApp | undefined;
  let redis: ChildProcess | undefined;
  let redisPort: number;
  let redisDirectory: string;

  /** Starts a private redis-server without persistence and waits until it accepts connections. */
  async function startRedis(): Promise<ChildProcess> {
    const child = spawn(
      'redis-server',
      [
        ...['--port', String(redisPort), '--bind', '127.0.0.1'],
        ...['--save', '', '--appendonly', 'no', '--dir', redisDirectory],
      ],
      { stdio: 'ignore' },
    );
    await pollUntil(
      async () => ((await portIsOpen(redisPort)) ? true : undefined),
      REDIS_START_STOP_TIMEOUT_MS,
      () => `redis-server on port ${redisPort} to accept connections`,
    );
    return child;
  }

  async function stopRedis(signal: NodeJS.Signals): Promise<void> {
    const child = redis;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  beforeAll(async () => {
    redisPort = await freePort();
    redisDirectory = mkdtempSync(join(tmpdir(), 'infra-learn-redis-loss-'));
    redis = await startRedis();
    app = await startApp({
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      QUEUE_PREFIX: uniqueRedisPrefix('redis-loss'),
      TTS_PROVIDER: 'stub',
      LOG_LEVEL: 'info',
    });
  });
  afterAll(async () => {
    await app?.stop();
    await stopRedis('SIGKILL');
    rmSync(redisDirectory, { recursive: true, force: true });
  });

  async function createLesson(index: number): Promise<Lesson> {
    const response = await postLesson(app!.baseUrl, problemFor(index));
    expect(response.status).toBe(201);
    return (await response.json()) as Lesson;
  }

  async function startPodcast(lessonId: string): Promise<PodcastStarted> {
    const response = await fetch(`${app!.baseUrl}/api/lessons/${lessonId}/podcast`, {
      method: 'POST',
    });
    expect(response.status).toBe(202);
    return (await response.json()) as PodcastStarted;
  }

  /** Waits until the job completes or fails for good, and returns its final view. */
  function finishedJob(statusUrl: string): Promise<JobView> {
    let last = '';
    return pollUntil(
      async () => {
        const response = await fetch(`${app!.baseUrl}${statusUrl}`);
        last = `${response.status} ${await response.clone().text()}`;
        if (response.status !== 200) return undefined;
        const job = (await response.json()) as JobView;
        return job.state === 'completed' || job.state === 'failed' ? job : undefined;
      },
      JOB_TIMEOUT_MS,
      () => `${statusUrl} to finish; last answer: ${last}`,
    );
  }

  function logMessages(): string[] {
    return app!
      .logs()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { msg?: string }).msg ?? '');
  }

  it(
    'runs new jobs in process and keeps serving pages and lessons',
    async () => {
      const before = await startPodcast((await createLesson(0)).id);
      expect(before.backend).toBe('redis');
      const beforeJob = await finishedJob(before.statusUrl);
      expect(beforeJob.state).toBe('completed');

      await stopRedis('SIGTERM');
      await pollUntil(
        async () => (logMessages().includes(LOST_MESSAGE) ? true : undefined),
        RECONNECT_TIMEOUT_MS,
        () => `the log line "${LOST_MESSAGE}"`,
      );

      const lesson = await createLesson(1);
      const pageResponse = await fetch(`${app!.baseUrl}/lessons/${lesson.id}`);
      expect(pageResponse.status).toBe(200);
      expect(await pageResponse.text()).toContain(lesson.problem);

      const during = await startPodcast(lesson.id);
      expect(during.backend).toBe('in-process');
      expect(during.created).toBe(true);
      const duringJob = await finishedJob(during.statusUrl);
      expect(duringJob.state).toBe('completed');
      expect(duringJob.resultUrl).toMatch(/^\/podcasts\/[0-9a-f-]{36}$/);
      const player = await fetch(`${app!.baseUrl}${duringJob.resultUrl}`);
      expect(player.status).toBe(200);

      // The job that went to Redis stays there, so its status is unknown until Redis is back.
      const unreachable = await fetch(`${app!.baseUrl}${before.statusUrl}`);
      expect(unreachable.status).toBe(503);
      expect(unreachable.headers.get('retry-after')).toBe('5');
      expect(((await unreachable.json()) as ErrorBody).error.code).toBe('QUEUE_UNAVAILABLE');

      const home = await fetch(`${app!.baseUrl}/`);
      expect(home.status).toBe(200);
      const health = await fetch(`${app!.baseUrl}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'sqlite' });
    },
    JOB_TIMEOUT_MS * 2 + RECONNECT_TIMEOUT_MS,
  );

  it(
    'sends new jobs to Redis again once it is back',
    async () => {
      redis = await startRedis();
      await pollUntil(
        async () => (logMessages().includes(RESTORED_MESSAGE) ? true : undefined),
        RECONNECT_TIMEOUT_MS,
        () => `the log line "${RESTORED_MESSAGE}"`,
      );

      const after = await startPodcast((await createLesson(2)).id);
      expect(after.backend).toBe('redis');
      const status = await fetch(`${app!.baseUrl}${after.statusUrl}`);
      expect(status.status).toBe(200);
      expect(((await status.json()) as JobView).id).toBe(after.jobId);
    },
    RECONNECT_TIMEOUT_MS * 2,
  );
});
