// Shared inputs for the lesson tests: the shipped catalogue (loaded once, so its search index is
// built once) and the reference cases.
import { readFileSync } from 'node:fs';

import { loadCatalogueFiles } from '@/lib/knowledge/files';
import type { Concept } from '@/lib/knowledge/types';

export interface SeedExample {
  name: string;
  problem: string;
  constraints: string[];
  expectedConcepts: string[];
}

export interface RealProblem {
  id: string;
  problem: string;
  families: string[];
}

export const catalogue: Concept[] = loadCatalogueFiles();

export const seedExamples: SeedExample[] = (
  JSON.parse(
    readFileSync(new URL('../../fixtures/cases/seed-examples.json', import.meta.url), 'utf8'),
  ) as {
    examples: SeedExample[];
  }
).examples;

export const realProblems: RealProblem[] = (
  JSON.parse(
    readFileSync(new URL('../../fixtures/cases/real-problems.json', import.meta.url), 'utf8'),
  ) as {
    problems: RealProblem[];
  }
).problems;

/** Fixed clock for generated lessons. */
export const NOW = new Date('2026-03-01T09:30:00.000Z');

/** Problem with cluster, memory, uptime and budget numbers: every estimate is available. */
export const FULL_PROBLEM = seedExamples[0].problem;

/** Returns `length` characters of seeded pseudo-random printable noise, spaces included. */
export function noise(length: number, seed = 42): string {
  const alphabet =
    'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?$%()-_/\'"';
  let state = seed;
  let text = '';
  for (let index = 0; index < length; index += 1) {
    // Park–Miller minimal standard generator: fixed seed, same noise on every run.
    state = (state * 48_271) % 2_147_483_647;
    text += alphabet[state % alphabet.length];
  }
  return text;
}
