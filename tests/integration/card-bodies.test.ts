import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { cardBodyId } from '@/lib/db/card-bodies';
import { openRepository } from '@/lib/db/client';
import type { Repository } from '@/lib/db/repository';
import type { Lesson } from '@/lib/lessons/types';
import { createTestDatabase, postgresAvailable } from '../helpers/services';

const NOW_MS = Date.UTC(2026, 11, 4, 12, 0, 0);

/** A body long enough to matter, with quotes, non-ASCII text and a closing script tag. */
const BODY = `Ring all-reduce sends 2(N-1)/N of the "gradient" bytes per GPU — ≈ 2× for large N.\n\n${'</script> '.repeat(200)}`;
const DIAGRAM = `<svg xmlns="http://www.w3.org/2000/svg"><style>.a{fill:#fff}</style>${'<rect width="1" height="1"/>'.repeat(300)}</svg>`;

function lessonWithBody(id: string, body: string): Lesson {
  return {
    id,
    problem: 'Train a 7B model on 8 A100 80GB GPUs.',
    constraints: [],
    objectives: ['Size the all-reduce traffic per step.'],
    analysis: { quantities: {}, estimates: {}, notes: [] } as unknown as Lesson['analysis'],
    concepts: [
      { id: 'c001', title: 'All-reduce', domain: 'training', level: 'beginner', reason: 'r' },
    ],
    cards: [
      {
        conceptId: 'c001',
        position: 0,
        front: {
          title: 'All-reduce',
          level: 'beginner',
          domain: 'training',
          tags: ['collectives'],
          summary: 's',
          whyItMatters: 'w',
        },
        back: { body, applied: `Applied to lesson ${id}.`, diagrams: [DIAGRAM] },
        quiz: [],
        images: [],
      },
    ],
    roles: [{ role: 'architect', view: 'v', evidence: [], risks: [], tradeoffs: [], actions: [] }],
    disagreements: [],
    learnerKey: null,
    createdAt: new Date(NOW_MS).toISOString(),
  };
}

interface RawAccess {
  /** Runs one statement; `?` placeholders are numbered for PostgreSQL. */
  run: (sql: string, params?: unknown[]) => Promise<void>;
  count: (table: string) => Promise<number>;
  close: () => Promise<void>;
}

function cardBodySuite(
  name: string,
  open: () => Promise<{ repository: Repository; raw: RawAccess; cleanup: () => Promise<void> }>,
) {
  describe(name, () => {
    let repository: Repository;
    let raw: RawAccess;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      ({ repository, raw, cleanup } = await open());
      await repository.migrate();
    });
    afterAll(async () => {
      await raw?.close();
      await repository?.close();
      await cleanup?.();
    });

    it('stores a body shared by two lessons once', async () => {
      const first = lessonWithBody('shared-1', BODY);
      const second = lessonWithBody('shared-2', BODY);
      await repository.insertLesson(first);
      await repository.insertLesson(second);

      expect(await raw.count('card_bodies')).toBe(1);
      expect(await repository.getLesson('shared-1')).toEqual(first);
      expect(await repository.getLesson('shared-2')).toEqual(second);
    });

    it('keeps the old text for older lessons when a body changes', async () => {
      const edited = lessonWithBody('edited-1', `${BODY}\nEdited.`);
      await repository.insertLesson(edited);

      expect(await raw.count('card_bodies')).toBe(2);
      expect((await repository.getLesson('edited-1'))?.cards[0].back.body).toBe(`${BODY}\nEdited.`);
      expect((await repository.getLesson('shared-1'))?.cards[0].back.body).toBe(BODY);
    });

    it('rolls back a new body when the lesson insert fails', async () => {
      const failing = lessonWithBody('failing-1', `${BODY}\nNever stored.`);
      failing.roles = [failing.roles[0], { ...failing.roles[0] }];

      await expect(repository.insertLesson(failing)).rejects.toThrow();
      expect(await raw.count('card_bodies')).toBe(2);
      expect(await repository.getLesson('failing-1')).toBeUndefined();
    });

    it('reads a card stored with its whole back and no body id', async () => {
      const legacy = lessonWithBody('legacy-1', 'A body stored in lesson_cards.back.');
      await repository.insertLesson({ ...legacy, cards: [] });
      const card = legacy.cards[0];
      await raw.run(
        `INSERT INTO lesson_cards (lesson_id, concept_id, position, front, back, quiz, images, body_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`,
        [
          legacy.id,
          card.conceptId,
          card.position,
          JSON.stringify(card.front),
          JSON.stringify(card.back),
          JSON.stringify(card.quiz),
          JSON.stringify(card.images),
        ],
      );

      expect(await repository.getLesson('legacy-1')).toEqual(legacy);
    });
  });
}

describe('cardBodyId', () => {
  it('gives a SHA-256 that depends only on the content', () => {
    const copy = (text: string) => (text + ' ').slice(0, -1);
    expect(cardBodyId(BODY, [DIAGRAM])).toMatch(/^[0-9a-f]{64}$/);
    expect(cardBodyId(copy(BODY), [copy(DIAGRAM)])).toBe(cardBodyId(BODY, [DIAGRAM]));
  });

  it.each([
    ['another body', 'b', ['d']],
    ['another diagram', 'a', ['e']],
    ['one more diagram', 'a', ['d', '']],
    ['the diagram moved into the body', 'a\n1:d', []],
  ])('gives a new id for %s', (_label, body, diagrams) => {
    expect(cardBodyId(body, diagrams)).not.toBe(cardBodyId('a', ['d']));
  });
});

const sqliteDir = mkdtempSync(join(tmpdir(), 'infra-learn-card-bodies-'));
cardBodySuite('SQLite card bodies', async () => {
  const path = join(sqliteDir, 'test.db');
  const repository = openRepository(`file:${path}`);
  const database = new Database(path);
  const raw: RawAccess = {
    run: async (sql, params = []) => {
      database.prepare(sql).run(...params);
    },
    count: async (table) =>
      (database.prepare(`SELECT count(*) AS total FROM ${table}`).get() as { total: number }).total,
    close: async () => {
      database.close();
    },
  };
  return {
    repository,
    raw,
    cleanup: async () => rmSync(sqliteDir, { recursive: true, force: true }),
  };
});

const hasPostgres = await postgresAvailable();
describe.skipIf(!hasPostgres)('with PostgreSQL', () => {
  cardBodySuite('PostgreSQL card bodies', async () => {
    const database = await createTestDatabase();
    const repository = openRepository(database.url);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const raw: RawAccess = {
      run: async (sql, params = []) => {
        let index = 0;
        await client.query(
          sql.replace(/\?/g, () => `$${(index += 1)}`),
          params,
        );
      },
      count: async (table) => {
        const result = await client.query<{ total: string }>(
          `SELECT count(*) AS total FROM ${table}`,
        );
        return Number(result.rows[0].total);
      },
      close: () => client.end(),
    };
    return { repository, raw, cleanup: database.drop };
  });
});
