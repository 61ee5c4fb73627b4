/**
 * Inputs shared by the estimators, resolved once from (possibly edited) quantities: invalid values
 * dropped, the GPU looked up, and cluster shape and parallel degrees filled in where they follow.
 */

import { findGpu, type GpuSpec } from '../gpus';
import type { Estimate, Quantities } from '../types';

/** Quantities after validation plus the values every estimator needs. */
export type Inputs = {
  q: Quantities;
  gpu: GpuSpec | undefined;
  /** Total GPUs, stated or nodes × GPUs per node. */
  gpuCount: number | undefined;
  gpusPerNode: number;
  /** Whether GPUs per node came from the catalogue or a fallback rather than the text. */
  gpusPerNodeAssumed: boolean;
  nodes: number | undefined;
  tp: number;
  pp: number;
  /** Data-parallel degree: stated, or GPUs / (tp × pp). */
  dp: number | undefined;
};

/** GPUs per node when neither the text nor the catalogue gives a number: the 8-GPU HGX/DGX server. */
const FALLBACK_GPUS_PER_NODE = 8;

const POSITIVE_KEYS: ReadonlyArray<keyof Quantities> = [
  'parameters',
  'tokens',
  'gpuCount',
  'budgetUsd',
  'recoveryMinutes',
  'maxLostProgressMinutes',
  'sequenceLength',
  'checkpointWriteMinutes',
  'checkpointIntervalMinutes',
  'mtbfHours',
  'mtbfHoursPerNode',
  'failuresPerGpuHour',
  'timelineDays',
  'networkGbps',
  'storageBytesPerSecond',
  'achievedFlopsPerGpu',
  'tensorParallel',
  'pipelineParallel',
  'dataParallel',
  'microBatchSize',
  'globalBatchSize',
  'nodes',
  'gpusPerNode',
  'hiddenSize',
  'numLayers',
  'numHeads',
];

/**
 * Returns a copy of `quantities` without values no estimate can use: non-numbers, NaN, infinities,
 * non-positive counts (a price may be 0), fractions outside (0, 1] and ZeRO stages outside 0..3.
 */
export function sanitizeQuantities(quantities: Quantities): Quantities {
  const clean: Quantities = {};
  const source = (quantities ?? {}) as Record<string, unknown>;

  for (const key of POSITIVE_KEYS) {
    const value = source[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
      (clean as Record<string, unknown>)[key] = value;
    }
  }
  // A stated price of $0 (free or already paid-for compute) is kept, so the cost is $0.
  const price = source.pricePerGpuHourUsd;
  if (typeof price === 'number' && Number.isFinite(price) && price >= 0) {
    clean.pricePerGpuHourUsd = price;
  }
  for (const key of ['mfu', 'uptimeTarget'] as const) {
    const value = source[key];
    if (typeof value === 'number' && value > 0 && value <= 1) clean[key] = value;
  }

  const stage = source.zeroStage;
  if (typeof stage === 'number' && Number.isInteger(stage) && stage >= 0 && stage <= 3)
    clean.zeroStage = stage;
  if (typeof source.gpuModel === 'string') clean.gpuModel = source.gpuModel;

  const throughput = source.throughput as Quantities['throughput'] | undefined;
  if (
    throughput !== undefined &&
    typeof throughput === 'object' &&
    typeof throughput.value === 'number' &&
    Number.isFinite(throughput.value) &&
    throughput.value > 0 &&
    typeof throughput.unit === 'string'
  ) {
    clean.throughput = { value: throughput.value, unit: throughput.unit };
  }

  const recomputation = source.activationRecomputation;
  if (recomputation === 'none' || recomputation === 'selective' || recomputation === 'full') {
    clean.activationRecomputation = recomputation;
  }
  return clean;
}

/** Resolves the inputs shared by all estimators. */
export function resolveInputs(quantities: Quantities): Inputs {
  const q = sanitizeQuantities(quantities);
  const gpu = q.gpuModel === undefined ? undefined : findGpu(q.gpuModel);
  const gpusPerNode = q.gpusPerNode ?? gpu?.gpusPerNode ?? FALLBACK_GPUS_PER_NODE;
  const gpuCount =
    q.gpuCount ??
    (q.nodes !== undefined && q.gpusPerNode !== undefined ? q.nodes * q.gpusPerNode : undefined);
  const nodes =
    q.nodes ??
    (gpuCount === undefined ? undefined : Math.max(1, Math.ceil(gpuCount / gpusPerNode)));
  const tp = q.tensorParallel ?? 1;
  const pp = q.pipelineParallel ?? 1;
  const dp =
    q.dataParallel ??
    (gpuCount === undefined ? undefined : Math.max(1, Math.floor(gpuCount / (tp * pp))));

  return {
    q,
    gpu,
    gpuCount,
    gpusPerNode,
    gpusPerNodeAssumed: q.gpusPerNode === undefined,
    nodes,
    tp,
    pp,
    dp,
  };
}

/** Builds an estimate, dropping empty assumptions. */
export function estimate<V = number>(
  value: V,
  unit: string,
  formula: string,
  assumptions: ReadonlyArray<string | undefined | false>,
  source: string,
): Estimate<V> {
  return {
    value,
    unit,
    formula,
    assumptions: assumptions.filter(
      (assumption): assumption is string => typeof assumption === 'string',
    ),
    source,
  };
}

/** Prints a number with three significant digits in plain or scientific notation. */
export function num(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e6 || magnitude < 1e-3)) {
    const [mantissa, exponent] = value.toExponential(2).split('e');
    return `${Number(mantissa)}e${Number(exponent)}`;
  }
  return String(Number(value.toPrecision(3)));
}
