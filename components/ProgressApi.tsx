'use client';

/**
 * Browser side of the progress API: the learner key kept in localStorage and fetch helpers
 * that send it in the `x-learner-key` header. Shared by the review page, the progress page, the
 * quiz and the self-grading buttons.
 */

import { LEARNER_KEY_HEADER, LEARNER_KEY_STORAGE } from '@/lib/progress/learner-key';

/**
 * An RFC 9562 UUID (versions 1 to 8, or the nil and max UUIDs), the form the progress routes
 * accept in the learner key header.
 */
const UUID_PATTERN =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|0{8}-0{4}-0{4}-0{4}-0{12}|f{8}-f{4}-f{4}-f{4}-f{12})$/;

/** Returns the stored value as a lowercase learner key, or undefined when blank or no UUID. */
function parseStoredKey(value: string | null): string | undefined {
  const key = value?.trim().toLowerCase();
  return key !== undefined && UUID_PATTERN.test(key) ? key : undefined;
}

/**
 * Returns this browser's learner key, or undefined when localStorage is unavailable (progress
 * then cannot be kept). A missing, blank or non-UUID stored value is replaced by a new random
 * UUID, and an uppercase one is stored again in lowercase.
 */
export function ensureLearnerKey(): string | undefined {
  try {
    const stored = window.localStorage.getItem(LEARNER_KEY_STORAGE);
    const key = parseStoredKey(stored) ?? crypto.randomUUID();
    if (key !== stored) window.localStorage.setItem(LEARNER_KEY_STORAGE, key);
    return key;
  } catch {
    // Storage can be disabled (private modes, blocked cookies); callers show that progress is off.
    return undefined;
  }
}

/**
 * Returns this browser's learner key if it has a valid one, without creating or changing it, so
 * that a page that only reads progress does not start a learner record. A blank or non-UUID
 * stored value counts as no key.
 */
export function storedLearnerKey(): string | undefined {
  try {
    return parseStoredKey(window.localStorage.getItem(LEARNER_KEY_STORAGE));
  } catch {
    return undefined;
  }
}

/** An API error as the routes send it, with the HTTP status. */
export class ProgressApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ProgressApiError';
  }
}

/**
 * Calls a progress or review route with the learner key and returns the parsed JSON body.
 * @throws ProgressApiError with the server's message when the response status is not 2xx, or when
 * there is no learner key.
 */
export async function progressFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  const key = ensureLearnerKey();
  if (key === undefined) {
    throw new ProgressApiError(0, 'this browser blocks localStorage, so progress cannot be kept');
  }
  const headers = new Headers(init.headers);
  headers.set(LEARNER_KEY_HEADER, key);
  const response = await fetch(path, { ...init, headers, cache: 'no-store' });
  const body = (await response.json().catch(() => undefined)) as
    (T & { error?: { message?: string; field?: string } }) | undefined;
  if (!response.ok) {
    const message = body?.error?.message ?? `the server responded with HTTP ${response.status}`;
    throw new ProgressApiError(response.status, message, body?.error?.field);
  }
  return body as T;
}

/** Posts a JSON body to a progress or review route; see `progressFetch`. */
export function progressPost<T>(path: string, body: unknown): Promise<T> {
  return progressFetch<T>(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
