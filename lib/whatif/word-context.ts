/**
 * Finds the wording of a problem that states no quantity, for `scenarioToLessonRequest`. Runs on
 * the server, where the parser already is, so the lesson page does not ship the parser.
 */

import { extractQuantities } from '../analysis/parse';
import type { WordContext } from './rewrite';

/** Splits after a sentence's closing punctuation, or at a line break. */
const SENTENCE_BREAK = /(?<=[.!?])\s+|\n+/;

/**
 * Returns the sentences of `problem` and the `constraints` from which the analyser reads no
 * quantity, trimmed and in order.
 */
export function wordContext(problem: string, constraints: readonly string[]): WordContext {
  const statesNothing = (text: string) =>
    Object.keys(extractQuantities(text).quantities).length === 0;
  const sentences = problem
    .split(SENTENCE_BREAK)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '' && statesNothing(sentence));
  return {
    sentences,
    constraints: constraints
      .map((constraint) => constraint.trim())
      .filter((constraint) => constraint !== '' && statesNothing(constraint)),
  };
}
