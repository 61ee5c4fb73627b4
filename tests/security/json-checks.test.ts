import { describe, expect, it } from 'vitest';

import { findJsonBodyProblem, MAX_JSON_DEPTH } from '@/lib/server/json-checks';

/** Returns arrays nested `depth` deep around an empty array, as JSON.parse would build them. */
function nestedArrays(depth: number): unknown {
  return JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);
}

describe('findJsonBodyProblem', () => {
  it('accepts nesting up to the maximum depth', () => {
    expect(findJsonBodyProblem(nestedArrays(MAX_JSON_DEPTH))).toBeNull();
  });

  it('rejects one level more', () => {
    expect(findJsonBodyProblem(nestedArrays(MAX_JSON_DEPTH + 1))?.kind).toBe('too-deep');
  });

  it('rejects 100,000 levels without overflowing the stack', () => {
    // A recursive walk overflowed Node 20's default stack at 5,000 levels when measured.
    expect(findJsonBodyProblem(nestedArrays(100_000))?.kind).toBe('too-deep');
  });

  it.each([
    ['high surrogate alone', { problem: 'a\uD83D b' }, ['problem'], 'U+D83D'],
    ['low surrogate alone', { constraints: ['ok', '\uDC00'] }, ['constraints', 1], 'U+DC00'],
    ['surrogates in the wrong order', { problem: '\uDE00\uD83D' }, ['problem'], 'U+DE00'],
    ['surrogate in a key', { ['k\uD800']: 1 }, ['k\uD800'], 'U+D800'],
  ])('finds a %s', (_name, body, path, codePoint) => {
    expect(findJsonBodyProblem(body)).toEqual({ kind: 'lone-surrogate', path, codePoint });
  });

  it('accepts a surrogate pair', () => {
    expect(findJsonBodyProblem({ problem: '🚀 on 8 GPUs', constraints: ['𝕏'] })).toBeNull();
  });

  it.each([
    ['string', { problem: 'a\u0000b' }, ['problem']],
    ['key', { ['problem\u0000']: 'x' }, ['problem\u0000']],
    ['nested string', { a: [{ b: '\u0000' }] }, ['a', 0, 'b']],
  ])('finds a NUL character in a %s', (_name, body, path) => {
    expect(findJsonBodyProblem(body)).toEqual({ kind: 'nul', path });
  });

  it.each([null, 1, 'text', true, [], {}])('accepts the plain value %j', (value) => {
    expect(findJsonBodyProblem(value)).toBeNull();
  });
});
