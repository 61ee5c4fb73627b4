import { describe, expect, it } from 'vitest';

import {
  formatBytes,
  formatCount,
  formatDuration,
  formatEstimate,
  formatFlops,
  formatLayout,
  formatPercent,
  formatUsd,
} from '@/lib/analysis';

describe('formatBytes', () => {
  it.each([
    [2.8e12, '2.80 TB'],
    [1.09375e10, '10.9 GB'],
    [120e9, '120 GB'],
    [1.875e9, '1.88 GB'],
    [999.96e9, '1.00 TB'],
    [508e6, '508 MB'],
    [512, '512 B'],
    [0, '0 B'],
  ])('formats %d bytes as %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });
});

describe('formatFlops', () => {
  it.each([
    [3.15e23, '3.15e23 FLOPs'],
    [5.88e21, '5.88e21 FLOPs'],
    [1e18, '1.00e18 FLOPs'],
  ])('formats %d as %s', (flops, expected) => {
    expect(formatFlops(flops)).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each([
    [0.85, '850 ms'],
    [45, '45.0 s'],
    [390, '6.5 min'],
    [44_280, '12.3 h'],
    [2_929_688, '33.9 days'],
    [365 * 86_400 * 2.1, '2.10 years'],
  ])('formats %d seconds as %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

describe('formatUsd', () => {
  it.each([
    [1_234_567, '$1.23M'],
    [500_000, '$500k'],
    [45_600, '$45.6k'],
    [2.5, '$2.50'],
    [999.7, '$1.00k'],
    [16_300_000, '$16.3M'],
  ])('formats %d as %s', (usd, expected) => {
    expect(formatUsd(usd)).toBe(expected);
  });
});

describe('other formats', () => {
  it('formats percentages', () => {
    expect(formatPercent(0.999)).toBe('99.9%');
    expect(formatPercent(0.0042)).toBe('0.42%');
  });

  it('formats counts', () => {
    expect(formatCount(1.4e12)).toBe('1.40T');
    expect(formatCount(254_000)).toBe('254k');
    expect(formatCount(12)).toBe('12');
  });

  it('formats a layout', () => {
    expect(formatLayout({ tp: 8, pp: 4, dp: 32, zeroStage: 1 })).toBe(
      'TP 8 × PP 4 × DP 32, ZeRO-1',
    );
    expect(formatLayout({ tp: 1, pp: 1, dp: 8, zeroStage: 0 })).toBe('TP 1 × PP 1 × DP 8, no ZeRO');
  });

  it.each([
    ['bytes', 2.8e12, '2.80 TB'],
    ['FLOPs', 3.15e23, '3.15e23 FLOPs'],
    ['seconds', 45, '45.0 s'],
    ['minutes', 6.5, '6.5 min'],
    ['hours', 3.09, '3.1 h'],
    ['days', 33.9, '33.9 days'],
    ['USD', 1_660_000, '$1.66M'],
    ['fraction', 0.0149, '1.49%'],
    ['GPU-hours', 833_000, '833k GPU-hours'],
    ['tokens', 1.4e12, '1.40T tokens'],
    ['count', 16.4, '16.4'],
  ])('formatEstimate dispatches %s', (unit, value, expected) => {
    expect(formatEstimate({ value, unit, formula: '', assumptions: [], source: '' })).toBe(
      expected,
    );
  });

  it.each([
    [0.0435, '62.6 min'],
    [0.5, '12.0 h'],
    [1, '1 day'],
    [1330, '1330 days'],
    [9_999, '27.4 years'],
    [43.5e9, '119M years'],
  ])('formats %s days so that it reads at a glance', (value, expected) => {
    expect(formatEstimate({ value, unit: 'days', formula: '', assumptions: [], source: '' })).toBe(
      expected,
    );
  });
});
