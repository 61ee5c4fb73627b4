// Larger catalogues for the benchmarks, made by copying the shipped one. Each copy keeps its
// prerequisites inside the copy, so the graph stays acyclic and every copy has the same shape.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Concept, ConceptMetadata } from '../../lib/knowledge/types';

function copiedId(id: string, copy: number): string {
  return copy === 0 ? id : `c${String(copy * 1000 + Number(id.slice(1))).padStart(4, '0')}`;
}

/** Copies the catalogue until it contains `count` concepts. Copy n adds `-n` to each title. */
export function scaledCatalogue(base: readonly Concept[], count: number): Concept[] {
  const concepts: Concept[] = [];
  for (let copy = 0; concepts.length < count; copy += 1) {
    for (const concept of base) {
      if (concepts.length >= count) break;
      concepts.push({
        ...concept,
        id: copiedId(concept.id, copy),
        title: copy === 0 ? concept.title : `${concept.title}-${copy}`,
        // A copy's prerequisite may fall past `count`; drop it so the catalogue stays valid.
        prereqIds: concept.prereqIds.map((id) => copiedId(id, copy)),
      });
    }
  }
  const ids = new Set(concepts.map((concept) => concept.id));
  return concepts.map((concept) => ({
    ...concept,
    prereqIds: concept.prereqIds.filter((id) => ids.has(id)),
  }));
}

/**
 * Writes `concepts` as a content folder (`concepts.json`, `bodies/`, `diagrams/`) that
 * CONTENT_DIR can point at, so the app seeds its database from it.
 */
export function writeContentDir(concepts: readonly Concept[], dir: string): void {
  mkdirSync(join(dir, 'bodies'), { recursive: true });
  mkdirSync(join(dir, 'diagrams'), { recursive: true });
  const metadata: ConceptMetadata[] = concepts.map(
    ({ body: _body, diagrams: _diagrams, ...entry }) => entry,
  );
  writeFileSync(join(dir, 'concepts.json'), `${JSON.stringify(metadata, null, 2)}\n`);
  for (const concept of concepts) {
    writeFileSync(join(dir, 'bodies', `${concept.id}.md`), concept.body);
    concept.diagrams.forEach((svg, index) =>
      writeFileSync(join(dir, 'diagrams', `${concept.id}-${index + 1}.svg`), svg),
    );
  }
}
