import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  graphPositions,
  graphStructureHash,
  POSITIONS_FILE,
  type PositionsFile,
} from '@/app/graph/positions';
import { loadCatalogueFiles } from '@/lib/knowledge/files';
import { fromRoot } from '@/lib/paths';

const catalogue = loadCatalogueFiles();
const savedFile = JSON.parse(
  readFileSync(fromRoot('content', POSITIONS_FILE), 'utf8'),
) as PositionsFile;

describe('saved graph positions', () => {
  const previousContentDir = process.env.CONTENT_DIR;
  let scratch: string | undefined;

  afterEach(() => {
    if (previousContentDir === undefined) delete process.env.CONTENT_DIR;
    else process.env.CONTENT_DIR = previousContentDir;
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    scratch = undefined;
  });

  it('match the shipped catalogue (run `npm run content:build` when this fails)', () => {
    expect(savedFile.structure).toBe(graphStructureHash(catalogue));
    expect(savedFile.concepts).toBe(85);
    expect(Object.keys(savedFile.positions).sort()).toEqual(
      catalogue.map((concept) => concept.id).sort(),
    );
  });

  it('hash the graph structure, not the wording', () => {
    const base = graphStructureHash(catalogue);
    const retitled = catalogue.map((concept) => ({ ...concept, title: `${concept.title}!` }));
    expect(graphStructureHash(retitled)).toBe(base);
    const reordered = [...catalogue].reverse();
    expect(graphStructureHash(reordered)).toBe(base);
    const withPrerequisite = catalogue.map((concept) =>
      concept.id === 'c085' ? { ...concept, prereqIds: [...concept.prereqIds, 'c001'] } : concept,
    );
    expect(graphStructureHash(withPrerequisite)).not.toBe(base);
  });

  it('are used as saved when they match the catalogue', () => {
    // A fresh array, so no earlier call's in-memory cache is used.
    expect(graphPositions([...catalogue])).toEqual(savedFile.positions);
  });

  it('are recomputed for a catalogue they were not made for', () => {
    scratch = mkdtempSync(join(tmpdir(), 'graph-positions-'));
    process.env.CONTENT_DIR = scratch;
    const stale: PositionsFile = { ...savedFile, structure: 'another catalogue' };
    writeFileSync(join(scratch, POSITIONS_FILE), JSON.stringify(stale));

    const positions = graphPositions([...catalogue]);
    expect(Object.keys(positions).sort()).toEqual(catalogue.map((concept) => concept.id).sort());
    expect(positions).not.toEqual(savedFile.positions);
    for (const { x, y } of Object.values(positions)) {
      expect(Number.isFinite(x)).toBe(true);
      expect(Number.isFinite(y)).toBe(true);
    }
  });
});
