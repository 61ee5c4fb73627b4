import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openRepository } from '@/lib/db/client';
import type { Repository } from '@/lib/db/repository';
import { registerExportJob, storedExportUrl } from '@/lib/export/job';
import { createAppJobRegistry, createJobQueue, type JobQueue } from '@/lib/queue';
import { buildTestLesson, REFERENCE_PROBLEM } from '../unit/export/lesson-fixtures';

/** Long enough for an export on a loaded two-core machine, in ms. */
const JOB_TIMEOUT_MS = 20_000;
const LESSON_ID = '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a';

describe('queued export job', () => {
  const folder = mkdtempSync(join(tmpdir(), 'infra-learn-export-job-'));
  let repository: Repository;
  let queue: JobQueue;

  beforeAll(async () => {
    repository = openRepository(`file:${join(folder, 'jobs.db')}`);
    await repository.migrate();
    await repository.insertLesson(buildTestLesson(REFERENCE_PROBLEM, [], LESSON_ID));
    const registry = registerExportJob(createAppJobRegistry(), {
      repository: async () => repository,
    });
    queue = await createJobQueue({ registry, logger: pino({ level: 'silent' }), consume: true });
  });
  afterAll(async () => {
    await queue?.close();
    await repository?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('builds and stores the export, and links to the stored file', async () => {
    const { id } = await queue.enqueue('export', { lessonId: LESSON_ID, includeAudio: false });
    const status = await queue.waitForJob(id, JOB_TIMEOUT_MS);
    expect(status.state).toBe('completed');

    const data = status.result?.data as { exportId: string; sizeBytes: number; podcastId: null };
    expect(status.result?.url).toBe(storedExportUrl(LESSON_ID, data.exportId));
    expect(data.podcastId).toBeNull();
    const stored = await repository.getExport(data.exportId);
    expect(stored?.lessonId).toBe(LESSON_ID);
    expect(stored?.sizeBytes).toBe(data.sizeBytes);
  });

  it('fails at once for an unknown lesson', async () => {
    const { id } = await queue.enqueue('export', {
      lessonId: '00000000-0000-4000-8000-000000000000',
    });
    const status = await queue.waitForJob(id, JOB_TIMEOUT_MS);
    expect(status.state).toBe('failed');
    expect(status.attemptsMade).toBe(1);
    expect(status.error).toBe('no lesson with id "00000000-0000-4000-8000-000000000000"');
  });
});
