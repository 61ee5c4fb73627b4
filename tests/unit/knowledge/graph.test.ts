import { describe, expect, it } from 'vitest';

import { ancestors, buildGraph, descendants, learningPlan } from '@/lib/knowledge/graph';
import { loadCatalogueFiles } from '@/lib/knowledge/files';

// a <- b <- d, a <- c <- d, c <- e: a diamond with a tail.
const graph = buildGraph([
  { id: 'a', prereqIds: [] },
  { id: 'b', prereqIds: ['a'] },
  { id: 'c', prereqIds: ['a'] },
  { id: 'd', prereqIds: ['c', 'b'] },
  { id: 'e', prereqIds: ['c'] },
]);

describe('concept graph', () => {
  it('finds all ancestors through a diamond', () => {
    expect(ancestors(graph, 'd')).toEqual(['a', 'b', 'c']);
    expect(ancestors(graph, 'a')).toEqual([]);
  });

  it('finds all descendants', () => {
    expect(descendants(graph, 'a')).toEqual(['b', 'c', 'd', 'e']);
    expect(descendants(graph, 'c')).toEqual(['d', 'e']);
  });

  it('orders a learning plan so every prerequisite comes first', () => {
    expect(learningPlan(graph, 'd')).toEqual(['a', 'b', 'c']);
  });

  it('skips mastered concepts in the plan', () => {
    expect(learningPlan(graph, 'd', new Set(['a', 'b']))).toEqual(['c']);
  });

  it('respects every edge for every shipped concept', () => {
    const concepts = loadCatalogueFiles();
    const shipped = buildGraph(concepts);
    for (const concept of concepts) {
      const plan = learningPlan(shipped, concept.id);
      expect(plan.sort()).toEqual(ancestors(shipped, concept.id));
      const position = new Map(learningPlan(shipped, concept.id).map((id, index) => [id, index]));
      for (const id of position.keys()) {
        for (const prereqId of shipped.prereqs.get(id) ?? []) {
          expect(position.get(prereqId)!, `${prereqId} before ${id}`).toBeLessThan(position.get(id)!);
        }
      }
    }
  });
});
