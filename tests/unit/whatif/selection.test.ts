import { describe, expect, it } from 'vitest';

import { analyzeProblem } from '@/lib/analysis';
import { selectConcepts } from '@/lib/lessons/select';
import { recompute, scenarioFromAnalysis, setField } from '@/lib/whatif/scenario';
import { lessonChange, predictConceptIds, rebuildReasons } from '@/lib/whatif/selection';
import { buildSelectionModel } from '@/lib/whatif/selection-model';

import {
  catalogue,
  GPT3_PROBLEM,
  gpt3Analysis,
  lessonFor,
  realProblems,
  seedExamples,
} from './fixtures';

const sorted = (ids: string[]) => [...ids].sort();

describe('predictConceptIds', () => {
  it.each([
    ...seedExamples.map((example) => [example.name, example.problem] as const),
    ...realProblems.map((problem) => [problem.id, problem.problem] as const),
  ])('picks the concepts selectConcepts picks: %s', (_name, problem) => {
    const analysis = analyzeProblem(problem);
    const model = buildSelectionModel(problem, catalogue);
    const server = selectConcepts(problem, analysis, catalogue).map((concept) => concept.id);
    expect(sorted(predictConceptIds(model, problem, analysis))).toEqual(sorted(server));
  });

  it('picks what selectConcepts picks for an edited analysis of the same text', () => {
    const scenario = setField(scenarioFromAnalysis(gpt3Analysis), 'gpuModel', 'V100 16GB');
    const edited = recompute(scenario);
    const model = buildSelectionModel(GPT3_PROBLEM, catalogue);
    const server = selectConcepts(GPT3_PROBLEM, edited, catalogue).map((concept) => concept.id);
    expect(sorted(predictConceptIds(model, GPT3_PROBLEM, edited))).toEqual(sorted(server));
  });
});

describe('lessonChange', () => {
  const model = buildSelectionModel(GPT3_PROBLEM, catalogue);

  it('reports no change for the original numbers', () => {
    expect(lessonChange(model, GPT3_PROBLEM, gpt3Analysis, gpt3Analysis)).toEqual({
      changes: false,
      entering: [],
      leaving: [],
    });
  });

  it('names the concepts an edit brings in and drops', () => {
    // A budget that covers the run and no uptime target remove two of the problem's signals.
    let scenario = setField(scenarioFromAnalysis(gpt3Analysis), 'budgetUsd', null);
    scenario = setField(scenario, 'uptimeTarget', null);
    const edited = recompute(scenario);
    const change = lessonChange(model, GPT3_PROBLEM, gpt3Analysis, edited);

    const before = selectConcepts(GPT3_PROBLEM, gpt3Analysis, catalogue).map((c) => c.id);
    const after = selectConcepts(GPT3_PROBLEM, edited, catalogue).map((c) => c.id);
    expect(change.changes).toBe(true);
    expect(sorted(change.entering.map((concept) => concept.id))).toEqual(
      sorted(after.filter((id) => !before.includes(id))),
    );
    expect(sorted(change.leaving.map((concept) => concept.id))).toEqual(
      sorted(before.filter((id) => !after.includes(id))),
    );
    const titles = new Map(catalogue.map((concept) => [concept.id, concept.title]));
    for (const concept of [...change.entering, ...change.leaving]) {
      expect(concept.title).toBe(titles.get(concept.id));
    }
  });
});

describe('rebuildReasons', () => {
  const lesson = lessonFor(GPT3_PROBLEM);
  const model = buildSelectionModel(GPT3_PROBLEM, catalogue);

  it('keeps every reason for the original numbers', () => {
    const reasons = rebuildReasons(
      model,
      GPT3_PROBLEM,
      lesson.concepts,
      lesson.analysis,
      lesson.analysis,
    );
    for (const concept of lesson.concepts) expect(reasons[concept.id]).toBe(concept.reason);
  });

  it('rewrites the numbers a signal reason quotes', () => {
    let scenario = setField(scenarioFromAnalysis(lesson.analysis), 'gpuCount', 512);
    scenario = setField(scenario, 'gpuModel', 'A10G');
    const reasons = rebuildReasons(
      model,
      GPT3_PROBLEM,
      lesson.concepts,
      lesson.analysis,
      recompute(scenario),
    );
    const zero = lesson.concepts.find((concept) => concept.title === 'ZeRO Optimizer')!;
    expect(zero.reason).toBe(
      '2.80 TB of model states cannot fit on one A100 80GB (80.0 GB), so ZeRO-3 brings them to 10.9 GB per GPU.',
    );
    expect(reasons[zero.id]).toBe(
      '2.80 TB of model states cannot fit on one A10G (24.0 GB), so ZeRO-3 brings them to 5.47 GB per GPU.',
    );
    const cost = lesson.concepts.find((concept) => concept.title === 'Cost Modeling')!;
    expect(reasons[cost.id]).toBe(
      '$36.8M estimated against a $500k budget: over by $36.3M, so the plan has to change before the run starts.',
    );
  });
});
