import { conceptMetadataSchema } from './schema';
import { LEVELS, type Concept, type ConceptMetadata } from './types';

/** One problem found in a catalogue, located by concept id and field. */
export interface CatalogueIssue {
  id: string;
  field: string;
  message: string;
}

/** Raised when a catalogue fails validation; nothing from it may be applied. */
export class CatalogueError extends Error {
  readonly code = 'INVALID_CATALOGUE';
  constructor(readonly issues: CatalogueIssue[]) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(`invalid catalogue: ${first.id} ${first.field}: ${first.message}${more}`);
    this.name = 'CatalogueError';
  }
}

/**
 * Checks a whole catalogue: each entry's schema, unique ids, prerequisites that exist, point
 * to a concept of the same or a lower level and form no cycle, and a non-empty body.
 * Returns every issue found, in catalogue order; an empty list means the catalogue is valid.
 */
export function findCatalogueIssues(
  entries: unknown[],
  bodies: Map<string, string>,
): CatalogueIssue[] {
  const issues: CatalogueIssue[] = [];
  const valid: ConceptMetadata[] = [];
  const seen = new Set<string>();
  // Ids of entries that fail their own schema still count as existing, so their dependents
  // are not also reported as dangling.
  const rawIds = new Set(
    entries
      .map((entry) => (entry as { id?: unknown } | null)?.id)
      .filter((id) => typeof id === 'string'),
  );

  entries.forEach((entry, index) => {
    const rawId = (entry as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' ? rawId : `entry #${index + 1}`;
    const parsed = conceptMetadataSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push({ id, field: issue.path.join('.') || '(entry)', message: issue.message });
      }
      return;
    }
    if (seen.has(parsed.data.id)) {
      issues.push({ id, field: 'id', message: `duplicate id ${parsed.data.id}` });
      return;
    }
    seen.add(parsed.data.id);
    valid.push(parsed.data);
  });

  const byId = new Map(valid.map((concept) => [concept.id, concept]));
  for (const concept of valid) {
    if (!bodies.get(concept.id)?.trim()) {
      issues.push({
        id: concept.id,
        field: 'body',
        message: `missing body content/bodies/${concept.id}.md`,
      });
    }
    concept.prereqIds.forEach((prereqId, index) => {
      const prereq = byId.get(prereqId);
      const field = `prereqIds.${index}`;
      if (prereqId === concept.id) {
        issues.push({ id: concept.id, field, message: 'a concept cannot be its own prerequisite' });
      } else if (!rawIds.has(prereqId)) {
        issues.push({ id: concept.id, field, message: `prerequisite ${prereqId} does not exist` });
      } else if (!prereq) {
        // The prerequisite exists but is itself invalid; its own issue already names it.
      } else if (LEVELS.indexOf(prereq.level) > LEVELS.indexOf(concept.level)) {
        issues.push({
          id: concept.id,
          field,
          message: `prerequisite ${prereqId} is ${prereq.level}, above this ${concept.level} concept`,
        });
      }
    });
  }

  for (const cycle of findCycles(valid)) {
    issues.push({
      id: cycle[0],
      field: 'prereqIds',
      message: `prerequisite cycle ${[...cycle, cycle[0]].join(' -> ')}`,
    });
  }
  return issues;
}

/** Validates a catalogue and joins metadata with bodies. @throws CatalogueError */
export function buildCatalogue(
  entries: unknown[],
  bodies: Map<string, string>,
  diagrams: Map<string, string[]> = new Map(),
): Concept[] {
  const issues = findCatalogueIssues(entries, bodies);
  if (issues.length > 0) throw new CatalogueError(issues);
  return (entries as ConceptMetadata[]).map((entry) => ({
    ...conceptMetadataSchema.parse(entry),
    body: bodies.get(entry.id) ?? '',
    diagrams: diagrams.get(entry.id) ?? [],
  }));
}

/** Returns each prerequisite cycle once, as the list of ids along it (depth-first search). */
function findCycles(concepts: ConceptMetadata[]): string[][] {
  const prereqsById = new Map(concepts.map((concept) => [concept.id, concept.prereqIds]));
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[][] = [];
  const stack: string[] = [];

  const visit = (id: string): void => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const prereqId of prereqsById.get(id) ?? []) {
      if (!prereqsById.has(prereqId) || prereqId === id) continue;
      const prereqState = state.get(prereqId);
      if (prereqState === 'visiting') {
        cycles.push(stack.slice(stack.indexOf(prereqId)));
      } else if (prereqState === undefined) {
        visit(prereqId);
      }
    }
    stack.pop();
    state.set(id, 'done');
  };

  for (const concept of concepts) {
    if (!state.has(concept.id)) visit(concept.id);
  }
  return cycles;
}
