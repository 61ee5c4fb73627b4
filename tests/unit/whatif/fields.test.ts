import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  formatField,
  parseField,
  SCENARIO_FIELD_IDS,
  type ScenarioFieldId,
} from '@/lib/whatif/fields';

describe('parseField', () => {
  it.each<[ScenarioFieldId, string, number | string | undefined]>([
    ['parameters', '175B', 175e9],
    ['parameters', '1.4T', 1.4e12],
    ['parameters', '7e9', 7e9],
    ['parameters', '70,000,000,000', 70e9],
    ['tokens', '300b', 300e9],
    ['gpuModel', 'H100 SXM', 'H100 SXM'],
    ['gpuCount', ' 512 ', 512],
    ['gpuCount', '1,024', 1024],
    ['mfu', '45', 0.45],
    ['mfu', '100', 1],
    ['pricePerGpuHourUsd', '$2.50', 2.5],
    ['pricePerGpuHourUsd', '0', 0],
    ['budgetUsd', '$500k', 500_000],
    ['budgetUsd', '1.2M', 1_200_000],
    ['budgetUsd', '', undefined],
    ['uptimeTarget', '99.9', 0.999],
    ['uptimeTarget', '99.95%', 0.9995],
    ['uptimeTarget', '  ', undefined],
    ['mtbfHours', '3.5', 3.5],
    ['checkpointWriteMinutes', '0.5', 0.5],
    ['zeroStage', '0', 0],
    ['zeroStage', '3', 3],
    ['tensorParallel', '8', 8],
    ['pipelineParallel', '16', 16],
    ['dataParallel', '64', 64],
  ])('reads %s from "%s"', (id, raw, expected) => {
    expect(parseField(id, raw)).toEqual({ ok: true, value: expected });
  });

  it.each<[ScenarioFieldId, string, string]>([
    [
      'gpuCount',
      '4k',
      'invalid GPU count "4k": expected a whole number of GPUs from 1 to 1,000,000',
    ],
    ['gpuCount', '0', 'invalid GPU count "0": expected a whole number of GPUs from 1 to 1,000,000'],
    [
      'gpuCount',
      '2.5',
      'invalid GPU count "2.5": expected a whole number of GPUs from 1 to 1,000,000',
    ],
    ['mfu', '0', 'invalid MFU "0": expected a percentage above 0 and at most 100, such as 40'],
    ['mfu', '140', 'invalid MFU "140": expected a percentage above 0 and at most 100, such as 40'],
    [
      'parameters',
      'lots',
      'invalid parameter count "lots": expected a number of parameters from 1M to 10000T, such as 70B or 1.4T',
    ],
    [
      'budgetUsd',
      '-5',
      'invalid budget "-5": expected a dollar amount from $1 to $10T, such as 500k or 1.2M, or empty for no budget',
    ],
    [
      'uptimeTarget',
      '101',
      'invalid uptime target "101": expected a percentage above 50 and at most 100, such as 99.9, or empty for no target',
    ],
    ['mtbfHours', '', 'invalid MTBF "": expected a number of hours above 0 and at most 1,000,000'],
    [
      'zeroStage',
      '4',
      'invalid ZeRO stage "4": expected a stage from 0 (plain data parallelism) to 3',
    ],
    [
      'gpuModel',
      'RTX 4090',
      'invalid GPU model "RTX 4090": expected one of A100 40GB, A100 80GB, H100 SXM, H100 PCIe, H200, B200, V100, V100 16GB, L40S, A10G, MI250X, MI300X',
    ],
  ])('rejects %s "%s" naming the value and range', (id, raw, message) => {
    expect(parseField(id, raw)).toEqual({ ok: false, message });
  });

  it('never throws and never returns NaN for any text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCENARIO_FIELD_IDS), fc.string(), (id, raw) => {
        const parsed = parseField(id, raw);
        if (parsed.ok && typeof parsed.value === 'number') {
          expect(Number.isFinite(parsed.value)).toBe(true);
        }
      }),
    );
  });
});

describe('formatField', () => {
  it.each<[ScenarioFieldId, number | string, string]>([
    ['parameters', 175e9, '175B'],
    ['tokens', 3.5e12, '3.5T'],
    ['mfu', 0.4, '40'],
    ['uptimeTarget', 0.999, '99.9'],
    ['budgetUsd', 500_000, '500k'],
    ['pricePerGpuHourUsd', 1.99, '1.99'],
    ['mtbfHours', 197.95704057279238, '198'],
    ['checkpointWriteMinutes', 1.3066666666666669, '1.307'],
    ['gpuModel', 'A10G', 'A10G'],
  ])('shows %s %s as "%s"', (id, value, text) => {
    expect(formatField(id, value)).toBe(text);
  });

  it('formats counts so that they parse back to the value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 6, max: 12 }),
        (mantissa, exponent) => {
          const value = mantissa * 10 ** exponent;
          const parsed = parseField('parameters', formatField('parameters', value));
          expect(parsed.ok).toBe(true);
          // Four significant digits print exactly, so only float rounding separates the two.
          if (parsed.ok) expect(Math.abs(Number(parsed.value) / value - 1)).toBeLessThan(1e-12);
        },
      ),
    );
  });
});
