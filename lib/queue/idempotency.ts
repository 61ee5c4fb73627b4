import { createHash, randomUUID } from 'node:crypto';

/** Job ids: the kind, a hyphen and 32 lowercase hex digits. */
const JOB_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*-[0-9a-f]{32}$/;
/** Maximum job id length: a 40-character kind, the hyphen and 32 hex digits. */
export const MAX_JOB_ID_LENGTH = 73;
/** Maximum idempotency key length, in characters. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/**
 * Returns the id for a new job: deterministic when an idempotency key is given (the first 128
 * bits of SHA-256 over kind and key), random otherwise. Both queues use these ids, so a job
 * keeps its id whichever queue runs it.
 */
export function jobIdFor(kind: string, idempotencyKey?: string): string {
  if (idempotencyKey === undefined) return `${kind}-${randomUUID().replaceAll('-', '')}`;
  const digest = createHash('sha256').update(`${kind}\n${idempotencyKey}`).digest('hex');
  return `${kind}-${digest.slice(0, 32)}`;
}

/** Returns whether `value` has the form of a job id. */
export function isJobId(value: string): boolean {
  return value.length <= MAX_JOB_ID_LENGTH && JOB_ID.test(value);
}

/** Storage in which each key has at most one result, such as a table with a unique key. */
export interface ResultStore<T> {
  find(key: string): Promise<T | undefined>;
  /**
   * Stores `value` under `key` unless a value is there already, atomically (an insert that
   * ignores a unique-key conflict). Returns the value stored under the key afterwards.
   */
  insertIfAbsent(key: string, value: T): Promise<{ value: T; inserted: boolean }>;
}

/**
 * Runs `produce` unless `store` already contains a result for `key`, and stores its result at
 * most once. A retried job calls this with the same key, so it finds the result that its earlier
 * attempt stored and does no work. Two attempts that race both produce, but only one result is
 * kept, and both return it.
 */
export async function produceOnce<T>(
  store: ResultStore<T>,
  key: string,
  produce: () => Promise<T>,
): Promise<{ value: T; created: boolean }> {
  const existing = await store.find(key);
  if (existing !== undefined) return { value: existing, created: false };

  const produced = await produce();
  const { value, inserted } = await store.insertIfAbsent(key, produced);
  return { value, created: inserted };
}
