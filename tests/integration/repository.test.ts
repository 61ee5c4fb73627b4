import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openRepository } from '@/lib/db/client';
import type { Repository } from '@/lib/db/repository';
import { catalogueLocationIn, loadCatalogueFiles } from '@/lib/knowledge/files';
import type { Lesson } from '@/lib/lessons/types';
import type { PodcastRecord } from '@/lib/podcast/types';
import { createTestDatabase, postgresAvailable } from '../helpers/services';

const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/catalogue', import.meta.url));
const NOW_MS = Date.UTC(2026, 11, 4, 12, 0, 0);

function sampleLesson(id: string): Lesson {
  return {
    id,
    problem: 'Train a 7B model on 8 A100 80GB GPUs.',
    constraints: ['budget $10k'],
    objectives: ['Size model-state memory per GPU under ZeRO-3.'],
    analysis: {
      quantities: { parameters: 7e9 },
      estimates: {},
      notes: [],
    } as unknown as Lesson['analysis'],
    concepts: [
      {
        id: 'c001',
        title: 'Fixture Basics',
        domain: 'training',
        level: 'beginner',
        reason: 'because',
      },
    ],
    cards: [
      {
        conceptId: 'c001',
        position: 0,
        front: {
          title: 'Fixture Basics',
          level: 'beginner',
          domain: 'training',
          tags: ['fixture'],
          summary: 's',
          whyItMatters: 'w',
        },
        back: { body: 'b', applied: 'a', diagrams: [] },
        quiz: [],
        images: [],
      },
    ],
    roles: [
      { role: 'architect', view: 'v', evidence: ['112 GB'], risks: [], tradeoffs: [], actions: [] },
      { role: 'sre', view: 'v2', evidence: [], risks: ['r'], tradeoffs: [], actions: [] },
    ],
    disagreements: [{ roles: ['architect', 'sre'], tension: 't', settledBy: 's' }],
    learnerKey: null,
    createdAt: new Date(NOW_MS).toISOString(),
  };
}

function samplePodcast(id: string, lessonId: string, createdAtMs: number): PodcastRecord {
  return {
    id,
    lessonId,
    status: 'generating',
    script: '# Podcast\n\n**Host:** Welcome.\n',
    mimeType: null,
    durationMs: null,
    chapters: [],
    showNotes: {
      title: 'Podcast',
      lessonId,
      lessonUrl: `/lessons/${lessonId}`,
      concepts: [
        {
          id: 'c001',
          title: 'Fixture Basics',
          summary: 's',
          url: `/lessons/${lessonId}#card-c001`,
        },
      ],
      estimates: [],
      sources: [],
    },
    provider: null,
    error: null,
    createdAt: new Date(createdAtMs).toISOString(),
  };
}

function repositorySuite(
  name: string,
  open: () => Promise<{ repository: Repository; cleanup: () => Promise<void> }>,
) {
  describe(name, () => {
    let repository: Repository;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      ({ repository, cleanup } = await open());
      await repository.migrate();
    });
    afterAll(async () => {
      await repository?.close();
      await cleanup?.();
    });

    it('migrates twice without error', async () => {
      await repository.migrate();
      expect(await repository.countConcepts()).toBe(0);
    });

    it('inserts a catalogue then reports no change on the same catalogue', async () => {
      const concepts = loadCatalogueFiles(catalogueLocationIn(FIXTURE_DIR));
      expect(await repository.replaceConcepts(concepts, NOW_MS)).toEqual({
        inserted: 3,
        updated: 0,
        deleted: 0,
      });
      expect(await repository.replaceConcepts(concepts, NOW_MS + 1)).toEqual({
        inserted: 0,
        updated: 0,
        deleted: 0,
      });
      expect(await repository.countConcepts()).toBe(3);
    });

    it('round-trips every concept field', async () => {
      const [expected] = loadCatalogueFiles(catalogueLocationIn(FIXTURE_DIR));
      expect(await repository.getConcept('c001')).toEqual(expected);
      expect((await repository.listConcepts()).map((concept) => concept.id)).toEqual([
        'c001',
        'c002',
        'c003',
      ]);
      expect(await repository.getConcept('c404')).toBeUndefined();
    });

    it('updates changed concepts and deletes removed ones', async () => {
      const concepts = loadCatalogueFiles(catalogueLocationIn(FIXTURE_DIR));
      const edited = [{ ...concepts[0], summary: 'Edited summary for the test.' }, concepts[1]];
      expect(await repository.replaceConcepts(edited, NOW_MS)).toEqual({
        inserted: 0,
        updated: 1,
        deleted: 1,
      });
      expect((await repository.getConcept('c001'))?.summary).toBe('Edited summary for the test.');
      expect(await repository.getConcept('c003')).toBeUndefined();
    });

    it('stores and reads a lesson with cards and roles', async () => {
      const lesson = sampleLesson('lesson-1');
      await repository.insertLesson(lesson);
      expect(await repository.getLesson('lesson-1')).toEqual(lesson);
      expect(await repository.countLessons()).toBe(1);
      expect(await repository.getLesson('missing')).toBeUndefined();
    });

    it('writes nothing when a lesson insert fails half-way', async () => {
      const lesson = sampleLesson('lesson-2');
      // Two roles with the same id violate the primary key after the lesson row is written.
      lesson.roles = [lesson.roles[0], { ...lesson.roles[0] }];
      await expect(repository.insertLesson(lesson)).rejects.toThrow();
      expect(await repository.getLesson('lesson-2')).toBeUndefined();
      expect(await repository.countLessons()).toBe(1);
    });

    it('stores a podcast and completes it with audio', async () => {
      const podcast = samplePodcast('podcast-1', 'lesson-1', NOW_MS);
      expect(await repository.insertPodcast(podcast)).toBe(true);
      expect(await repository.getPodcast('podcast-1')).toEqual(podcast);
      expect(await repository.getPodcastAudio('podcast-1')).toBeUndefined();

      const audio = Buffer.from([0xff, 0xf3, 0x00, 0x01, 0x02]);
      const chapters = [
        { title: 'Opening', startMs: 0 },
        { title: 'Recap', startMs: 61_250 },
      ];
      await repository.completePodcast('podcast-1', {
        audio,
        mimeType: 'audio/mpeg',
        durationMs: 75_000,
        chapters,
        provider: 'espeak',
      });
      expect(await repository.getPodcast('podcast-1')).toEqual({
        ...podcast,
        status: 'ready',
        mimeType: 'audio/mpeg',
        durationMs: 75_000,
        chapters,
        provider: 'espeak',
      });
      const stored = await repository.getPodcastAudio('podcast-1');
      expect(stored?.mimeType).toBe('audio/mpeg');
      expect(stored?.audio.equals(audio)).toBe(true);
    });

    it('keeps the first podcast when an id repeats', async () => {
      const duplicate = { ...samplePodcast('podcast-1', 'lesson-1', NOW_MS + 5), script: 'other' };
      expect(await repository.insertPodcast(duplicate)).toBe(false);
      expect((await repository.getPodcast('podcast-1'))?.status).toBe('ready');
    });

    it('marks a podcast failed with its reason', async () => {
      await repository.insertPodcast(samplePodcast('podcast-2', 'lesson-1', NOW_MS + 1000));
      await repository.failPodcast('podcast-2', 'every speech provider failed: stub: boom');
      const failed = await repository.getPodcast('podcast-2');
      expect(failed?.status).toBe('failed');
      expect(failed?.error).toBe('every speech provider failed: stub: boom');
      expect(await repository.getPodcastAudio('podcast-2')).toBeUndefined();
    });

    it('lists a lesson podcasts newest first', async () => {
      const listed = await repository.listPodcasts('lesson-1');
      expect(listed.map((podcast) => podcast.id)).toEqual(['podcast-2', 'podcast-1']);
      expect(await repository.listPodcasts('missing')).toEqual([]);
    });

    it('rejects completing an unknown podcast', async () => {
      await expect(
        repository.completePodcast('missing', {
          audio: Buffer.alloc(1),
          mimeType: 'audio/mpeg',
          durationMs: 1,
          chapters: [],
          provider: 'stub',
        }),
      ).rejects.toThrow('no podcast with id "missing"');
      expect(await repository.getPodcast('missing')).toBeUndefined();
    });

    it('rejects a podcast of an unknown lesson', async () => {
      await expect(
        repository.insertPodcast(samplePodcast('podcast-3', 'no-such-lesson', NOW_MS)),
      ).rejects.toThrow();
      expect(await repository.getPodcast('podcast-3')).toBeUndefined();
    });
  });
}

const sqliteDir = mkdtempSync(join(tmpdir(), 'infra-learn-repo-'));
repositorySuite('SQLite repository', async () => ({
  repository: openRepository(`file:${join(sqliteDir, 'test.db')}`),
  cleanup: async () => rmSync(sqliteDir, { recursive: true, force: true }),
}));

const hasPostgres = await postgresAvailable();
describe.skipIf(!hasPostgres)('with PostgreSQL', () => {
  repositorySuite('PostgreSQL repository', async () => {
    const database = await createTestDatabase();
    return { repository: openRepository(database.url), cleanup: database.drop };
  });
});
