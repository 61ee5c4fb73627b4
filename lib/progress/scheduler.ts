/**
 * FSRS scheduling through ts-fsrs with fixed parameters, so the same ratings at the same times
 * always give the same due dates. The parameters are written out here rather than taken from
 * the library's defaults, so that upgrading ts-fsrs cannot move anyone's schedule silently.
 */

import {
  fsrs,
  forgetting_curve,
  Rating,
  State,
  type Card,
  type FSRSParameters,
  type Grade,
  type RecordLogItem,
} from 'ts-fsrs';

import type { CardState, CardStateName, RatingName } from './types';

export const DAY_MS = 86_400_000;

/**
 * FSRS-6 weights w0..w20: the defaults of ts-fsrs 5.4.2, fitted by the FSRS authors on Anki
 * review logs. w0..w3 are the initial stabilities in days for again, hard, good and easy;
 * w20 is the decay of the forgetting curve.
 */
export const FSRS_WEIGHTS: readonly number[] = Object.freeze([
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835,
  0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
]);

/** Recall probability the intervals aim for when a card comes due (FSRS `request_retention`). */
export const REQUEST_RETENTION = 0.9;

/**
 * Longest interval, in days. A concept comes back at least once a year, because the facts it
 * rests on (GPU generations, library defaults, prices) drift.
 */
export const MAXIMUM_INTERVAL_DAYS = 365;

/** Short steps before a new card enters review, and before a forgotten one returns to it. */
export const LEARNING_STEPS = ['1m', '10m'] as const;
export const RELEARNING_STEPS = ['10m'] as const;

/**
 * The fixed scheduler parameters. Fuzz is off so that schedules are reproducible; short-term
 * learning steps are on, as in Anki.
 */
export const FSRS_PARAMETERS: FSRSParameters = {
  w: FSRS_WEIGHTS,
  request_retention: REQUEST_RETENTION,
  maximum_interval: MAXIMUM_INTERVAL_DAYS,
  enable_fuzz: false,
  enable_short_term: true,
  learning_steps: LEARNING_STEPS,
  relearning_steps: RELEARNING_STEPS,
};

const scheduler = fsrs(FSRS_PARAMETERS);

const GRADES: Readonly<Record<RatingName, Grade>> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

const STATE_NAMES: Readonly<Record<State, CardStateName>> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};

const STATES: Readonly<Record<CardStateName, State>> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};

/** Returns the card of a concept the learner has never reviewed, due at `atMs`. */
export function newCardState(atMs: number): CardState {
  return {
    dueMs: atMs,
    stability: 0,
    difficulty: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    state: 'new',
    lastReviewMs: null,
    lastRating: null,
    creditedDays: 0,
  };
}

/** The card after one own review, and the numbers the review log keeps. */
export interface ReviewOutcome {
  card: CardState;
  /** Whole calendar days (UTC) since the previous review, as FSRS counts them. */
  elapsedDays: number;
}

/**
 * Applies one rating at `atMs` through FSRS and returns the next card. The graph credit
 * allowance starts again, because the concept has just been reviewed on its own.
 */
export function reviewCard(card: CardState, rating: RatingName, atMs: number): ReviewOutcome {
  const item: RecordLogItem = scheduler.next(toFsrsCard(card), new Date(atMs), GRADES[rating]);
  return {
    card: {
      ...fromFsrsCard(item.card),
      lastRating: rating,
      creditedDays: 0,
    },
    elapsedDays: item.log.elapsed_days,
  };
}

/** Returns the due time each rating would give the card at `atMs`, without changing it. */
export function previewDueTimes(card: CardState, atMs: number): Record<RatingName, number> {
  const preview = scheduler.repeat(toFsrsCard(card), new Date(atMs));
  return {
    again: preview[Rating.Again].card.due.getTime(),
    hard: preview[Rating.Hard].card.due.getTime(),
    good: preview[Rating.Good].card.due.getTime(),
    easy: preview[Rating.Easy].card.due.getTime(),
  };
}

/**
 * Returns the probability of recall at `nowMs`, R(t, S) = (1 + factor · t / S)^(−w20), with t in
 * fractional days since the last review. Returns 0 for a card never reviewed.
 */
export function retrievability(card: CardState, nowMs: number): number {
  if (card.lastReviewMs === null || card.stability <= 0) return 0;
  const elapsedDays = Math.max(0, (nowMs - card.lastReviewMs) / DAY_MS);
  return forgetting_curve(FSRS_WEIGHTS, elapsedDays, card.stability);
}

function toFsrsCard(card: CardState): Card {
  return {
    due: new Date(card.dueMs),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: 0,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: STATES[card.state],
    last_review: card.lastReviewMs === null ? undefined : new Date(card.lastReviewMs),
  };
}

function fromFsrsCard(card: Card): Omit<CardState, 'lastRating' | 'creditedDays'> {
  return {
    dueMs: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: STATE_NAMES[card.state],
    lastReviewMs: card.last_review ? card.last_review.getTime() : null,
  };
}
