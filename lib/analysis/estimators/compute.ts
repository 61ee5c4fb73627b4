/**
 * Training compute, wall-clock time, GPU-hours and cost: 6·N·D training FLOPs (Kaplan et al.
 * 2020), time from a stated throughput, a stated achieved FLOP/s per GPU or the GPU's peak at a
 * model FLOPs utilisation, and cost at a stated or reference price.
 */

import { DEFAULTS } from '../defaults';
import { formatFlops, formatUsd } from '../format';
import type { Estimate } from '../types';
import { HOURS_PER_DAY, SECONDS_PER_DAY, UNIT } from '../units';
import { estimate, num, type Inputs } from './inputs';

export const KAPLAN_SOURCE =
  'Kaplan et al. 2020, Scaling Laws for Neural Language Models (arXiv:2001.08361): training compute C ≈ 6·N·D';
export const CHINCHILLA_SOURCE =
  'Hoffmann et al. 2022, Training Compute-Optimal Large Language Models (arXiv:2203.15556): about 20 tokens per parameter';
export const MEGATRON_TIME_SOURCE =
  'Narayanan et al. 2021, Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM (arXiv:2104.04473), §5.1: time ≈ 8·T·P/(n·X) with activation recomputation';

/** FLOPs per parameter per token: forward 2, backward 4. */
const MODEL_FLOPS_PER_PARAM_TOKEN = 6;
/** With full activation recomputation the forward pass runs twice, so the GPUs execute 8 per parameter per token. */
const RECOMPUTE_FLOPS_PER_PARAM_TOKEN = 8;

/** Estimates training tokens D: stated, or 20 per parameter (Chinchilla). */
export function estimateTrainingTokens(inputs: Inputs): Estimate | undefined {
  const { tokens, parameters } = inputs.q;
  if (tokens !== undefined) {
    return estimate(
      tokens,
      UNIT.tokens,
      `D = ${num(tokens)} tokens (stated)`,
      [],
      'Stated in the problem',
    );
  }
  if (parameters === undefined) return undefined;

  const ratio = DEFAULTS.tokensPerParameter.value;
  const value = ratio * parameters;
  return estimate(
    value,
    UNIT.tokens,
    `D = ${ratio} tokens/param × ${num(parameters)} params = ${num(value)} tokens`,
    [
      `Training tokens not stated: ${ratio} per parameter (default: ${DEFAULTS.tokensPerParameter.source})`,
    ],
    CHINCHILLA_SOURCE,
  );
}

/** Estimates training compute 6·N·D, noting the 8·N·D the GPUs execute with full recomputation. */
export function estimateTrainingFlops(
  inputs: Inputs,
  tokens: Estimate | undefined,
): Estimate | undefined {
  const { parameters } = inputs.q;
  if (parameters === undefined || tokens === undefined) return undefined;

  const flops = MODEL_FLOPS_PER_PARAM_TOKEN * parameters * tokens.value;
  const hardwareFlops = RECOMPUTE_FLOPS_PER_PARAM_TOKEN * parameters * tokens.value;
  return estimate(
    flops,
    UNIT.flops,
    `6 · N · D = 6 × ${num(parameters)} × ${num(tokens.value)} = ${formatFlops(flops)}`,
    [
      ...tokens.assumptions,
      'Dense transformer: 2 FLOPs per parameter per token forward, 4 backward. Attention-score FLOPs are left out',
      `With full activation recomputation the GPUs execute about 8·N·D = ${formatFlops(hardwareFlops)}`,
    ],
    KAPLAN_SOURCE,
  );
}

/**
 * Estimates wall-clock training days with the first method the inputs allow:
 * - D / stated token throughput;
 * - executed FLOPs / (n × stated FLOP/s per GPU), where executed FLOPs are 8·N·D with full
 *   recomputation and 6·N·D otherwise;
 * - 6·N·D / (n × dense peak × MFU), with MFU stated or 0.40.
 */
export function estimateTrainingDays(
  inputs: Inputs,
  tokens: Estimate | undefined,
): Estimate | undefined {
  if (tokens === undefined) return undefined;
  return (
    daysFromThroughput(inputs, tokens) ??
    daysFromAchievedFlops(inputs, tokens) ??
    daysFromMfu(inputs, tokens)
  );
}

function daysFromThroughput(inputs: Inputs, tokens: Estimate): Estimate | undefined {
  const throughput = inputs.q.throughput;
  if (throughput === undefined) return undefined;

  const perGpu = throughput.unit.endsWith('/GPU');
  const noun = throughput.unit.split('/')[0];
  if (perGpu && inputs.gpuCount === undefined) return undefined;
  const replicas = perGpu ? (inputs.gpuCount ?? 1) : 1;

  let tokensPerItem: number;
  let itemNote: string | undefined;
  if (noun === 'tokens') {
    tokensPerItem = 1;
  } else if (noun === 'samples' || noun === 'sequences') {
    tokensPerItem = inputs.q.sequenceLength ?? DEFAULTS.sequenceLength.value;
    itemNote =
      inputs.q.sequenceLength === undefined
        ? `Each ${noun.slice(0, -1)} is ${tokensPerItem} tokens (default: ${DEFAULTS.sequenceLength.source})`
        : `Each ${noun.slice(0, -1)} is one ${tokensPerItem}-token sequence`;
  } else {
    return undefined;
  }

  const tokensPerSecond = throughput.value * tokensPerItem * replicas;
  const seconds = tokens.value / tokensPerSecond;
  const rate = `${num(throughput.value)} ${throughput.unit}${perGpu ? ` × ${replicas} GPUs` : ''}${tokensPerItem > 1 ? ` × ${tokensPerItem} tokens` : ''}`;
  return estimate(
    seconds / SECONDS_PER_DAY,
    UNIT.days,
    `D / throughput = ${num(tokens.value)} tokens / (${rate}) = ${formatDays(seconds)}`,
    [
      ...tokens.assumptions,
      itemNote,
      'Throughput held for the whole run. Failures and restarts are not included',
    ],
    'Time = tokens / tokens per second (the method LLaMA, Touvron et al. 2023, uses for its 21-day figure)',
  );
}

function daysFromAchievedFlops(inputs: Inputs, tokens: Estimate): Estimate | undefined {
  const { achievedFlopsPerGpu, parameters, activationRecomputation } = inputs.q;
  const n = inputs.gpuCount;
  if (achievedFlopsPerGpu === undefined || parameters === undefined || n === undefined)
    return undefined;

  const full = activationRecomputation === 'full';
  const factor = full ? RECOMPUTE_FLOPS_PER_PARAM_TOKEN : MODEL_FLOPS_PER_PARAM_TOKEN;
  const flops = factor * parameters * tokens.value;
  const seconds = flops / (n * achievedFlopsPerGpu);
  return estimate(
    seconds / SECONDS_PER_DAY,
    UNIT.days,
    `${factor}·N·D / (n·X) = ${factor} × ${num(parameters)} × ${num(tokens.value)} / (${n} × ${num(achievedFlopsPerGpu)} FLOP/s) = ${formatDays(seconds)}`,
    [
      ...tokens.assumptions,
      full
        ? 'Full activation recomputation: the stated FLOP/s counts the recomputed forward pass, so 8·N·D FLOPs are executed'
        : 'No full activation recomputation stated: 6·N·D FLOPs are executed (8·N·D with it)',
      'Stated FLOP/s per GPU held for the whole run. Failures and restarts are not included',
    ],
    MEGATRON_TIME_SOURCE,
  );
}

function daysFromMfu(inputs: Inputs, tokens: Estimate): Estimate | undefined {
  const { parameters, mfu } = inputs.q;
  const n = inputs.gpuCount;
  const gpu = inputs.gpu;
  if (parameters === undefined || n === undefined || gpu === undefined) return undefined;

  const utilisation = mfu ?? DEFAULTS.mfu.value;
  const flops = MODEL_FLOPS_PER_PARAM_TOKEN * parameters * tokens.value;
  const seconds = flops / (n * gpu.peakDenseFlops * utilisation);
  return estimate(
    seconds / SECONDS_PER_DAY,
    UNIT.days,
    `6·N·D / (n × peak × MFU) = ${formatFlops(flops)} / (${n} × ${num(gpu.peakDenseFlops)} FLOP/s × ${utilisation}) = ${formatDays(seconds)}`,
    [
      ...tokens.assumptions,
      mfu === undefined
        ? `MFU ${utilisation} (default: ${DEFAULTS.mfu.source})`
        : `MFU ${utilisation} (stated)`,
      `Peak: ${gpu.peakSource}`,
      'Failures, restarts and checkpoint stalls are not included',
    ],
    KAPLAN_SOURCE,
  );
}

/** Estimates GPU-hours: training days × 24 × GPUs. */
export function estimateGpuHours(inputs: Inputs, days: Estimate | undefined): Estimate | undefined {
  const n = inputs.gpuCount;
  if (days === undefined || n === undefined) return undefined;
  const hours = days.value * HOURS_PER_DAY * n;
  return estimate(
    hours,
    UNIT.gpuHours,
    `${num(days.value)} days × 24 h × ${n} GPUs = ${num(hours)} GPU-hours`,
    days.assumptions,
    days.source,
  );
}

/** Estimates compute cost: GPU-hours × price per GPU-hour, stated or the catalogue's reference price. */
export function estimateCost(inputs: Inputs, gpuHours: Estimate | undefined): Estimate | undefined {
  if (gpuHours === undefined) return undefined;
  const stated = inputs.q.pricePerGpuHourUsd;
  const gpu = inputs.gpu;
  const price = stated ?? gpu?.pricePerGpuHourUsd;
  if (price === undefined) return undefined;

  const usd = gpuHours.value * price;
  const priceNote =
    stated !== undefined || gpu === undefined
      ? `Price $${price} per GPU-hour (stated)`
      : `Price ${formatUsd(price)} per GPU-hour, the ${gpu.id} reference (${gpu.priceSource}, as of ${gpu.priceAsOf}${gpu.priceVerified ? '' : ', unverified'})`;
  return estimate(
    usd,
    UNIT.usd,
    `${num(gpuHours.value)} GPU-hours × ${formatUsd(price)} = ${formatUsd(usd)}`,
    [
      ...gpuHours.assumptions,
      priceNote,
      'GPU time only: storage, network egress and staff are not included',
    ],
    stated !== undefined ? 'Stated price' : (gpu?.priceSource ?? 'Stated price'),
  );
}

/** Formats seconds as days, the unit of the `trainingDays` value, so a formula ends in the value's unit. */
function formatDays(seconds: number): string {
  return `${num(seconds / SECONDS_PER_DAY)} days`;
}
