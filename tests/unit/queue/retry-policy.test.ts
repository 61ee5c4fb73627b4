import { describe, expect, it } from 'vitest';

import { DEFAULT_RETRY_POLICY, hasAttemptsLeft, retryDelayMs } from '@/lib/queue/retry-policy';

describe('retryDelayMs', () => {
  const policy = { attempts: 8, backoffBaseMs: 1_000, backoffMaxMs: 10_000 };

  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [4, 8_000],
    [5, 10_000],
    [7, 10_000],
  ])('waits the right time after %i failed attempts', (failedAttempts, expectedMs) => {
    expect(retryDelayMs(failedAttempts, policy)).toBe(expectedMs);
  });

  it('gives up about 30 s after the first failure by default', () => {
    const totalMs = [1, 2, 3, 4]
      .map((failed) => retryDelayMs(failed, DEFAULT_RETRY_POLICY))
      .reduce((sum, ms) => sum + ms, 0);
    expect(totalMs).toBe(30_000);
    expect(hasAttemptsLeft(4, DEFAULT_RETRY_POLICY)).toBe(true);
    expect(hasAttemptsLeft(5, DEFAULT_RETRY_POLICY)).toBe(false);
  });
});
