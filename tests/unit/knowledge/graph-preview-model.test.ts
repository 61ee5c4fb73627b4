import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { POSITIONS_FILE, type PositionsFile } from '@/app/graph/positions';
import { FIT_MARGIN_UNITS } from '@/components/graph-elements';
import { buildPreviewModel, markerPath } from '@/components/graph-preview-model';
import { graphPreviewScript, installGraphPreview } from '@/components/graph-preview-script';
import { DOMAIN_COLORS, GROUP_PADDING_PX, LEVEL_MARKERS } from '@/components/GraphLegend';
import { loadCatalogueFiles } from '@/lib/knowledge/files';
import { buildGraph, prerequisiteEdges } from '@/lib/knowledge/graph';
import { fromRoot } from '@/lib/paths';

const catalogue = loadCatalogueFiles();
const { positions } = JSON.parse(
  readFileSync(fromRoot('content', POSITIONS_FILE), 'utf8'),
) as PositionsFile;
const allIds = new Set(catalogue.map((concept) => concept.id));

describe('server-drawn graph', () => {
  const model = buildPreviewModel(catalogue, positions, allIds);

  it('places every concept at its saved position in its domain colour', () => {
    expect(model.nodes).toHaveLength(85);
    for (const node of model.nodes) {
      const concept = catalogue.find((candidate) => candidate.id === node.id)!;
      expect(node).toMatchObject({
        x: positions[node.id].x,
        y: positions[node.id].y,
        level: concept.level,
        color: DOMAIN_COLORS[concept.domain],
        visible: true,
      });
      expect(node.prereqIds).toEqual(concept.prereqIds);
    }
  });

  it('draws one edge per prerequisite, ending on the outlines', () => {
    const expected = prerequisiteEdges(buildGraph(catalogue)).map(
      (edge) => `${edge.source}->${edge.target}`,
    );
    expect(model.edges.map((edge) => `${edge.source}->${edge.target}`).sort()).toEqual(
      expected.sort(),
    );
    for (const edge of model.edges) {
      const source = model.nodes.find((node) => node.id === edge.source)!;
      const [x1, y1] = edge.line;
      const fromCentre = Math.hypot(x1 - source.x, y1 - source.y);
      // The line starts on the source marker's outline (rounded to 0.1 unit).
      expect(fromCentre).toBeCloseTo(LEVEL_MARKERS[source.level].size / 2, 0);
    }
  });

  it('outlines each domain around its concepts with the group padding', () => {
    for (const group of model.groups) {
      const members = model.nodes.filter(
        (node) => catalogue.find((concept) => concept.id === node.id)!.domain === group.domain,
      );
      expect(members.length).toBeGreaterThan(0);
      for (const node of members) {
        const half = LEVEL_MARKERS[node.level].size / 2;
        expect(node.x - half - GROUP_PADDING_PX).toBeGreaterThanOrEqual(group.x - 0.1);
        expect(node.y - half - GROUP_PADDING_PX).toBeGreaterThanOrEqual(group.y - 0.1);
        expect(node.x + half + GROUP_PADDING_PX).toBeLessThanOrEqual(group.x + group.width + 0.1);
        expect(node.y + half + GROUP_PADDING_PX).toBeLessThanOrEqual(group.y + group.height + 0.1);
      }
    }
  });

  it('fits the view box to the concepts with the canvas fit margin', () => {
    const xs = catalogue.map((concept) => positions[concept.id].x);
    const ys = catalogue.map((concept) => positions[concept.id].y);
    const [x, y, width, height] = model.viewBox.split(' ').map(Number);
    expect(x).toBeCloseTo(Math.min(...xs) - FIT_MARGIN_UNITS, 0);
    expect(y).toBeCloseTo(Math.min(...ys) - FIT_MARGIN_UNITS, 0);
    expect(width).toBeCloseTo(Math.max(...xs) - Math.min(...xs) + 2 * FIT_MARGIN_UNITS, 0);
    expect(height).toBeCloseTo(Math.max(...ys) - Math.min(...ys) + 2 * FIT_MARGIN_UNITS, 0);
  });

  it('hides what the filters leave out and fits the rest', () => {
    const networking = new Set(
      catalogue.filter((concept) => concept.domain === 'networking').map((concept) => concept.id),
    );
    const filtered = buildPreviewModel(catalogue, positions, networking);
    expect(
      filtered.nodes
        .filter((node) => node.visible)
        .map((node) => node.id)
        .sort(),
    ).toEqual([...networking].sort());
    expect(filtered.groups.filter((group) => group.visible).map((group) => group.domain)).toEqual([
      'networking',
    ]);
    for (const edge of filtered.edges) {
      expect(edge.visible).toBe(networking.has(edge.source) && networking.has(edge.target));
    }
    const xs = [...networking].map((id) => positions[id].x);
    expect(Number(filtered.viewBox.split(' ')[0])).toBeCloseTo(
      Math.min(...xs) - FIT_MARGIN_UNITS,
      0,
    );
  });

  it('leaves out concepts without a position and edges to them', () => {
    const [dropped] = catalogue;
    const partial = { ...positions };
    delete partial[dropped.id];
    const withoutOne = buildPreviewModel(catalogue, partial, allIds);
    expect(withoutOne.nodes.map((node) => node.id)).not.toContain(dropped.id);
    expect(
      withoutOne.edges.filter((edge) => edge.source === dropped.id || edge.target === dropped.id),
    ).toEqual([]);
  });

  it('draws a circle, a diamond and a ten-cornered star for the three levels', () => {
    expect(markerPath('beginner')).toMatch(/^M-9 0a9 9/);
    expect(markerPath('intermediate')).toBe('M0 -13L13 0L0 13L-13 0Z');
    const star = markerPath('advanced');
    expect(star.split('L')).toHaveLength(10);
    // Cytoscape stretches the star to fill its 34-unit box.
    const points = star
      .slice(1, -1)
      .split('L')
      .map((pair) => pair.split(' ').map(Number));
    expect(Math.min(...points.map(([x]) => x))).toBeCloseTo(-17, 0);
    expect(Math.max(...points.map(([x]) => x))).toBeCloseTo(17, 0);
    expect(Math.min(...points.map(([, y]) => y))).toBeCloseTo(-17, 0);
  });
});

describe('server-drawn graph script', () => {
  it('inlines a function that uses nothing from its module', () => {
    const script = graphPreviewScript();
    expect(script.startsWith(`(${installGraphPreview.toString()})(`)).toBe(true);
    // Run with only the globals a browser gives and no SVG on the page: it must return quietly.
    const run = new Function('document', 'window', 'performance', script);
    expect(() => run({ getElementById: () => null }, {}, performance)).not.toThrow();
  });
});
