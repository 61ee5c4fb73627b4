import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { lessonRequestSchema } from '@/lib/lessons/input';

const UUID = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

function messages(input: unknown): string[] {
  const result = lessonRequestSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('lessonRequestSchema', () => {
  it('accepts a full request and trims strings', () => {
    const parsed = lessonRequestSchema.parse({
      problem: '  Train a 7B model on 8 H100 GPUs.  ',
      constraints: ['  budget $50k ', 'finish in 2 weeks'],
      learnerKey: UUID,
    });
    expect(parsed).toEqual({
      problem: 'Train a 7B model on 8 H100 GPUs.',
      constraints: ['budget $50k', 'finish in 2 weeks'],
      learnerKey: UUID,
    });
  });

  it('lowercases an uppercase learner key', () => {
    const parsed = lessonRequestSchema.parse({
      problem: 'Train a 7B model on 8 H100 GPUs.',
      learnerKey: UUID.toUpperCase(),
    });
    expect(parsed.learnerKey).toBe(UUID);
  });

  it('accepts a problem alone', () => {
    expect(lessonRequestSchema.parse({ problem: 'Why does NCCL hang?' })).toEqual({
      problem: 'Why does NCCL hang?',
    });
  });

  it.each([
    [
      'short problem',
      { problem: 'too short' },
      'problem: problem must be 10 to 4000 characters, got 9',
    ],
    [
      'problem of spaces',
      { problem: '   abc     ' },
      'problem: problem must be 10 to 4000 characters, got 3',
    ],
    [
      'long problem',
      { problem: 'x'.repeat(4001) },
      'problem: problem must be 10 to 4000 characters, got 4001',
    ],
    ['missing problem', {}, 'problem: problem is missing: expected 10 to 4000 characters'],
    ['numeric problem', { problem: 42 }, 'problem: problem must be a string, got number'],
    [
      'thirteen constraints',
      { problem: 'Train a 7B model.', constraints: Array.from({ length: 13 }, () => 'c') },
      'constraints: constraints must have at most 12 entries, got 13',
    ],
    [
      'empty constraint',
      { problem: 'Train a 7B model.', constraints: ['ok', '  '] },
      'constraints.1: constraints[1] must be 1 to 300 characters, got 0',
    ],
    [
      'long constraint',
      { problem: 'Train a 7B model.', constraints: ['y'.repeat(301)] },
      'constraints.0: constraints[0] must be 1 to 300 characters, got 301',
    ],
    [
      'constraints not an array',
      { problem: 'Train a 7B model.', constraints: 'budget' },
      'constraints: constraints must be an array of strings, got "budget"',
    ],
    [
      'bad learner key',
      { problem: 'Train a 7B model.', learnerKey: 'abc' },
      'learnerKey: learnerKey must be a UUID, got "abc"',
    ],
    ['null body', null, ': lesson request must be an object, got null'],
  ])('rejects %s with a message naming field and limit', (_name, input, expected) => {
    expect(messages(input)).toContain(expected);
  });

  it('accepts exactly 10 and 4000 characters', () => {
    expect(messages({ problem: 'a'.repeat(10) })).toEqual([]);
    expect(messages({ problem: 'a'.repeat(4000) })).toEqual([]);
  });

  it('accepts 12 constraints of 300 characters', () => {
    expect(
      messages({
        problem: 'Train a 7B model.',
        constraints: Array.from({ length: 12 }, () => 'z'.repeat(300)),
      }),
    ).toEqual([]);
  });

  it('never throws from safeParse on any value', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = lessonRequestSchema.safeParse({
          problem: value,
          constraints: value,
          learnerKey: value,
        });
        expect(typeof result.success).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('accepts every problem whose trimmed length is 10 to 4000', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 10, maxLength: 4000 }), (problem) => {
        const trimmedLength = problem.trim().length;
        const inRange = trimmedLength >= 10 && trimmedLength <= 4000;
        expect(lessonRequestSchema.safeParse({ problem }).success).toBe(inRange);
      }),
      { numRuns: 200 },
    );
  });
});
