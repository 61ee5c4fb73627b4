/**
 * Model-state memory of mixed-precision Adam training, in total and per GPU under plain data
 * parallelism and ZeRO stages 1–3 (Rajbhandari et al. 2020, "ZeRO: Memory Optimizations Toward
 * Training Trillion Parameter Models").
 */

import { formatBytes } from '../format';
import type { GpuSpec } from '../gpus';
import type { Estimate } from '../types';
import { UNIT } from '../units';
import { estimate, num } from './inputs';

/** bf16/fp16 weights, in bytes per parameter. */
export const WEIGHT_BYTES_PER_PARAM = 2;
/** bf16/fp16 gradients, in bytes per parameter. */
export const GRADIENT_BYTES_PER_PARAM = 2;
/** Adam optimizer states K: fp32 master weights, momentum and variance, 4 bytes each. */
export const OPTIMIZER_BYTES_PER_PARAM = 12;
/** Model states of mixed-precision Adam: 2 + 2 + 12 = 16 bytes per parameter. */
export const MODEL_STATE_BYTES_PER_PARAM =
  WEIGHT_BYTES_PER_PARAM + GRADIENT_BYTES_PER_PARAM + OPTIMIZER_BYTES_PER_PARAM;

export const ZERO_SOURCE =
  'Rajbhandari et al. 2020, ZeRO (arXiv:1910.02054), §3.1 and Figure 1: mixed-precision Adam needs 16Ψ bytes; 7.5B on 64 GPUs needs 120 GB (DDP), 31.4 GB (ZeRO-1), 16.6 GB (ZeRO-2), 1.9 GB (ZeRO-3) per GPU';

const STAGE_NAMES = ['plain data parallelism (DDP)', 'ZeRO-1', 'ZeRO-2', 'ZeRO-3'] as const;

/** Estimates all model states: 16 bytes per parameter (2 + 2 + 12) for mixed-precision Adam. */
export function estimateModelStateBytes(parameters: number): Estimate {
  const bytes = MODEL_STATE_BYTES_PER_PARAM * parameters;
  return estimate(
    bytes,
    UNIT.bytes,
    `16 B/param × ${num(parameters)} params = ${formatBytes(bytes)} (2 bf16 weights + 2 bf16 gradients + 12 fp32 master weights, momentum and variance)`,
    ['Mixed-precision training with Adam. Activations, buffers and fragmentation are not included'],
    ZERO_SOURCE,
  );
}

/**
 * Returns model-state bytes per GPU under ZeRO stage `stage` (0 = DDP) over `dataParallel` ranks,
 * for a model already split `modelParallel` = tp × pp ways. With Ψ = parameters / modelParallel and
 * N_d = dataParallel: DDP 16Ψ, ZeRO-1 4Ψ + 12Ψ/N_d, ZeRO-2 2Ψ + 14Ψ/N_d, ZeRO-3 16Ψ/N_d.
 */
export function modelStateBytesPerGpu(
  parameters: number,
  stage: number,
  dataParallel: number,
  modelParallel: number,
): number {
  const psi = parameters / modelParallel;
  const nd = Math.max(1, dataParallel);
  const weights = WEIGHT_BYTES_PER_PARAM * psi;
  const gradients = GRADIENT_BYTES_PER_PARAM * psi;
  const optimizer = OPTIMIZER_BYTES_PER_PARAM * psi;

  if (stage <= 0) return weights + gradients + optimizer;
  if (stage === 1) return weights + gradients + optimizer / nd;
  if (stage === 2) return weights + (gradients + optimizer) / nd;
  return (weights + gradients + optimizer) / nd;
}

/** Estimates model-state memory per GPU under one ZeRO stage, with the working filled in. */
export function estimateMemoryPerGpu(
  parameters: number,
  stage: number,
  dataParallel: number,
  tp: number,
  pp: number,
  gpu: GpuSpec | undefined,
): Estimate {
  const modelParallel = tp * pp;
  const stageIndex = Math.min(3, Math.max(0, Math.round(stage)));
  const bytes = modelStateBytesPerGpu(parameters, stageIndex, dataParallel, modelParallel);
  const psi = parameters / modelParallel;
  const psiText =
    modelParallel > 1
      ? `Ψ = ${num(parameters)} / (TP ${tp} × PP ${pp}) = ${num(psi)}`
      : `Ψ = ${num(psi)}`;
  const expressions = [
    '(2 + 2 + 12)·Ψ',
    '(2 + 2)·Ψ + 12·Ψ/N_d',
    '2·Ψ + (2 + 12)·Ψ/N_d',
    '(2 + 2 + 12)·Ψ/N_d',
  ];
  const fits =
    gpu === undefined
      ? undefined
      : `${bytes <= gpu.memoryBytes ? 'Within' : 'Over'} the ${gpu.id}'s ${formatBytes(gpu.memoryBytes)} before activations`;

  return estimate(
    bytes,
    UNIT.bytes,
    `${STAGE_NAMES[stageIndex]}: ${expressions[stageIndex]} with ${psiText}${stageIndex === 0 ? '' : `, N_d = ${dataParallel}`} → ${formatBytes(bytes)} per GPU`,
    [
      'Model states only (weights, gradients, optimizer states). Activations are a separate estimate',
      modelParallel > 1 &&
        `Tensor and pipeline parallelism split the parameters ${modelParallel} ways before ZeRO shards them`,
      fits,
    ],
    ZERO_SOURCE,
  );
}

/** Reports the GPU's memory capacity from the catalogue. */
export function estimateGpuMemoryBytes(gpu: GpuSpec): Estimate {
  return estimate(
    gpu.memoryBytes,
    UNIT.bytes,
    `${gpu.id}: ${formatBytes(gpu.memoryBytes)} per GPU`,
    ['Datasheet capacity in decimal GB, of which the CUDA context and allocator take some'],
    gpu.memorySource,
  );
}
