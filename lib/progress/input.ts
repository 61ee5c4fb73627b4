/**
 * Request schemas of the progress and review API, parsed once at the boundary. Every message
 * names the field, what it expects and the value it got.
 */

import { z } from 'zod';

import { describeValue } from './describe';
import { LEARNER_KEY_HEADER } from './learner-key';
import { MAX_QUIZ_TRIES } from './ratings';
import { MAX_UTC_OFFSET_MINUTES } from './summary';
import { RATING_NAMES } from './types';

/** Most quiz answers one rating may carry. */
export const MAX_QUIZ_ANSWERS = 12;
/** Most due cards one request returns. */
export const MAX_DUE_CARDS = 100;
export const DEFAULT_DUE_CARDS = 50;

/**
 * A learner key: a random UUID the browser keeps in localStorage. UUIDs compare without regard to
 * case (RFC 9562), so the parsed key is lowercase and one learner is never split over two keys.
 */
export const learnerKeySchema = z
  .uuid({
    error: (issue) =>
      `${LEARNER_KEY_HEADER} must be a UUID such as 0b0e6a5c-6f1e-4c5e-9d53-2f7a9a1c3b10, got ${describeValue(issue.input)}`,
  })
  .toLowerCase();

const conceptIdSchema = z
  .string({
    error: (issue) =>
      `conceptId must be a concept id such as "c014", got ${describeValue(issue.input)}`,
  })
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, {
    error: (issue) =>
      `conceptId must be a concept id such as "c014", got ${describeValue(issue.input)}`,
  });

const ratingSchema = z.enum(RATING_NAMES, {
  error: (issue) =>
    `rating must be one of again, hard, good, easy, got ${describeValue(issue.input)}`,
});

const quizAnswerSchema = z.object(
  {
    correct: z.boolean({
      error: (issue) => `correct must be true or false, got ${describeValue(issue.input)}`,
    }),
    attempts: z
      .number({ error: (issue) => `attempts must be a number, got ${describeValue(issue.input)}` })
      .int({ error: `attempts must be a whole number` })
      .min(1, { error: `attempts must be at least 1` })
      .max(MAX_QUIZ_TRIES, { error: `attempts must be at most ${MAX_QUIZ_TRIES}` }),
    hintUsed: z.boolean({
      error: (issue) => `hintUsed must be true or false, got ${describeValue(issue.input)}`,
    }),
  },
  {
    error: (issue) =>
      `each answer must be an object { correct, attempts, hintUsed }, got ${describeValue(issue.input)}`,
  },
);

/**
 * Body of `POST /api/review`. A review or self-grade carries the rating; a quiz carries its
 * answers, and the server maps them to one rating (see `ratingForQuiz`).
 */
export const rateRequestSchema = z.discriminatedUnion(
  'source',
  [
    z.object({ source: z.literal('review'), conceptId: conceptIdSchema, rating: ratingSchema }),
    z.object({ source: z.literal('self-grade'), conceptId: conceptIdSchema, rating: ratingSchema }),
    z.object({
      source: z.literal('quiz'),
      conceptId: conceptIdSchema,
      answers: z
        .array(quizAnswerSchema, {
          error: (issue) =>
            `answers must be an array of quiz answers, got ${describeValue(issue.input)}`,
        })
        .min(1, { error: 'answers must hold at least one answer' })
        .max(MAX_QUIZ_ANSWERS, { error: `answers must hold at most ${MAX_QUIZ_ANSWERS} answers` }),
    }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `source must be one of review, self-grade, quiz, got ${describeValue((issue.input as { source?: unknown } | undefined)?.source)}`
        : `rating request must be an object { source, conceptId, rating | answers }, got ${describeValue(issue.input)}`,
  },
);

export type RateRequest = z.infer<typeof rateRequestSchema>;

/** Query of `GET /api/review`: `limit`, the most due cards to return. */
export const dueQuerySchema = z.object({
  limit: z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined) return DEFAULT_DUE_CARDS;
      const limit = Number(value);
      if (!/^\d+$/.test(value) || limit < 1 || limit > MAX_DUE_CARDS) {
        context.issues.push({
          code: 'custom',
          input: value,
          message: `limit must be a whole number from 1 to ${MAX_DUE_CARDS}, got ${describeValue(value)}`,
        });
        return z.NEVER;
      }
      return limit;
    }),
});

/** Query of `GET /api/progress`: `utcOffsetMinutes`, the learner's local time minus UTC. */
export const summaryQuerySchema = z.object({
  utcOffsetMinutes: z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined) return 0;
      const minutes = Number(value);
      if (!/^-?\d+$/.test(value) || Math.abs(minutes) > MAX_UTC_OFFSET_MINUTES) {
        context.issues.push({
          code: 'custom',
          input: value,
          message: `utcOffsetMinutes must be a whole number from -${MAX_UTC_OFFSET_MINUTES} to ${MAX_UTC_OFFSET_MINUTES}, got ${describeValue(value)}`,
        });
        return z.NEVER;
      }
      return minutes;
    }),
});
