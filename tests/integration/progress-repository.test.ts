import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openRepository } from '@/lib/db/client';
import type { Repository } from '@/lib/db/repository';
import { catalogueLocationIn, loadCatalogueFiles } from '@/lib/knowledge/files';
import { CREDIT_MAX_DAYS, CREDIT_MAX_SHARE } from '@/lib/progress/graph-credit';
import { replayReviewLog } from '@/lib/progress/replay';
import { DAY_MS } from '@/lib/progress/scheduler';
import { ApiError } from '@/lib/server/http';
import {
  importProgress,
  exportProgress,
  rateConcept,
  REPEAT_RATING_WINDOW_MS,
} from '@/lib/server/progress';
import { createTestDatabase, postgresAvailable } from '../helpers/services';
import { PROJECT_ROOT } from '../helpers/cli';
import { FIXED_SEQUENCE } from '../unit/progress/fixed-sequence';
import { CONCURRENT_RATING_OPTIONS, concurrentRating } from './progress-ratings';

const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/catalogue', import.meta.url));
const WORKER = fileURLToPath(new URL('./progress-rating-worker.ts', import.meta.url));
const CATALOGUE_TIME_MS = Date.UTC(2026, 0, 1);
const CONCURRENT_RATINGS = 50;
const BASE_MS = Date.parse('2026-03-02T08:00:00.000Z');

interface Opened {
  repository: Repository;
  cleanup: () => Promise<void>;
  /** Applies the 50 ratings of `concurrentRating`, as concurrently as the database allows. */
  rateConcurrently: (learnerKey: string) => Promise<void>;
}

/** Returns the learner's stored rows and the replay of their log, keyed by concept id. */
async function storedAndReplayed(repository: Repository, learnerKey: string) {
  const stored = new Map(
    (await repository.listProgress(learnerKey)).map((row) => [row.conceptId, row]),
  );
  const log = await repository.listReviewLogs(learnerKey);
  return { stored, replayed: replayReviewLog(log), log };
}

function progressSuite(name: string, open: () => Promise<Opened>) {
  describe(name, () => {
    let opened: Opened;
    let repository: Repository;

    beforeAll(async () => {
      opened = await open();
      repository = opened.repository;
      await repository.migrate();
      await repository.replaceConcepts(
        loadCatalogueFiles(catalogueLocationIn(FIXTURE_DIR)),
        CATALOGUE_TIME_MS,
      );
    });
    afterAll(async () => {
      await repository?.close();
      await opened?.cleanup();
    });

    it('stores the literal schedule of a fixed rating sequence', async () => {
      const learnerKey = randomUUID();
      for (const step of FIXED_SEQUENCE) {
        const request = { source: 'review', conceptId: 'c001', rating: step.rating } as const;
        const result = await rateConcept(repository, learnerKey, request, Date.parse(step.at));
        expect(result.dueAt, step.at).toBe(step.due);
        expect(result.scheduledDays, step.at).toBe(step.scheduledDays);

        const [stored] = await repository.listProgress(learnerKey);
        expect(new Date(stored.card.dueMs).toISOString(), step.at).toBe(step.due);
        expect(stored.card.scheduledDays, step.at).toBe(step.scheduledDays);
        expect(stored.card.state, step.at).toBe(step.state);
        expect(stored.card.lapses, step.at).toBe(step.lapses);
      }
      const log = await repository.listReviewLogs(learnerKey);
      expect(
        log.map((entry) => entry.detail.kind === 'review' && entry.detail.scheduledDays),
      ).toEqual(FIXED_SEQUENCE.map((step) => step.scheduledDays));
      expect(log.map((entry) => new Date(entry.reviewedAtMs).toISOString())).toEqual(
        FIXED_SEQUENCE.map((step) => step.at),
      );
    });

    it('credits the direct prerequisites of an advanced concept', async () => {
      const learnerKey = randomUUID();
      // Graduate both prerequisites of c003: good, then good ten minutes later.
      for (const conceptId of ['c001', 'c002']) {
        await rateConcept(
          repository,
          learnerKey,
          { source: 'review', conceptId, rating: 'good' },
          BASE_MS,
        );
        await rateConcept(
          repository,
          learnerKey,
          { source: 'review', conceptId, rating: 'good' },
          BASE_MS + 600_000,
        );
      }
      const before = new Map(
        (await repository.listProgress(learnerKey)).map((row) => [row.conceptId, row.card]),
      );

      const good = await rateConcept(
        repository,
        learnerKey,
        { source: 'review', conceptId: 'c003', rating: 'good' },
        BASE_MS + DAY_MS,
      );
      expect(good.credited.map((entry) => entry.conceptId)).toEqual(['c001', 'c002']);
      const after = new Map(
        (await repository.listProgress(learnerKey)).map((row) => [row.conceptId, row.card]),
      );
      for (const prereqId of ['c001', 'c002']) {
        const shiftDays = (after.get(prereqId)!.dueMs - before.get(prereqId)!.dueMs) / DAY_MS;
        const boundDays = Math.min(
          CREDIT_MAX_SHARE * before.get(prereqId)!.scheduledDays,
          CREDIT_MAX_DAYS,
        );
        expect(shiftDays, prereqId).toBeGreaterThan(0);
        expect(shiftDays, prereqId).toBeLessThanOrEqual(boundDays);
      }

      const againAtMs = BASE_MS + 2 * DAY_MS;
      const again = await rateConcept(
        repository,
        learnerKey,
        { source: 'review', conceptId: 'c003', rating: 'again' },
        againAtMs,
      );
      expect(again.credited.map((entry) => [entry.conceptId, entry.effect])).toEqual([
        ['c001', 'check'],
        ['c002', 'check'],
      ]);
      const checked = await repository.listProgress(learnerKey);
      for (const row of checked.filter((entry) => entry.conceptId !== 'c003')) {
        expect(row.card.dueMs, row.conceptId).toBe(againAtMs);
      }
    });

    it(`applies ${CONCURRENT_RATINGS} concurrent ratings with no lost update`, async () => {
      const learnerKey = randomUUID();
      await opened.rateConcurrently(learnerKey);

      const { stored, replayed, log } = await storedAndReplayed(repository, learnerKey);
      const own = log.filter((entry) => entry.source !== 'graph-credit');
      expect(own).toHaveLength(CONCURRENT_RATINGS);
      expect(log.some((entry) => entry.source === 'graph-credit')).toBe(true);
      const reps = [...stored.values()].reduce((sum, row) => sum + row.card.reps, 0);
      expect(reps).toBe(CONCURRENT_RATINGS);
      expect(stored).toEqual(replayed);
    }, 120_000);

    it('rejects a repeated rating until due or ten minutes on', async () => {
      const learnerKey = randomUUID();
      const easy = { source: 'self-grade', conceptId: 'c001', rating: 'easy' } as const;
      const first = await rateConcept(repository, learnerKey, easy, BASE_MS);
      expect(first.state).toBe('review');

      const repeated = rateConcept(repository, learnerKey, easy, BASE_MS + 1_000);
      await expect(repeated).rejects.toBeInstanceOf(ApiError);
      const error = (await repeated.catch((caught: unknown) => caught)) as ApiError;
      expect(error.status).toBe(409);
      expect(error.code).toBe('RATED_RECENTLY');
      expect(error.field).toBe('conceptId');
      expect(error.retryAfterS).toBe(599);
      expect(error.message).toBe(
        'concept c001 was already rated easy under a minute ago; rate it again in 10 min ' +
          '(at 2026-03-02T08:10:00.000Z), because a card that is not due yet takes one rating ' +
          'per 10 minutes',
      );
      const quiz = rateConcept(
        repository,
        learnerKey,
        {
          source: 'quiz',
          conceptId: 'c001',
          answers: [{ correct: true, attempts: 1, hintUsed: false }],
        },
        BASE_MS + REPEAT_RATING_WINDOW_MS - 1,
      );
      await expect(quiz).rejects.toMatchObject({ status: 409 });

      const [stored] = await repository.listProgress(learnerKey);
      expect(stored.card.reps).toBe(1);
      // FSRS-6's initial stability for easy (w3): the rejected ratings left it alone.
      expect(stored.card.stability).toBe(8.2956);
      expect(await repository.listReviewLogs(learnerKey)).toHaveLength(1);

      const later = await rateConcept(
        repository,
        learnerKey,
        easy,
        BASE_MS + REPEAT_RATING_WINDOW_MS,
      );
      expect(later.rating).toBe('easy');
      expect(await repository.listReviewLogs(learnerKey)).toHaveLength(2);
    });

    it('accepts a due card inside the repeat window', async () => {
      const learnerKey = randomUUID();
      const again = { source: 'review', conceptId: 'c002', rating: 'again' } as const;
      const first = await rateConcept(repository, learnerKey, again, BASE_MS);
      // Again on a new card starts the 1-minute learning step.
      expect(Date.parse(first.dueAt)).toBe(BASE_MS + 60_000);
      await expect(
        rateConcept(repository, learnerKey, again, BASE_MS + 59_999),
      ).rejects.toMatchObject({ status: 409, retryAfterS: 1 });
      const due = await rateConcept(
        repository,
        learnerKey,
        { source: 'review', conceptId: 'c002', rating: 'good' },
        BASE_MS + 60_000,
      );
      expect(due.state).toBe('learning');
    });

    it('stores one of many concurrent ratings of a card', async () => {
      const learnerKey = randomUUID();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 12 }, () =>
          rateConcept(
            repository,
            learnerKey,
            { source: 'self-grade', conceptId: 'c001', rating: 'easy' },
            BASE_MS,
          ),
        ),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(rejected.map((outcome) => (outcome.reason as ApiError).status)).toEqual(
        Array(11).fill(409),
      );
      const [stored] = await repository.listProgress(learnerKey);
      expect(stored.card.reps).toBe(1);
      expect(await repository.listReviewLogs(learnerKey)).toHaveLength(1);
    });

    it('keeps each learner to their own rows', async () => {
      const alice = randomUUID();
      const bob = randomUUID();
      await rateConcept(
        repository,
        alice,
        { source: 'self-grade', conceptId: 'c002', rating: 'hard' },
        BASE_MS,
      );
      expect(await repository.listProgress(bob)).toEqual([]);
      expect(await repository.listReviewLogs(bob)).toEqual([]);
      expect((await repository.listProgress(alice)).map((row) => row.conceptId)).toEqual(['c002']);
    });

    it('imports an export into another learner and rejects a bad file whole', async () => {
      const source = randomUUID();
      const target = randomUUID();
      await rateConcept(
        repository,
        source,
        { source: 'review', conceptId: 'c003', rating: 'again' },
        BASE_MS,
      );
      await rateConcept(
        repository,
        target,
        { source: 'review', conceptId: 'c001', rating: 'easy' },
        BASE_MS,
      );
      const file = await exportProgress(repository, source, BASE_MS + 1);

      const broken = {
        ...file,
        reviewLogs: [...file.reviewLogs, { ...file.reviewLogs[0], conceptId: 'c404' }],
      };
      await expect(importProgress(repository, target, broken)).rejects.toThrow(
        /reviewLogs\[3\]\.conceptId: unknown concept "c404"; nothing was imported/,
      );
      expect((await repository.listProgress(target)).map((row) => row.conceptId)).toEqual(['c001']);

      expect(await importProgress(repository, target, JSON.parse(JSON.stringify(file)))).toEqual({
        cards: 3,
        reviewLogEntries: 3,
      });
      expect(await repository.listProgress(target)).toEqual(await repository.listProgress(source));
      expect(await repository.listReviewLogs(target)).toEqual(
        await repository.listReviewLogs(source),
      );
    });
  });
}

/** Runs `count` ratings in `workers` child processes, each with its own SQLite connection. */
async function rateInProcesses(
  filePath: string,
  learnerKey: string,
  workers: number,
  count: number,
) {
  const startAtMs = Date.now() + 1_500;
  const runs = Array.from(
    { length: workers },
    (_unused, worker) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            WORKER,
            filePath,
            learnerKey,
            String(worker),
            String(workers),
            String(count / workers),
            String(startAtMs),
            String(BASE_MS),
          ],
          { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
        );
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', (status) =>
          status === 0
            ? resolve()
            : reject(new Error(`rating worker ${worker} exited ${status}:\n${stderr}`)),
        );
      }),
  );
  await Promise.all(runs);
}

progressSuite('progress on SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'infra-progress-'));
  const filePath = join(dir, 'progress.db');
  return {
    repository: openRepository(`file:${filePath}`),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    // Five processes of ten ratings: better-sqlite3 is synchronous, so only separate
    // connections in separate processes can contend for SQLite's write lock.
    rateConcurrently: (learnerKey) => rateInProcesses(filePath, learnerKey, 5, CONCURRENT_RATINGS),
  };
});

const postgresUp = await postgresAvailable();

describe.skipIf(!postgresUp)('PostgreSQL', () => {
  progressSuite('progress on PostgreSQL', async () => {
    const database = await createTestDatabase();
    const repository = openRepository(database.url);
    return {
      repository,
      cleanup: database.drop,
      rateConcurrently: async (learnerKey) => {
        await Promise.all(
          Array.from({ length: CONCURRENT_RATINGS }, (_unused, index) => {
            const { request, nowMs } = concurrentRating(index, BASE_MS);
            return rateConcept(repository, learnerKey, request, nowMs, CONCURRENT_RATING_OPTIONS);
          }),
        );
      },
    };
  });
});
