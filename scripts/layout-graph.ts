// Lays the concept graph out with fcose and saves the positions as graph-positions.json in the
// content folder (CONTENT_DIR, or the folder given as the first argument). The graph page then
// draws at once instead of running the layout on its first request. `npm run content:build`
// runs this after the diagrams. Skips the layout when the saved positions already match the graph,
// unless --all is given.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  graphStructureHash,
  layOutGraph,
  POSITIONS_FILE,
  type PositionsFile,
} from '../app/graph/positions';
import { catalogueLocationIn, loadCatalogueFiles } from '../lib/knowledge/files';
import { fromRoot } from '../lib/paths';

const argument = process.argv.slice(2).find((value) => !value.startsWith('--'));
const contentDir = argument ?? (process.env.CONTENT_DIR || fromRoot('content'));
const path = join(contentDir, POSITIONS_FILE);

const concepts = loadCatalogueFiles(catalogueLocationIn(contentDir));
const structure = graphStructureHash(concepts);
const saved: Partial<PositionsFile> | null = existsSync(path)
  ? (JSON.parse(readFileSync(path, 'utf8')) as PositionsFile)
  : null;

if (saved?.structure === structure && !process.argv.includes('--all')) {
  console.error(`graph positions in ${path} already match the ${concepts.length} concepts`);
} else {
  const startedAtMs = performance.now();
  const positions = layOutGraph(concepts);
  const file: PositionsFile = { structure, concepts: concepts.length, positions };
  // Write beside the target and rename, so a failed run never leaves a half-written file.
  const partial = `${path}.partial`;
  writeFileSync(partial, `${JSON.stringify(file)}\n`);
  renameSync(partial, path);
  const seconds = ((performance.now() - startedAtMs) / 1000).toFixed(1);
  console.error(`laid out ${concepts.length} concepts in ${seconds} s; wrote ${path}`);
}
