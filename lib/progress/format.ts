/** Human-readable schedule times for the review and progress pages. */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * Formats the time from `fromMs` to `toMs` as a short interval that reads after "in": "under a
 * minute", "10 min", "5 h", "2 days", "3 months" (30-day months), "1.2 years" (365-day years).
 */
export function formatInterval(fromMs: number, toMs: number): string {
  const spanMs = toMs - fromMs;
  if (spanMs < MINUTE_MS) return 'under a minute';
  if (spanMs < HOUR_MS) return `${Math.round(spanMs / MINUTE_MS)} min`;
  if (spanMs < DAY_MS) return `${Math.round(spanMs / HOUR_MS)} h`;
  const days = Math.round(spanMs / DAY_MS);
  if (days < 60) return days === 1 ? '1 day' : `${days} days`;
  if (days < 365) return `${Math.round(days / 30)} months`;
  return `${(days / 365).toFixed(1)} years`;
}
