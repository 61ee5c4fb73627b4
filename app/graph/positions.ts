import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import cytoscape, { type BoundingBox12, type Core } from 'cytoscape';
import fcose from 'cytoscape-fcose';

import { GROUP_PADDING_PX, LEVEL_MARKERS } from '@/components/GraphLegend';
import type { ConceptMetadata } from '@/lib/knowledge/types';
import { getLogger } from '@/lib/logger';
import { fromRoot } from '@/lib/paths';
import {
  buildGraphElements,
  LAYOUT_OPTIONS,
  type GraphPositions,
} from '@/components/graph-elements';

/** Layout runs tried while domain groups still overlap; each run starts from new positions. */
const MAX_LAYOUT_RUNS = 3;

/** Name of the file in the content folder that contains positions computed ahead of time. */
export const POSITIONS_FILE = 'graph-positions.json';

/** The positions file: the graph structure they were computed for, and the positions. */
export interface PositionsFile {
  structure: string;
  concepts: number;
  positions: GraphPositions;
}

type LayoutConcept = Pick<ConceptMetadata, 'id' | 'domain' | 'level' | 'prereqIds'>;

let registered = false;
const cache = new WeakMap<readonly ConceptMetadata[], GraphPositions>();

/**
 * Returns a hash of what the layout depends on: each concept's id, domain, level and
 * prerequisites. Titles and bodies do not move nodes, so editing them keeps saved positions.
 */
export function graphStructureHash(concepts: readonly LayoutConcept[]): string {
  const entries = [...concepts]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((concept) => [concept.id, concept.domain, concept.level, [...concept.prereqIds].sort()]);
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex');
}

/**
 * Returns node positions for the catalogue, once per catalogue array (so once per catalogue
 * version, because `getCatalogue` returns the same array until a seed changes it). Positions are
 * read from `graph-positions.json` in the content folder, which `npm run content:build` writes,
 * when its structure hash matches. Otherwise fcose lays the graph out here. The browser then
 * draws the graph at these positions without running a layout itself.
 *
 * NOTE: without a matching positions file, the first call blocks the event loop while the
 * layout runs: about 0.35 s for the 85 shipped concepts and 12 s for 2,000 on a two-core machine.
 */
export function graphPositions(concepts: readonly ConceptMetadata[]): GraphPositions {
  const cached = cache.get(concepts);
  if (cached) return cached;
  const positions = readSavedPositions(concepts) ?? layOutGraph(concepts);
  cache.set(concepts, positions);
  return positions;
}

/** Returns the saved positions when the file matches this graph, else null. */
function readSavedPositions(concepts: readonly ConceptMetadata[]): GraphPositions | null {
  const path = join(process.env.CONTENT_DIR || fromRoot('content'), POSITIONS_FILE);
  if (!existsSync(path)) return null;
  try {
    const saved = JSON.parse(
      readFileSync(/* turbopackIgnore: true */ path, 'utf8'),
    ) as PositionsFile;
    const complete = concepts.every((concept) => saved.positions?.[concept.id] !== undefined);
    if (saved.structure === graphStructureHash(concepts) && complete) return saved.positions;
    getLogger().warn(
      { path },
      'saved graph positions are for another catalogue; laying the graph out now (npm run content:build saves new ones)',
    );
  } catch (error) {
    getLogger().warn({ err: error, path }, 'cannot read saved graph positions; laying out now');
  }
  return null;
}

/**
 * Lays the catalogue out with fcose, retrying up to `MAX_LAYOUT_RUNS` times while domain groups
 * overlap, and returns the best run's positions.
 */
export function layOutGraph(concepts: readonly ConceptMetadata[]): GraphPositions {
  if (!registered) {
    cytoscape.use(fcose);
    registered = true;
  }
  const startedAtMs = performance.now();
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    elements: buildGraphElements(concepts),
    style: [
      ...Object.entries(LEVEL_MARKERS).map(([level, { size }]) => ({
        selector: `node.concept[level = "${level}"]`,
        style: { width: size, height: size },
      })),
      { selector: 'node.domain', style: { padding: `${GROUP_PADDING_PX}px` } },
    ],
  });

  let best: { positions: GraphPositions; overlapArea: number; run: number } | undefined;
  try {
    for (let run = 1; run <= MAX_LAYOUT_RUNS; run += 1) {
      cy.layout(LAYOUT_OPTIONS).run();
      const overlapArea = groupOverlapArea(cy);
      if (!best || overlapArea < best.overlapArea) {
        best = { positions: readPositions(cy), overlapArea, run };
      }
      if (overlapArea === 0) break;
    }
  } finally {
    cy.destroy();
  }

  getLogger().info(
    {
      concepts: concepts.length,
      durationMs: Math.round(performance.now() - startedAtMs),
      run: best!.run,
      groupOverlapArea: Math.round(best!.overlapArea),
    },
    'concept graph laid out',
  );
  return best!.positions;
}

function readPositions(cy: Core): GraphPositions {
  const positions: GraphPositions = {};
  cy.nodes('.concept').forEach((node) => {
    const { x, y } = node.position();
    positions[node.id()] = { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 };
  });
  return positions;
}

/** Returns the summed area where domain groups overlap, in square graph units. */
function groupOverlapArea(cy: Core): number {
  const boxes: BoundingBox12[] = cy.nodes('.domain').map((group) => group.boundingBox());
  let area = 0;
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length; j += 1) {
      const width = Math.min(boxes[i].x2, boxes[j].x2) - Math.max(boxes[i].x1, boxes[j].x1);
      const height = Math.min(boxes[i].y2, boxes[j].y2) - Math.max(boxes[i].y1, boxes[j].y1);
      if (width > 0 && height > 0) area += width * height;
    }
  }
  return area;
}
