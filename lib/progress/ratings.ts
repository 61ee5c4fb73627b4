/**
 * Mapping from quiz answers on a lesson card to one FSRS rating for the card's concept.
 * Quizzes never give `easy`: that rating is left to the learner's own judgement.
 */

import type { RatingName } from './types';

/** Tries a learner gets per question before the quiz shows the right option. */
export const MAX_QUIZ_TRIES = 2;

/** One answered quiz question. */
export interface QuizAnswer {
  /** Whether the learner found the right option within `MAX_QUIZ_TRIES` tries. */
  correct: boolean;
  /** Options chosen, the right one included, from 1 to `MAX_QUIZ_TRIES`. */
  attempts: number;
  /** Whether the learner asked for a hint before answering. */
  hintUsed: boolean;
}

const GRADE_OF: Readonly<Record<RatingName, number>> = { again: 1, hard: 2, good: 3, easy: 4 };
const RATING_OF_GRADE: readonly RatingName[] = ['again', 'again', 'hard', 'good', 'easy'];

/**
 * Returns the rating of one answer: wrong is `again`; right after a hint or at a second try is
 * `hard`; right at the first try without a hint is `good`.
 */
export function ratingForAnswer(answer: QuizAnswer): RatingName {
  if (!answer.correct) return 'again';
  if (answer.hintUsed || answer.attempts > 1) return 'hard';
  return 'good';
}

/** A card's quiz outcome: one rating for the concept and the quiz score. */
export interface QuizOutcome {
  rating: RatingName;
  /** Share of questions answered right at the first try without a hint, 0 to 1. */
  score: number;
}

/**
 * Returns one rating for a card's whole quiz: the mean of the answers' FSRS grades (again 1,
 * hard 2, good 3), rounded down. Three right answers and one wrong one give `hard`; two wrong
 * answers out of four give `hard`; three wrong out of four give `again`.
 * @throws RangeError when `answers` is empty.
 */
export function ratingForQuiz(answers: readonly QuizAnswer[]): QuizOutcome {
  if (answers.length === 0) throw new RangeError('a quiz outcome needs at least one answer');
  const ratings = answers.map(ratingForAnswer);
  const gradeSum = ratings.reduce((sum, rating) => sum + GRADE_OF[rating], 0);
  const meanGrade = Math.floor(gradeSum / ratings.length);
  const firstTry = ratings.filter((rating) => rating === 'good').length;
  return { rating: RATING_OF_GRADE[meanGrade], score: firstTry / answers.length };
}

/** Returns the FSRS grade of a rating: again 1, hard 2, good 3, easy 4. */
export function gradeOf(rating: RatingName): number {
  return GRADE_OF[rating];
}

/** Returns the rating of an FSRS grade from 1 to 4. @throws RangeError for any other number. */
export function ratingOfGrade(grade: number): RatingName {
  if (!Number.isInteger(grade) || grade < 1 || grade > 4) {
    throw new RangeError(`invalid rating grade ${grade}: expected a whole number from 1 to 4`);
  }
  return RATING_OF_GRADE[grade];
}
