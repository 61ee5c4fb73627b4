import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { formatEstimate } from '@/lib/analysis';
import { checkFieldValue, parseField, SCENARIO_FIELD_IDS } from '@/lib/whatif/fields';
import { compareSideBySide, storedIsEdited, analyseStored } from '@/lib/whatif/saved';
import { recompute, scenarioFromAnalysis, setField } from '@/lib/whatif/scenario';

import { gpt3Analysis, gpt3With } from './fixtures';
import { analyzeProblem } from '@/lib/analysis';

const stated = gpt3Analysis.quantities;

describe('checkFieldValue', () => {
  it.each<[(typeof SCENARIO_FIELD_IDS)[number], unknown]>([
    ['parameters', 7e9],
    ['gpuModel', 'H100 SXM'],
    ['gpuCount', 1],
    ['mfu', 1],
    ['pricePerGpuHourUsd', 0],
    ['budgetUsd', null],
    ['uptimeTarget', 0.999],
    ['zeroStage', 0],
    ['checkpointWriteMinutes', 10_080],
  ])('accepts %s %j', (id, value) => {
    expect(checkFieldValue(id, value)).toBeUndefined();
  });

  it.each<[(typeof SCENARIO_FIELD_IDS)[number], unknown, string]>([
    ['gpuCount', 0, 'invalid GPU count 0: expected a whole number of GPUs from 1 to 1,000,000'],
    [
      'gpuCount',
      '512',
      'invalid GPU count "512": expected a whole number of GPUs from 1 to 1,000,000',
    ],
    ['mfu', 0, 'invalid MFU 0: expected a fraction above 0 and at most 1, such as 0.4 for 40%'],
    [
      'zeroStage',
      1.5,
      'invalid ZeRO stage 1.5: expected a whole number from 0 (plain data parallelism) to 3',
    ],
    [
      'gpuModel',
      'constructor',
      'invalid GPU model "constructor": expected a catalogue id, one of A100 40GB, A100 80GB, H100 SXM, H100 PCIe, H200, B200, V100, V100 16GB, L40S, A10G, MI250X, MI300X',
    ],
    [
      'tokens',
      null,
      'invalid token count null: only an optional field (budget, uptime target) can be cleared',
    ],
    [
      'budgetUsd',
      {},
      'invalid budget {}: expected a dollar amount from 1 to 1e13, or null for no budget',
    ],
  ])('rejects %s %j naming the value and range', (id, value, message) => {
    expect(checkFieldValue(id, value)).toBe(message);
  });

  it('accepts every value that typed text parses to', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCENARIO_FIELD_IDS),
        fc.oneof(
          fc.string(),
          fc.double({ min: 0, max: 2e16, noNaN: true }).map(String),
          fc.integer({ min: 0, max: 2_000_000 }).map(String),
          fc.constantFrom('40', '99.9', '500k', '1.2M', '175B', 'A10G', '3'),
        ),
        (id, raw) => {
          const parsed = parseField(id, raw);
          if (!parsed.ok) return;
          expect(checkFieldValue(id, parsed.value ?? null)).toBeUndefined();
        },
      ),
    );
  });
});

describe('storedIsEdited', () => {
  it('tells an edit from a value equal to the stated one', () => {
    expect(storedIsEdited({ stated, edits: {} })).toBe(false);
    expect(storedIsEdited({ stated, edits: { gpuCount: 256 } })).toBe(false);
    expect(storedIsEdited({ stated, edits: { gpuCount: 512 } })).toBe(true);
    expect(storedIsEdited({ stated, edits: { budgetUsd: null } })).toBe(true);
  });
});

describe('compareSideBySide', () => {
  const saved = analyseStored({ stated, edits: { gpuCount: 512, gpuModel: 'A10G' } });
  const current = recompute(setField(scenarioFromAnalysis(gpt3Analysis), 'gpuCount', 1024));

  it('puts each column beside the original, in the panel’s order', () => {
    const rows = compareSideBySide(gpt3Analysis, [
      { id: 'saved', label: 'Saved', analysis: saved },
      { id: 'current', label: 'Current edit', analysis: current },
    ]);
    expect(rows[0].key).toBe('modelStateBytes');
    const memory = rows.find((row) => row.key === 'memoryPerGpuZero3Bytes')!;
    const typed = analyzeProblem(gpt3With(512, 'A10G')).estimates;
    expect(memory.original.text).toBe(
      formatEstimate(gpt3Analysis.estimates.memoryPerGpuZero3Bytes!),
    );
    expect(memory.cells[0].text).toBe(formatEstimate(typed.memoryPerGpuZero3Bytes!));
    expect(memory.cells[0].deltaText).toBe('−5.47 GB');
    expect(memory.cells[0].deltaPercentText).toBe('−50%');
    expect(memory.cells[1].text).toBe('2.73 GB');
    expect(memory.cells).toHaveLength(2);
  });

  it('marks the limits each column crosses', () => {
    const [row] = compareSideBySide(gpt3Analysis, [
      { id: 'saved', label: 'Saved', analysis: saved },
    ]).filter((entry) => entry.key === 'memoryPerGpuZero2Bytes');
    expect(row.original.limits.map((limit) => limit.kind)).toEqual(['gpu-memory']);
    expect(row.cells[0].limits[0].message).toBe("over the A10G's 24.0 GB by 331 GB");
  });

  it('leaves a cell empty where a column lacks the estimate', () => {
    const noGpus = analyseStored({ stated: { parameters: 7e9 }, edits: {} });
    const rows = compareSideBySide(gpt3Analysis, [
      { id: 'small', label: 'Small', analysis: noGpus },
    ]);
    const cost = rows.find((row) => row.key === 'costUsd')!;
    expect(cost.cells[0]).toEqual({
      text: undefined,
      changed: true,
      deltaText: '',
      deltaPercentText: '',
      limits: [],
    });
  });
});
