/**
 * Graph credit: a review of an advanced concept also exercises its direct prerequisites, so it
 * counts as a bounded partial review of them.
 *
 * - A `good` or `easy` review of an advanced concept moves the due date of each direct
 *   prerequisite that is in review (FSRS state `review`) out by a quarter of that
 *   prerequisite's scheduled interval. The total moved since the prerequisite's own last review
 *   never exceeds half of that interval or 7 days, whichever is smaller. Prerequisites that are
 *   new or inside learning steps get nothing: there is no interval to extend yet.
 * - An `again` on an advanced concept makes each direct prerequisite due now for a check,
 *   creating a new card when the learner has none. A prerequisite that is already due keeps
 *   its due date.
 * - A `hard`, or any review of a beginner or intermediate concept, changes no prerequisite.
 *
 * Stability and difficulty never change: only the learner's own reviews feed FSRS.
 */

import type { Level } from '../knowledge/types';
import { DAY_MS, newCardState } from './scheduler';
import type { CardState, CreditDetail, RatingName } from './types';

/** Share of a prerequisite's scheduled interval that one successful review moves it out. */
export const CREDIT_STEP_SHARE = 0.25;
/** Largest share of the scheduled interval that credit may add up to between own reviews. */
export const CREDIT_MAX_SHARE = 0.5;
/** Largest total shift, in days, that credit may add up to between own reviews. */
export const CREDIT_MAX_DAYS = 7;
/** The level whose reviews give credit to prerequisites. */
export const CREDIT_LEVEL: Level = 'advanced';

/** Effect of a review on the reviewed concept's direct prerequisites. */
export type CreditEffect = CreditDetail['effect'];

/** Returns the effect a rating of a concept at `level` has on its direct prerequisites. */
export function creditEffect(level: Level, rating: RatingName): CreditEffect | undefined {
  if (level !== CREDIT_LEVEL) return undefined;
  if (rating === 'good' || rating === 'easy') return 'extend';
  if (rating === 'again') return 'check';
  return undefined;
}

/**
 * Returns the days credit may still move a card out before its next own review: the smaller
 * of half its scheduled interval and 7 days, less what earlier credit used.
 */
export function remainingCreditDays(card: CardState): number {
  const limitDays = Math.min(CREDIT_MAX_SHARE * card.scheduledDays, CREDIT_MAX_DAYS);
  return Math.max(0, limitDays - card.creditedDays);
}

/** A prerequisite's card after credit, with the log detail that records it. */
export interface CreditResult {
  card: CardState;
  detail: CreditDetail;
}

/**
 * Applies one credit effect to a prerequisite's card (undefined when the learner has none) at
 * `atMs`. Returns undefined when the rule changes nothing.
 */
export function applyCredit(
  card: CardState | undefined,
  effect: CreditEffect,
  fromConceptId: string,
  atMs: number,
): CreditResult | undefined {
  if (effect === 'check') return applyCheck(card, fromConceptId, atMs);
  if (card === undefined || card.state !== 'review') return undefined;

  const shiftDays = Math.min(CREDIT_STEP_SHARE * card.scheduledDays, remainingCreditDays(card));
  if (shiftDays <= 0) return undefined;
  const dueAfterMs = card.dueMs + Math.round(shiftDays * DAY_MS);
  return {
    card: { ...card, dueMs: dueAfterMs, creditedDays: card.creditedDays + shiftDays },
    detail: {
      kind: 'credit',
      fromConceptId,
      effect,
      shiftDays,
      dueBeforeMs: card.dueMs,
      dueAfterMs,
    },
  };
}

function applyCheck(
  card: CardState | undefined,
  fromConceptId: string,
  atMs: number,
): CreditResult | undefined {
  const before = card ?? newCardState(atMs);
  if (card !== undefined && card.dueMs <= atMs) return undefined;
  const dueBeforeMs = card === undefined ? atMs : card.dueMs;
  return {
    card: { ...before, dueMs: atMs },
    detail: {
      kind: 'credit',
      fromConceptId,
      effect: 'check',
      shiftDays: (atMs - dueBeforeMs) / DAY_MS,
      dueBeforeMs,
      dueAfterMs: atMs,
    },
  };
}
