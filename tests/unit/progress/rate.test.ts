import { describe, expect, it } from 'vitest';

import { computeRating, lockedConceptIds, MAX_STORED_SCORES } from '@/lib/progress/rate';
import { replayReviewLog } from '@/lib/progress/replay';
import { DAY_MS } from '@/lib/progress/scheduler';
import type { ConceptProgress, RatingName, ReviewLogEntry } from '@/lib/progress/types';

const START_MS = Date.parse('2026-02-02T10:00:00.000Z');
const CONCEPTS = {
  c001: { id: 'c001', level: 'beginner', prereqIds: [] },
  c002: { id: 'c002', level: 'intermediate', prereqIds: ['c001'] },
  c003: { id: 'c003', level: 'advanced', prereqIds: ['c001', 'c002'] },
} as const;
const RATINGS: readonly RatingName[] = ['good', 'again', 'good', 'easy', 'hard', 'good', 'good'];

/** Applies ratings the way the repository does: compute on the current rows, then store. */
function rateAll(
  ratings: readonly { conceptId: keyof typeof CONCEPTS; rating: RatingName; nowMs: number }[],
): { rows: Map<string, ConceptProgress>; log: ReviewLogEntry[] } {
  const rows = new Map<string, ConceptProgress>();
  const log: ReviewLogEntry[] = [];
  for (const { conceptId, rating, nowMs } of ratings) {
    const concept = CONCEPTS[conceptId];
    const locked = new Map(
      lockedConceptIds(concept).flatMap((id) => (rows.has(id) ? [[id, rows.get(id)!]] : [])),
    );
    const change = computeRating({ concept, rating, source: 'review', nowMs }, locked);
    for (const entry of change.progress) rows.set(entry.conceptId, entry);
    log.push(...change.logs);
  }
  return { rows, log };
}

describe('computeRating', () => {
  it('locks the concept and its direct prerequisites', () => {
    expect(lockedConceptIds(CONCEPTS.c003)).toEqual(['c003', 'c001', 'c002']);
  });

  it('never moves the review time before the last review', () => {
    const { rows } = rateAll([{ conceptId: 'c001', rating: 'good', nowMs: START_MS }]);
    const change = computeRating(
      { concept: CONCEPTS.c001, rating: 'good', source: 'review', nowMs: START_MS - 60_000 },
      rows,
    );
    expect(change.logs[0].reviewedAtMs).toBe(START_MS);
  });

  it('keeps the last quiz scores', () => {
    let rows = new Map<string, ConceptProgress>();
    for (let quiz = 0; quiz < MAX_STORED_SCORES + 3; quiz += 1) {
      const change = computeRating(
        {
          concept: CONCEPTS.c001,
          rating: 'good',
          source: 'quiz',
          quizScore: quiz / 100,
          nowMs: START_MS + quiz * DAY_MS,
        },
        rows,
      );
      rows = new Map(change.progress.map((entry) => [entry.conceptId, entry]));
    }
    const { scores } = rows.get('c001')!;
    expect(scores).toHaveLength(MAX_STORED_SCORES);
    expect(scores[0]).toBe(0.03);
    expect(scores.at(-1)).toBe(0.22);
  });
});

describe('replayReviewLog', () => {
  it('rebuilds every row written by a mix of ratings and credit', () => {
    const ratings = RATINGS.flatMap((rating, index) =>
      (['c001', 'c002', 'c003'] as const).map((conceptId, offset) => ({
        conceptId,
        rating,
        nowMs: START_MS + index * 3 * DAY_MS + offset * 60_000,
      })),
    );
    const { rows, log } = rateAll(ratings);
    expect(log.some((entry) => entry.source === 'graph-credit')).toBe(true);
    expect(replayReviewLog(log)).toEqual(rows);
  });

  it('shows a lost update as a difference', () => {
    const { log } = rateAll([
      { conceptId: 'c001', rating: 'good', nowMs: START_MS },
      { conceptId: 'c001', rating: 'good', nowMs: START_MS + 600_000 },
    ]);
    // Both ratings computed from the empty state, as a lost update would do.
    const lost = computeRating(
      { concept: CONCEPTS.c001, rating: 'good', source: 'review', nowMs: START_MS + 600_000 },
      new Map(),
    ).progress[0];
    expect(replayReviewLog(log).get('c001')).not.toEqual(lost);
  });

  it('rejects a credit entry that no longer applies', () => {
    const entry: ReviewLogEntry = {
      conceptId: 'c001',
      rating: 'good',
      source: 'graph-credit',
      reviewedAtMs: START_MS,
      detail: {
        kind: 'credit',
        fromConceptId: 'c003',
        effect: 'extend',
        shiftDays: 1,
        dueBeforeMs: START_MS,
        dueAfterMs: START_MS + DAY_MS,
      },
    };
    expect(() => replayReviewLog([entry])).toThrow(/does not apply to c001/);
  });
});
