/**
 * A fixed sequence of ratings at fixed times, with the schedule FSRS gives it under this
 * project's parameters (FSRS-6 default weights, retention 0.9, learning steps 1m and 10m,
 * relearning step 10m, no fuzz). The values were worked out once with an independent
 * implementation of the FSRS-6 formulas and spot-checked by hand; see scheduler.test.ts.
 */

import type { CardStateName, RatingName } from '@/lib/progress/types';

export interface FixedStep {
  rating: RatingName;
  /** When the learner rates, ISO 8601 UTC. */
  at: string;
  /** Whole UTC calendar days since the previous review. */
  elapsedDays: number;
  state: CardStateName;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  due: string;
  lapses: number;
}

/** A concept learned, reviewed, forgotten once, relearned, and reviewed late. */
export const FIXED_SEQUENCE: readonly FixedStep[] = [
  {
    rating: 'good',
    at: '2026-01-05T09:00:00.000Z',
    elapsedDays: 0,
    state: 'learning',
    stability: 2.3065,
    difficulty: 2.11810397,
    scheduledDays: 0,
    due: '2026-01-05T09:10:00.000Z',
    lapses: 0,
  },
  {
    rating: 'good',
    at: '2026-01-05T09:10:00.000Z',
    elapsedDays: 0,
    state: 'review',
    stability: 2.3065,
    difficulty: 2.11121424,
    scheduledDays: 2,
    due: '2026-01-07T09:10:00.000Z',
    lapses: 0,
  },
  {
    rating: 'good',
    at: '2026-01-07T09:10:00.000Z',
    elapsedDays: 2,
    state: 'review',
    stability: 10.97104786,
    difficulty: 2.1043314,
    scheduledDays: 11,
    due: '2026-01-18T09:10:00.000Z',
    lapses: 0,
  },
  {
    rating: 'again',
    at: '2026-01-18T09:10:00.000Z',
    elapsedDays: 11,
    state: 'relearning',
    stability: 1.5390125,
    difficulty: 7.38997579,
    scheduledDays: 0,
    due: '2026-01-18T09:20:00.000Z',
    lapses: 1,
  },
  {
    rating: 'good',
    at: '2026-01-18T09:20:00.000Z',
    elapsedDays: 0,
    state: 'review',
    stability: 1.57184156,
    difficulty: 7.37781418,
    scheduledDays: 2,
    due: '2026-01-20T09:20:00.000Z',
    lapses: 1,
  },
  {
    rating: 'hard',
    at: '2026-01-21T09:20:00.000Z',
    elapsedDays: 3,
    state: 'review',
    stability: 4.19240309,
    difficulty: 8.24449923,
    scheduledDays: 4,
    due: '2026-01-25T09:20:00.000Z',
    lapses: 1,
  },
  {
    rating: 'easy',
    at: '2026-01-25T09:20:00.000Z',
    elapsedDays: 4,
    state: 'review',
    stability: 13.06831736,
    difficulty: 7.64312105,
    scheduledDays: 13,
    due: '2026-02-07T09:20:00.000Z',
    lapses: 1,
  },
];
