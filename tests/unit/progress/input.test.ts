import { describe, expect, it } from 'vitest';

import {
  dueQuerySchema,
  learnerKeySchema,
  rateRequestSchema,
  summaryQuerySchema,
} from '@/lib/progress/input';
import { ApiError, parseWith } from '@/lib/server/http';

function rejection(schema: Parameters<typeof parseWith>[0], value: unknown): ApiError {
  try {
    parseWith(schema, value);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the value to be rejected');
}

describe('rateRequestSchema', () => {
  it('accepts a review, a self-grade and a quiz', () => {
    expect(
      parseWith(rateRequestSchema, { source: 'review', conceptId: 'c014', rating: 'good' }),
    ).toEqual({
      source: 'review',
      conceptId: 'c014',
      rating: 'good',
    });
    expect(
      parseWith(rateRequestSchema, { source: 'self-grade', conceptId: 'c014', rating: 'easy' })
        .source,
    ).toBe('self-grade');
    const quiz = parseWith(rateRequestSchema, {
      source: 'quiz',
      conceptId: 'c014',
      answers: [{ correct: true, attempts: 1, hintUsed: false }],
    });
    expect(quiz.source).toBe('quiz');
    if (quiz.source !== 'quiz') return;
    expect(quiz.answers).toHaveLength(1);
  });

  it.each([
    [
      'an unknown rating',
      { source: 'review', conceptId: 'c014', rating: 'perfect' },
      'rating',
      /one of again, hard, good, easy/,
    ],
    ['a missing rating', { source: 'review', conceptId: 'c014' }, 'rating', /got nothing/],
    [
      'an unknown source',
      { source: 'import', conceptId: 'c014', rating: 'good' },
      'source',
      /one of review, self-grade, quiz/,
    ],
    [
      'a bad concept id',
      { source: 'review', conceptId: '../etc', rating: 'good' },
      'conceptId',
      /concept id/,
    ],
    [
      'no answers',
      { source: 'quiz', conceptId: 'c014', answers: [] },
      'answers',
      /at least one answer/,
    ],
    [
      'a third try',
      {
        source: 'quiz',
        conceptId: 'c014',
        answers: [{ correct: true, attempts: 3, hintUsed: false }],
      },
      'answers.0.attempts',
      /at most 2/,
    ],
  ])('rejects %s naming the field', (_case, body, field, message) => {
    const error = rejection(rateRequestSchema, body);
    expect(error.status).toBe(400);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });
});

describe('learnerKeySchema', () => {
  it('accepts a random UUID and rejects other text', () => {
    expect(learnerKeySchema.safeParse(crypto.randomUUID()).success).toBe(true);
    const result = learnerKeySchema.safeParse('alice');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toMatch(/x-learner-key must be a UUID.*got "alice"/);
  });

  it('lowercases an uppercase or mixed-case key', () => {
    const key = '0b0e6a5c-6f1e-4c5e-9d53-2f7a9a1c3b10';
    expect(learnerKeySchema.parse(key.toUpperCase())).toBe(key);
    expect(learnerKeySchema.parse('0B0e6A5c-6F1E-4c5e-9D53-2f7A9a1C3b10')).toBe(key);
  });
});

describe('query schemas', () => {
  it('defaults and bounds the due card limit', () => {
    expect(parseWith(dueQuerySchema, {}).limit).toBe(50);
    expect(parseWith(dueQuerySchema, { limit: '7' }).limit).toBe(7);
    expect(rejection(dueQuerySchema, { limit: '500' }).message).toMatch(/from 1 to 100, got "500"/);
  });

  it('bounds the UTC offset', () => {
    expect(parseWith(summaryQuerySchema, { utcOffsetMinutes: '-300' }).utcOffsetMinutes).toBe(-300);
    expect(rejection(summaryQuerySchema, { utcOffsetMinutes: '9999' }).field).toBe(
      'utcOffsetMinutes',
    );
  });
});
