/** How often a job kind is attempted and how long it waits between attempts. */
export interface RetryPolicy {
  /** Total attempts, the first included. At least 1. */
  attempts: number;
  /** Wait before the first retry, in ms; each later retry waits twice as long as the one before. */
  backoffBaseMs: number;
  /** Maximum wait between two attempts, in ms. */
  backoffMaxMs: number;
}

/**
 * Defaults for kinds that set no policy: 5 attempts, waiting 2 s, 4 s, 8 s and 16 s between
 * them, so a job that keeps failing is given up about 30 s after its first failure.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 5,
  backoffBaseMs: 2_000,
  backoffMaxMs: 60_000,
};

/** Name of the backoff strategy the Redis worker resolves with `retryDelayMs`. */
export const CAPPED_EXPONENTIAL_BACKOFF = 'capped-exponential';

/**
 * Returns the wait in ms before the next attempt, after `failedAttempts` attempts have failed:
 * `min(backoffBaseMs * 2^(failedAttempts - 1), backoffMaxMs)`.
 */
export function retryDelayMs(failedAttempts: number, policy: RetryPolicy): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(policy.backoffBaseMs * 2 ** exponent, policy.backoffMaxMs);
}

/** Returns whether a job that has just failed its `failedAttempts`th attempt gets another. */
export function hasAttemptsLeft(failedAttempts: number, policy: RetryPolicy): boolean {
  return failedAttempts < policy.attempts;
}
