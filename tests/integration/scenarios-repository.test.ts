import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openRepository } from '@/lib/db/client';
import type { Repository } from '@/lib/db/repository';
import { produceLessonExport } from '@/lib/export/produce';
import type { Lesson } from '@/lib/lessons/types';
import type { SavedScenario } from '@/lib/whatif/saved';
import { createTestDatabase, postgresAvailable } from '../helpers/services';
import { buildTestLesson, REFERENCE_PROBLEM } from '../unit/export/lesson-fixtures';

const NOW_MS = Date.UTC(2026, 11, 4, 12, 0, 0);
const LESSON_ID = '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a';
const OTHER_LESSON_ID = '8e9f0a1b-2c3d-4e4f-9a5b-6c7d8e9f0a1b';
const MISSING_LESSON_ID = '9f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c';

function savedScenario(
  id: string,
  lesson: Lesson,
  name: string,
  edits: SavedScenario['scenario']['edits'],
  createdAtMs: number,
): SavedScenario {
  return {
    id,
    lessonId: lesson.id,
    name,
    scenario: { stated: lesson.analysis.quantities, edits },
    createdAt: new Date(createdAtMs).toISOString(),
  };
}

/**
 * Runs the saved-scenario suite on one database. `deleteLesson` removes a lesson row with plain
 * SQL, because the repository has no such method, to check that its scenarios go with it.
 */
function scenarioSuite(
  name: string,
  open: () => Promise<{
    repository: Repository;
    deleteLesson: (id: string) => Promise<void>;
    cleanup: () => Promise<void>;
  }>,
) {
  describe(name, () => {
    let repository: Repository;
    let deleteLesson: (id: string) => Promise<void>;
    let cleanup: () => Promise<void>;
    let lesson: Lesson;
    let other: Lesson;

    beforeAll(async () => {
      ({ repository, deleteLesson, cleanup } = await open());
      await repository.migrate();
      lesson = buildTestLesson(REFERENCE_PROBLEM, [], LESSON_ID);
      other = buildTestLesson(REFERENCE_PROBLEM, [], OTHER_LESSON_ID);
      await repository.insertLesson(lesson);
      await repository.insertLesson(other);
    });
    afterAll(async () => {
      await repository?.close();
      await cleanup?.();
    });

    it('round-trips a scenario with its quantities and edits', async () => {
      const saved = savedScenario(
        'aaaaaaaa-0000-4000-8000-000000000001',
        lesson,
        '512 × A10G, no budget',
        { gpuCount: 512, gpuModel: 'A10G', budgetUsd: null, mfu: 0.45 },
        NOW_MS,
      );
      await repository.insertLessonScenario(saved);
      expect(await repository.listLessonScenarios(LESSON_ID)).toEqual([saved]);
      expect(await repository.countLessonScenarios(LESSON_ID)).toBe(1);
    });

    it('lists a lesson’s scenarios oldest first and no other lesson’s', async () => {
      const newer = savedScenario(
        'aaaaaaaa-0000-4000-8000-000000000002',
        lesson,
        'H100',
        { gpuModel: 'H100 SXM' },
        NOW_MS + 1_000,
      );
      const elsewhere = savedScenario(
        'aaaaaaaa-0000-4000-8000-000000000003',
        other,
        'Other lesson',
        { gpuCount: 64 },
        NOW_MS - 1_000,
      );
      await repository.insertLessonScenario(newer);
      await repository.insertLessonScenario(elsewhere);

      const listed = await repository.listLessonScenarios(LESSON_ID);
      expect(listed.map((scenario) => scenario.name)).toEqual(['512 × A10G, no budget', 'H100']);
      expect(await repository.countLessonScenarios(OTHER_LESSON_ID)).toBe(1);
      expect(await repository.listLessonScenarios(MISSING_LESSON_ID)).toEqual([]);
    });

    it('deletes only the named scenario of the named lesson', async () => {
      const id = 'aaaaaaaa-0000-4000-8000-000000000002';
      expect(await repository.deleteLessonScenario(OTHER_LESSON_ID, id)).toBe(false);
      expect(await repository.deleteLessonScenario(LESSON_ID, id)).toBe(true);
      expect(await repository.deleteLessonScenario(LESSON_ID, id)).toBe(false);
      expect((await repository.listLessonScenarios(LESSON_ID)).map((entry) => entry.id)).toEqual([
        'aaaaaaaa-0000-4000-8000-000000000001',
      ]);
    });

    it('stores nothing when admit throws', async () => {
      const before = await repository.listLessonScenarios(LESSON_ID);
      const rejected = savedScenario(
        'aaaaaaaa-0000-4000-8000-000000000005',
        lesson,
        'Rejected',
        { gpuCount: 16 },
        NOW_MS + 5_000,
      );
      let seen: SavedScenario[] | undefined;
      const admit = (stored: SavedScenario[]) => {
        seen = stored;
        throw new Error('name is taken');
      };
      await expect(repository.insertLessonScenario(rejected, admit)).rejects.toThrow(
        'name is taken',
      );
      expect(seen).toEqual(before);
      expect(await repository.listLessonScenarios(LESSON_ID)).toEqual(before);
    });

    it('rejects a scenario of a lesson that does not exist', async () => {
      const orphan = savedScenario(
        'aaaaaaaa-0000-4000-8000-000000000004',
        { ...lesson, id: MISSING_LESSON_ID },
        'Orphan',
        { gpuCount: 8 },
        NOW_MS,
      );
      await expect(repository.insertLessonScenario(orphan)).rejects.toThrow();
      expect(await repository.countLessonScenarios(MISSING_LESSON_ID)).toBe(0);
    });

    it('puts saved scenarios in the lesson’s export', async () => {
      const produced = await produceLessonExport(repository, lesson, { includeAudio: false });
      expect(produced.record.html).toContain(
        'data-saved-scenario="aaaaaaaa-0000-4000-8000-000000000001"',
      );
      expect(produced.record.html).toContain('512 × A10G, no budget');
    });

    it('deletes a lesson’s scenarios with the lesson', async () => {
      await deleteLesson(OTHER_LESSON_ID);
      expect(await repository.countLessonScenarios(OTHER_LESSON_ID)).toBe(0);
      expect(await repository.countLessonScenarios(LESSON_ID)).toBe(1);
    });
  });
}

const sqliteDir = mkdtempSync(join(tmpdir(), 'infra-learn-scenarios-repo-'));
const sqlitePath = join(sqliteDir, 'test.db');
scenarioSuite('SQLite saved scenarios', async () => ({
  repository: openRepository(`file:${sqlitePath}`),
  deleteLesson: async (id) => {
    const sqlite = new Database(sqlitePath);
    try {
      sqlite.pragma('foreign_keys = ON');
      sqlite.prepare('DELETE FROM lessons WHERE id = ?').run(id);
    } finally {
      sqlite.close();
    }
  },
  cleanup: async () => rmSync(sqliteDir, { recursive: true, force: true }),
}));

const hasPostgres = await postgresAvailable();
describe.skipIf(!hasPostgres)('with PostgreSQL', () => {
  scenarioSuite('PostgreSQL saved scenarios', async () => {
    const database = await createTestDatabase();
    return {
      repository: openRepository(database.url),
      deleteLesson: async (id) => {
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        try {
          await client.query('DELETE FROM lessons WHERE id = $1', [id]);
        } finally {
          await client.end();
        }
      },
      cleanup: database.drop,
    };
  });
});

describe.skipIf(!hasPostgres)('PostgreSQL saves to one lesson at once', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let repository: Repository;
  let lesson: Lesson;

  beforeAll(async () => {
    database = await createTestDatabase();
    repository = openRepository(database.url);
    await repository.migrate();
    lesson = buildTestLesson(REFERENCE_PROBLEM, [], LESSON_ID);
    await repository.insertLesson(lesson);
  });
  afterAll(async () => {
    await repository?.close();
    await database?.drop();
  });

  /**
   * Returns how many sessions on the test database wait for a lock. It queries outside any
   * transaction, because a transaction keeps its first view of pg_stat_activity.
   */
  async function countWaiting(): Promise<number> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const result = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      return Number(result.rows[0].n);
    } finally {
      await client.end();
    }
  }

  it('admits each save after the one before it is stored', async () => {
    const saves = 6;
    // Holding back every INSERT into lesson_scenarios keeps all saves in flight at once: without
    // a lock on the lesson, each would read an empty list and admit itself.
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE lesson_scenarios IN SHARE ROW EXCLUSIVE MODE');
      const admitFirst = (stored: SavedScenario[]) => {
        if (stored.some((scenario) => scenario.name === 'Race')) throw new Error('name is taken');
      };
      const results = Promise.allSettled(
        Array.from({ length: saves }, (_, index) =>
          repository.insertLessonScenario(
            savedScenario(
              `bbbbbbbb-0000-4000-8000-00000000000${index}`,
              lesson,
              'Race',
              { gpuCount: 32 + index },
              NOW_MS + index,
            ),
            admitFirst,
          ),
        ),
      );
      // Polls until every save waits: on the table lock, or on the lesson row behind the first.
      const deadline = Date.now() + 10_000;
      while ((await countWaiting()) < saves && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await countWaiting()).toBe(saves);
      await blocker.query('COMMIT');

      const settled = await results;
      expect(settled.map((result) => result.status).sort()).toEqual([
        'fulfilled',
        ...Array<string>(saves - 1).fill('rejected'),
      ]);
      expect(await repository.listLessonScenarios(LESSON_ID)).toHaveLength(1);
    } finally {
      await blocker.end();
    }
  });
});
