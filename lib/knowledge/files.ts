import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { fromRoot } from '../paths';
import { buildCatalogue, CatalogueError } from './validate';
import type { Concept } from './types';

/** Paths of the knowledge base: metadata, one Markdown body per concept, rendered diagrams. */
export interface CatalogueLocation {
  metadataPath: string;
  bodiesDir: string;
  diagramsDir: string;
}

/** Returns the catalogue under CONTENT_DIR when set, else under the project's `content/`. */
export function defaultCatalogueLocation(): CatalogueLocation {
  return catalogueLocationIn(process.env.CONTENT_DIR || fromRoot('content'));
}

export function catalogueLocationIn(contentDir: string): CatalogueLocation {
  return {
    metadataPath: join(contentDir, 'concepts.json'),
    bodiesDir: join(contentDir, 'bodies'),
    diagramsDir: join(contentDir, 'diagrams'),
  };
}

/**
 * Reads and validates the catalogue from disk. Diagram `<id>-<n>.svg` is the n-th `mermaid`
 * fence (from 1) of concept `<id>`.
 * @throws CatalogueError when the files cannot be read or the catalogue is invalid.
 */
export function loadCatalogueFiles(location = defaultCatalogueLocation()): Concept[] {
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(/* turbopackIgnore: true */ location.metadataPath, 'utf8'));
  } catch (error) {
    throw new CatalogueError([
      {
        id: '(catalogue)',
        field: location.metadataPath,
        message: `cannot read: ${(error as Error).message}`,
      },
    ]);
  }
  if (!Array.isArray(entries)) {
    throw new CatalogueError([
      {
        id: '(catalogue)',
        field: location.metadataPath,
        message: 'expected a JSON array of concepts',
      },
    ]);
  }

  const bodies = new Map<string, string>();
  const diagrams = new Map<string, string[]>();
  for (const entry of entries as { id?: unknown }[]) {
    if (typeof entry?.id !== 'string' || !/^c\d{3,}$/.test(entry.id)) continue;
    const bodyPath = join(location.bodiesDir, `${entry.id}.md`);
    if (existsSync(bodyPath))
      bodies.set(entry.id, readFileSync(/* turbopackIgnore: true */ bodyPath, 'utf8'));
    diagrams.set(entry.id, readDiagrams(location.diagramsDir, entry.id));
  }
  return buildCatalogue(entries, bodies, diagrams);
}

function readDiagrams(diagramsDir: string, id: string): string[] {
  if (!existsSync(diagramsDir)) return [];
  const pattern = new RegExp(`^${id}-(\\d+)\\.svg$`);
  return readdirSync(diagramsDir)
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter((file) => file.match)
    .sort((a, b) => Number(a.match![1]) - Number(b.match![1]))
    .map((file) => readFileSync(join(diagramsDir, file.name), 'utf8'));
}
