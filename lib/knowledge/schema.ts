import { z } from 'zod';

import { DOMAINS, LEVELS, RESOURCE_TYPES } from './types';

/** Concept ids are `c` and three or more digits: c001, c085, c1234. */
export const CONCEPT_ID_PATTERN = /^c\d{3,}$/;

const resourceSchema = z.object({
  type: z.enum(RESOURCE_TYPES),
  url: z.url({ protocol: /^https$/, error: 'expected an https:// URL' }),
  title: z.string().min(1),
});

const quizQuestionSchema = z
  .object({
    question: z.string().min(5),
    options: z.array(z.string().min(1)).length(4, 'expected exactly 4 options'),
    correctIndex: z.number().int().min(0).max(3),
    explanation: z.string().min(10),
  })
  .refine((quiz) => new Set(quiz.options).size === quiz.options.length, {
    error: 'options must be distinct',
    path: ['options'],
  });

/** Shape of one entry in `content/concepts.json`. */
export const conceptMetadataSchema = z.object({
  id: z.string().regex(CONCEPT_ID_PATTERN, 'expected an id like c001'),
  title: z.string().min(2).max(120),
  summary: z.string().min(10).max(400),
  level: z.enum(LEVELS),
  domain: z.enum(DOMAINS),
  tags: z
    .array(
      z.string().regex(/^[a-z0-9][a-z0-9.+\-/:@ ]*$/, 'expected a lowercase tag such as zero-3'),
    )
    .min(1),
  prereqIds: z.array(z.string().regex(CONCEPT_ID_PATTERN, 'expected an id like c001')),
  resources: z.array(resourceSchema),
  quiz: z.array(quizQuestionSchema).min(1),
});
