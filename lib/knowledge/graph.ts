import type { ConceptMetadata } from './types';

type GraphConcept = Pick<ConceptMetadata, 'id' | 'prereqIds'>;

/** Prerequisite graph with both edge directions, built once per catalogue. */
export interface ConceptGraph {
  prereqs: Map<string, string[]>;
  dependents: Map<string, string[]>;
}

export function buildGraph(concepts: GraphConcept[]): ConceptGraph {
  const prereqs = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  for (const concept of concepts) {
    prereqs.set(concept.id, [...concept.prereqIds]);
    dependents.set(concept.id, dependents.get(concept.id) ?? []);
    for (const prereqId of concept.prereqIds) {
      const list = dependents.get(prereqId) ?? [];
      list.push(concept.id);
      dependents.set(prereqId, list);
    }
  }
  for (const list of dependents.values()) list.sort();
  return { prereqs, dependents };
}

/** Returns every concept `id` depends on, directly or through others, sorted by id. */
export function ancestors(graph: ConceptGraph, id: string): string[] {
  return [...reach(graph.prereqs, id)].sort();
}

/** Returns every concept that depends on `id`, directly or through others, sorted by id. */
export function descendants(graph: ConceptGraph, id: string): string[] {
  return [...reach(graph.dependents, id)].sort();
}

/**
 * Returns the prerequisites to study before `id`, in an order where each comes after all of its
 * own prerequisites (Kahn's algorithm over the ancestors, ties broken by id). Mastered concepts
 * are left out but still order the rest.
 */
export function learningPlan(graph: ConceptGraph, id: string, mastered: ReadonlySet<string> = new Set()): string[] {
  const members = reach(graph.prereqs, id);
  const remaining = new Map<string, number>();
  for (const member of members) {
    remaining.set(member, (graph.prereqs.get(member) ?? []).filter((p) => members.has(p)).length);
  }
  const ready = [...remaining].filter(([, count]) => count === 0).map(([member]) => member).sort();
  const order: string[] = [];
  while (ready.length > 0) {
    const next = ready.shift()!;
    order.push(next);
    for (const dependent of graph.dependents.get(next) ?? []) {
      if (!remaining.has(dependent)) continue;
      const count = remaining.get(dependent)! - 1;
      remaining.set(dependent, count);
      if (count === 0) {
        ready.push(dependent);
        ready.sort();
      }
    }
  }
  return order.filter((member) => !mastered.has(member));
}

function reach(edges: Map<string, string[]>, start: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(edges.get(start) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id) || id === start) continue;
    seen.add(id);
    stack.push(...(edges.get(id) ?? []));
  }
  return seen;
}
