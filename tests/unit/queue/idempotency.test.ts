import { describe, expect, it, vi } from 'vitest';

import { isJobId, jobIdFor, produceOnce, type ResultStore } from '@/lib/queue/idempotency';

/** Returns a result store over a Map, with the insert-if-absent contract of a unique key. */
function mapStore(): ResultStore<string> & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    find: async (key) => values.get(key),
    insertIfAbsent: async (key, value) => {
      const existing = values.get(key);
      if (existing !== undefined) return { value: existing, inserted: false };
      values.set(key, value);
      return { value, inserted: true };
    },
  };
}

describe('jobIdFor', () => {
  it('derives the same id from the same kind and key', () => {
    expect(jobIdFor('podcast', 'lesson-1')).toBe(jobIdFor('podcast', 'lesson-1'));
    expect(jobIdFor('podcast', 'lesson-1')).toMatch(/^podcast-[0-9a-f]{32}$/);
  });

  it('separates kinds and keys', () => {
    expect(jobIdFor('podcast', 'lesson-1')).not.toBe(jobIdFor('export', 'lesson-1'));
    expect(jobIdFor('podcast', 'lesson-1')).not.toBe(jobIdFor('podcast', 'lesson-2'));
  });

  it('draws a fresh id without a key', () => {
    expect(jobIdFor('export')).not.toBe(jobIdFor('export'));
    expect(isJobId(jobIdFor('export'))).toBe(true);
  });
});

describe('isJobId', () => {
  it.each([
    ['podcast-0123456789abcdef0123456789abcdef', true],
    ['html-export-0123456789abcdef0123456789abcdef', true],
    ['podcast-0123456789ABCDEF0123456789ABCDEF', false],
    ['podcast-0123', false],
    ['42', false],
    ['../podcast-0123456789abcdef0123456789abcdef', false],
    ['Podcast-0123456789abcdef0123456789abcdef', false],
    [`${'a'.repeat(41)}-0123456789abcdef0123456789abcdef`, false],
  ])('accepts %s: %s', (id, expected) => {
    expect(isJobId(id)).toBe(expected);
  });
});

describe('produceOnce', () => {
  it('stores the first result', async () => {
    const store = mapStore();
    const outcome = await produceOnce(store, 'k', async () => 'audio-1');
    expect(outcome).toEqual({ value: 'audio-1', created: true });
    expect(store.values.get('k')).toBe('audio-1');
  });

  it('skips the work when a result is stored', async () => {
    const store = mapStore();
    store.values.set('k', 'audio-1');
    const produce = vi.fn(async () => 'audio-2');
    const outcome = await produceOnce(store, 'k', produce);
    expect(outcome).toEqual({ value: 'audio-1', created: false });
    expect(produce).not.toHaveBeenCalled();
  });

  it('keeps one result when two attempts race', async () => {
    const store = mapStore();
    const [first, second] = await Promise.all([
      produceOnce(store, 'k', async () => 'audio-1'),
      produceOnce(store, 'k', async () => 'audio-2'),
    ]);
    expect(store.values.size).toBe(1);
    expect(first.value).toBe(second.value);
    expect([first.created, second.created].sort()).toEqual([false, true]);
  });
});
