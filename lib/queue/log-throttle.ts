import type { Logger } from 'pino';

/** Shortest time between two log lines for the same repeated error, in ms. */
export const REPEATED_ERROR_LOG_INTERVAL_MS = 30_000;

/**
 * Returns a function that logs an error at most once per interval and counts the repeats it
 * held back, so a Redis server that stays down does not flood the log with reconnect errors.
 */
export function throttledErrorLog(
  logger: Logger,
  message: string,
  intervalMs = REPEATED_ERROR_LOG_INTERVAL_MS,
): (error: unknown) => void {
  let lastLoggedAtMs = Number.NEGATIVE_INFINITY;
  let heldBack = 0;
  return (error) => {
    const nowMs = Date.now();
    if (nowMs - lastLoggedAtMs < intervalMs) {
      heldBack += 1;
      return;
    }
    logger.error({ err: error, repeatsNotLogged: heldBack }, message);
    lastLoggedAtMs = nowMs;
    heldBack = 0;
  };
}
