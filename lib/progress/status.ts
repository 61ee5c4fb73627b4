/**
 * Progress status of a card, derived from its FSRS state alone so that it never depends on
 * when it is read.
 */

import type { CardState, ProgressStatus } from './types';

/**
 * Stability, in days, from which a card in review counts as mastered: the learner is
 * expected to recall it with at least 90% probability three weeks after the last review.
 * Anki calls cards with an interval of 21 days or more "mature".
 */
export const MASTERED_MIN_STABILITY_DAYS = 21;

/**
 * Returns the status of a card:
 * - `new`: never reviewed by the learner (a prerequisite brought up for a check starts here);
 * - `learning`: inside the short learning or relearning steps (minutes apart);
 * - `review`: in review with stability below 21 days;
 * - `mastered`: in review with stability of 21 days or more.
 */
export function progressStatus(card: CardState): ProgressStatus {
  if (card.reps === 0 || card.state === 'new') return 'new';
  if (card.state === 'learning' || card.state === 'relearning') return 'learning';
  return card.stability >= MASTERED_MIN_STABILITY_DAYS ? 'mastered' : 'review';
}
