import type { Logger } from 'pino';

import { UnrecoverableError } from './errors';
import type { JobRegistry } from './registry';
import type { JobContext, JobResult } from './types';

/** One attempt at a job, as either queue hands it over. */
export interface JobAttempt {
  jobId: string;
  kind: string;
  payload: unknown;
  /** 1-based number of this attempt. */
  attempt: number;
  maxAttempts: number;
  signal: AbortSignal;
  /** Stores a whole percent that `toPercent` has already clamped. */
  storeProgress(percent: number): Promise<void>;
}

/**
 * Runs one attempt of a job with its kind's handler and returns the handler's result.
 * @throws UnrecoverableError when the kind is unknown or has no handler, or when the payload or
 * the result is malformed. Another attempt cannot fix any of those.
 * @throws whatever the handler throws, in every other case.
 */
export async function executeJob(
  registry: JobRegistry,
  attempt: JobAttempt,
  logger: Logger,
): Promise<JobResult> {
  const { jobId, kind } = attempt;
  const definition = registry.get(kind);
  if (!definition) {
    throw new UnrecoverableError(
      `unknown job kind "${kind}": this process registers ${registry.names().join(', ') || 'no kinds'}; run the same version of the app and the worker`,
    );
  }
  if (!definition.handler) {
    throw new UnrecoverableError(
      `no handler registered for job kind "${kind}": this version of the app cannot run ${kind} jobs yet`,
    );
  }
  const parsed = definition.payloadSchema.safeParse(attempt.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UnrecoverableError(
      `invalid payload for job kind "${kind}": ${issue.path.join('.') || 'payload'}: ${issue.message}`,
    );
  }

  const context: JobContext = {
    jobId,
    kind,
    attempt: attempt.attempt,
    maxAttempts: attempt.maxAttempts,
    logger: logger.child({ jobId, kind }),
    signal: attempt.signal,
    reportProgress: (percent) => attempt.storeProgress(toPercent(percent)),
  };
  const result = await definition.handler(parsed.data, context);
  return checkResult(kind, result);
}

/** Clamps a progress report to a whole percent from 0 to 100; NaN counts as 0. */
export function toPercent(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.round(Math.min(100, Math.max(0, value)));
}

function checkResult(kind: string, result: unknown): JobResult {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    throw new UnrecoverableError(
      `the ${kind} handler returned ${describe(result)}: expected an object such as { url: '/lessons/<id>' }`,
    );
  }
  const { url, data } = result as JobResult;
  if (url !== undefined && (typeof url !== 'string' || !url.startsWith('/'))) {
    throw new UnrecoverableError(
      `the ${kind} handler returned url ${JSON.stringify(url)}: expected a site-relative path starting with "/"`,
    );
  }
  const checked: JobResult = {};
  if (url !== undefined) checked.url = url;
  if (data !== undefined) checked.data = data;
  return checked;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'undefined' ? 'nothing' : `a ${typeof value}`;
}
