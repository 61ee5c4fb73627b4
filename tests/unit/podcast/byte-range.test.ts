import { describe, expect, it } from 'vitest';

import { parseByteRange } from '@/lib/podcast/byte-range';

describe('parseByteRange', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100, end: 999 }],
    ['bytes=-200', { start: 800, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=900-5000', { start: 900, end: 999 }],
    ['BYTES = 1 - 2', { start: 1, end: 2 }],
  ])('reads %s of 1000 bytes', (header, expected) => {
    expect(parseByteRange(header, 1000)).toEqual(expected);
  });

  it.each([['bytes=1000-'], ['bytes=5000-6000'], ['bytes=-0']])(
    'finds %s unsatisfiable',
    (header) => {
      expect(parseByteRange(header, 1000)).toBe('unsatisfiable');
    },
  );

  it.each([[null], ['items=0-1'], ['bytes=0-1,5-9'], ['bytes=-'], ['bytes=9-2'], ['nonsense']])(
    'serves everything for %s',
    (header) => {
      expect(parseByteRange(header, 1000)).toBeUndefined();
    },
  );
});
