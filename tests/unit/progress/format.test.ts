import { describe, expect, it } from 'vitest';

import { formatInterval } from '@/lib/progress/format';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

describe('formatInterval', () => {
  it.each([
    [30_000, 'under a minute'],
    [MINUTE_MS, '1 min'],
    [10 * MINUTE_MS, '10 min'],
    [5 * 60 * MINUTE_MS, '5 h'],
    [DAY_MS, '1 day'],
    [13 * DAY_MS, '13 days'],
    [90 * DAY_MS, '3 months'],
    [438 * DAY_MS, '1.2 years'],
  ])('formats %i ms as %s', (spanMs, text) => {
    expect(formatInterval(0, spanMs)).toBe(text);
  });
});
