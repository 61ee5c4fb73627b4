import { describe, expect, it } from 'vitest';

import {
  ancestors,
  buildGraph,
  clusters,
  descendants,
  filterConcepts,
  learningPlan,
  prerequisiteEdges,
  prerequisitePath,
  searchConcepts,
  toConceptSummary,
} from '@/lib/knowledge/graph';
import { loadCatalogueFiles } from '@/lib/knowledge/files';
import { DOMAINS, type Domain, type Level } from '@/lib/knowledge/types';

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
          expect(position.get(prereqId)!, `${prereqId} before ${id}`).toBeLessThan(
            position.get(id)!,
          );
        }
      }
    }
  });
});

describe('prerequisite path', () => {
  it('lists ancestors in plan order with their edges', () => {
    expect(prerequisitePath(graph, 'd')).toEqual({
      conceptId: 'd',
      plan: ['a', 'b', 'c'],
      edges: [
        { source: 'a', target: 'b' },
        { source: 'a', target: 'c' },
        { source: 'b', target: 'd' },
        { source: 'c', target: 'd' },
      ],
      dependents: [],
    });
  });

  it('lists direct dependents only', () => {
    const path = prerequisitePath(graph, 'c');
    expect(path.plan).toEqual(['a']);
    expect(path.edges).toEqual([{ source: 'a', target: 'c' }]);
    expect(path.dependents).toEqual(['d', 'e']);
  });

  it('is empty for a starting concept without dependents', () => {
    const alone = buildGraph([{ id: 'x', prereqIds: [] }]);
    expect(prerequisitePath(alone, 'x')).toEqual({
      conceptId: 'x',
      plan: [],
      edges: [],
      dependents: [],
    });
  });

  it('lists every edge of the graph', () => {
    expect(prerequisiteEdges(graph)).toEqual([
      { source: 'a', target: 'b' },
      { source: 'a', target: 'c' },
      { source: 'b', target: 'd' },
      { source: 'c', target: 'd' },
      { source: 'c', target: 'e' },
    ]);
  });

  it('matches ancestors and dependents for every shipped concept', () => {
    const concepts = loadCatalogueFiles();
    const shipped = buildGraph(concepts);
    const allEdges = prerequisiteEdges(shipped);
    expect(allEdges).toHaveLength(
      concepts.reduce((sum, concept) => sum + concept.prereqIds.length, 0),
    );
    for (const concept of concepts) {
      const path = prerequisitePath(shipped, concept.id);
      const members = new Set([...path.plan, concept.id]);
      expect([...path.plan].sort()).toEqual(ancestors(shipped, concept.id));
      expect(path.edges).toEqual(
        allEdges.filter((edge) => members.has(edge.source) && members.has(edge.target)),
      );
      expect(path.dependents).toEqual(
        concepts
          .filter((other) => other.prereqIds.includes(concept.id))
          .map((other) => other.id)
          .sort(),
      );
    }
  });
});

interface Entry {
  id: string;
  title: string;
  tags: string[];
  domain: Domain;
  level: Level;
}

const entries: Entry[] = [
  {
    id: 'c001',
    title: 'Data Parallelism',
    tags: ['ddp', 'all-reduce'],
    domain: 'training',
    level: 'beginner',
  },
  {
    id: 'c002',
    title: 'ZeRO (Zero Redundancy Optimizer)',
    tags: ['zero', 'deepspeed', 'sharding'],
    domain: 'training',
    level: 'intermediate',
  },
  {
    id: 'c003',
    title: 'Ring All-Reduce',
    tags: ['nccl', 'collectives'],
    domain: 'networking',
    level: 'beginner',
  },
  {
    id: 'c004',
    title: 'Checkpoint Sharding',
    tags: ['checkpointing', 'sharding'],
    domain: 'storage',
    level: 'advanced',
  },
  {
    id: 'c005',
    title: 'Pipeline Parallelism',
    tags: ['pipeline-parallel', 'bubble'],
    domain: 'training',
    level: 'advanced',
  },
];
const ids = (found: Entry[]) => found.map((entry) => entry.id);

describe('concept clusters', () => {
  it('groups by domain in domain order', () => {
    expect(clusters(entries)).toEqual([
      { domain: 'training', conceptIds: ['c001', 'c002', 'c005'] },
      { domain: 'networking', conceptIds: ['c003'] },
      { domain: 'storage', conceptIds: ['c004'] },
    ]);
  });

  it('covers every shipped concept once', () => {
    const concepts = loadCatalogueFiles();
    const shipped = clusters(concepts);
    const clustered = shipped.flatMap((cluster) => cluster.conceptIds);
    expect(clustered.sort()).toEqual(concepts.map((concept) => concept.id).sort());
    expect(shipped.map((cluster) => cluster.domain)).toEqual(
      DOMAINS.filter((domain) => concepts.some((concept) => concept.domain === domain)),
    );
    for (const cluster of shipped) {
      for (const id of cluster.conceptIds) {
        expect(concepts.find((concept) => concept.id === id)?.domain).toBe(cluster.domain);
      }
    }
  });
});

describe('concept filter', () => {
  it('keeps everything without filters', () => {
    expect(ids(filterConcepts(entries, {}))).toEqual(['c001', 'c002', 'c003', 'c004', 'c005']);
    expect(ids(filterConcepts(entries, { domains: [], levels: [], query: '  ' }))).toHaveLength(5);
  });

  it('keeps any of several domains', () => {
    expect(ids(filterConcepts(entries, { domains: ['networking', 'storage'] }))).toEqual([
      'c003',
      'c004',
    ]);
  });

  it('combines domain and level', () => {
    expect(ids(filterConcepts(entries, { domains: ['training'], levels: ['advanced'] }))).toEqual([
      'c005',
    ]);
  });

  it('orders query matches by rank', () => {
    // c003 has "reduce" as a title word; c001 only inside its tag "all-reduce".
    expect(ids(filterConcepts(entries, { query: 'reduce' }))).toEqual(['c003', 'c001']);
  });

  it('applies the query after the filters', () => {
    expect(ids(filterConcepts(entries, { levels: ['advanced'], query: 'sharding' }))).toEqual([
      'c004',
    ]);
  });
});

describe('concept search', () => {
  it.each([
    ['an exact title', 'ring all-reduce', ['c003']],
    ['an id', 'C004', ['c004']],
    ['a title that is also a tag', 'zero', ['c002']],
    ['a title prefix', 'pipe', ['c005']],
    ['a title word prefix', 'redund', ['c002']],
    ['a tag substring', 'deepsp', ['c002']],
    ['hyphens as spaces', 'pipeline parallel', ['c005']],
    ['extra spaces and case', '  DATA   parallelism ', ['c001']],
    ['a title or tag without its hyphen', 'allreduce', ['c001', 'c003']],
  ])('finds %s', (_label, query, expected) => {
    expect(ids(searchConcepts(entries, query))).toEqual(expected);
  });

  it('ranks an exact tag above a title substring', () => {
    // c001 has the tag "all-reduce"; c003's title "Ring All-Reduce" only contains the query.
    expect(ids(searchConcepts(entries, 'all reduce'))).toEqual(['c001', 'c003']);
  });

  it('ranks a title word above an exact tag', () => {
    const withTag: Entry = {
      id: 'c000',
      title: 'Training Memory Accounting',
      tags: ['zero', 'memory'],
      domain: 'training',
      level: 'beginner',
    };
    expect(ids(searchConcepts([withTag, ...entries], 'zero'))).toEqual(['c002', 'c000']);
  });

  it('breaks ties by id', () => {
    const reversed = [...entries].reverse();
    expect(ids(searchConcepts(reversed, 'parallelism'))).toEqual(['c001', 'c005']);
  });

  it('finds nothing for a blank query', () => {
    expect(searchConcepts(entries, ' - ')).toEqual([]);
  });

  it('finds nothing for an unknown word', () => {
    expect(searchConcepts(entries, 'kubernetes')).toEqual([]);
  });
});

describe('concept summary', () => {
  it('drops the quiz and keeps the rest', () => {
    const [concept] = loadCatalogueFiles();
    const summary = toConceptSummary(concept);
    expect(summary).not.toHaveProperty('quiz');
    expect(summary).not.toHaveProperty('body');
    expect(summary).toEqual({
      id: concept.id,
      title: concept.title,
      summary: concept.summary,
      level: concept.level,
      domain: concept.domain,
      tags: concept.tags,
      prereqIds: concept.prereqIds,
      resources: concept.resources,
    });
  });
});
