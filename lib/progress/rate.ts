/**
 * One rating of a concept: the FSRS review of its card, the graph credit for its direct
 * prerequisites, and the review log entries that record both. Replaying those entries with
 * `applyLogEntry` gives back exactly the rows written, which is what `replay.ts` relies on.
 */

import type { Level } from '../knowledge/types';
import { applyCredit, creditEffect } from './graph-credit';
import { newCardState, reviewCard } from './scheduler';
import { progressStatus } from './status';
import type {
  CardState,
  ConceptProgress,
  LearnerSource,
  ProgressChange,
  RatingName,
  ReviewLogEntry,
} from './types';

/** Quiz scores kept per concept; older ones are dropped. */
export const MAX_STORED_SCORES = 20;

/** The concept being rated, as far as the rating needs it. */
export interface RatedConcept {
  id: string;
  level: Level;
  prereqIds: readonly string[];
}

export interface RatingRequest {
  concept: RatedConcept;
  rating: RatingName;
  source: LearnerSource;
  /** Quiz score (0 to 1) that comes with a quiz rating. */
  quizScore?: number;
  /** When the learner rated, in epoch ms. */
  nowMs: number;
}

/**
 * Returns the ids whose rows a rating reads and writes: the concept, then its direct
 * prerequisites.
 */
export function lockedConceptIds(concept: RatedConcept): string[] {
  return [concept.id, ...concept.prereqIds.filter((id) => id !== concept.id)];
}

/**
 * Computes the rows a rating writes from the learner's current rows. The review time is
 * `nowMs`, or the card's last review time when that is later (a request that waited for a lock
 * behind a later one), so that review times never go backwards and the log replays in order.
 */
export function computeRating(
  request: RatingRequest,
  current: ReadonlyMap<string, ConceptProgress>,
): ProgressChange {
  const { concept, rating } = request;
  const previous = current.get(concept.id);
  const reviewedAtMs = Math.max(request.nowMs, previous?.card.lastReviewMs ?? request.nowMs);

  const reviewEntry = buildReviewEntry(request, previous, reviewedAtMs);
  const progress: ConceptProgress[] = [applyLogEntry(previous, reviewEntry)];
  const logs: ReviewLogEntry[] = [reviewEntry];

  const effect = creditEffect(concept.level, rating);
  if (effect !== undefined) {
    for (const prereqId of concept.prereqIds) {
      if (prereqId === concept.id) continue;
      const stored = current.get(prereqId);
      const credit = applyCredit(stored?.card, effect, concept.id, reviewedAtMs);
      if (credit === undefined) continue;
      const entry: ReviewLogEntry = {
        conceptId: prereqId,
        rating,
        source: 'graph-credit',
        reviewedAtMs,
        detail: credit.detail,
      };
      progress.push(applyLogEntry(stored, entry));
      logs.push(entry);
    }
  }
  return { progress, logs };
}

/**
 * Returns a concept's progress after one log entry (undefined `previous` means no card yet).
 * An own review goes through FSRS; a credit entry is applied by the graph credit rule.
 * @throws Error when a credit entry no longer applies to the card, which means the log and
 * the rows disagree.
 */
export function applyLogEntry(
  previous: ConceptProgress | undefined,
  entry: ReviewLogEntry,
): ConceptProgress {
  const scores = [...(previous?.scores ?? [])];
  let card: CardState;

  if (entry.detail.kind === 'review') {
    const before = previous?.card ?? newCardState(entry.reviewedAtMs);
    card = reviewCard(before, entry.rating, entry.reviewedAtMs).card;
    if (entry.detail.quizScore !== undefined) scores.push(entry.detail.quizScore);
  } else {
    const { effect, fromConceptId } = entry.detail;
    const credit = applyCredit(previous?.card, effect, fromConceptId, entry.reviewedAtMs);
    if (credit === undefined) {
      throw new Error(
        `graph credit (${effect}) from ${fromConceptId} does not apply to ${entry.conceptId} at ${new Date(entry.reviewedAtMs).toISOString()}`,
      );
    }
    card = credit.card;
  }

  return {
    conceptId: entry.conceptId,
    card,
    status: progressStatus(card),
    scores: scores.slice(-MAX_STORED_SCORES),
    updatedAtMs: entry.reviewedAtMs,
  };
}

function buildReviewEntry(
  request: RatingRequest,
  previous: ConceptProgress | undefined,
  reviewedAtMs: number,
): ReviewLogEntry {
  const before = previous?.card ?? newCardState(reviewedAtMs);
  const outcome = reviewCard(before, request.rating, reviewedAtMs);
  return {
    conceptId: request.concept.id,
    rating: request.rating,
    source: request.source,
    reviewedAtMs,
    detail: {
      kind: 'review',
      stateBefore: before.state,
      dueBeforeMs: before.dueMs,
      stabilityAfter: outcome.card.stability,
      difficultyAfter: outcome.card.difficulty,
      elapsedDays: outcome.elapsedDays,
      scheduledDays: outcome.card.scheduledDays,
      dueAfterMs: outcome.card.dueMs,
      ...(request.quizScore === undefined ? {} : { quizScore: request.quizScore }),
    },
  };
}
