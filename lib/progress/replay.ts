/**
 * Replay of a review log: rebuilds every card from the entries alone. A learner's stored rows
 * must equal the replay of their log, which is how the tests show that no rating was lost.
 */

import { applyLogEntry } from './rate';
import type { ConceptProgress, ReviewLogEntry } from './types';

/**
 * Applies the entries in the order given (the order they were written) and returns each
 * concept's progress, keyed by concept id.
 * @throws Error when a credit entry does not apply to the card it names.
 */
export function replayReviewLog(entries: readonly ReviewLogEntry[]): Map<string, ConceptProgress> {
  const progress = new Map<string, ConceptProgress>();
  for (const entry of entries) {
    progress.set(entry.conceptId, applyLogEntry(progress.get(entry.conceptId), entry));
  }
  return progress;
}
