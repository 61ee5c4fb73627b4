/**
 * Request schema for generating a lesson. It is parsed once at the boundary (API route or CLI), so
 * the lesson modules can trust their input. Every message names the field, the limit and the
 * value that broke it.
 */

import { z } from 'zod';

/** Minimum problem length, in characters after trimming. */
export const PROBLEM_MIN_CHARS = 10;
/** Maximum problem length, in characters after trimming. */
export const PROBLEM_MAX_CHARS = 4000;
export const CONSTRAINTS_MAX_COUNT = 12;
/** Maximum length of one constraint, in characters after trimming. */
export const CONSTRAINT_MAX_CHARS = 300;

const problemSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? `problem is missing: expected ${PROBLEM_MIN_CHARS} to ${PROBLEM_MAX_CHARS} characters`
        : `problem must be a string, got ${describeValue(issue.input)}`,
  })
  .trim()
  .check((context) => {
    const length = context.value.length;
    if (length >= PROBLEM_MIN_CHARS && length <= PROBLEM_MAX_CHARS) return;
    context.issues.push({
      code: 'custom',
      input: context.value,
      message: `problem must be ${PROBLEM_MIN_CHARS} to ${PROBLEM_MAX_CHARS} characters, got ${length}`,
    });
  });

const constraintsSchema = z
  .array(
    z.string({
      error: (issue) => `each constraint must be a string, got ${describeValue(issue.input)}`,
    }),
    {
      error: (issue) =>
        `constraints must be an array of strings, got ${describeValue(issue.input)}`,
    },
  )
  .transform((constraints) => constraints.map((constraint) => constraint.trim()))
  .check((context) => {
    const count = context.value.length;
    if (count > CONSTRAINTS_MAX_COUNT) {
      context.issues.push({
        code: 'custom',
        input: context.value,
        message: `constraints must have at most ${CONSTRAINTS_MAX_COUNT} entries, got ${count}`,
      });
    }
    context.value.forEach((constraint, index) => {
      const length = constraint.length;
      if (length >= 1 && length <= CONSTRAINT_MAX_CHARS) return;
      context.issues.push({
        code: 'custom',
        input: constraint,
        path: [index],
        message: `constraints[${index}] must be 1 to ${CONSTRAINT_MAX_CHARS} characters, got ${length}`,
      });
    });
  });

/** A learner key, lowercased as the progress routes store it, so both cases reach one learner. */
const learnerKeySchema = z
  .uuid({ error: (issue) => `learnerKey must be a UUID, got ${describeValue(issue.input)}` })
  .toLowerCase();

/** Body of a lesson request: `{ problem, constraints?, learnerKey? }`, with strings trimmed. */
export const lessonRequestSchema = z.object(
  {
    problem: problemSchema,
    constraints: constraintsSchema.optional(),
    learnerKey: learnerKeySchema.optional(),
  },
  { error: (issue) => `lesson request must be an object, got ${describeValue(issue.input)}` },
);

export type LessonRequest = z.infer<typeof lessonRequestSchema>;

/** Describes a rejected value for a message: its type, or the quoted text of a short string. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length <= 40 ? JSON.stringify(value) : 'a string';
  return typeof value;
}
