import { describe, expect, it } from 'vitest';

import { analyzeProblem } from '@/lib/analysis';
import {
  isEdited,
  recompute,
  resetScenario,
  scenarioFromAnalysis,
  scenarioQuantities,
  setField,
  withEdits,
} from '@/lib/whatif/scenario';

import { GPT3_PROBLEM, gpt3Analysis, gpt3With, realProblems, seedExamples } from './fixtures';

describe('scenarioFromAnalysis', () => {
  const fields = scenarioFromAnalysis(gpt3Analysis).fields;

  it.each([
    ['parameters', 175e9, 'stated'],
    ['gpuModel', 'A100 80GB', 'stated'],
    ['gpuCount', 256, 'stated'],
    ['budgetUsd', 500_000, 'stated'],
    ['uptimeTarget', 0.999, 'stated'],
    ['tokens', 3.5e12, 'assumed'],
    ['mfu', 0.4, 'assumed'],
    ['pricePerGpuHourUsd', 1.99, 'assumed'],
    ['zeroStage', 3, 'assumed'],
    ['tensorParallel', 1, 'assumed'],
    ['pipelineParallel', 1, 'assumed'],
    ['dataParallel', 256, 'assumed'],
  ] as const)('seeds %s with %s (%s)', (id, value, origin) => {
    expect(fields[id].value).toBe(value);
    expect(fields[id].origin).toBe(origin);
  });

  it('seeds assumed failure rate and write time', () => {
    // 1 / (419 / (54 × 24 × 16,384) per GPU-hour × 256 GPUs) = 197.96 h.
    expect(fields.mtbfHours.value).toBeCloseTo(197.957, 3);
    expect(fields.mtbfHours.origin).toBe('assumed');
    expect(fields.mtbfHours.note).toBe(
      'Not stated: the Llama 3 failure rate per GPU times the GPU count',
    );
    // 2.45 TB / (0.977 GB/s × 32 nodes) = 78.4 s.
    expect(fields.checkpointWriteMinutes.value).toBeCloseTo(78.4 / 60, 9);
  });

  it('marks a price default with its catalogue date', () => {
    expect(fields.pricePerGpuHourUsd.note).toBe(
      'Not stated: the A100 80GB reference price (2026-01)',
    );
  });

  it('leaves optional targets absent when the problem states none', () => {
    const plain = scenarioFromAnalysis(analyzeProblem('Train a 7B model on 8 H100 GPUs.')).fields;
    expect(plain.budgetUsd).toEqual({
      id: 'budgetUsd',
      value: undefined,
      origin: 'absent',
      note: '',
    });
    expect(plain.uptimeTarget.origin).toBe('absent');
  });
});

describe('recompute', () => {
  it.each([
    ...seedExamples.map((example) => [example.name, example.problem] as const),
    ...realProblems.map((problem) => [problem.id, problem.problem] as const),
  ])('reproduces the analysis unedited: %s', (_name, problem) => {
    const analysis = analyzeProblem(problem);
    expect(recompute(scenarioFromAnalysis(analysis)).estimates).toEqual(analysis.estimates);
  });

  it('matches analyzeProblem after the GPU count changes', () => {
    const scenario = setField(scenarioFromAnalysis(gpt3Analysis), 'gpuCount', 512);
    const edited = recompute(scenario);
    expect(edited.estimates).toEqual(analyzeProblem(gpt3With(512, 'A100')).estimates);
    // 175e9 × 16 B / 512 = 5.47 GB, and twice the GPUs halve the days at the same cost.
    expect(edited.estimates.memoryPerGpuZero3Bytes?.value).toBe(5_468_750_000);
    expect(edited.estimates.trainingDays?.value).toBeCloseTo(665.670107, 5);
    expect(edited.estimates.costUsd?.value).toBeCloseTo(gpt3Analysis.estimates.costUsd!.value, 6);
  });

  it('matches analyzeProblem after the GPU model changes too', () => {
    let scenario = setField(scenarioFromAnalysis(gpt3Analysis), 'gpuCount', 512);
    scenario = setField(scenario, 'gpuModel', 'A10G');
    expect(recompute(scenario).estimates).toEqual(analyzeProblem(gpt3With(512, 'A10G')).estimates);
    // The price default follows the GPU: the A10G reference is $1.01 per GPU-hour.
    expect(scenario.fields.pricePerGpuHourUsd.value).toBe(1.01);
  });

  it('lets assumed fields follow other edits', () => {
    const scenario = setField(scenarioFromAnalysis(gpt3Analysis), 'gpuCount', 512);
    expect(scenario.fields.mtbfHours.value).toBeCloseTo(197.957 / 2, 3);
    expect(scenario.fields.dataParallel.value).toBe(512);
    expect(scenario.fields.mtbfHours.origin).toBe('assumed');
  });

  it('uses an edited assumption in place of the default', () => {
    const scenario = setField(scenarioFromAnalysis(gpt3Analysis), 'mfu', 0.5);
    const edited = recompute(scenario);
    expect(edited.estimates).toEqual(analyzeProblem(`${GPT3_PROBLEM} MFU 50%.`).estimates);
    expect(edited.estimates.trainingDays?.value).toBeCloseTo(1331.34021 * 0.8, 4);
  });
});

describe('scenario edits', () => {
  it('drops a stated node count when the GPU count changes', () => {
    const analysis = analyzeProblem('Train a 70B model on 4 nodes with 8 H100 GPUs each.');
    const quantities = scenarioQuantities(setField(scenarioFromAnalysis(analysis), 'gpuCount', 64));
    expect(quantities.nodes).toBeUndefined();
    expect(quantities.gpusPerNode).toBe(8);
    expect(quantities.gpuCount).toBe(64);
  });

  it('replaces a per-node MTBF with an edited job MTBF', () => {
    const analysis = analyzeProblem(
      'Train a 70B model on 64 H100 GPUs. MTBF of 1000 hours per node.',
    );
    const scenario = setField(scenarioFromAnalysis(analysis), 'mtbfHours', 12);
    expect(scenarioQuantities(scenario).mtbfHoursPerNode).toBeUndefined();
    expect(recompute(scenario).estimates.jobMtbfHours?.value).toBe(12);
  });

  it('removes a cleared budget', () => {
    const scenario = setField(scenarioFromAnalysis(gpt3Analysis), 'budgetUsd', null);
    expect(scenarioQuantities(scenario).budgetUsd).toBeUndefined();
    expect(scenario.fields.budgetUsd.origin).toBe('absent');
    expect(isEdited(scenario)).toBe(true);
  });

  it('counts an edit back to the stated value as no edit', () => {
    const scenario = setField(scenarioFromAnalysis(gpt3Analysis), 'gpuCount', 256);
    expect(isEdited(scenario)).toBe(false);
    expect(scenario.fields.gpuCount.origin).toBe('stated');
  });

  it('resets to the stated quantities', () => {
    const edited = setField(scenarioFromAnalysis(gpt3Analysis), 'gpuModel', 'H100 SXM');
    const reset = resetScenario(edited);
    expect(reset.edits).toEqual({});
    expect(recompute(reset).estimates).toEqual(gpt3Analysis.estimates);
  });

  it('replays stored edits', () => {
    const replayed = withEdits(gpt3Analysis.quantities, { gpuCount: 512, gpuModel: 'A10G' });
    expect(replayed.fields.gpuCount.origin).toBe('edited');
    expect(recompute(replayed).estimates).toEqual(analyzeProblem(gpt3With(512, 'A10G')).estimates);
  });

  it('notes that MFU does not drive the time when a throughput is stated', () => {
    const analysis = analyzeProblem(
      'Train a 65B model on 1.4T tokens at 380 tokens/s/GPU on 2048 A100 GPUs.',
    );
    const fields = scenarioFromAnalysis(analysis).fields;
    expect(fields.mfu.note).toBe(
      'Training time comes from the stated throughput, so MFU does not change it',
    );
  });
});
