import { describe, expect, it } from 'vitest';

import { GPU_CATALOGUE, findGpu, matchGpu } from '@/lib/analysis';

const REQUIRED_IDS = [
  'A100 40GB',
  'A100 80GB',
  'H100 SXM',
  'H100 PCIe',
  'H200',
  'B200',
  'V100',
  'L40S',
  'A10G',
  'MI250X',
  'MI300X',
];

describe('GPU_CATALOGUE', () => {
  it.each(REQUIRED_IDS)('lists %s', (id) => {
    expect(GPU_CATALOGUE[id]?.id).toBe(id);
  });

  it.each(Object.values(GPU_CATALOGUE).map((gpu) => [gpu.id, gpu] as const))(
    '%s has sourced fields',
    (_id, gpu) => {
      expect(gpu.peakDenseFlops).toBeGreaterThan(1e13);
      expect(gpu.memoryBytes).toBeGreaterThan(1e10);
      expect(gpu.intraNodeBytesPerSecond).toBeGreaterThan(0);
      expect(gpu.interNodeGbps).toBeGreaterThan(0);
      expect(gpu.pricePerGpuHourUsd).toBeGreaterThan(0);
      expect(gpu.priceAsOf).toMatch(/^\d{4}-\d{2}$/);
      for (const source of [
        gpu.peakSource,
        gpu.memorySource,
        gpu.intraNodeSource,
        gpu.interNodeSource,
        gpu.priceSource,
      ]) {
        expect(source.length).toBeGreaterThan(10);
      }
    },
  );

  it('states dense peaks, not sparse', () => {
    expect(GPU_CATALOGUE['H100 SXM'].peakDenseFlops).toBe(989e12);
    expect(GPU_CATALOGUE['A100 80GB'].peakDenseFlops).toBe(312e12);
  });
});

describe('findGpu', () => {
  it.each([
    ['A100', 'A100 80GB'],
    ['a100-80g', 'A100 80GB'],
    ['A100 40GB', 'A100 40GB'],
    ['A100-SXM4-40GB', 'A100 40GB'],
    ['H100', 'H100 SXM'],
    ['H100 SXM5 80GB', 'H100 SXM'],
    ['H100 PCIe', 'H100 PCIe'],
    ['8xH100', 'H100 SXM'],
    ['H200', 'H200'],
    ['B200', 'B200'],
    ['GB200 NVL72', 'B200'],
    ['V100', 'V100'],
    ['V100 16GB', 'V100 16GB'],
    ['L40S', 'L40S'],
    ['A10G', 'A10G'],
    ['MI250X', 'MI250X'],
    ['MI300X', 'MI300X'],
    ['mi300x', 'MI300X'],
    ['H100 SXM', 'H100 SXM'],
  ])('resolves "%s" to %s', (text, id) => {
    expect(findGpu(text)?.id).toBe(id);
  });

  it.each(['TPU v5p', 'no GPUs here', 'A1000', 'H1000', ''])('finds nothing in "%s"', (text) => {
    expect(findGpu(text)).toBeUndefined();
  });

  it('notes the A100 assumption', () => {
    expect(matchGpu('A100')?.note).toContain('A100 80GB');
    expect(matchGpu('A100 80GB')?.note).toBeUndefined();
  });
});
