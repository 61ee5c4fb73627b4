import { describe, expect, it } from 'vitest';

import {
  ratingForAnswer,
  ratingForQuiz,
  ratingOfGrade,
  type QuizAnswer,
} from '@/lib/progress/ratings';

const RIGHT: QuizAnswer = { correct: true, attempts: 1, hintUsed: false };
const SECOND_TRY: QuizAnswer = { correct: true, attempts: 2, hintUsed: false };
const AFTER_HINT: QuizAnswer = { correct: true, attempts: 1, hintUsed: true };
const WRONG: QuizAnswer = { correct: false, attempts: 2, hintUsed: false };

describe('ratingForAnswer', () => {
  it.each([
    ['right at the first try', RIGHT, 'good'],
    ['right at the second try', SECOND_TRY, 'hard'],
    ['right after a hint', AFTER_HINT, 'hard'],
    ['wrong', WRONG, 'again'],
    ['wrong after a hint', { ...WRONG, hintUsed: true }, 'again'],
  ] as const)('rates an answer %s as %s', (_case, answer, rating) => {
    expect(ratingForAnswer(answer)).toBe(rating);
  });
});

describe('ratingForQuiz', () => {
  it.each([
    ['four right', [RIGHT, RIGHT, RIGHT, RIGHT], 'good', 1],
    ['three right, one second try', [RIGHT, RIGHT, RIGHT, SECOND_TRY], 'hard', 0.75],
    ['three right, one wrong', [RIGHT, RIGHT, RIGHT, WRONG], 'hard', 0.75],
    ['two right, two wrong', [RIGHT, RIGHT, WRONG, WRONG], 'hard', 0.5],
    ['one right, three wrong', [RIGHT, WRONG, WRONG, WRONG], 'again', 0.25],
    ['all wrong', [WRONG, WRONG, WRONG], 'again', 0],
    ['one hint, two right', [AFTER_HINT, RIGHT, RIGHT], 'hard', 2 / 3],
  ] as const)('rates a quiz with %s', (_case, answers, rating, score) => {
    const outcome = ratingForQuiz(answers);
    expect(outcome.rating).toBe(rating);
    expect(outcome.score).toBeCloseTo(score, 12);
  });

  it('never rates a quiz easy', () => {
    expect(ratingForQuiz([RIGHT]).rating).toBe('good');
  });

  it('rejects an empty quiz', () => {
    expect(() => ratingForQuiz([])).toThrow(RangeError);
  });
});

describe('ratingOfGrade', () => {
  it('maps FSRS grades 1 to 4 to names', () => {
    expect([1, 2, 3, 4].map(ratingOfGrade)).toEqual(['again', 'hard', 'good', 'easy']);
  });

  it.each([0, 5, 2.5])('rejects grade %s', (grade) => {
    expect(() => ratingOfGrade(grade)).toThrow(/expected a whole number from 1 to 4/);
  });
});
