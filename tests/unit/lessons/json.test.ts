import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { generateLesson } from '@/lib/lessons/generate';
import { lessonJsonBytes } from '@/lib/lessons/json';

import { catalogue, NOW, seedExamples } from './fixtures';

/** The reference: the bytes `JSON.stringify` gives, which `lessonJsonBytes` must equal. */
function stringifiedBytes(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('hex');
}

function lessonJsonHex(value: object): string {
  return Buffer.from(lessonJsonBytes(value)).toString('hex');
}

const LONG = 'x'.repeat(2_000);

describe('lessonJsonBytes', () => {
  it.each(seedExamples.map((example) => [example.name, example] as const))(
    'equals JSON.stringify for the %s lesson',
    (_name, example) => {
      const lesson = generateLesson(
        { problem: example.problem, constraints: example.constraints },
        { concepts: catalogue, now: NOW, id: 'lesson-json' },
      );
      expect(lessonJsonHex(lesson)).toBe(stringifiedBytes(lesson));
      // The second call reads bodies and diagrams from the cache.
      expect(lessonJsonHex(lesson)).toBe(stringifiedBytes(lesson));
    },
  );

  it.each([
    ['quotes and backslashes', `"quoted" \\ back\\slash ${LONG}`],
    ['non-ASCII text', `≈ 2× bandwidth, 中文, emoji 🚀 ${LONG}`],
    ['a lone surrogate', `broken \ud800 pair ${LONG}`],
    ['control characters', `tab\tnew\nline\u0001 ${LONG}`],
    ['a closing script tag', `</script><script>alert(1)</script> ${LONG}`],
  ])('escapes %s in a cached body like JSON.stringify', (_label, body) => {
    const lesson = {
      id: 'l',
      cards: [{ conceptId: 'c', back: { body, applied: '', diagrams: [body, 'short'] } }],
    };
    expect(lessonJsonHex(lesson)).toBe(stringifiedBytes(lesson));
  });

  it('skips undefined and function values as JSON.stringify does', () => {
    const lesson = {
      id: 'l',
      skipped: undefined,
      method: () => 1,
      cards: [
        { conceptId: 'c', extra: undefined, back: { body: LONG, diagrams: [], note: undefined } },
        null,
        'not a card',
      ],
    };
    expect(lessonJsonHex(lesson)).toBe(stringifiedBytes(lesson));
  });

  it('equals JSON.stringify for any card-shaped object', () => {
    const text = fc.oneof(fc.string(), fc.string({ minLength: 1_024, maxLength: 3_000 }));
    const card = fc.record({
      conceptId: text,
      position: fc.integer(),
      back: fc.record({ body: text, applied: text, diagrams: fc.array(text, { maxLength: 3 }) }),
      quiz: fc.array(fc.jsonValue(), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.record({ id: text, cards: fc.array(card, { maxLength: 3 }) }), (lesson) => {
        expect(lessonJsonHex(lesson)).toBe(stringifiedBytes(lesson));
      }),
      { numRuns: 200 },
    );
  });
});
