import { describe, expect, it } from 'vitest';

import { DEFAULTS, estimateAll, type Quantities } from '@/lib/analysis';
import { activationBytesPerLayer, inferShape } from '@/lib/analysis/estimators/activations';
import { modelStateBytesPerGpu } from '@/lib/analysis/estimators/memory';

/** Floating-point tolerance for values computed by the same formula in the test. */
const RELATIVE_TOLERANCE = 1e-9;

function expectClose(actual: number | undefined, expected: number): void {
  expect(actual).toBeDefined();
  expect(Math.abs((actual ?? Number.NaN) - expected) / Math.abs(expected)).toBeLessThan(
    RELATIVE_TOLERANCE,
  );
}

describe('model-state memory', () => {
  const psi = 10e9;

  it.each([
    [0, 16 * psi],
    [1, 4 * psi + (12 * psi) / 8],
    [2, 2 * psi + (14 * psi) / 8],
    [3, (16 * psi) / 8],
  ])('ZeRO stage %i over 8 ranks', (stage, expected) => {
    expectClose(modelStateBytesPerGpu(psi, stage, 8, 1), expected);
  });

  it('divides by tensor and pipeline degrees first', () => {
    expectClose(modelStateBytesPerGpu(psi, 3, 8, 4), (16 * psi) / 4 / 8);
  });

  it('reports DDP memory without a GPU count', () => {
    const estimates = estimateAll({ parameters: 1e9 });
    expectClose(estimates.memoryPerGpuDdpBytes?.value, 16e9);
    expect(estimates.memoryPerGpuZero3Bytes).toBeUndefined();
  });

  it('uses stated tensor and pipeline degrees', () => {
    const estimates = estimateAll({
      parameters: 175e9,
      gpuCount: 1024,
      tensorParallel: 8,
      pipelineParallel: 16,
    });
    // Ψ = 175e9 / 128 per model-parallel rank, N_d = 1024 / 128 = 8.
    expectClose(
      estimates.memoryPerGpuZero1Bytes?.value,
      4 * (175e9 / 128) + (12 * (175e9 / 128)) / 8,
    );
  });
});

describe('activation memory', () => {
  const gpt3 = { numLayers: 96, hiddenSize: 12288, numHeads: 96, description: 'GPT-3 175B' };

  it('matches s·b·h·(34 + 5·a·s/h) for one layer', () => {
    expectClose(
      activationBytesPerLayer(2048, 1, gpt3, 1, 'none'),
      2048 * 12288 * (34 + (5 * 96 * 2048) / 12288),
    );
  });

  it('splits the tensor-parallel terms', () => {
    expectClose(
      activationBytesPerLayer(2048, 1, gpt3, 8, 'none'),
      2048 * 12288 * (10 + 24 / 8 + (5 * 96 * 2048) / (12288 * 8)),
    );
  });

  it('keeps only layer inputs under full recomputation', () => {
    expectClose(activationBytesPerLayer(2048, 1, gpt3, 1, 'full'), 2 * 2048 * 12288);
  });

  it('takes the nearest published shape', () => {
    expect(inferShape({ parameters: 175e9 })).toMatchObject({
      numLayers: 96,
      hiddenSize: 12288,
      numHeads: 96,
    });
    expect(inferShape({ parameters: 7e9 })).toMatchObject({ numLayers: 32, hiddenSize: 4096 });
  });

  it('derives a shape far from published ones', () => {
    const shape = inferShape({ parameters: 3e12 });
    expect(shape).toBeDefined();
    const implied = 12 * (shape?.numLayers ?? 0) * (shape?.hiddenSize ?? 0) ** 2;
    // Rounding L to an integer and h to a multiple of 128 moves 12·L·h² by a few percent.
    expect(Math.abs(implied - 3e12) / 3e12).toBeLessThan(0.1);
  });

  it('prefers a stated shape', () => {
    expect(
      inferShape({ parameters: 175e9, hiddenSize: 8192, numLayers: 80, numHeads: 64 }),
    ).toMatchObject({
      numLayers: 80,
      hiddenSize: 8192,
      numHeads: 64,
    });
  });

  it('names defaults in assumptions', () => {
    const estimate = estimateAll({ parameters: 7e9 }).activationBytesPerGpu;
    expect(estimate?.assumptions.some((a) => a.includes('Sequence length 2048'))).toBe(true);
    expect(estimate?.assumptions.some((a) => a.includes('Micro-batch 1'))).toBe(true);
  });
});

describe('compute and cost', () => {
  it('computes 6·N·D', () => {
    expectClose(
      estimateAll({ parameters: 7e9, tokens: 1e12 }).trainingFlops?.value,
      6 * 7e9 * 1e12,
    );
  });

  it('defaults tokens to 20 per parameter', () => {
    const estimate = estimateAll({ parameters: 7e9 }).trainingTokens;
    expectClose(estimate?.value, 140e9);
    expect(estimate?.assumptions.join(' ')).toContain('Chinchilla');
  });

  it('times training at peak × MFU', () => {
    const days = estimateAll({
      parameters: 7e9,
      tokens: 1e12,
      gpuCount: 64,
      gpuModel: 'H100 SXM',
      mfu: 0.5,
    }).trainingDays;
    expectClose(days?.value, (6 * 7e9 * 1e12) / (64 * 989e12 * 0.5) / 86_400);
  });

  it('states the default MFU', () => {
    const days = estimateAll({
      parameters: 7e9,
      tokens: 1e12,
      gpuCount: 64,
      gpuModel: 'H100 SXM',
    }).trainingDays;
    expectClose(days?.value, (6 * 7e9 * 1e12) / (64 * 989e12 * DEFAULTS.mfu.value) / 86_400);
    expect(days?.assumptions.some((a) => a.startsWith('MFU 0.4 (default'))).toBe(true);
  });

  it('converts samples per second with sequence length', () => {
    const days = estimateAll({
      parameters: 1e9,
      tokens: 1e11,
      throughput: { value: 100, unit: 'samples/s' },
      sequenceLength: 1000,
    }).trainingDays;
    expectClose(days?.value, 1e11 / (100 * 1000) / 86_400);
  });

  it('prices GPU-hours at the stated price', () => {
    const estimates = estimateAll({
      parameters: 7e9,
      tokens: 1e12,
      gpuCount: 64,
      gpuModel: 'H100 SXM',
      pricePerGpuHourUsd: 2,
    });
    expectClose(estimates.gpuHours?.value, (estimates.trainingDays?.value ?? 0) * 24 * 64);
    expectClose(estimates.costUsd?.value, (estimates.gpuHours?.value ?? 0) * 2);
  });

  it('names the reference price when none is stated', () => {
    const cost = estimateAll({
      parameters: 7e9,
      tokens: 1e12,
      gpuCount: 64,
      gpuModel: 'H100 SXM',
    }).costUsd;
    expect(cost?.assumptions.some((a) => a.includes('H100 SXM reference'))).toBe(true);
  });
});

describe('checkpointing and failures', () => {
  it('sizes checkpoints at 14 and 2 bytes per parameter', () => {
    const estimates = estimateAll({ parameters: 10e9 });
    expectClose(estimates.checkpointBytes?.value, 140e9);
    expectClose(estimates.checkpointWeightsBytes?.value, 20e9);
  });

  it('writes at the stated bandwidth', () => {
    const write = estimateAll({
      parameters: 10e9,
      storageBytesPerSecond: 2e9,
    }).checkpointWriteSeconds;
    expectClose(write?.value, 140e9 / 2e9);
  });

  it('uses the default per-node bandwidth', () => {
    const write = estimateAll({
      parameters: 10e9,
      gpuCount: 32,
      gpuModel: 'H100 SXM',
    }).checkpointWriteSeconds;
    expectClose(write?.value, 140e9 / (DEFAULTS.storageWriteBytesPerSecondPerNode.value * 4));
  });

  it('derives job MTBF from the per-GPU rate', () => {
    const mtbf = estimateAll({ gpuCount: 1000 }).jobMtbfHours;
    expectClose(mtbf?.value, 1 / (DEFAULTS.failuresPerGpuHour.value * 1000));
  });

  it('computes the Young interval and lost work', () => {
    const estimates = estimateAll({ parameters: 1e9, checkpointWriteMinutes: 5, mtbfHours: 10 });
    expectClose(estimates.checkpointIntervalMinutes?.value, Math.sqrt(2 * 5 * 600));
    expectClose(estimates.expectedLostWorkMinutes?.value, Math.sqrt(2 * 5 * 600) / 2 + 5);
  });

  it('uses a stated checkpoint interval for lost work', () => {
    const lost = estimateAll({
      parameters: 1e9,
      checkpointWriteMinutes: 2,
      mtbfHours: 10,
      checkpointIntervalMinutes: 30,
    }).expectedLostWorkMinutes;
    expectClose(lost?.value, 30 / 2 + 2);
  });

  it('counts failures over the run', () => {
    const estimates = estimateAll({
      parameters: 7e9,
      tokens: 1e12,
      gpuCount: 64,
      gpuModel: 'H100 SXM',
      mtbfHours: 12,
    });
    expectClose(
      estimates.failuresDuringRun?.value,
      ((estimates.trainingDays?.value ?? 0) * 24) / 12,
    );
  });

  it('adds stated recovery to downtime', () => {
    const base = { parameters: 1e9, checkpointWriteMinutes: 5, mtbfHours: 10 };
    const without = estimateAll(base).expectedDowntimeFraction?.value ?? 0;
    const withRecovery =
      estimateAll({ ...base, recoveryMinutes: 30 }).expectedDowntimeFraction?.value ?? 0;
    expectClose(withRecovery - without, 30 / 600);
  });
});

describe('all-reduce time', () => {
  it('crosses the network between nodes', () => {
    const seconds = estimateAll({
      parameters: 7e9,
      gpuCount: 64,
      gpuModel: 'H100 SXM',
    }).allReduceSecondsPerStep;
    // 400 Gb/s per GPU is 50 GB/s.
    expectClose(seconds?.value, (2 * 63 * 14e9) / 64 / 50e9);
  });

  it('uses NVLink inside one node', () => {
    const seconds = estimateAll({
      parameters: 7e9,
      gpuCount: 8,
      gpuModel: 'H100 SXM',
    }).allReduceSecondsPerStep;
    expectClose(seconds?.value, (2 * 7 * 14e9) / 8 / 450e9);
  });

  it('prefers the stated network', () => {
    const seconds = estimateAll({
      parameters: 7e9,
      gpuCount: 64,
      gpuModel: 'H100 SXM',
      networkGbps: 100,
    }).allReduceSecondsPerStep;
    expectClose(seconds?.value, (2 * 63 * 14e9) / 64 / 12.5e9);
  });

  it('adds half again under ZeRO-3', () => {
    const base: Quantities = { parameters: 7e9, gpuCount: 64, gpuModel: 'H100 SXM' };
    const ddp = estimateAll(base).allReduceSecondsPerStep?.value ?? 0;
    expectClose(estimateAll({ ...base, zeroStage: 3 }).allReduceSecondsPerStep?.value, ddp * 1.5);
  });
});

describe('parallelism layout', () => {
  it('fits 7B on 8 A100 80GB with ZeRO-1', () => {
    const layout = estimateAll({
      parameters: 7e9,
      gpuCount: 8,
      gpuModel: 'A100 80GB',
    }).parallelismLayout;
    expect(layout?.value).toEqual({ tp: 1, pp: 1, dp: 8, zeroStage: 1 });
    expect(layout?.formula).toContain('fits');
  });

  it('keeps a stated tensor degree', () => {
    const layout = estimateAll({
      parameters: 70e9,
      gpuCount: 64,
      gpuModel: 'H100 SXM',
      tensorParallel: 8,
    }).parallelismLayout;
    expect(layout?.value.tp).toBe(8);
    expect((layout?.value.pp ?? 0) * (layout?.value.dp ?? 0) * 8).toBe(64);
  });

  it('keeps a stated ZeRO stage', () => {
    const layout = estimateAll({
      parameters: 7e9,
      gpuCount: 8,
      gpuModel: 'A100 80GB',
      zeroStage: 2,
    }).parallelismLayout;
    expect(layout?.value.zeroStage).toBe(2);
  });

  it('fits within usable memory', () => {
    const estimates = estimateAll({ parameters: 175e9, gpuCount: 256, gpuModel: 'A100 80GB' });
    const usable = 80e9 * (1 - DEFAULTS.memoryReserveFraction.value);
    expect(estimates.layoutMemoryPerGpuBytes?.value).toBeLessThanOrEqual(usable);
  });

  it('says when nothing fits', () => {
    const layout = estimateAll({
      parameters: 1e12,
      gpuCount: 8,
      gpuModel: 'A100 40GB',
    }).parallelismLayout;
    expect(layout?.formula).toContain('does not fit');
  });
});

describe('estimateAll', () => {
  it('returns nothing for no quantities', () => {
    expect(estimateAll({})).toEqual({});
  });

  it('gives equal results for equal input', () => {
    const quantities: Quantities = {
      parameters: 70e9,
      gpuCount: 512,
      gpuModel: 'H100 SXM',
      budgetUsd: 1e6,
    };
    expect(estimateAll(quantities)).toEqual(estimateAll({ ...quantities }));
  });

  it('leaves its input unchanged', () => {
    const quantities = Object.freeze({ parameters: 70e9, gpuCount: 512, gpuModel: 'H100 SXM' });
    expect(() => estimateAll(quantities)).not.toThrow();
    expect(quantities).toEqual({ parameters: 70e9, gpuCount: 512, gpuModel: 'H100 SXM' });
  });

  it('follows a what-if edit of the GPU count', () => {
    const before = estimateAll({ parameters: 70e9, gpuCount: 256, gpuModel: 'H100 SXM' });
    const after = estimateAll({ parameters: 70e9, gpuCount: 512, gpuModel: 'H100 SXM' });
    expectClose(
      after.memoryPerGpuZero3Bytes?.value,
      (before.memoryPerGpuZero3Bytes?.value ?? 0) / 2,
    );
    expectClose(after.trainingDays?.value, (before.trainingDays?.value ?? 0) / 2);
  });

  it('ignores invalid edited values', () => {
    const estimates = estimateAll({
      parameters: Number.NaN,
      gpuCount: -4,
      mfu: 3,
      zeroStage: 7,
      gpuModel: 'not a GPU',
      throughput: { value: Number.POSITIVE_INFINITY, unit: 'samples/s' },
    });
    expect(estimates).toEqual({});
  });

  it('accepts a GPU name as typed', () => {
    expect(estimateAll({ gpuModel: 'h100' }).gpuMemoryBytes?.value).toBe(80e9);
  });
});
