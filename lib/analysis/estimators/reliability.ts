/**
 * Checkpoint size and write time, the job's failure rate, the Young/Daly checkpoint interval,
 * expected lost work per failure, failures over the run and the resulting downtime fraction.
 */

import { DEFAULTS } from '../defaults';
import { formatBytes, formatDuration, formatPercent } from '../format';
import type { Estimate } from '../types';
import { MINUTES_PER_HOUR, SECONDS_PER_MINUTE, UNIT } from '../units';
import { estimate, num, type Inputs } from './inputs';
import { WEIGHT_BYTES_PER_PARAM } from './memory';

/** fp32 master weights (4 B) and Adam momentum and variance (4 B each). */
const FP32_STATE_BYTES_PER_PARAM = 12;
/** Full training state to resume: bf16 weights 2 + fp32 master weights 4 + Adam moments 8 = 14 bytes per parameter. */
export const CHECKPOINT_BYTES_PER_PARAM = WEIGHT_BYTES_PER_PARAM + FP32_STATE_BYTES_PER_PARAM;

const CHECKPOINT_SOURCE =
  'Mixed-precision Adam state as itemised in the ZeRO paper (Rajbhandari et al. 2020, §3.1): 2 B bf16 weights + 12 B fp32 master weights, momentum and variance. Gradients are not saved';
const YOUNG_DALY_SOURCE =
  'Young 1974, "A first order approximation to the optimum checkpoint interval" (CACM 17(9)): τ = √(2·δ·M). Daly 2006, "A higher order estimate of the optimum checkpoint interval for restart dumps" (FGCS 22(3))';

/** Estimates the full checkpoint: 14 bytes per parameter. */
export function estimateCheckpointBytes(inputs: Inputs): Estimate | undefined {
  const { parameters } = inputs.q;
  if (parameters === undefined) return undefined;
  const bytes = CHECKPOINT_BYTES_PER_PARAM * parameters;
  return estimate(
    bytes,
    UNIT.bytes,
    `14 B/param × ${num(parameters)} params = ${formatBytes(bytes)} (2 bf16 weights + 4 fp32 master weights + 8 Adam moments)`,
    ['Mixed-precision Adam. Data-loader and RNG state are negligible next to the model state'],
    CHECKPOINT_SOURCE,
  );
}

/** Estimates the weights-only checkpoint: 2 bytes per parameter in bf16. */
export function estimateCheckpointWeightsBytes(inputs: Inputs): Estimate | undefined {
  const { parameters } = inputs.q;
  if (parameters === undefined) return undefined;
  const bytes = WEIGHT_BYTES_PER_PARAM * parameters;
  return estimate(
    bytes,
    UNIT.bytes,
    `2 B/param × ${num(parameters)} params = ${formatBytes(bytes)}`,
    ['bf16 weights, enough for inference or fine-tuning but not to resume training'],
    CHECKPOINT_SOURCE,
  );
}

/**
 * Estimates the time one checkpoint save blocks training: stated, or checkpoint bytes / storage
 * write bandwidth (stated, or about 0.98 GB/s per 8-GPU node from Llama 3's storage).
 */
export function estimateCheckpointWriteSeconds(
  inputs: Inputs,
  checkpoint: Estimate | undefined,
): Estimate | undefined {
  const stated = inputs.q.checkpointWriteMinutes;
  if (stated !== undefined) {
    const seconds = stated * SECONDS_PER_MINUTE;
    return estimate(
      seconds,
      UNIT.seconds,
      `${formatDuration(seconds)} per checkpoint (stated)`,
      [],
      'Stated in the problem',
    );
  }
  if (checkpoint === undefined) return undefined;

  const statedBandwidth = inputs.q.storageBytesPerSecond;
  const nodes = inputs.nodes ?? 1;
  const perNode = DEFAULTS.storageWriteBytesPerSecondPerNode.value;
  const bandwidth = statedBandwidth ?? perNode * nodes;
  const seconds = checkpoint.value / bandwidth;
  return estimate(
    seconds,
    UNIT.seconds,
    `${formatBytes(checkpoint.value)} / ${formatBytes(bandwidth)}/s = ${formatDuration(seconds)}`,
    [
      statedBandwidth === undefined
        ? `Write bandwidth ${formatBytes(perNode)}/s per node × ${nodes} node${nodes === 1 ? '' : 's'}, each node writing its shard in parallel (default: ${DEFAULTS.storageWriteBytesPerSecondPerNode.source})`
        : `Write bandwidth ${formatBytes(statedBandwidth)}/s for the whole job (stated)`,
      'Synchronous save: training waits until the full state is written. Asynchronous saving hides most of it',
    ],
    CHECKPOINT_SOURCE,
  );
}

/**
 * Estimates the job's mean time between failures: stated, a stated per-node MTBF divided by the
 * node count, or 1 / (per-GPU failure rate × GPUs).
 */
export function estimateJobMtbfHours(inputs: Inputs): Estimate | undefined {
  const stated = inputs.q.mtbfHours;
  if (stated !== undefined) {
    return estimate(
      stated,
      UNIT.hours,
      `MTBF = ${num(stated)} h (stated)`,
      [],
      'Stated in the problem',
    );
  }

  const perNode = inputs.q.mtbfHoursPerNode;
  if (perNode !== undefined) {
    const nodes = inputs.nodes;
    if (nodes === undefined) return undefined;
    const hours = perNode / nodes;
    return estimate(
      hours,
      UNIT.hours,
      `MTBF = M_node / nodes = ${num(perNode)} h / ${nodes} nodes = ${num(hours)} h`,
      [
        `Per-node MTBF ${num(perNode)} h (stated), divided by ${nodes} nodes${inputs.q.nodes === undefined ? ` (${inputs.gpuCount} GPUs at ${inputs.gpusPerNode} per node)` : ''} to give the job MTBF`,
        'Failures are independent, so the job rate grows linearly with nodes, and any one failure stops a synchronous job',
      ],
      'Stated in the problem',
    );
  }

  const n = inputs.gpuCount;
  if (n === undefined) return undefined;

  const statedRate = inputs.q.failuresPerGpuHour;
  const rate = statedRate ?? DEFAULTS.failuresPerGpuHour.value;
  const hours = 1 / (rate * n);
  return estimate(
    hours,
    UNIT.hours,
    `MTBF = 1 / (λ × n) = 1 / (${num(rate)} per GPU-hour × ${n} GPUs) = ${num(hours)} h`,
    [
      statedRate === undefined
        ? `Per-GPU failure rate λ = ${num(rate)} per GPU-hour (default: ${DEFAULTS.failuresPerGpuHour.source})`
        : `Per-GPU failure rate λ = ${num(rate)} per GPU-hour (stated)`,
      'Failures are independent, so the job rate grows linearly with GPUs, and any one failure stops a synchronous job',
    ],
    DEFAULTS.failuresPerGpuHour.source,
  );
}

/**
 * Estimates the optimum checkpoint interval τ = √(2·δ·M) (Young 1974) for write time δ and job
 * MTBF M, with Daly's 2006 higher-order value in the formula.
 */
export function estimateCheckpointIntervalMinutes(
  write: Estimate | undefined,
  mtbf: Estimate | undefined,
): Estimate | undefined {
  if (write === undefined || mtbf === undefined) return undefined;
  const deltaMinutes = write.value / SECONDS_PER_MINUTE;
  const mtbfMinutes = mtbf.value * MINUTES_PER_HOUR;
  const young = Math.sqrt(2 * deltaMinutes * mtbfMinutes);
  const daly = dalyIntervalMinutes(deltaMinutes, mtbfMinutes);

  return estimate(
    young,
    UNIT.minutes,
    `τ = √(2·δ·M) = √(2 × ${num(deltaMinutes)} min × ${num(mtbfMinutes)} min) = ${formatDuration(young * SECONDS_PER_MINUTE)}, and Daly's higher-order estimate gives ${formatDuration(daly * SECONDS_PER_MINUTE)}`,
    [
      ...write.assumptions,
      ...mtbf.assumptions,
      'Failures arrive as a Poisson process. Restart time does not change the optimum to first order',
    ],
    YOUNG_DALY_SOURCE,
  );
}

/**
 * Estimates work lost per failure as τ/2 + δ. A failure lands on average halfway through an
 * interval τ. A save in progress when it lands is not usable, so one write time δ is lost on top.
 */
export function estimateExpectedLostWorkMinutes(
  inputs: Inputs,
  write: Estimate | undefined,
  interval: Estimate | undefined,
): Estimate | undefined {
  if (write === undefined) return undefined;
  const statedInterval = inputs.q.checkpointIntervalMinutes;
  const tau = statedInterval ?? interval?.value;
  if (tau === undefined) return undefined;

  const deltaMinutes = write.value / SECONDS_PER_MINUTE;
  const lost = tau / 2 + deltaMinutes;
  return estimate(
    lost,
    UNIT.minutes,
    `τ/2 + δ = ${num(tau)} / 2 + ${num(deltaMinutes)} = ${formatDuration(lost * SECONDS_PER_MINUTE)} per failure`,
    [
      statedInterval === undefined
        ? `Checkpoint every ${num(tau)} min, the Young optimum`
        : `Checkpoint every ${num(tau)} min (stated)`,
      'Failures land uniformly within an interval. Recovery (restart, reload) time is extra',
    ],
    YOUNG_DALY_SOURCE,
  );
}

/** Estimates failures over the run: training hours / job MTBF. */
export function estimateFailuresDuringRun(
  days: Estimate | undefined,
  mtbf: Estimate | undefined,
): Estimate | undefined {
  if (days === undefined || mtbf === undefined) return undefined;
  const failures = (days.value * 24) / mtbf.value;
  return estimate(
    failures,
    UNIT.count,
    `${num(days.value * 24)} h of training / MTBF ${num(mtbf.value)} h = ${num(failures)} failures`,
    [...mtbf.assumptions, 'Training time without failures. Restarts lengthen the run slightly'],
    mtbf.source,
  );
}

/**
 * Estimates the fraction of wall-clock time not spent on useful training:
 * δ/(τ + δ) for saving plus (τ/2 + δ + R)/M for lost work and recovery R per failure.
 */
export function estimateExpectedDowntimeFraction(
  inputs: Inputs,
  write: Estimate | undefined,
  interval: Estimate | undefined,
  mtbf: Estimate | undefined,
): Estimate | undefined {
  if (write === undefined || interval === undefined || mtbf === undefined) return undefined;
  const tau = inputs.q.checkpointIntervalMinutes ?? interval.value;
  const delta = write.value / SECONDS_PER_MINUTE;
  const recovery = inputs.q.recoveryMinutes;
  const mtbfMinutes = mtbf.value * MINUTES_PER_HOUR;

  const saving = delta / (tau + delta);
  const failures = (tau / 2 + delta + (recovery ?? 0)) / mtbfMinutes;
  const fraction = Math.min(1, saving + failures);
  return estimate(
    fraction,
    UNIT.fraction,
    `δ/(τ + δ) + (τ/2 + δ + R)/M = ${num(delta)}/${num(tau + delta)} + (${num(tau / 2)} + ${num(delta)} + ${num(recovery ?? 0)})/${num(mtbfMinutes)} = ${formatPercent(fraction)}`,
    [
      ...mtbf.assumptions,
      recovery === undefined
        ? 'Recovery time R not stated and counted as zero, so this is a lower bound'
        : `Recovery time R = ${num(recovery)} min (stated)`,
      'Synchronous checkpoints. Slow-downs short of a failure are not counted',
    ],
    YOUNG_DALY_SOURCE,
  );
}

/**
 * Daly's optimum: √(2δM)·[1 + ⅓·√(δ/2M) + (1/9)·(δ/2M)] − δ for δ < 2M, else M. All in minutes.
 */
function dalyIntervalMinutes(delta: number, mtbf: number): number {
  if (delta >= 2 * mtbf) return mtbf;
  const ratio = delta / (2 * mtbf);
  return Math.sqrt(2 * delta * mtbf) * (1 + Math.sqrt(ratio) / 3 + ratio / 9) - delta;
}
