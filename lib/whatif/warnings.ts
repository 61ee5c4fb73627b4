/**
 * Checks across fields that no single input can make: parallel degrees that do not fit the GPU
 * count. The estimates still run, so these are warnings beside the inputs, not errors. A layout
 * that needs more GPUs than there are cannot run at all, so the panel shows a notice in place of
 * the figures that would depend on it.
 */

import type { Analysis } from '../analysis/types';
import type { ScenarioFieldId } from './fields';

/** A problem that involves several fields, with the fields to flag. */
export interface ScenarioWarning {
  fields: ScenarioFieldId[];
  message: string;
  /** Whether the parallel degrees need more GPUs than the scenario has, so no run can use them. */
  invalidLayout: boolean;
}

/** Returns the warnings for the quantities a scenario's estimates ran on. */
export function scenarioWarnings(analysis: Analysis): ScenarioWarning[] {
  const { gpuCount, tensorParallel, pipelineParallel, dataParallel } = analysis.quantities;
  if (gpuCount === undefined) return [];
  const tp = tensorParallel ?? 1;
  const pp = pipelineParallel ?? 1;
  const warnings: ScenarioWarning[] = [];

  if (tp * pp > gpuCount) {
    warnings.push({
      fields: ['tensorParallel', 'pipelineParallel', 'gpuCount'],
      message: `tensor × pipeline parallel is ${tp} × ${pp} = ${tp * pp}, more than the ${gpuCount} GPUs: lower a degree or add GPUs`,
      invalidLayout: true,
    });
  } else if (dataParallel !== undefined && tp * pp * dataParallel > gpuCount) {
    warnings.push({
      fields: ['dataParallel', 'tensorParallel', 'pipelineParallel', 'gpuCount'],
      message: `tensor × pipeline × data parallel is ${tp} × ${pp} × ${dataParallel} = ${tp * pp * dataParallel}, more than the ${gpuCount} GPUs: lower a degree or add GPUs`,
      invalidLayout: true,
    });
  } else if (dataParallel !== undefined && tp * pp * dataParallel !== gpuCount) {
    warnings.push({
      fields: ['dataParallel', 'gpuCount'],
      message: `tensor × pipeline × data parallel is ${tp} × ${pp} × ${dataParallel} = ${tp * pp * dataParallel}, but the GPU count is ${gpuCount}: the memory figures shard over ${dataParallel} replicas`,
      invalidLayout: false,
    });
  } else if (gpuCount % (tp * pp) !== 0) {
    warnings.push({
      fields: ['tensorParallel', 'pipelineParallel', 'gpuCount'],
      message: `${gpuCount} GPUs do not divide into groups of tensor × pipeline parallel = ${tp * pp}, so ${gpuCount % (tp * pp)} ${gpuCount % (tp * pp) === 1 ? 'GPU sits' : 'GPUs sit'} idle`,
      invalidLayout: false,
    });
  }
  return warnings;
}

/** Returns the warning that makes the scenario's layout impossible, or undefined when it can run. */
export function invalidLayoutWarning(analysis: Analysis): ScenarioWarning | undefined {
  return scenarioWarnings(analysis).find((warning) => warning.invalidLayout);
}
