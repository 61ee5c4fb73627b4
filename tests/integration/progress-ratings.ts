import type { RateRequest } from '@/lib/progress/input';
import type { RateOptions } from '@/lib/server/progress';

const CONCEPT_IDS = ['c003', 'c001', 'c002'] as const;
const RATINGS = ['good', 'again', 'easy', 'hard', 'good'] as const;

/**
 * Returns the rating number `index` of the concurrency tests: the fixture catalogue's three
 * concepts in turn (c003 is advanced, so graph credit runs too) with a mix of ratings, each at
 * its own time, one second apart.
 */
export function concurrentRating(
  index: number,
  baseMs: number,
): { request: RateRequest; nowMs: number } {
  return {
    request: {
      source: 'review',
      conceptId: CONCEPT_IDS[index % CONCEPT_IDS.length],
      rating: RATINGS[index % RATINGS.length],
    },
    nowMs: baseMs + index * 1_000,
  };
}

/**
 * Options for those ratings: the repeat window is off, because ratings of one card a second
 * apart would otherwise be rejected, and these tests count stored updates.
 */
export const CONCURRENT_RATING_OPTIONS: RateOptions = { repeatWindowMs: 0 };
