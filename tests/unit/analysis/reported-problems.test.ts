import { describe, expect, it } from 'vitest';

import { analyzeProblem, type Quantities } from '@/lib/analysis';

import reported from './fixtures/reported-problems.json';

type ReportedProblem = { id: string; problem: string; numbers: Partial<Quantities> };

const PROBLEMS = (reported.problems as ReportedProblem[]).map((p) => [p.id, p] as const);

/** Quantities a reported problem either states (and must be read exactly) or must not be given. */
const CHECKED_KEYS: ReadonlyArray<keyof Quantities> = [
  'parameters',
  'tokens',
  'gpuCount',
  'gpuModel',
  'sequenceLength',
  'budgetUsd',
];

describe('reported problems', () => {
  it.each(PROBLEMS)('%s: reads every stated number exactly', (_id, problem) => {
    const { quantities } = analyzeProblem(problem.problem);
    for (const [key, expected] of Object.entries(problem.numbers)) {
      expect({ key, value: quantities[key as keyof Quantities] }).toEqual({ key, value: expected });
    }
  });

  it.each(PROBLEMS)('%s: invents no unstated number', (_id, problem) => {
    const { quantities } = analyzeProblem(problem.problem);
    for (const key of CHECKED_KEYS) {
      if (key in problem.numbers) continue;
      expect({ key, value: quantities[key] }).toEqual({ key, value: undefined });
    }
  });

  it('R05: reads the spelled-out checkpoint stall and the disk bandwidth', () => {
    const problem = PROBLEMS.find(([id]) => id === 'R05')?.[1];
    const { quantities } = analyzeProblem(problem?.problem ?? '');
    expect(quantities.checkpointWriteMinutes).toBe(6.5);
    expect(quantities.storageBytesPerSecond).toBe(2.2e9);
  });

  it('R06: reads batch sizes but not the 1B range end', () => {
    const problem = PROBLEMS.find(([id]) => id === 'R06')?.[1];
    const { quantities, notes } = analyzeProblem(problem?.problem ?? '');
    expect(quantities.globalBatchSize).toBe(2048);
    expect(quantities.microBatchSize).toBe(256);
    expect(notes.some((note) => note.includes('"1B"'))).toBe(true);
  });

  it('R03: keeps in-server bus bandwidth out of the network', () => {
    const problem = PROBLEMS.find(([id]) => id === 'R03')?.[1];
    const { quantities, notes } = analyzeProblem(problem?.problem ?? '');
    expect(quantities.networkGbps).toBeUndefined();
    expect(notes.some((note) => note.includes('480 GB/s'))).toBe(true);
  });
});

describe('example problems', () => {
  it('reads the multi-node GPT problem', () => {
    const { quantities } = analyzeProblem(
      'Design infrastructure to train a 175B parameter GPT model across 256 A100 GPUs with 99.9% uptime and cost under $500k.',
    );
    expect(quantities).toEqual({
      parameters: 175e9,
      gpuCount: 256,
      gpuModel: 'A100 80GB',
      uptimeTarget: 0.999,
      budgetUsd: 500_000,
    });
  });

  it('reads the fault-tolerance problem', () => {
    const { quantities } = analyzeProblem(
      'Implement a training system that can recover from node failures within 5 minutes without losing more than 10 minutes of training progress.',
    );
    expect(quantities).toEqual({ recoveryMinutes: 5, maxLostProgressMinutes: 10 });
  });

  it('reads the vision throughput problem', () => {
    const { quantities } = analyzeProblem(
      'Train a CLIP-scale vision-language model using spot instances while maintaining training stability and throughput above 1000 samples/sec.',
    );
    expect(quantities).toEqual({ throughput: { value: 1000, unit: 'samples/s' } });
  });

  it('reads constraints with the problem', () => {
    const { quantities } = analyzeProblem('Train a 13B model on 64 H100 GPUs.', [
      'Budget under $300k',
      'Finish in 3 weeks',
    ]);
    expect(quantities.budgetUsd).toBe(300_000);
    expect(quantities.timelineDays).toBe(21);
  });
});
