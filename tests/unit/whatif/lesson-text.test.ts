import { describe, expect, it } from 'vitest';

import { analyzeProblem, formatEstimate } from '@/lib/analysis';
import { rebuildLessonText } from '@/lib/whatif/lesson-text';
import { recompute, scenarioFromAnalysis, setField } from '@/lib/whatif/scenario';

import {
  GPT3_PROBLEM,
  gpt3With,
  lessonFor,
  realProblems,
  seedExamples,
  textSourceOf,
} from './fixtures';

describe('rebuildLessonText', () => {
  it.each([
    ...seedExamples.map((example) => [example.name, example.problem, example.constraints] as const),
    ...realProblems.map((problem) => [problem.id, problem.problem, []] as const),
  ])('rebuilds the stored text from the stored analysis: %s', (_name, problem, constraints) => {
    const lesson = lessonFor(problem, [...constraints]);
    const text = rebuildLessonText(textSourceOf(lesson), lesson.analysis);
    expect(text.applied).toEqual(lesson.cards.map((card) => card.back.applied));
    expect(text.objectives).toEqual(lesson.objectives);
    expect(text.roles).toEqual(lesson.roles);
    expect(text.disagreements).toEqual(lesson.disagreements);
  });

  it('quotes the edited estimates in cards and roles', () => {
    const lesson = lessonFor(GPT3_PROBLEM);
    let scenario = setField(scenarioFromAnalysis(lesson.analysis), 'gpuCount', 512);
    scenario = setField(scenario, 'gpuModel', 'A10G');
    const edited = recompute(scenario);
    const text = rebuildLessonText(textSourceOf(lesson), edited);

    // The same figures analyzeProblem gives for the problem typed with 512 A10Gs.
    const expected = analyzeProblem(gpt3With(512, 'A10G')).estimates;
    const cost = formatEstimate(expected.costUsd!);
    const zero3 = formatEstimate(expected.memoryPerGpuZero3Bytes!);
    expect(cost).toBe('$36.8M');
    expect(zero3).toBe('5.47 GB');

    const costOfficer = text.roles.find((role) => role.role === 'cost-officer')!;
    expect(costOfficer.evidence.join('\n')).toContain(cost);
    expect(costOfficer.evidence.join('\n')).not.toContain('$16.3M');
    expect(text.applied.join('\n')).toContain(zero3);
    expect(text.applied.join('\n')).not.toContain('10.9 GB');
  });
});
