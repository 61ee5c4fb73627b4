import type { z } from 'zod';

import { InvalidJobPayloadError, UnknownJobKindError } from './errors';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import type { JobHandler, JobPayload } from './types';

/** A job kind as its owner declares it. */
export interface JobKindDefinition<P extends JobPayload = JobPayload> {
  /** Lowercase name such as `podcast`; it is the BullMQ job name and starts every job id. */
  kind: string;
  /** Schema that every payload of this kind must pass, when enqueued and again when run. */
  payloadSchema: z.ZodType<P>;
  /** Absent until the feature that does the work registers it; such jobs fail at once. */
  handler?: JobHandler<P>;
  /** Overrides of `DEFAULT_RETRY_POLICY`. */
  retry?: Partial<RetryPolicy>;
}

/** A kind as the queues use it, with its retry policy resolved. */
export interface RegisteredJobKind {
  kind: string;
  payloadSchema: z.ZodType<JobPayload>;
  handler?: JobHandler<JobPayload>;
  retry: RetryPolicy;
}

/** Kind names: lowercase words joined by hyphens, at most 40 characters. */
const KIND_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const MAX_KIND_NAME_LENGTH = 40;

/**
 * Job kinds registered in one process. The web process and the worker process must register the
 * same kinds, because either may enqueue a job that the other runs.
 */
export class JobRegistry {
  private readonly kinds = new Map<string, RegisteredJobKind>();

  /** Adds a kind. @throws Error when the name is malformed or already taken. */
  define<P extends JobPayload>(definition: JobKindDefinition<P>): this {
    const { kind } = definition;
    if (!KIND_NAME.test(kind) || kind.length > MAX_KIND_NAME_LENGTH) {
      throw new Error(
        `invalid job kind "${kind}": expected lowercase words joined by hyphens, at most ${MAX_KIND_NAME_LENGTH} characters`,
      );
    }
    if (this.kinds.has(kind)) throw new Error(`job kind "${kind}" is already defined`);

    const retry = { ...DEFAULT_RETRY_POLICY, ...definition.retry };
    if (!Number.isInteger(retry.attempts) || retry.attempts < 1) {
      throw new Error(
        `invalid retry.attempts ${retry.attempts} for job kind "${kind}": expected a whole number of at least 1`,
      );
    }
    this.kinds.set(kind, {
      kind,
      // The schema and the handler are only ever called with payloads this schema produced.
      payloadSchema: definition.payloadSchema as unknown as z.ZodType<JobPayload>,
      handler: definition.handler as JobHandler<JobPayload> | undefined,
      retry,
    });
    return this;
  }

  /** Sets the handler of a defined kind. @throws UnknownJobKindError for an undefined kind. */
  setHandler<P extends JobPayload>(kind: string, handler: JobHandler<P>): this {
    const registered = this.require(kind);
    registered.handler = handler as unknown as JobHandler<JobPayload>;
    return this;
  }

  get(kind: string): RegisteredJobKind | undefined {
    return this.kinds.get(kind);
  }

  /** @throws UnknownJobKindError naming the known kinds. */
  require(kind: string): RegisteredJobKind {
    const registered = this.kinds.get(kind);
    if (!registered) throw new UnknownJobKindError(kind, this.names());
    return registered;
  }

  names(): string[] {
    return [...this.kinds.keys()];
  }

  /**
   * Parses a payload with its kind's schema.
   * @throws UnknownJobKindError, or InvalidJobPayloadError naming the first invalid field.
   */
  parsePayload(kind: string, payload: unknown): JobPayload {
    const { payloadSchema } = this.require(kind);
    const result = payloadSchema.safeParse(payload);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    throw new InvalidJobPayloadError(kind, issue.path.join('.') || 'payload', issue.message);
  }
}
