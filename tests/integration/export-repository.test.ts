import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openRepository } from '@/lib/db/client';
import type { Repository } from '@/lib/db/repository';
import { exportIdFor, loadLatestPodcast, produceLessonExport } from '@/lib/export/produce';
import type { ExportRecord } from '@/lib/export/types';
import type { Lesson } from '@/lib/lessons/types';
import type { PodcastRecord } from '@/lib/podcast/types';
import { createTestDatabase, postgresAvailable } from '../helpers/services';
import { buildTestLesson, REFERENCE_PROBLEM } from '../unit/export/lesson-fixtures';

const NOW_MS = Date.UTC(2026, 11, 4, 12, 0, 0);
const LESSON_ID = '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e';
const OTHER_LESSON_ID = '6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f';

function podcastRow(id: string, lessonId: string, createdAtMs: number): PodcastRecord {
  return {
    id,
    lessonId,
    status: 'generating',
    script: '# Episode\n\n**Host:** Welcome.\n',
    mimeType: null,
    durationMs: null,
    chapters: [],
    showNotes: {
      title: 'Episode',
      lessonId,
      lessonUrl: `/lessons/${lessonId}`,
      concepts: [],
      estimates: [],
      sources: [],
    },
    provider: null,
    error: null,
    createdAt: new Date(createdAtMs).toISOString(),
  };
}

/** Stores a podcast and marks it ready with `audio` as its MP3 bytes. */
async function storeReadyPodcast(
  repository: Repository,
  id: string,
  createdAtMs: number,
  audio: Buffer,
): Promise<void> {
  await repository.insertPodcast(podcastRow(id, LESSON_ID, createdAtMs));
  await repository.completePodcast(id, {
    audio,
    mimeType: 'audio/mpeg',
    durationMs: 1_000,
    chapters: [{ title: 'Opening', startMs: 0 }],
    provider: 'stub',
  });
}

function exportSuite(
  name: string,
  open: () => Promise<{ repository: Repository; cleanup: () => Promise<void> }>,
) {
  describe(name, () => {
    let repository: Repository;
    let cleanup: () => Promise<void>;
    let lesson: Lesson;

    beforeAll(async () => {
      ({ repository, cleanup } = await open());
      await repository.migrate();
      lesson = buildTestLesson(REFERENCE_PROBLEM, [], LESSON_ID);
      await repository.insertLesson(lesson);
      await repository.insertLesson(buildTestLesson(REFERENCE_PROBLEM, [], OTHER_LESSON_ID));
    });
    afterAll(async () => {
      await repository?.close();
      await cleanup?.();
    });

    it('round-trips an export and lists it without its HTML', async () => {
      const record: ExportRecord = {
        id: exportIdFor('<p>first</p>'),
        lessonId: OTHER_LESSON_ID,
        html: '<p>first</p>',
        sizeBytes: 12,
        createdAt: new Date(NOW_MS).toISOString(),
      };
      expect(await repository.insertExport(record)).toBe(true);
      expect(await repository.getExport(record.id)).toEqual(record);

      const later = { ...record, id: exportIdFor('<p>second</p>'), html: '<p>second</p>' };
      later.createdAt = new Date(NOW_MS + 1_000).toISOString();
      await repository.insertExport(later);
      const listed = await repository.listExports(OTHER_LESSON_ID);
      expect(listed.map((summary) => summary.id)).toEqual([later.id, record.id]);
      expect(listed[0]).toEqual({
        id: later.id,
        lessonId: OTHER_LESSON_ID,
        sizeBytes: 12,
        createdAt: later.createdAt,
      });
    });

    it('stores an export with a taken id once', async () => {
      const record: ExportRecord = {
        id: exportIdFor('<p>same</p>'),
        lessonId: OTHER_LESSON_ID,
        html: '<p>same</p>',
        sizeBytes: 11,
        createdAt: new Date(NOW_MS).toISOString(),
      };
      expect(await repository.insertExport(record)).toBe(true);
      expect(
        await repository.insertExport({ ...record, createdAt: new Date().toISOString() }),
      ).toBe(false);
      expect((await repository.getExport(record.id))?.createdAt).toBe(record.createdAt);
    });

    it('returns nothing for an unknown export or lesson', async () => {
      expect(await repository.getExport(exportIdFor('missing'))).toBeUndefined();
      expect(await repository.listExports('00000000-0000-4000-8000-000000000000')).toEqual([]);
    });

    it('rejects an export of an unknown lesson', async () => {
      const record: ExportRecord = {
        id: exportIdFor('<p>orphan</p>'),
        lessonId: '00000000-0000-4000-8000-000000000000',
        html: '<p>orphan</p>',
        sizeBytes: 13,
        createdAt: new Date(NOW_MS).toISOString(),
      };
      await expect(repository.insertExport(record)).rejects.toThrow();
      expect(await repository.getExport(record.id)).toBeUndefined();
    });

    it('exports a lesson without a podcast and stores it', async () => {
      const produced = await produceLessonExport(repository, lesson, { now: new Date(NOW_MS) });
      expect(produced.podcastId).toBeUndefined();
      expect(produced.stored).toBe(true);
      expect(produced.fileName).toBe(
        'lesson-design-infrastructure-to-train-a-175b-parameter-gpt-model.html',
      );
      const stored = await repository.getExport(produced.record.id);
      expect(stored?.html).toBe(produced.record.html);
      expect(stored?.sizeBytes).toBe(Buffer.byteLength(produced.record.html));
      expect(stored?.html.includes('<audio')).toBe(false);

      const again = await produceLessonExport(repository, lesson);
      expect(again.record.id).toBe(produced.record.id);
      expect(again.stored).toBe(false);
    });

    it('embeds the newest ready podcast and skips unfinished ones', async () => {
      const olderAudio = Buffer.from('older audio bytes');
      const newerAudio = Buffer.from('newer audio bytes');
      await storeReadyPodcast(
        repository,
        '11111111-0000-4000-8000-000000000001',
        NOW_MS,
        olderAudio,
      );
      await storeReadyPodcast(
        repository,
        '11111111-0000-4000-8000-000000000002',
        NOW_MS + 10,
        newerAudio,
      );
      await repository.insertPodcast(
        podcastRow('11111111-0000-4000-8000-000000000003', LESSON_ID, NOW_MS + 20),
      );
      await repository.insertPodcast(
        podcastRow('11111111-0000-4000-8000-000000000004', LESSON_ID, NOW_MS + 30),
      );
      await repository.failPodcast(
        '11111111-0000-4000-8000-000000000004',
        'every speech provider failed',
      );

      const latest = await loadLatestPodcast(repository, LESSON_ID);
      expect(latest?.id).toBe('11111111-0000-4000-8000-000000000002');
      expect(Buffer.from(latest!.audio).toString()).toBe('newer audio bytes');

      const produced = await produceLessonExport(repository, lesson);
      expect(produced.podcastId).toBe('11111111-0000-4000-8000-000000000002');
      const base64 = newerAudio.toString('base64');
      expect(produced.record.html.includes(`src="data:audio/mpeg;base64,${base64}"`)).toBe(true);

      const silent = await produceLessonExport(repository, lesson, { includeAudio: false });
      expect(silent.podcastId).toBeUndefined();
      expect(silent.record.html.includes('<audio')).toBe(false);

      const listed = await repository.listExports(LESSON_ID);
      expect(listed.map((summary) => summary.id)).toContain(produced.record.id);
    });
  });
}

const sqliteDir = mkdtempSync(join(tmpdir(), 'infra-learn-export-repo-'));
exportSuite('SQLite exports', async () => ({
  repository: openRepository(`file:${join(sqliteDir, 'test.db')}`),
  cleanup: async () => rmSync(sqliteDir, { recursive: true, force: true }),
}));

const hasPostgres = await postgresAvailable();
describe.skipIf(!hasPostgres)('with PostgreSQL', () => {
  exportSuite('PostgreSQL exports', async () => {
    const database = await createTestDatabase();
    return { repository: openRepository(database.url), cleanup: database.drop };
  });
});
