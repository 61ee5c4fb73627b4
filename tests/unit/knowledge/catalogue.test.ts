import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

import { diagramFileName, diagramSourceHash, findMermaidFences } from '@/lib/knowledge/diagrams';
import { defaultCatalogueLocation, loadCatalogueFiles } from '@/lib/knowledge/files';
import type { Concept } from '@/lib/knowledge/types';

// Checks of the shipped catalogue. Seeding only validates structure, so a user's catalogue may
// differ; these counts describe what the product ships.
const location = defaultCatalogueLocation();
const concepts: Concept[] = loadCatalogueFiles(location);
const byId = new Map(concepts.map((concept) => [concept.id, concept]));

function fences(body: string): { language: string; code: string }[] {
  return [...body.matchAll(/^```([^\n`]*)\n([\s\S]*?)^```[ \t]*$/gm)].map((match) => ({
    language: match[1].trim(),
    code: match[2],
  }));
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

describe('shipped catalogue', () => {
  it('has 85 concepts with ids c001 to c085', () => {
    expect(concepts.map((concept) => concept.id)).toEqual(
      Array.from({ length: 85 }, (_, index) => `c${String(index + 1).padStart(3, '0')}`),
    );
  });

  it('has the minimum count per domain', () => {
    const counts = countBy(concepts, (concept) => concept.domain);
    const minimums = {
      training: 25,
      compute: 5,
      networking: 6,
      data: 8,
      storage: 4,
      mlops: 5,
      orchestration: 6,
      optimization: 4,
      architecture: 6,
      evaluation: 3,
      reliability: 3,
      cost: 3,
      monitoring: 2,
    };
    for (const [domain, minimum] of Object.entries(minimums)) {
      expect(counts[domain] ?? 0, domain).toBeGreaterThanOrEqual(minimum);
    }
  });

  it('has 33 beginner, 36 intermediate and 16 advanced concepts', () => {
    expect(countBy(concepts, (concept) => concept.level)).toEqual({
      beginner: 33,
      intermediate: 36,
      advanced: 16,
    });
  });

  it('contains every title the reference lessons select', () => {
    const cases = JSON.parse(
      readFileSync(new URL('../../fixtures/cases/seed-examples.json', import.meta.url), 'utf8'),
    ) as { examples: { expectedConcepts: string[] }[] };
    const titles = new Set(concepts.map((concept) => concept.title));
    for (const title of cases.examples.flatMap((example) => example.expectedConcepts)) {
      expect(titles.has(title), title).toBe(true);
    }
  });

  it('gives every non-beginner concept a prerequisite', () => {
    const missing = concepts.filter((c) => c.level !== 'beginner' && c.prereqIds.length === 0);
    expect(missing.map((concept) => concept.id)).toEqual([]);
  });

  it.each(concepts.map((concept) => [concept.id, concept] as const))(
    '%s body has the sections and at least 300 words',
    (_id, concept) => {
      const words = concept.body.split(/\s+/).filter(Boolean).length;
      expect(words).toBeGreaterThanOrEqual(300);
      for (const heading of ['## What it is', '## How it works', '## In practice', '## Pitfalls']) {
        expect(concept.body).toContain(heading);
      }
    },
  );

  it('has code blocks with a named language in at least 55 concepts', () => {
    const withCode = concepts.filter((concept) =>
      fences(concept.body).some((fence) => !['', 'mermaid', 'text'].includes(fence.language)),
    );
    expect(withCode.length).toBeGreaterThanOrEqual(55);
    const unnamed = concepts.filter((c) => fences(c.body).some((fence) => fence.language === ''));
    expect(unnamed.map((concept) => concept.id)).toEqual([]);
  });

  it('has a mermaid diagram in at least 25 concepts', () => {
    const withDiagram = concepts.filter(
      (concept) => findMermaidFences(concept.id, concept.body).length > 0,
    );
    expect(withDiagram.length).toBeGreaterThanOrEqual(25);
  });

  it('has JSON blocks that parse', () => {
    for (const concept of concepts) {
      for (const fence of fences(concept.body).filter((f) => f.language === 'json')) {
        expect(() => JSON.parse(fence.code), concept.id).not.toThrow();
      }
    }
  });

  it('has YAML blocks that parse', () => {
    for (const concept of concepts) {
      for (const fence of fences(concept.body).filter((f) =>
        ['yaml', 'yml'].includes(f.language),
      )) {
        const errors = parseAllDocuments(fence.code).flatMap((document) =>
          'errors' in document ? document.errors : [],
        );
        expect(
          errors.map((error) => error.message),
          concept.id,
        ).toEqual([]);
      }
    }
  });

  describe('Python blocks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'infra-learn-python-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('compile with python3 -m py_compile', () => {
      const files: string[] = [];
      for (const concept of concepts) {
        fences(concept.body)
          .filter((fence) => fence.language === 'python')
          .forEach((fence, index) => {
            const file = join(dir, `${concept.id}_${index}.py`);
            writeFileSync(file, fence.code);
            files.push(file);
          });
      }
      expect(files.length).toBeGreaterThan(20);
      // py_compile exits non-zero and names the file of the first block that fails.
      expect(() =>
        execFileSync('python3', ['-m', 'py_compile', ...files], { stdio: 'pipe' }),
      ).not.toThrow();
    });
  });

  it('has a current pre-rendered SVG for every mermaid diagram', () => {
    const manifestPath = join(location.diagramsDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, string>;
    const problems: string[] = [];
    for (const concept of concepts) {
      for (const fence of findMermaidFences(concept.id, concept.body)) {
        const name = diagramFileName(fence);
        if (!existsSync(join(location.diagramsDir, name))) problems.push(`${name} is missing`);
        else if (manifest[name] !== diagramSourceHash(fence.source))
          problems.push(`${name} is stale`);
      }
    }
    // Fix with `npm run content:build`, which re-renders changed diagrams.
    expect(problems).toEqual([]);
  });

  it.each(concepts.map((concept) => [concept.id, concept] as const))(
    '%s has 3 or 4 quiz questions whose answer position varies',
    (_id, concept) => {
      expect(concept.quiz.length).toBeGreaterThanOrEqual(3);
      expect(concept.quiz.length).toBeLessThanOrEqual(4);
      expect(new Set(concept.quiz.map((question) => question.correctIndex)).size).toBeGreaterThan(
        1,
      );
    },
  );

  it('uses every answer position across the catalogue', () => {
    const positions = countBy(
      concepts.flatMap((concept) => concept.quiz),
      (question) => String(question.correctIndex),
    );
    for (const position of ['0', '1', '2', '3']) {
      expect(positions[position] ?? 0).toBeGreaterThan(30);
    }
  });

  it('gives every concept at least two https resources', () => {
    const short = concepts.filter((concept) => concept.resources.length < 2);
    expect(short.map((concept) => concept.id)).toEqual([]);
  });

  it('points prerequisites only at existing concepts', () => {
    for (const concept of concepts) {
      for (const prereqId of concept.prereqIds)
        expect(byId.has(prereqId), `${concept.id} -> ${prereqId}`).toBe(true);
    }
  });
});
