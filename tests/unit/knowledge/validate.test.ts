import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { buildCatalogue, CatalogueError, findCatalogueIssues } from '@/lib/knowledge/validate';

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/catalogue/concepts.json', import.meta.url), 'utf8'),
) as Record<string, unknown>[];

function bodiesFor(entries: { id?: unknown }[]): Map<string, string> {
  return new Map(entries.map((entry) => [String(entry.id), '## What it is\n\nText.']));
}

function withChange(change: (entries: Record<string, unknown>[]) => void) {
  const entries = structuredClone(fixture);
  change(entries);
  return findCatalogueIssues(entries, bodiesFor(entries));
}

describe('findCatalogueIssues', () => {
  it('accepts the fixture catalogue', () => {
    expect(findCatalogueIssues(fixture, bodiesFor(fixture))).toEqual([]);
  });

  it('names a dangling prerequisite', () => {
    const issues = withChange((entries) => (entries[1].prereqIds = ['c999']));
    expect(issues).toEqual([
      { id: 'c002', field: 'prereqIds.0', message: 'prerequisite c999 does not exist' },
    ]);
  });

  it('names a cycle', () => {
    const issues = withChange((entries) => (entries[0].prereqIds = ['c003']));
    const cycle = issues.find((issue) => issue.message.startsWith('prerequisite cycle'));
    expect(cycle?.field).toBe('prereqIds');
    expect(cycle?.message).toMatch(/c001 -> c003 -> c001|c003 -> c001 -> c003/);
  });

  it('names a duplicate id', () => {
    const issues = withChange((entries) => (entries[2].id = 'c001'));
    expect(issues).toContainEqual({ id: 'c001', field: 'id', message: 'duplicate id c001' });
  });

  it('names an unknown domain', () => {
    const issues = withChange((entries) => (entries[0].domain = 'marketing'));
    expect(issues).toHaveLength(1);
    expect(issues[0].id).toBe('c001');
    expect(issues[0].field).toBe('domain');
  });

  it('rejects a prerequisite above the concept level', () => {
    const issues = withChange((entries) => {
      entries[0].prereqIds = ['c002'];
    });
    expect(issues).toContainEqual({
      id: 'c001',
      field: 'prereqIds.0',
      message: 'prerequisite c002 is intermediate, above this beginner concept',
    });
  });

  it('rejects a quiz question without four options', () => {
    const issues = withChange((entries) => {
      (entries[1].quiz as { options: string[] }[])[0].options = ['a', 'b', 'c'];
    });
    expect(issues[0]).toMatchObject({ id: 'c002', field: 'quiz.0.options' });
  });

  it('rejects a missing body', () => {
    const bodies = bodiesFor(fixture);
    bodies.delete('c003');
    expect(findCatalogueIssues(fixture, bodies)).toEqual([
      { id: 'c003', field: 'body', message: 'missing body content/bodies/c003.md' },
    ]);
  });
});

describe('buildCatalogue', () => {
  it('throws CatalogueError naming the first id and field', () => {
    const entries = structuredClone(fixture);
    entries[1].prereqIds = ['c404'];
    expect(() => buildCatalogue(entries, bodiesFor(entries))).toThrow(CatalogueError);
    expect(() => buildCatalogue(entries, bodiesFor(entries))).toThrow(
      'invalid catalogue: c002 prereqIds.0: prerequisite c404 does not exist',
    );
  });
});
