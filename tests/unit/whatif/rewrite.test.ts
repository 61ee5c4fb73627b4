import { describe, expect, it } from 'vitest';

import { analyzeProblem } from '@/lib/analysis';
import { lessonRequestSchema } from '@/lib/lessons/input';
import type { ScenarioEdits } from '@/lib/whatif/scenario';
import { recompute, scenarioFromAnalysis, withEdits } from '@/lib/whatif/scenario';
import { scenarioToLessonRequest } from '@/lib/whatif/rewrite';
import { wordContext } from '@/lib/whatif/word-context';

import { GPT3_PROBLEM, gpt3Analysis, realProblems, seedExamples } from './fixtures';

const EDITS: ReadonlyArray<readonly [string, ScenarioEdits]> = [
  ['no edit', {}],
  ['GPU count and model', { gpuCount: 512, gpuModel: 'A10G' }],
  [
    'every field',
    {
      parameters: 70e9,
      tokens: 1.4e12,
      gpuModel: 'H100 SXM',
      gpuCount: 1024,
      mfu: 0.45,
      pricePerGpuHourUsd: 2.5,
      budgetUsd: 1_200_000,
      uptimeTarget: 0.995,
      mtbfHours: 6.5,
      checkpointWriteMinutes: 2.5,
      zeroStage: 1,
      tensorParallel: 8,
      pipelineParallel: 4,
      dataParallel: 32,
    },
  ],
  ['cleared targets', { budgetUsd: null, uptimeTarget: null }],
  ['ZeRO off', { zeroStage: 0, gpuModel: 'MI300X' }],
];

const PROBLEMS = [
  ...seedExamples.map((example) => [example.name, example.problem, example.constraints] as const),
  ...realProblems.map((problem) => [problem.id, problem.problem, []] as const),
];

describe('scenarioToLessonRequest', () => {
  it.each(
    PROBLEMS.flatMap(([name, problem, constraints]) =>
      EDITS.map(([editName, edits]) => [name, editName, problem, constraints, edits] as const),
    ),
  )('reads back the same estimates: %s, %s', (_name, _edit, problem, constraints, edits) => {
    const analysis = analyzeProblem(problem, [...constraints]);
    const scenario = withEdits(analysis.quantities, edits);
    const request = scenarioToLessonRequest(scenario, wordContext(problem, constraints));

    const reread = analyzeProblem(request.problem, request.constraints);
    const expected = recompute(scenario);
    expect(reread.quantities).toEqual(expected.quantities);
    expect(reread.estimates).toEqual(expected.estimates);
    expect(lessonRequestSchema.safeParse(request).success).toBe(true);
  });

  it('writes the numbers as a person would', () => {
    const scenario = withEdits(gpt3Analysis.quantities, { gpuCount: 512, gpuModel: 'A10G' });
    expect(scenarioToLessonRequest(scenario)).toEqual({
      problem: 'Train a 175B-parameter model on 512 A10G GPUs. Budget $500000. 99.9% uptime.',
      constraints: [],
    });
  });

  it('keeps the wording that states no quantity', () => {
    const problem = `${GPT3_PROBLEM} Our runs keep hanging at the first all-reduce.`;
    const constraints = ['must use Slurm', 'budget $400k'];
    const request = scenarioToLessonRequest(
      scenarioFromAnalysis(analyzeProblem(problem, constraints)),
      wordContext(problem, constraints),
    );
    expect(request.problem.endsWith('Our runs keep hanging at the first all-reduce.')).toBe(true);
    expect(request.constraints).toEqual(['must use Slurm']);
  });
});
