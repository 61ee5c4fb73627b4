import { describe, expect, it } from 'vitest';

import { DAY_MS, newCardState } from '@/lib/progress/scheduler';
import { progressStatus } from '@/lib/progress/status';
import {
  dueProgress,
  FORECAST_DAYS,
  nextDueTime,
  REVIEW_HISTORY_DAYS,
  summarizeProgress,
  type SummaryConcept,
} from '@/lib/progress/summary';
import type { CardState, ConceptProgress, ReviewLogEntry } from '@/lib/progress/types';

// 23:30 UTC: already the next day at UTC+01:00.
const NOW_MS = Date.parse('2026-04-01T23:30:00.000Z');

const CONCEPTS: SummaryConcept[] = [
  { id: 'c001', title: 'Data Parallelism', domain: 'training' },
  { id: 'c002', title: 'Mixed Precision', domain: 'training' },
  { id: 'c003', title: 'NCCL', domain: 'networking' },
  { id: 'c004', title: 'Checkpointing', domain: 'reliability' },
];

function row(conceptId: string, overrides: Partial<CardState>): ConceptProgress {
  const card: CardState = {
    ...newCardState(NOW_MS),
    state: 'review',
    reps: 3,
    stability: 10,
    difficulty: 5,
    scheduledDays: 10,
    lastReviewMs: NOW_MS - DAY_MS,
    lastRating: 'good',
    ...overrides,
  };
  return { conceptId, card, status: progressStatus(card), scores: [], updatedAtMs: NOW_MS };
}

function review(
  conceptId: string,
  rating: ReviewLogEntry['rating'],
  reviewedAtMs: number,
): ReviewLogEntry {
  return {
    conceptId,
    rating,
    source: 'review',
    reviewedAtMs,
    detail: {
      kind: 'review',
      stateBefore: 'review',
      dueBeforeMs: reviewedAtMs,
      stabilityAfter: 10,
      difficultyAfter: 5,
      elapsedDays: 1,
      scheduledDays: 10,
      dueAfterMs: reviewedAtMs + 10 * DAY_MS,
    },
  };
}

const PROGRESS = [
  row('c001', { dueMs: NOW_MS - 3 * DAY_MS }),
  row('c002', { dueMs: NOW_MS + 2 * DAY_MS, stability: 30 }),
  row('c003', { dueMs: NOW_MS - DAY_MS, lastRating: 'again', state: 'relearning' }),
  row('c999', { dueMs: NOW_MS }),
];

describe('summarizeProgress', () => {
  const summary = summarizeProgress({
    concepts: CONCEPTS,
    progress: PROGRESS,
    logs: [
      review('c001', 'good', NOW_MS - 60_000),
      review('c003', 'again', NOW_MS - 2 * 60 * 60_000),
      review('c002', 'easy', NOW_MS - 40 * DAY_MS),
      { ...review('c001', 'good', NOW_MS), source: 'graph-credit' },
    ],
    nowMs: NOW_MS,
    utcOffsetMinutes: 60,
  });

  it('counts statuses over the whole catalogue', () => {
    expect(summary.totals).toEqual({ new: 1, learning: 1, review: 1, mastered: 1 });
    expect(summary.byDomain).toEqual([
      { domain: 'training', total: 2, new: 0, learning: 0, review: 1, mastered: 1 },
      { domain: 'networking', total: 1, new: 0, learning: 1, review: 0, mastered: 0 },
      { domain: 'reliability', total: 1, new: 1, learning: 0, review: 0, mastered: 0 },
    ]);
  });

  it('counts own reviews per local day', () => {
    expect(summary.reviewsPerDay).toHaveLength(REVIEW_HISTORY_DAYS);
    const today = summary.reviewsPerDay.at(-1)!;
    // 23:29 UTC is 00:29 on 2 April at UTC+01:00; 21:30 UTC is still 1 April there.
    expect(today).toEqual({ date: '2026-04-02', again: 0, hard: 0, good: 1, easy: 0 });
    expect(summary.reviewsPerDay.at(-2)).toEqual({
      date: '2026-04-01',
      again: 1,
      hard: 0,
      good: 0,
      easy: 0,
    });
    const total = summary.reviewsPerDay.reduce(
      (sum, day) => sum + day.again + day.good + day.easy,
      0,
    );
    expect(total).toBe(2);
  });

  it('forecasts due cards with overdue ones today', () => {
    expect(summary.forecast).toHaveLength(FORECAST_DAYS);
    expect(summary.forecast[0]).toEqual({ date: '2026-04-02', due: 2 });
    expect(summary.forecast[2]).toEqual({ date: '2026-04-04', due: 1 });
    expect(summary.forecast.reduce((sum, day) => sum + day.due, 0)).toBe(3);
  });

  it('reports due, next due and weak concepts', () => {
    expect(summary.dueNow).toBe(2);
    expect(summary.nextDueAt).toBe(new Date(NOW_MS + 2 * DAY_MS).toISOString());
    expect(summary.weak.map((entry) => [entry.conceptId, entry.title])).toEqual([['c003', 'NCCL']]);
  });
});

describe('dueProgress', () => {
  it('returns due rows oldest first', () => {
    expect(dueProgress(PROGRESS, NOW_MS).map((entry) => entry.conceptId)).toEqual([
      'c001',
      'c003',
      'c999',
    ]);
  });
});

describe('nextDueTime', () => {
  it('is null when nothing is scheduled after now', () => {
    expect(nextDueTime([row('c001', { dueMs: NOW_MS })], NOW_MS)).toBeNull();
  });
});
