import { UnrecoverableError } from 'bullmq';

/**
 * Thrown by a handler for input that can never succeed: the job fails at once instead of
 * retrying. BullMQ recognises it by name, and so does the in-process queue.
 */
export { UnrecoverableError };

/** A queue failure with a stable `code`. */
export class QueueError extends Error {
  constructor(
    readonly code:
      | 'UNKNOWN_JOB_KIND'
      | 'INVALID_JOB_PAYLOAD'
      | 'JOB_NOT_FOUND'
      | 'QUEUE_UNAVAILABLE'
      | 'QUEUE_TIMEOUT'
      | 'QUEUE_CLOSED',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'QueueError';
  }
}

export class UnknownJobKindError extends QueueError {
  constructor(
    readonly kind: string,
    knownKinds: string[],
  ) {
    super(
      'UNKNOWN_JOB_KIND',
      `unknown job kind "${kind}": expected one of ${knownKinds.join(', ') || '(none registered)'}`,
    );
  }
}

export class InvalidJobPayloadError extends QueueError {
  constructor(
    readonly kind: string,
    readonly field: string,
    detail: string,
  ) {
    super('INVALID_JOB_PAYLOAD', `invalid payload for job kind "${kind}": ${field}: ${detail}`);
  }
}

export class JobNotFoundError extends QueueError {
  constructor(readonly jobId: string) {
    super('JOB_NOT_FOUND', `no job with id "${jobId}"`);
  }
}

/** Raised when Redis contains, or may contain, the job but cannot be reached. Retry later. */
export class QueueUnavailableError extends QueueError {
  constructor(message: string, cause?: unknown) {
    super('QUEUE_UNAVAILABLE', message, { cause });
  }
}

export class QueueTimeoutError extends QueueError {
  constructor(
    readonly jobId: string,
    timeoutMs: number,
  ) {
    super('QUEUE_TIMEOUT', `job "${jobId}" did not finish within ${timeoutMs} ms`);
  }
}

export class QueueClosedError extends QueueError {
  constructor() {
    super('QUEUE_CLOSED', 'the job queue is closed; create a new one to enqueue jobs');
  }
}

/** Returns whether an error requests that the job fail without further attempts. */
export function isUnrecoverable(error: unknown): boolean {
  return (
    error instanceof UnrecoverableError ||
    (error instanceof Error && error.name === 'UnrecoverableError')
  );
}

/** Returns the message to store for a failed attempt. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
