import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { loadCatalogueFiles } from '@/lib/knowledge/files';
import { generateLesson } from '@/lib/lessons/generate';
import type { Lesson } from '@/lib/lessons/types';

interface SeedExamples {
  examples: { name: string; problem: string; constraints: string[] }[];
}

const SEED_EXAMPLES_PATH = fileURLToPath(
  new URL('../../fixtures/cases/seed-examples.json', import.meta.url),
);

/** Reference problems from `tests/fixtures/cases/seed-examples.json`, in file order. */
export const seedExamples = (JSON.parse(readFileSync(SEED_EXAMPLES_PATH, 'utf8')) as SeedExamples)
  .examples;

const catalogue = loadCatalogueFiles();

/** Generates the lesson of a problem against the shipped catalogue with a fixed id and clock. */
export function lessonFor(
  problem: string,
  constraints: string[] = [],
  id = '3f0c9a52-6a1e-4d0b-9c1e-7a5b2d8e4f10',
): Lesson {
  return generateLesson(
    { problem, constraints },
    { concepts: catalogue, now: new Date('2026-12-04T12:00:00Z'), id },
  );
}

/** Generates the lesson of the first reference problem: 175B on 256 A100s, 99.9% uptime, $500k. */
export function firstSeedLesson(): Lesson {
  const [first] = seedExamples;
  return lessonFor(first.problem, first.constraints);
}
