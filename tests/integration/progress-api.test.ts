import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Lesson } from '@/lib/lessons/types';
import type { ProgressSummary } from '@/lib/progress/summary';
import type { DueCards, RatingResult } from '@/lib/server/progress';
import { startApp, type RunningApp } from '../helpers/server';

/** A problem whose fresh lesson leaves out FSDP (c038), which is relevant to it. */
const OOM_PROBLEM = 'Our 13B run OOMs with ZeRO-3 on 8 x A100 40GB. How do we fit it?';
const FSDP = 'c038';
/** Tokenization: nothing in the problem makes it relevant. */
const TOKENIZATION = 'c017';
const WRONG_TWICE = { correct: false, attempts: 2, hintUsed: false };

describe('progress API', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const call = (path: string, learnerKey: string | undefined, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (learnerKey !== undefined) headers.set('x-learner-key', learnerKey);
    return fetch(`${app.baseUrl}${path}`, { ...init, headers });
  };
  const post = (path: string, learnerKey: string | undefined, body: unknown) =>
    call(path, learnerKey, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const lessonFor = async (learnerKey: string): Promise<Lesson> => {
    const response = await post('/api/lessons', undefined, { problem: OOM_PROBLEM, learnerKey });
    expect(response.status).toBe(201);
    return (await response.json()) as Lesson;
  };

  it('next lesson adds failed relevant concept only', async () => {
    const learnerKey = randomUUID();
    const fresh = await lessonFor(learnerKey);
    expect(fresh.concepts.map((concept) => concept.id)).not.toContain(FSDP);

    for (const conceptId of [FSDP, TOKENIZATION]) {
      const failed = await post('/api/review', learnerKey, {
        source: 'quiz',
        conceptId,
        answers: [WRONG_TWICE, WRONG_TWICE, WRONG_TWICE],
      });
      expect(failed.status).toBe(200);
      expect(((await failed.json()) as RatingResult).rating).toBe('again');
    }

    const next = await lessonFor(learnerKey);
    const ids = next.concepts.map((concept) => concept.id);
    expect(ids).toContain(FSDP);
    expect(ids).not.toContain(TOKENIZATION);
    expect(next.concepts.find((concept) => concept.id === FSDP)?.reason).toMatch(
      /weak in your reviews/i,
    );

    // The same key in uppercase is the same learner.
    const shouted = await lessonFor(learnerKey.toUpperCase());
    expect(shouted.concepts.map((concept) => concept.id)).toEqual(ids);

    // Another learner asking the same question still gets the fresh lesson.
    const stranger = await lessonFor(randomUUID());
    expect(stranger.concepts.map((concept) => concept.id)).toEqual(
      fresh.concepts.map((concept) => concept.id),
    );
  });

  it('rates, lists due cards oldest first and summarises', async () => {
    const learnerKey = randomUUID();
    for (const conceptId of ['c002', 'c001']) {
      const response = await post('/api/review', learnerKey, {
        source: 'review',
        conceptId,
        rating: 'again',
      });
      expect(response.status).toBe(200);
      const result = (await response.json()) as RatingResult;
      expect(result.state).toBe('learning');
      expect(Date.parse(result.dueAt) - Date.parse(result.reviewedAt)).toBe(60_000);
    }

    const empty = (await (await call('/api/review', learnerKey)).json()) as DueCards;
    expect(empty.dueCount).toBe(0);
    expect(empty.nextDueAt).not.toBeNull();

    const summaryResponse = await call('/api/progress?utcOffsetMinutes=60', learnerKey);
    expect(summaryResponse.headers.get('cache-control')).toBe('no-store');
    const summary = (await summaryResponse.json()) as ProgressSummary;
    expect(summary.totals.learning).toBe(2);
    expect(summary.reviewsPerDay.reduce((sum, day) => sum + day.again, 0)).toBe(2);
    expect(summary.weak.map((entry) => entry.conceptId).sort()).toEqual(['c001', 'c002']);
    // Both are due in a minute: today, or tomorrow when the test runs just before midnight.
    expect(summary.forecast[0].due + summary.forecast[1].due).toBe(2);
  });

  it('answers 400 naming the header when the learner key is missing or malformed', async () => {
    for (const key of [undefined, 'alice']) {
      const response = await call('/api/progress', key);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { field: string; message: string } };
      expect(body.error.field).toBe('x-learner-key');
    }
  });

  it.each([
    [
      'an unknown rating',
      { source: 'review', conceptId: 'c001', rating: 'perfect' },
      400,
      'rating',
    ],
    [
      'an unknown source',
      { source: 'graph-credit', conceptId: 'c001', rating: 'good' },
      400,
      'source',
    ],
    [
      'a bad answer',
      {
        source: 'quiz',
        conceptId: 'c001',
        answers: [{ correct: 'yes', attempts: 1, hintUsed: false }],
      },
      400,
      'answers.0.correct',
    ],
    [
      'an unknown concept',
      { source: 'review', conceptId: 'c999', rating: 'good' },
      404,
      'conceptId',
    ],
  ])('rejects %s', async (_case, body, status, field) => {
    const learnerKey = randomUUID();
    const response = await post('/api/review', learnerKey, body);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { field: string } }).error.field).toBe(field);
    const summary = (await (await call('/api/progress', learnerKey)).json()) as ProgressSummary;
    expect(
      summary.reviewsPerDay.every((day) => day.again + day.hard + day.good + day.easy === 0),
    ).toBe(true);
  });

  it('exports and imports between learner keys, and a bad file changes nothing', async () => {
    const from = randomUUID();
    const to = randomUUID();
    await post('/api/review', from, { source: 'self-grade', conceptId: 'c003', rating: 'good' });
    await post('/api/review', to, { source: 'self-grade', conceptId: 'c010', rating: 'easy' });

    const exported = await call('/api/progress/export', from);
    expect(exported.headers.get('content-disposition')).toMatch(
      /attachment; filename="infra-learn-progress-/,
    );
    const file = (await exported.json()) as { progress: { conceptId: string }[]; version: number };
    expect(file.progress.map((entry) => entry.conceptId)).toEqual(['c003']);

    const bad = await post('/api/progress/import', to, { ...file, version: 7 });
    expect(bad.status).toBe(400);
    const error = ((await bad.json()) as { error: { field: string; message: string } }).error;
    expect(error.field).toBe('version');
    expect(error.message).toMatch(/unsupported version 7.*nothing was imported/);
    const kept = (await (await call('/api/progress/export', to)).json()) as typeof file;
    expect(kept.progress.map((entry) => entry.conceptId)).toEqual(['c010']);

    const good = await post('/api/progress/import', to, file);
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({ cards: 1, reviewLogEntries: 1 });
    const moved = (await (await call('/api/progress/export', to)).json()) as typeof file;
    expect(moved.progress).toEqual(file.progress);
  });

  it('applies 50 concurrent ratings over HTTP', async () => {
    const learnerKey = randomUUID();
    const ratings = ['again', 'hard', 'good', 'easy'] as const;
    // One rating per concept: a second rating of a card within ten minutes gets 409.
    const conceptIds = Array.from(
      { length: 50 },
      (_unused, index) => `c${String(index + 1).padStart(3, '0')}`,
    );
    const responses = await Promise.all(
      conceptIds.map((conceptId, index) =>
        post('/api/review', learnerKey, {
          source: 'review',
          conceptId,
          rating: ratings[index % 4],
        }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));
    const file = (await (await call('/api/progress/export', learnerKey)).json()) as {
      reviewLogs: { source: string; conceptId: string }[];
    };
    const reviewed = file.reviewLogs.filter((entry) => entry.source === 'review');
    expect(reviewed.map((entry) => entry.conceptId).sort()).toEqual(conceptIds);
  });

  it('rejects repeated easy ratings with 409', async () => {
    const learnerKey = randomUUID();
    const easy = { source: 'self-grade', conceptId: 'c014', rating: 'easy' };
    const first = await post('/api/review', learnerKey, easy);
    expect(first.status).toBe(200);
    const firstResult = (await first.json()) as RatingResult;

    for (let repeat = 0; repeat < 3; repeat += 1) {
      const response = await post('/api/review', learnerKey, easy);
      expect(response.status).toBe(409);
      const retryAfterS = Number(response.headers.get('retry-after'));
      expect(retryAfterS).toBeGreaterThan(590);
      expect(retryAfterS).toBeLessThanOrEqual(600);
      const { error } = (await response.json()) as {
        error: { code: string; field: string; message: string };
      };
      expect(error.code).toBe('RATED_RECENTLY');
      expect(error.field).toBe('conceptId');
      const allowedAt = new Date(Date.parse(firstResult.reviewedAt) + 600_000).toISOString();
      expect(error.message).toBe(
        `concept c014 was already rated easy under a minute ago; rate it again in 10 min (at ${allowedAt}), because a card that is not due yet takes one rating per 10 minutes`,
      );
    }

    // A quiz on the same card counts as a rating too.
    const quiz = await post('/api/review', learnerKey, {
      source: 'quiz',
      conceptId: 'c014',
      answers: [{ correct: true, attempts: 1, hintUsed: false }],
    });
    expect(quiz.status).toBe(409);

    const file = (await (await call('/api/progress/export', learnerKey)).json()) as {
      progress: { conceptId: string; status: string; card: { stability: number; reps: number } }[];
      reviewLogs: unknown[];
    };
    expect(file.reviewLogs).toHaveLength(1);
    expect(file.progress).toHaveLength(1);
    expect(file.progress[0].status).toBe('review');
    expect(file.progress[0].card.reps).toBe(1);
    expect(file.progress[0].card.stability).toBe(8.2956);
  });

  it('reads one learner whatever the case of the key', async () => {
    const learnerKey = randomUUID();
    const rated = await post('/api/review', learnerKey.toUpperCase(), {
      source: 'self-grade',
      conceptId: 'c005',
      rating: 'good',
    });
    expect(rated.status).toBe(200);
    const exported = (await (await call('/api/progress/export', learnerKey)).json()) as {
      progress: { conceptId: string }[];
    };
    expect(exported.progress.map((entry) => entry.conceptId)).toEqual(['c005']);

    // The lowercase key reaches the card the uppercase one rated.
    const repeated = await post('/api/review', learnerKey, {
      source: 'self-grade',
      conceptId: 'c005',
      rating: 'easy',
    });
    expect(repeated.status).toBe(409);
  });
});
