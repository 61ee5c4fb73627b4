import { describe, expect, it } from 'vitest';

import { analyzeProblem } from '@/lib/analysis';
import { indexCatalogue } from '@/lib/lessons/catalogue-index';
import { buildObjectives, MAX_OBJECTIVES, MIN_OBJECTIVES } from '@/lib/lessons/objectives';
import { selectConcepts } from '@/lib/lessons/select';

import { catalogue, FULL_PROBLEM, noise, realProblems, seedExamples } from './fixtures';

function objectivesFor(problem: string): string[] {
  const analysis = analyzeProblem(problem);
  return buildObjectives(
    selectConcepts(problem, analysis, catalogue),
    analysis,
    indexCatalogue(catalogue),
  );
}

describe('buildObjectives', () => {
  const problems = [
    ...seedExamples.map((example) => example.problem),
    ...realProblems.map((problem) => problem.problem),
    'Why does our loss curve look different after we changed the tokenizer?',
    noise(4000),
  ];

  it.each(problems.map((problem) => [problem.slice(0, 40), problem] as const))(
    'returns 3 to 6 distinct objectives for "%s…"',
    (_label, problem) => {
      const objectives = objectivesFor(problem);
      expect(objectives.length).toBeGreaterThanOrEqual(MIN_OBJECTIVES);
      expect(objectives.length).toBeLessThanOrEqual(MAX_OBJECTIVES);
      expect(new Set(objectives).size).toBe(objectives.length);
    },
  );

  it('ties objectives to the problem numbers', () => {
    const objectives = objectivesFor(FULL_PROBLEM);
    expect(objectives).toContain(
      'Compute the per-GPU model-state memory of a 175B model under ZeRO-3 on 256 GPUs (10.9 GB) and compare it with 80.0 GB.',
    );
    expect(
      objectives.some((objective) => objective.includes('compare it with the $500k budget')),
    ).toBe(true);
  });

  it('names concepts when the problem has no numbers', () => {
    const objectives = objectivesFor(
      'Why does our loss curve look different after we changed the tokenizer?',
    );
    expect(objectives.every((objective) => /^(Explain|Apply|Analyse) /.test(objective))).toBe(true);
  });
});
