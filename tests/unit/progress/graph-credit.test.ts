import { describe, expect, it } from 'vitest';

import {
  applyCredit,
  CREDIT_MAX_DAYS,
  CREDIT_MAX_SHARE,
  creditEffect,
  remainingCreditDays,
} from '@/lib/progress/graph-credit';
import { computeRating, type RatedConcept } from '@/lib/progress/rate';
import { DAY_MS, newCardState } from '@/lib/progress/scheduler';
import { progressStatus } from '@/lib/progress/status';
import type { CardState, ConceptProgress } from '@/lib/progress/types';

const NOW_MS = Date.parse('2026-02-02T10:00:00.000Z');

const ADVANCED: RatedConcept = { id: 'c076', level: 'advanced', prereqIds: ['c035', 'c036'] };

/** A card in review, last reviewed `agoDays` before NOW_MS, with the given interval. */
function reviewCardState(scheduledDays: number, agoDays: number, creditedDays = 0): CardState {
  const lastReviewMs = NOW_MS - agoDays * DAY_MS;
  return {
    ...newCardState(lastReviewMs),
    state: 'review',
    reps: 4,
    stability: scheduledDays,
    difficulty: 5,
    scheduledDays,
    lastReviewMs,
    lastRating: 'good',
    dueMs: lastReviewMs + scheduledDays * DAY_MS + creditedDays * DAY_MS,
    creditedDays,
  };
}

function row(conceptId: string, card: CardState): ConceptProgress {
  return { conceptId, card, status: progressStatus(card), scores: [], updatedAtMs: NOW_MS };
}

describe('graph credit through computeRating', () => {
  it('moves direct prerequisites out within the bound after good', () => {
    const current = new Map([
      ['c035', row('c035', reviewCardState(40, 10))],
      ['c036', row('c036', reviewCardState(6, 1))],
    ]);
    const change = computeRating(
      { concept: ADVANCED, rating: 'good', source: 'review', nowMs: NOW_MS },
      current,
    );

    for (const prereqId of ADVANCED.prereqIds) {
      const before = current.get(prereqId)!.card;
      const after = change.progress.find((entry) => entry.conceptId === prereqId)!.card;
      const shiftDays = (after.dueMs - before.dueMs) / DAY_MS;
      const boundDays = Math.min(CREDIT_MAX_SHARE * before.scheduledDays, CREDIT_MAX_DAYS);
      expect(shiftDays, prereqId).toBeGreaterThan(0);
      expect(shiftDays, prereqId).toBeLessThanOrEqual(boundDays);
      expect(after.stability, prereqId).toBe(before.stability);
      expect(after.reps, prereqId).toBe(before.reps);
    }
    // A quarter of each interval: 40 days gives 10, capped by the remaining 7; 6 days gives 1.5.
    const shifts = change.logs
      .filter((entry) => entry.source === 'graph-credit')
      .map((entry) => [entry.conceptId, entry.detail.kind === 'credit' && entry.detail.shiftDays]);
    expect(shifts).toEqual([
      ['c035', 7],
      ['c036', 1.5],
    ]);
  });

  it('makes direct prerequisites due for a check after again', () => {
    const current = new Map([['c035', row('c035', reviewCardState(40, 10))]]);
    const change = computeRating(
      { concept: ADVANCED, rating: 'again', source: 'quiz', quizScore: 0, nowMs: NOW_MS },
      current,
    );

    const checked = change.progress.find((entry) => entry.conceptId === 'c035')!;
    expect(checked.card.dueMs).toBe(NOW_MS);
    expect(checked.card.stability).toBe(40);
    // c036 had no card yet: it gets a new one, due now.
    const created = change.progress.find((entry) => entry.conceptId === 'c036')!;
    expect(created.card.dueMs).toBe(NOW_MS);
    expect(created.status).toBe('new');
    expect(change.logs.map((entry) => [entry.conceptId, entry.source])).toEqual([
      ['c076', 'quiz'],
      ['c035', 'graph-credit'],
      ['c036', 'graph-credit'],
    ]);
  });

  it('keeps credit within the bound over repeated successes', () => {
    let card = reviewCardState(20, 2);
    const dueBeforeMs = card.dueMs;
    for (let review = 0; review < 5; review += 1) {
      card = applyCredit(card, 'extend', 'c076', NOW_MS)?.card ?? card;
    }
    // Half of 20 days is 10, above the 7-day cap: the total stops at 7 days.
    expect((card.dueMs - dueBeforeMs) / DAY_MS).toBe(CREDIT_MAX_DAYS);
    expect(remainingCreditDays(card)).toBe(0);
    expect(applyCredit(card, 'extend', 'c076', NOW_MS)).toBeUndefined();
  });

  it('caps credit at half of a short interval', () => {
    let card = reviewCardState(4, 1);
    const dueBeforeMs = card.dueMs;
    for (let review = 0; review < 4; review += 1) {
      card = applyCredit(card, 'extend', 'c076', NOW_MS)?.card ?? card;
    }
    expect((card.dueMs - dueBeforeMs) / DAY_MS).toBe(2);
  });

  it('gives no credit to a prerequisite that is new or learning', () => {
    const learning: CardState = { ...newCardState(NOW_MS), state: 'learning', reps: 1 };
    expect(applyCredit(undefined, 'extend', 'c076', NOW_MS)).toBeUndefined();
    expect(applyCredit(learning, 'extend', 'c076', NOW_MS)).toBeUndefined();
  });

  it('leaves an already due prerequisite alone on again', () => {
    const overdue = reviewCardState(3, 5);
    expect(applyCredit(overdue, 'check', 'c076', NOW_MS)).toBeUndefined();
  });

  it.each([
    ['advanced', 'good', 'extend'],
    ['advanced', 'easy', 'extend'],
    ['advanced', 'again', 'check'],
    ['advanced', 'hard', undefined],
    ['intermediate', 'good', undefined],
    ['intermediate', 'again', undefined],
    ['beginner', 'easy', undefined],
  ] as const)('gives a %s concept rated %s the effect %s', (level, rating, effect) => {
    expect(creditEffect(level, rating)).toBe(effect);
  });

  it('changes no prerequisite after hard on an advanced concept', () => {
    const current = new Map([['c035', row('c035', reviewCardState(40, 10))]]);
    const change = computeRating(
      { concept: ADVANCED, rating: 'hard', source: 'self-grade', nowMs: NOW_MS },
      current,
    );
    expect(change.progress.map((entry) => entry.conceptId)).toEqual(['c076']);
    expect(change.logs).toHaveLength(1);
  });
});
