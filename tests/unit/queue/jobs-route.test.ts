import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GET } from '@/app/api/jobs/[id]/route';
import { resetConfigForTests } from '@/lib/config';
import { getRepository } from '@/lib/db/client';
import { lessonRequestSchema } from '@/lib/lessons/input';
import { closeJobQueue, getJobQueue, type JobView } from '@/lib/queue';
import { toJobView } from '@/lib/queue/view';
import { createLesson } from '@/lib/server/lessons';

const UNKNOWN_LESSON_ID = '00000000-0000-4000-8000-000000000000';
/** Long enough for an export on a loaded two-core machine, in ms. */
const JOB_TIMEOUT_MS = 20_000;

/** Calls the route handler as Next.js does. */
function getJob(id: string): Promise<Response> {
  return GET(new Request(`http://localhost/api/jobs/${id}`), { params: Promise.resolve({ id }) });
}

describe('GET /api/jobs/[id] with the in-process queue', () => {
  const saved = { REDIS_URL: process.env.REDIS_URL, DATABASE_URL: process.env.DATABASE_URL };
  const folder = mkdtempSync(join(tmpdir(), 'infra-learn-jobs-route-'));

  beforeAll(() => {
    delete process.env.REDIS_URL;
    process.env.DATABASE_URL = `file:${join(folder, 'app.db')}`;
    resetConfigForTests();
  });
  afterAll(async () => {
    await closeJobQueue();
    await (await getRepository()).close();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetConfigForTests();
    rmSync(folder, { recursive: true, force: true });
  });

  it('returns a completed job with its result link', async () => {
    const lesson = await createLesson(
      await getRepository(),
      lessonRequestSchema.parse({ problem: 'Train a 7B model on 64 H100 GPUs in two weeks.' }),
    );
    const queue = await getJobQueue();
    const { id } = await queue.enqueue('export', { lessonId: lesson.id, includeAudio: false });
    await queue.waitForJob(id, JOB_TIMEOUT_MS);

    const response = await getJob(id);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const job = (await response.json()) as JobView;
    expect(job).toMatchObject({ id, kind: 'export', state: 'completed', progress: 100 });
    expect(job.resultUrl).toMatch(new RegExp(`^/api/lessons/${lesson.id}/export/`));
    expect(job.error).toBeUndefined();
  });

  it('returns a failed job with its error', async () => {
    const queue = await getJobQueue();
    const { id } = await queue.enqueue('podcast', { lessonId: UNKNOWN_LESSON_ID });
    await queue.waitForJob(id, JOB_TIMEOUT_MS);

    const response = await getJob(id);
    expect(response.status).toBe(200);
    const job = (await response.json()) as JobView;
    expect(job).toMatchObject({ id, kind: 'podcast', state: 'failed', attemptsMade: 1 });
    expect(job.error).toBe(`no lesson with id "${UNKNOWN_LESSON_ID}"`);
    expect(job.resultUrl).toBeUndefined();
  });

  it('answers 404 for an unknown id', async () => {
    const response = await getJob('export-0123456789abcdef0123456789abcdef');
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.message).toBe('no job with id "export-0123456789abcdef0123456789abcdef"');
  });

  it.each(['42', 'podcast-XYZ', 'podcast-0123456789abcdef0123456789abcdef0', '..%2F..%2Fetc'])(
    'answers 400 for the malformed id %s',
    async (id) => {
      const response = await getJob(id);
      expect(response.status).toBe(400);
      const body = (await response.json()) as {
        error: { code: string; field: string; message: string };
      };
      expect(body.error.code).toBe('INVALID_INPUT');
      expect(body.error.field).toBe('id');
      expect(body.error.message).toMatch(
        /^invalid job id ".*": expected a job kind, a hyphen and 32 hex digits/,
      );
    },
  );
});

describe('toJobView', () => {
  const base = {
    id: 'export-0123456789abcdef0123456789abcdef',
    kind: 'export',
    backend: 'redis' as const,
    attemptsMade: 1,
    maxAttempts: 5,
    createdAtMs: 0,
  };

  it('links the result of a completed job', () => {
    const view = toJobView({
      ...base,
      state: 'completed',
      progress: 100,
      result: { url: '/exports/1', data: { sizeBytes: 9 } },
    });
    expect(view).toEqual({
      ...viewFields(base),
      state: 'completed',
      progress: 100,
      resultUrl: '/exports/1',
    });
  });

  it('shows the last error of a job waiting to retry', () => {
    const view = toJobView({
      ...base,
      state: 'delayed',
      progress: 30,
      error: 'speech service timed out',
    });
    expect(view.error).toBe('speech service timed out');
    expect(view.resultUrl).toBeUndefined();
  });
});

function viewFields(status: {
  id: string;
  kind: string;
  attemptsMade: number;
  maxAttempts: number;
}) {
  const { id, kind, attemptsMade, maxAttempts } = status;
  return { id, kind, attemptsMade, maxAttempts };
}
