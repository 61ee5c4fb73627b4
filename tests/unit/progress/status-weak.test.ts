import { describe, expect, it } from 'vitest';

import { DAY_MS, newCardState } from '@/lib/progress/scheduler';
import { MASTERED_MIN_STABILITY_DAYS, progressStatus } from '@/lib/progress/status';
import type { CardState, ConceptProgress } from '@/lib/progress/types';
import {
  findWeakConcepts,
  learnerContext,
  WEAK_MAX_RETRIEVABILITY,
  WEAK_RECENT_DAYS,
} from '@/lib/progress/weak';

const NOW_MS = Date.parse('2026-04-01T12:00:00.000Z');

function card(overrides: Partial<CardState>): CardState {
  return {
    ...newCardState(NOW_MS),
    state: 'review',
    reps: 5,
    stability: 30,
    difficulty: 5,
    scheduledDays: 30,
    lastReviewMs: NOW_MS - DAY_MS,
    lastRating: 'good',
    dueMs: NOW_MS + 29 * DAY_MS,
    ...overrides,
  };
}

function row(conceptId: string, overrides: Partial<CardState>): ConceptProgress {
  const state = card(overrides);
  return { conceptId, card: state, status: progressStatus(state), scores: [], updatedAtMs: NOW_MS };
}

describe('progressStatus', () => {
  it.each([
    ['never reviewed', { ...newCardState(NOW_MS) }, 'new'],
    ['in learning steps', { state: 'learning', stability: 2.3 }, 'learning'],
    ['relearning after a lapse', { state: 'relearning', stability: 1.5 }, 'learning'],
    ['in review below 21 days', { stability: MASTERED_MIN_STABILITY_DAYS - 0.01 }, 'review'],
    ['in review at 21 days', { stability: MASTERED_MIN_STABILITY_DAYS }, 'mastered'],
  ] as const)('calls a card %s %s', (_case, overrides, status) => {
    expect(progressStatus(card(overrides as Partial<CardState>))).toBe(status);
  });
});

describe('findWeakConcepts', () => {
  it('lists a concept forgotten twice that is not mastered', () => {
    const weak = findWeakConcepts(
      [row('c010', { lapses: 2, stability: 5, scheduledDays: 5 })],
      NOW_MS,
    );
    expect(weak.map((entry) => entry.reasons)).toEqual([['lapses']]);
  });

  it('forgives lapses once the concept is mastered', () => {
    expect(findWeakConcepts([row('c010', { lapses: 3, stability: 40 })], NOW_MS)).toEqual([]);
  });

  it('lists a concept whose recall probability fell below the threshold', () => {
    // Stability 2 days, last reviewed 20 days ago: long overdue.
    const weak = findWeakConcepts(
      [row('c011', { stability: 2, scheduledDays: 2, lastReviewMs: NOW_MS - 20 * DAY_MS })],
      NOW_MS,
    );
    expect(weak[0].reasons).toEqual(['low-retrievability']);
    expect(weak[0].retrievability).toBeLessThan(WEAK_MAX_RETRIEVABILITY);
  });

  it.each(['again', 'hard'] as const)(
    'lists a concept last rated %s in the last 14 days',
    (rating) => {
      const weak = findWeakConcepts(
        [
          row('c012', {
            lastRating: rating,
            lastReviewMs: NOW_MS - (WEAK_RECENT_DAYS - 1) * DAY_MS,
          }),
        ],
        NOW_MS,
      );
      expect(weak.map((entry) => entry.reasons)).toEqual([['recent-again-or-hard']]);
    },
  );

  it('drops a hard rating older than 14 days', () => {
    const old = row('c012', {
      lastRating: 'hard',
      lastReviewMs: NOW_MS - WEAK_RECENT_DAYS * DAY_MS,
      stability: 400,
    });
    expect(findWeakConcepts([old], NOW_MS)).toEqual([]);
  });

  it('ignores cards never reviewed', () => {
    const unseen: ConceptProgress = {
      conceptId: 'c013',
      card: newCardState(NOW_MS - 100 * DAY_MS),
      status: 'new',
      scores: [],
      updatedAtMs: NOW_MS,
    };
    expect(findWeakConcepts([unseen], NOW_MS)).toEqual([]);
  });

  it('orders by number of reasons, then recall probability', () => {
    const weak = findWeakConcepts(
      [
        row('c020', { lastRating: 'hard' }),
        row('c021', { lastRating: 'again', lapses: 2, stability: 3 }),
        row('c022', { lastRating: 'hard', stability: 1, lastReviewMs: NOW_MS - 10 * DAY_MS }),
      ],
      NOW_MS,
    );
    expect(weak.map((entry) => entry.conceptId)).toEqual(['c022', 'c021', 'c020']);
  });
});

describe('learnerContext', () => {
  it('returns weak ids and mastered ids that are not weak', () => {
    const context = learnerContext(
      [
        row('c030', { stability: 40 }),
        row('c031', { stability: 40, lastRating: 'hard' }),
        row('c032', { stability: 3, lastRating: 'again' }),
      ],
      NOW_MS,
    );
    expect(context).toEqual({ weakConceptIds: ['c031', 'c032'], masteredConceptIds: ['c030'] });
  });
});
