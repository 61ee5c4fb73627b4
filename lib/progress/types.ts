/**
 * Types of the spaced-repetition core: one FSRS card per learner and concept, the progress row
 * that stores it, and the review log. Times are epoch milliseconds; intervals are days.
 */

/** Ratings of a review, in FSRS grade order: again is 1, easy is 4. */
export const RATING_NAMES = ['again', 'hard', 'good', 'easy'] as const;
export type RatingName = (typeof RATING_NAMES)[number];

/** Origin of a rating. `graph-credit` entries are written by the graph credit rule. */
export const REVIEW_SOURCES = ['review', 'self-grade', 'quiz', 'graph-credit'] as const;
export type ReviewSource = (typeof REVIEW_SOURCES)[number];

/** Sources a learner can send; `graph-credit` is only ever derived. */
export const LEARNER_SOURCES = ['review', 'self-grade', 'quiz'] as const;
export type LearnerSource = (typeof LEARNER_SOURCES)[number];

/** FSRS card states, as ts-fsrs names them, in lowercase. */
export const CARD_STATES = ['new', 'learning', 'review', 'relearning'] as const;
export type CardStateName = (typeof CARD_STATES)[number];

/** Progress status shown to the learner; `status.ts` defines each one. */
export const PROGRESS_STATUSES = ['new', 'learning', 'review', 'mastered'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/** FSRS memory state of one learner's card for one concept, as stored in `progress.fsrs_state`. */
export interface CardState {
  dueMs: number;
  /** FSRS stability: days until recall probability falls to 90%. 0 for a new card. */
  stability: number;
  /** FSRS difficulty, 1 to 10. 0 for a new card. */
  difficulty: number;
  /** Days from the last review to `dueMs` as the scheduler set it; 0 inside learning steps. */
  scheduledDays: number;
  /** Index of the current (re)learning step. */
  learningSteps: number;
  /** Own reviews so far; graph credit does not count. */
  reps: number;
  /** Times the card was forgotten (rated again) while in review. */
  lapses: number;
  state: CardStateName;
  lastReviewMs: number | null;
  /** Rating of the last own review, or null before the first one. */
  lastRating: RatingName | null;
  /** Days the graph credit rule has moved `dueMs` out since the last own review. */
  creditedDays: number;
}

/** A learner's progress on one concept. */
export interface ConceptProgress {
  conceptId: string;
  card: CardState;
  status: ProgressStatus;
  /** Quiz scores, oldest first: each the share of questions right at the first try, 0 to 1. */
  scores: number[];
  updatedAtMs: number;
}

/** Effect of the learner's own review, as stored in a review log entry. */
export interface ReviewDetail {
  kind: 'review';
  stateBefore: CardStateName;
  dueBeforeMs: number;
  stabilityAfter: number;
  difficultyAfter: number;
  /** Whole calendar days (UTC) since the previous review, as FSRS counts them. */
  elapsedDays: number;
  scheduledDays: number;
  dueAfterMs: number;
  /** Quiz score that came with a quiz rating, 0 to 1. */
  quizScore?: number;
}

/** Effect of the graph credit rule on a prerequisite, as stored in a review log entry. */
export interface CreditDetail {
  kind: 'credit';
  /** The advanced concept whose review triggered the credit. */
  fromConceptId: string;
  /** `extend` moves the due date out; `check` makes the concept due now. */
  effect: 'extend' | 'check';
  shiftDays: number;
  dueBeforeMs: number;
  dueAfterMs: number;
}

/** One review log entry. Replaying a learner's entries in order rebuilds every card. */
export interface ReviewLogEntry {
  conceptId: string;
  /** The own rating, or for a credit entry the rating that triggered it. */
  rating: RatingName;
  source: ReviewSource;
  reviewedAtMs: number;
  detail: ReviewDetail | CreditDetail;
}

/** Rows one rating or one import writes: progress rows to upsert and log entries to append. */
export interface ProgressChange {
  progress: ConceptProgress[];
  logs: ReviewLogEntry[];
}

/**
 * Computes a rating's change from the learner's current rows for the concepts it locked
 * (missing means the learner has no card for that concept yet). Must be pure: the repository
 * may call it again when it retries the transaction.
 */
export type ProgressCompute = (current: ReadonlyMap<string, ConceptProgress>) => ProgressChange;
