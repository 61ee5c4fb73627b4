/**
 * Lesson generation: analyses the problem, selects the concepts, and builds the cards,
 * objectives, role analyses and disagreements. Pure: the same request, catalogue, learner,
 * clock and id give the same lesson.
 */

import { analyzeProblem } from '../analysis';
import type { Concept } from '../knowledge/types';
import { buildCards } from './cards';
import { indexCatalogue } from './catalogue-index';
import { buildDisagreements } from './disagreements';
import type { LessonRequest } from './input';
import { buildObjectives } from './objectives';
import type { LearnerContext } from './ranking';
import { buildRoles, createRoleContext } from './roles';
import { selectConcepts } from './select';
import type { Lesson } from './types';

/** Inputs of lesson generation besides the request. */
export interface GenerateOptions {
  /** The concept catalogue. Pass the same array each time so its search index is reused. */
  concepts: readonly Concept[];
  /** The learner's weak and mastered concepts, when a learner key was given. */
  learner?: LearnerContext;
  /** Creation time stored in `createdAt`. */
  now: Date;
  /** Lesson id, chosen by the caller. */
  id: string;
}

/**
 * Generates a lesson for a request already parsed with `lessonRequestSchema`. The problem and
 * constraints are analysed together and searched together, so a constraint such as "budget
 * $500k" counts like the same words in the problem.
 */
export function generateLesson(request: LessonRequest, options: GenerateOptions): Lesson {
  const constraints = [...(request.constraints ?? [])];
  const analysis = analyzeProblem(request.problem, constraints);
  const text = [request.problem, ...constraints].join('\n');
  const index = indexCatalogue(options.concepts);

  const concepts = selectConcepts(text, analysis, options.concepts, options.learner);
  const roleContext = createRoleContext(analysis, concepts, index);

  return {
    id: options.id,
    problem: request.problem,
    constraints,
    objectives: buildObjectives(concepts, analysis, index),
    analysis,
    concepts,
    cards: buildCards(concepts, analysis, index),
    roles: buildRoles(analysis, concepts, index),
    disagreements: buildDisagreements(roleContext, text),
    learnerKey: request.learnerKey ?? null,
    createdAt: options.now.toISOString(),
  };
}
