import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { ensureLearnerKey, storedLearnerKey } from '@/components/ProgressApi';
import { learnerKeySchema } from '@/lib/progress/input';
import { LEARNER_KEY_STORAGE } from '@/lib/progress/learner-key';

const KEY = '0b0e6a5c-6f1e-4c5e-9d53-2f7a9a1c3b10';

/** A localStorage stand-in that records every write. */
class MemoryStorage {
  readonly values = new Map<string, string>();
  readonly writes: [string, string][] = [];

  getItem(name: string): string | null {
    return this.values.get(name) ?? null;
  }

  setItem(name: string, value: string): void {
    this.writes.push([name, value]);
    this.values.set(name, value);
  }
}

let storage: MemoryStorage;

beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('window', { localStorage: storage });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('storedLearnerKey', () => {
  it('returns undefined without a stored key', () => {
    expect(storedLearnerKey()).toBeUndefined();
  });

  it.each([
    ['an empty value', ''],
    ['spaces', '   '],
    ['text that is no UUID', 'alice'],
    ['a UUID with a bad variant', '0b0e6a5c-6f1e-4c5e-1d53-2f7a9a1c3b10'],
  ])('treats %s as no key and stores nothing', (_case, value) => {
    storage.values.set(LEARNER_KEY_STORAGE, value);
    expect(storedLearnerKey()).toBeUndefined();
    expect(storage.writes).toEqual([]);
  });

  it('returns a stored key in lowercase', () => {
    storage.values.set(LEARNER_KEY_STORAGE, KEY.toUpperCase());
    expect(storedLearnerKey()).toBe(KEY);
  });

  it('returns undefined when localStorage throws', () => {
    vi.stubGlobal('window', {
      get localStorage(): Storage {
        throw new DOMException('blocked', 'SecurityError');
      },
    });
    expect(storedLearnerKey()).toBeUndefined();
  });
});

describe('ensureLearnerKey', () => {
  it('keeps a valid stored key without writing', () => {
    storage.values.set(LEARNER_KEY_STORAGE, KEY);
    expect(ensureLearnerKey()).toBe(KEY);
    expect(storage.writes).toEqual([]);
  });

  it.each([
    ['no value', undefined],
    ['an empty value', ''],
    ['spaces', '  '],
    ['text that is no UUID', 'alice'],
  ])('replaces %s with a new UUID', (_case, value) => {
    if (value !== undefined) storage.values.set(LEARNER_KEY_STORAGE, value);
    const key = ensureLearnerKey();
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(storage.writes).toEqual([[LEARNER_KEY_STORAGE, key]]);
    expect(ensureLearnerKey()).toBe(key);
  });

  it('stores an uppercase key again in lowercase', () => {
    storage.values.set(LEARNER_KEY_STORAGE, KEY.toUpperCase());
    expect(ensureLearnerKey()).toBe(KEY);
    expect(storage.values.get(LEARNER_KEY_STORAGE)).toBe(KEY);
  });

  it.each([
    KEY,
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '0b0e6a5c-6f1e-9c5e-9d53-2f7a9a1c3b10',
    '0b0e6a5c-6f1e-4c5e-cd53-2f7a9a1c3b10',
    '0b0e6a5c6f1e4c5e9d532f7a9a1c3b10',
  ])('keeps %s exactly when the server accepts it', (value) => {
    storage.values.set(LEARNER_KEY_STORAGE, value);
    const serverAccepts = learnerKeySchema.safeParse(value).success;
    expect(ensureLearnerKey() === value).toBe(serverAccepts);
  });
});
