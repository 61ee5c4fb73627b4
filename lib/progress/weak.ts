/**
 * Weak concepts: the ones a learner reviews poorly. They are listed on the progress page and
 * raise a concept's rank in the next lesson when the problem makes it relevant.
 *
 * A concept is weak when any of these is true at `now`:
 * - `lapses`: the learner forgot it (rated again while in review) at least twice and it is not
 *   mastered;
 * - `low-retrievability`: its FSRS recall probability has fallen below 0.8, well under the 0.9
 *   the schedule aims for, so the review is overdue;
 * - `recent-again-or-hard`: its last own rating was again or hard, less than 14 days ago.
 */

import { retrievability, DAY_MS } from './scheduler';
import type { ConceptProgress } from './types';

/** Lapses from which a concept that is not mastered counts as weak. */
export const WEAK_MIN_LAPSES = 2;
/** Recall probability below which a reviewed concept counts as weak. */
export const WEAK_MAX_RETRIEVABILITY = 0.8;
/** Days for which a last rating of again or hard keeps a concept weak. */
export const WEAK_RECENT_DAYS = 14;

export type WeakReason = 'lapses' | 'low-retrievability' | 'recent-again-or-hard';

export interface WeakConcept {
  conceptId: string;
  reasons: WeakReason[];
  /** Recall probability at `now`, 0 to 1. */
  retrievability: number;
  lapses: number;
}

/**
 * Returns the learner's weak concepts at `nowMs`, most reasons first, then lowest recall
 * probability, then by id.
 */
export function findWeakConcepts(
  progress: readonly ConceptProgress[],
  nowMs: number,
): WeakConcept[] {
  const weak: WeakConcept[] = [];
  for (const row of progress) {
    const { card } = row;
    if (card.reps === 0) continue;
    const recall = retrievability(card, nowMs);
    const reasons: WeakReason[] = [];
    if (card.lapses >= WEAK_MIN_LAPSES && row.status !== 'mastered') reasons.push('lapses');
    if (recall < WEAK_MAX_RETRIEVABILITY) reasons.push('low-retrievability');
    if (ratedAgainOrHardRecently(row, nowMs)) reasons.push('recent-again-or-hard');
    if (reasons.length > 0) {
      weak.push({ conceptId: row.conceptId, reasons, retrievability: recall, lapses: card.lapses });
    }
  }
  return weak.sort(
    (a, b) =>
      b.reasons.length - a.reasons.length ||
      a.retrievability - b.retrievability ||
      (a.conceptId < b.conceptId ? -1 : 1),
  );
}

/** Weak and mastered concept ids, as lesson generation takes them. */
export interface LearnerProgressContext {
  weakConceptIds: string[];
  /** Mastered concepts that are not weak at `nowMs`. */
  masteredConceptIds: string[];
}

/** Returns the weak and mastered concept ids, sorted, that lesson selection takes. */
export function learnerContext(
  progress: readonly ConceptProgress[],
  nowMs: number,
): LearnerProgressContext {
  const weakConceptIds = findWeakConcepts(progress, nowMs)
    .map((entry) => entry.conceptId)
    .sort();
  const weak = new Set(weakConceptIds);
  const masteredConceptIds = progress
    .filter((row) => row.status === 'mastered' && !weak.has(row.conceptId))
    .map((row) => row.conceptId)
    .sort();
  return { weakConceptIds, masteredConceptIds };
}

function ratedAgainOrHardRecently(row: ConceptProgress, nowMs: number): boolean {
  const { lastRating, lastReviewMs } = row.card;
  if (lastReviewMs === null) return false;
  if (lastRating !== 'again' && lastRating !== 'hard') return false;
  return nowMs - lastReviewMs < WEAK_RECENT_DAYS * DAY_MS;
}
