import { describe, expect, it } from 'vitest';

import {
  DAY_MS,
  newCardState,
  previewDueTimes,
  retrievability,
  reviewCard,
} from '@/lib/progress/scheduler';
import type { CardState } from '@/lib/progress/types';
import { FIXED_SEQUENCE } from './fixed-sequence';

/*
 * Hand check of the third step (good, 2 days after graduating), FSRS-6 with w as in
 * scheduler.ts, S = 2.3065, D = 2.11121424, t = 2 days:
 *   factor = 0.9^(-1/w20) - 1 = 0.9^(-1/0.1542) - 1 = 0.98054
 *   R = (1 + factor * t / S)^(-w20) = (1 + 0.98054 * 2 / 2.3065)^(-0.1542) = 0.90949
 *   S' = S * (1 + e^w8 * (11 - D) * S^(-w9) * (e^(w10 * (1 - R)) - 1))
 *      = 2.3065 * (1 + 6.5020 * 8.88879 * 0.87003 * 0.074703) = 10.971 days
 *   interval = round(S') = 11 days, since retention 0.9 makes the interval equal to S.
 * And of the second step's difficulty (good, same day): the grade term -w6 * (3 - 3) is 0, so
 *   D' = w7 * D0(4) + (1 - w7) * D = 0.001 * (6.4133 - e^(3 * 0.8334) + 1) + 0.999 * 2.11810397
 *      = 2.111214
 * The other rows came from an independent Python implementation of the same formulas.
 */

// Stability and difficulty carry 8 decimals as ts-fsrs rounds them; 6 are compared, because the
// independent implementation rounds its intermediate values in a slightly different order.
const STATE_DECIMALS = 6;

describe('reviewCard', () => {
  it('gives the literal schedule of a fixed rating sequence', () => {
    let card: CardState = newCardState(Date.parse(FIXED_SEQUENCE[0].at));
    for (const step of FIXED_SEQUENCE) {
      const outcome = reviewCard(card, step.rating, Date.parse(step.at));
      card = outcome.card;
      const label = `${step.rating} at ${step.at}`;
      expect(new Date(card.dueMs).toISOString(), label).toBe(step.due);
      expect(card.scheduledDays, label).toBe(step.scheduledDays);
      expect(card.state, label).toBe(step.state);
      expect(outcome.elapsedDays, label).toBe(step.elapsedDays);
      expect(card.lapses, label).toBe(step.lapses);
      expect(card.stability, label).toBeCloseTo(step.stability, STATE_DECIMALS);
      expect(card.difficulty, label).toBeCloseTo(step.difficulty, STATE_DECIMALS);
    }
    expect(card.reps).toBe(FIXED_SEQUENCE.length);
  });

  it('records the rating and resets graph credit', () => {
    const atMs = Date.parse('2026-03-01T08:00:00.000Z');
    const credited = { ...newCardState(atMs), creditedDays: 3 };
    const { card } = reviewCard(credited, 'hard', atMs);
    expect(card.lastRating).toBe('hard');
    expect(card.lastReviewMs).toBe(atMs);
    expect(card.creditedDays).toBe(0);
  });

  it.each([
    ['again', '2026-03-01T08:01:00.000Z'],
    ['hard', '2026-03-01T08:06:00.000Z'],
    ['good', '2026-03-01T08:10:00.000Z'],
    ['easy', '2026-03-09T08:00:00.000Z'],
  ] as const)('schedules a new card rated %s at %s', (rating, due) => {
    const atMs = Date.parse('2026-03-01T08:00:00.000Z');
    const { card } = reviewCard(newCardState(atMs), rating, atMs);
    expect(new Date(card.dueMs).toISOString()).toBe(due);
  });
});

describe('previewDueTimes', () => {
  it('matches what each rating would schedule', () => {
    const atMs = Date.parse('2026-03-01T08:00:00.000Z');
    const card = newCardState(atMs);
    const preview = previewDueTimes(card, atMs);
    for (const rating of ['again', 'hard', 'good', 'easy'] as const) {
      expect(preview[rating], rating).toBe(reviewCard(card, rating, atMs).card.dueMs);
    }
  });
});

describe('retrievability', () => {
  it('is 0 for a card never reviewed', () => {
    expect(retrievability(newCardState(0), DAY_MS)).toBe(0);
  });

  it('is 0.9 when the elapsed time equals the stability', () => {
    const lastReviewMs = Date.parse('2026-01-07T09:10:00.000Z');
    const card: CardState = {
      ...newCardState(lastReviewMs),
      state: 'review',
      reps: 3,
      stability: 10,
      difficulty: 5,
      lastReviewMs,
    };
    expect(retrievability(card, lastReviewMs + 10 * DAY_MS)).toBeCloseTo(0.9, 6);
    expect(retrievability(card, lastReviewMs)).toBe(1);
  });
});
