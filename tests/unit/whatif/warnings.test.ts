import { describe, expect, it } from 'vitest';

import type { Quantities } from '@/lib/analysis/types';
import { compare } from '@/lib/whatif/compare';
import { invalidLayoutText } from '@/lib/whatif/presentation';
import { recompute, scenarioFromAnalysis, setField } from '@/lib/whatif/scenario';
import { invalidLayoutWarning, scenarioWarnings } from '@/lib/whatif/warnings';
import { renderHeadline } from '@/lib/export/sections/whatif-figures';

import { gpt3Analysis } from './fixtures';

/** Returns the warnings for a cluster described by its quantities alone. */
function warningsFor(quantities: Quantities) {
  return scenarioWarnings({ quantities, estimates: {}, notes: [] });
}

/** Returns the reference problem's analysis with the given fields edited. */
function editedGpt3(edits: Array<[Parameters<typeof setField>[1], number]>) {
  let scenario = scenarioFromAnalysis(gpt3Analysis);
  for (const [id, value] of edits) scenario = setField(scenario, id, value);
  return recompute(scenario);
}

describe('scenarioWarnings', () => {
  it('rejects pipeline stages beyond the GPUs', () => {
    expect(warningsFor({ gpuCount: 256, pipelineParallel: 1000 })).toEqual([
      {
        fields: ['tensorParallel', 'pipelineParallel', 'gpuCount'],
        message:
          'tensor × pipeline parallel is 1 × 1000 = 1000, more than the 256 GPUs: lower a degree or add GPUs',
        invalidLayout: true,
      },
    ]);
  });

  it('rejects data-parallel replicas beyond the GPUs', () => {
    expect(warningsFor({ gpuCount: 256, tensorParallel: 8, dataParallel: 64 })).toEqual([
      {
        fields: ['dataParallel', 'tensorParallel', 'pipelineParallel', 'gpuCount'],
        message:
          'tensor × pipeline × data parallel is 8 × 1 × 64 = 512, more than the 256 GPUs: lower a degree or add GPUs',
        invalidLayout: true,
      },
    ]);
  });

  it('warns of fewer replicas than the GPUs allow', () => {
    const [warning] = warningsFor({ gpuCount: 256, tensorParallel: 8, dataParallel: 16 });
    expect(warning.invalidLayout).toBe(false);
    expect(warning.message).toBe(
      'tensor × pipeline × data parallel is 8 × 1 × 16 = 128, but the GPU count is 256: the memory figures shard over 16 replicas',
    );
  });

  it('warns of idle GPUs', () => {
    const [warning] = warningsFor({ gpuCount: 100, tensorParallel: 8 });
    expect(warning.invalidLayout).toBe(false);
    expect(warning.message).toBe(
      '100 GPUs do not divide into groups of tensor × pipeline parallel = 8, so 4 GPUs sit idle',
    );
  });

  it('passes a layout that fits', () => {
    expect(warningsFor({ gpuCount: 256, tensorParallel: 8, pipelineParallel: 4 })).toEqual([]);
  });
});

describe('invalidLayoutWarning', () => {
  it('finds an impossible layout', () => {
    const warning = invalidLayoutWarning(editedGpt3([['pipelineParallel', 1000]]));
    expect(warning?.invalidLayout).toBe(true);
  });

  it('passes an idle-GPU layout', () => {
    expect(invalidLayoutWarning(editedGpt3([['tensorParallel', 3]]))).toBeUndefined();
  });

  it('writes the notice with the fix', () => {
    const warning = invalidLayoutWarning(editedGpt3([['pipelineParallel', 1000]]))!;
    expect(invalidLayoutText(warning)).toBe(
      'This layout is not valid. Tensor × pipeline parallel is 1 × 1000 = 1000, more than the 256 GPUs: lower a degree or add GPUs.',
    );
  });
});

describe('exported headline', () => {
  it('shows no change for an impossible layout', () => {
    const edited = editedGpt3([['pipelineParallel', 1000]]);
    const html = renderHeadline(gpt3Analysis, edited, compare(gpt3Analysis, edited));
    expect(html).toContain('data-testid="whatif-layout-invalid"');
    expect(html).toContain('data-layout-valid="false"');
    expect(html).toContain(
      '<span class="figure mono" data-testid="whatif-memory" data-estimate-key="memoryPerGpuZero3Bytes">not valid</span><span class="was">was 10.9 GB</span>',
    );
    expect(html).not.toContain('whatif-memory-delta');
    expect(html).not.toContain('2.80 GB');
  });

  it('shows the change for a layout that fits', () => {
    const edited = editedGpt3([['gpuCount', 512]]);
    const html = renderHeadline(gpt3Analysis, edited, compare(gpt3Analysis, edited));
    expect(html).toContain('data-layout-valid="true"');
    expect(html).toContain('data-testid="whatif-memory-delta">−5.47 GB (−50%)</span>');
    expect(html).not.toContain('whatif-layout-invalid');
  });
});
