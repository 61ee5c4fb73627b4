/**
 * Spaced repetition: FSRS scheduling, status, quiz ratings, weak concepts, graph credit, and
 * progress export and import.
 */

export * from './graph-credit';
export * from './format';
export * from './input';
export * from './learner-key';
export * from './rate';
export * from './ratings';
export * from './replay';
export * from './scheduler';
export * from './status';
export * from './summary';
export * from './transfer';
export * from './types';
export * from './weak';
