import { describe, expect, it } from 'vitest';

import { analyzeProblem } from '@/lib/analysis';
import {
  compare,
  formatDelta,
  formatDeltaPercent,
  headlineKey,
  headlineKeys,
} from '@/lib/whatif/compare';
import { recompute, scenarioFromAnalysis, setField } from '@/lib/whatif/scenario';

import { gpt3Analysis } from './fixtures';

function edited(...edits: Array<[Parameters<typeof setField>[1], Parameters<typeof setField>[2]]>) {
  let scenario = scenarioFromAnalysis(gpt3Analysis);
  for (const [id, value] of edits) scenario = setField(scenario, id, value);
  return recompute(scenario);
}

function row(rows: ReturnType<typeof compare>, key: string) {
  return rows.find((entry) => entry.key === key)!;
}

describe('compare', () => {
  it('shows no change for the original analysis', () => {
    const rows = compare(gpt3Analysis, gpt3Analysis);
    expect(rows.every((entry) => !entry.changed && entry.deltaText === '')).toBe(true);
    expect(rows.map((entry) => entry.key)).toContain('memoryPerGpuZero3Bytes');
  });

  it('gives value, delta and percentage when the GPU count doubles', () => {
    const rows = compare(gpt3Analysis, edited(['gpuCount', 512]));
    const zero3 = row(rows, 'memoryPerGpuZero3Bytes');
    expect(zero3.originalText).toBe('10.9 GB');
    expect(zero3.editedText).toBe('5.47 GB');
    expect(zero3.delta).toBe(-5_468_750_000);
    expect(zero3.deltaText).toBe('−5.47 GB');
    expect(zero3.deltaPercentText).toBe('−50%');

    const days = row(rows, 'trainingDays');
    expect(days.originalText).toBe('1330 days');
    expect(days.editedText).toBe('666 days');
    expect(days.deltaText).toBe('−666 days');

    // Twice the GPUs for half the time: the same GPU-hours and cost.
    expect(row(rows, 'costUsd').changed).toBe(false);
    expect(row(rows, 'modelStateBytes').changed).toBe(false);
  });

  it('marks memory over a 24 GB GPU and names the excess', () => {
    const rows = compare(gpt3Analysis, edited(['gpuCount', 512], ['gpuModel', 'A10G']));
    expect(row(rows, 'memoryPerGpuZero2Bytes').limits).toEqual([
      {
        kind: 'gpu-memory',
        limit: 24e9,
        limitText: '24.0 GB',
        message: "over the A10G's 24.0 GB by 331 GB",
      },
    ]);
    expect(row(rows, 'memoryPerGpuZero3Bytes').limits).toEqual([]);
    // The original on 80 GB A100s already had ZeRO-2 over the card.
    expect(row(rows, 'memoryPerGpuZero2Bytes').originalLimits[0].message).toBe(
      "over the A100 80GB's 80.0 GB by 280 GB",
    );
  });

  it('marks cost over the budget', () => {
    const cost = row(compare(gpt3Analysis, edited(['budgetUsd', 20e6])), 'costUsd');
    expect(cost.limits).toEqual([]);
    expect(cost.originalLimits[0].message).toBe('over the $500k budget by $15.8M');
  });

  it('marks downtime over what the uptime target allows', () => {
    const rows = compare(gpt3Analysis, edited(['uptimeTarget', 0.95]));
    expect(row(rows, 'expectedDowntimeFraction').limits).toEqual([]);
    expect(row(rows, 'expectedDowntimeFraction').originalLimits[0].message).toBe(
      'over the 0.1% downtime that 99.9% uptime allows',
    );
  });

  it('marks training time over a stated timeline', () => {
    const analysis = analyzeProblem(
      'Train a 70B model on 1.4T tokens on 256 H100 GPUs in 30 days.',
    );
    const scenario = setField(scenarioFromAnalysis(analysis), 'gpuCount', 64);
    const days = row(compare(analysis, recompute(scenario)), 'trainingDays');
    // 6 × 70e9 × 1.4e12 / (64 × 989e12 FLOP/s × 0.4) = 2.32e7 s = 268.7 days.
    expect(days.editedText).toBe('269 days');
    expect(days.limits.map((limit) => limit.message)).toEqual([
      'over the timeline of 30 days by 239 days',
    ]);
  });
});

describe('headlineKey', () => {
  it('follows the stated ZeRO stage, else the layout stage', () => {
    expect(headlineKey('memory', gpt3Analysis)).toBe('memoryPerGpuZero3Bytes');
    expect(headlineKey('memory', edited(['zeroStage', 1]))).toBe('memoryPerGpuZero1Bytes');
    expect(headlineKey('memory', edited(['zeroStage', 0]))).toBe('memoryPerGpuDdpBytes');
    expect(headlineKey('days', gpt3Analysis)).toBe('trainingDays');
    expect(headlineKey('cost', gpt3Analysis)).toBe('costUsd');
  });
});

describe('formatDelta', () => {
  it.each([
    [1.2e9, 'bytes', '+1.20 GB'],
    [-120_000, 'USD', '−$120k'],
    [3.25, 'days', '+3.25 days'],
    [-45, 'minutes', '−45.0 min'],
    [0.0005, 'fraction', '+0.05 percentage points'],
    [0, 'bytes', '0'],
  ])('formats %s %s as "%s"', (delta, unit, text) => {
    expect(formatDelta(delta, unit)).toBe(text);
  });

  it.each([
    [25, '+25%'],
    [-50, '−50%'],
    [1499.99, '+1500%'],
  ])('formats %s percent as "%s"', (percent, text) => {
    expect(formatDeltaPercent(percent)).toBe(text);
  });
});

describe('headline keys when the layout changes stage', () => {
  it('names the original stage when an edit moves the layout to another one', () => {
    const original = analyzeProblem(
      'Train a 175B model on 256 A100 80GB GPUs with 99.9% uptime under $500k',
    );
    const edited = recompute(setField(scenarioFromAnalysis(original), 'tensorParallel', 16));
    expect(original.estimates.parallelismLayout?.value.zeroStage).toBe(3);
    expect(edited.estimates.parallelismLayout?.value.zeroStage).toBe(1);
    expect(headlineKeys('memory', original, edited)).toEqual({
      key: 'memoryPerGpuZero1Bytes',
      originalKey: 'memoryPerGpuZero3Bytes',
    });
  });

  it('keeps one key when the stage stays', () => {
    const original = analyzeProblem(
      'Train a 175B model on 256 A100 80GB GPUs with 99.9% uptime under $500k',
    );
    const edited = recompute(setField(scenarioFromAnalysis(original), 'gpuCount', 512));
    expect(headlineKeys('memory', original, edited)).toEqual({
      key: 'memoryPerGpuZero3Bytes',
      originalKey: 'memoryPerGpuZero3Bytes',
    });
  });
});
