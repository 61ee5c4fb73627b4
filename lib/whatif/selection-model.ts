/**
 * Builds the `SelectionModel` a lesson page sends to the browser. Runs on the server, because text
 * relevance needs the catalogue's search index, which the page does not ship.
 */

import type { Concept } from '../knowledge/types';
import { problemTextScores } from '../lessons/select';
import type { SelectionModel } from './selection';

/**
 * Returns the slim catalogue and the problem text's relevance to each concept. `problemText` is
 * the problem and its constraints joined by newlines, as lesson generation searches them.
 */
export function buildSelectionModel(
  problemText: string,
  concepts: readonly Concept[],
): SelectionModel {
  const scores = problemTextScores(problemText, concepts);
  return {
    concepts: concepts.map(({ id, title, level, domain, tags, prereqIds }) => ({
      id,
      title,
      level,
      domain,
      tags: [...tags],
      prereqIds: [...prereqIds],
    })),
    textScores: Object.fromEntries(scores),
  };
}
