/** Lesson generation: concept selection, flip cards, objectives and the six-role analysis. */

export { buildApplied, buildAppliedForCards } from './applied';
export { buildCards } from './cards';
export { buildDisagreements } from './disagreements';
export { generateLesson, type GenerateOptions } from './generate';
export {
  CONSTRAINT_MAX_CHARS,
  CONSTRAINTS_MAX_COUNT,
  lessonRequestSchema,
  PROBLEM_MAX_CHARS,
  PROBLEM_MIN_CHARS,
  type LessonRequest,
} from './input';
export { buildObjectives, MAX_OBJECTIVES, MIN_OBJECTIVES } from './objectives';
export {
  DEFAULT_RANKING_WEIGHTS,
  rankConcepts,
  type LearnerContext,
  type RankingWeights,
  type ScoredConcept,
} from './ranking';
export { buildRoles, createRoleContext, evidenceLine } from './roles';
export {
  MAX_CONCEPTS,
  MIN_CONCEPTS,
  pickConcepts,
  selectConcepts,
  type PickedConcept,
} from './select';
export { deriveSignals, type Signal, type SignalId } from './signals';
export * from './types';
