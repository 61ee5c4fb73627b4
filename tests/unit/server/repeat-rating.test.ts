import { describe, expect, it } from 'vitest';

import { newCardState, reviewCard } from '@/lib/progress/scheduler';
import type { CardState } from '@/lib/progress/types';
import { nextRatingAllowedMs, REPEAT_RATING_WINDOW_MS } from '@/lib/server/progress';

const START_MS = Date.parse('2026-03-02T08:00:00.000Z');
const MINUTE_MS = 60_000;

/** Returns a new card after `ratings`, each one a second after the previous. */
function cardAfter(ratings: readonly ('again' | 'hard' | 'good' | 'easy')[]): CardState {
  let card = newCardState(START_MS);
  ratings.forEach((rating, step) => {
    card = reviewCard(card, rating, START_MS + step * 1_000).card;
  });
  return card;
}

describe('nextRatingAllowedMs', () => {
  it('accepts the first rating of a card', () => {
    expect(nextRatingAllowedMs(undefined, START_MS)).toBeUndefined();
    expect(nextRatingAllowedMs(newCardState(START_MS), START_MS)).toBeUndefined();
  });

  it('blocks an easy card for ten minutes', () => {
    const card = cardAfter(['easy']);
    expect(card.dueMs - START_MS).toBeGreaterThan(REPEAT_RATING_WINDOW_MS);
    expect(nextRatingAllowedMs(card, START_MS + 1_000)).toBe(START_MS + 10 * MINUTE_MS);
    expect(nextRatingAllowedMs(card, START_MS + 10 * MINUTE_MS - 1)).toBe(
      START_MS + 10 * MINUTE_MS,
    );
    expect(nextRatingAllowedMs(card, START_MS + 10 * MINUTE_MS)).toBeUndefined();
  });

  it('ends the block early when a learning step comes due', () => {
    const card = cardAfter(['again']);
    expect(card.dueMs).toBe(START_MS + MINUTE_MS);
    expect(nextRatingAllowedMs(card, START_MS + 30_000)).toBe(START_MS + MINUTE_MS);
    expect(nextRatingAllowedMs(card, START_MS + MINUTE_MS)).toBeUndefined();
  });

  it('accepts a card that graph credit made due', () => {
    const card = { ...cardAfter(['easy']), dueMs: START_MS + 2_000 };
    expect(nextRatingAllowedMs(card, START_MS + 2_000)).toBeUndefined();
  });

  it('blocks a request older than the last rating', () => {
    const card = cardAfter(['good']);
    expect(nextRatingAllowedMs(card, START_MS - 5_000)).toBe(card.dueMs);
  });

  it('accepts everything with a zero window', () => {
    expect(nextRatingAllowedMs(cardAfter(['easy']), START_MS + 1_000, 0)).toBeUndefined();
  });
});

describe('same-day easy ratings under FSRS-6', () => {
  // The reason for the repeat window: without it, a burst of clicks builds stability.
  it('raise stability on every repeat', () => {
    const stabilities = [1, 2, 3, 4, 5].map((count) =>
      Number(cardAfter(Array(count).fill('easy')).stability.toFixed(1)),
    );
    expect(stabilities).toEqual([8.3, 13, 19.9, 29.6, 42.8]);
  });
});
