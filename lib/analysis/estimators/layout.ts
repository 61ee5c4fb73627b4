/**
 * A parallelism layout (tensor, pipeline and data-parallel degrees with a ZeRO stage) whose model
 * states and activations fit in GPU memory, chosen by the cheapest communication that fits.
 */

import { DEFAULTS } from '../defaults';
import { formatBytes, formatLayout } from '../format';
import type { ActivationRecomputation, Estimate, ParallelismLayout } from '../types';
import { UNIT } from '../units';
import { activationBytesPerGpu, inferShape, type ModelShape } from './activations';
import { estimate, type Inputs } from './inputs';
import { modelStateBytesPerGpu, ZERO_SOURCE } from './memory';

/** A layout with the memory it needs per GPU. */
type Candidate = {
  layout: ParallelismLayout;
  recomputation: ActivationRecomputation;
  stateBytes: number;
  activationBytes: number;
  tier: string;
};

const RECOMPUTATION_TEXT: Readonly<Record<ActivationRecomputation, string>> = {
  none: 'without activation recomputation',
  selective: 'with selective activation recomputation',
  full: 'with full activation recomputation (about 33% more compute)',
};

const LAYOUT_SOURCE = `${ZERO_SOURCE}. Activations: Korthikanti et al. 2022. TP inside a node and PP across nodes as in Narayanan et al. 2021 (Megatron-LM), §3.3`;

/** The chosen layout and the per-GPU memory it needs, or undefined when the inputs are missing. */
export type LayoutEstimates = { layout: Estimate<ParallelismLayout>; memoryPerGpu: Estimate };

/**
 * Picks the first layout that fits, trying in order of added communication:
 * 1. data parallelism with ZeRO 0, 1 or 2 (no traffic beyond DDP's all-reduce);
 * 2. ZeRO-3 (1.5× DDP traffic, no model changes);
 * 3. tensor parallelism inside a node (power of two up to GPUs per node) with ZeRO-1 or 3;
 * 4. the largest in-node tensor parallelism plus pipeline parallelism with ZeRO-1 or 3.
 * Each step tries no activation recomputation first, then full recomputation. Stated degrees,
 * stage and recomputation are kept as constraints.
 */
export function estimateParallelismLayout(inputs: Inputs): LayoutEstimates | undefined {
  const { parameters } = inputs.q;
  const n = inputs.gpuCount;
  const gpu = inputs.gpu;
  if (parameters === undefined || n === undefined || gpu === undefined) return undefined;

  const shape = inferShape(inputs.q);
  const s = inputs.q.sequenceLength ?? DEFAULTS.sequenceLength.value;
  const b = inputs.q.microBatchSize ?? DEFAULTS.microBatchSize.value;
  const reserve = DEFAULTS.memoryReserveFraction.value;
  const usableBytes = gpu.memoryBytes * (1 - reserve);

  const candidates = enumerateCandidates(inputs, shape, s, b, parameters, n);
  if (candidates.length === 0) return undefined;

  const fitting = candidates.find((c) => c.stateBytes + c.activationBytes <= usableBytes);
  const chosen = fitting ?? smallest(candidates);
  const total = chosen.stateBytes + chosen.activationBytes;

  const assumptions = [
    `Usable memory ${formatBytes(usableBytes)} of the ${gpu.id}'s ${formatBytes(gpu.memoryBytes)} (${reserve * 100}% reserved: ${DEFAULTS.memoryReserveFraction.source})`,
    shape === undefined
      ? 'No model shape known, so activations are not counted'
      : `Model shape: ${shape.description}`,
    inputs.q.sequenceLength === undefined &&
      `Sequence length ${s} (default: ${DEFAULTS.sequenceLength.source})`,
    inputs.q.microBatchSize === undefined &&
      `Micro-batch ${b} (default: ${DEFAULTS.microBatchSize.source})`,
    inputs.gpusPerNodeAssumed && `${inputs.gpusPerNode} GPUs per node (typical ${gpu.id} server)`,
  ];

  const verdict = fitting
    ? `fits: ${formatBytes(chosen.stateBytes)} model states + ${formatBytes(chosen.activationBytes)} activations = ${formatBytes(total)} ≤ ${formatBytes(usableBytes)} usable`
    : `does not fit even at its smallest: ${formatBytes(total)} > ${formatBytes(usableBytes)} usable, so it needs CPU/NVMe offload, more GPUs or GPUs with more memory`;
  const recomputationText = RECOMPUTATION_TEXT[chosen.recomputation];

  const layoutEstimate = estimate<ParallelismLayout>(
    chosen.layout,
    UNIT.layout,
    `${formatLayout(chosen.layout)} ${recomputationText} on ${n} × ${gpu.id} (${chosen.tier}) ${verdict}. Order tried: DDP/ZeRO-1/ZeRO-2, then ZeRO-3, then tensor parallelism inside a node, then pipeline parallelism across nodes.`,
    assumptions,
    LAYOUT_SOURCE,
  );
  const memoryEstimate = estimate(
    total,
    UNIT.bytes,
    `${formatBytes(chosen.stateBytes)} model states + ${formatBytes(chosen.activationBytes)} activations under ${formatLayout(chosen.layout)}`,
    assumptions,
    LAYOUT_SOURCE,
  );
  return { layout: layoutEstimate, memoryPerGpu: memoryEstimate };
}

function enumerateCandidates(
  inputs: Inputs,
  shape: ModelShape | undefined,
  s: number,
  b: number,
  parameters: number,
  n: number,
): Candidate[] {
  const { q } = inputs;
  const maxTp = Math.min(inputs.gpusPerNode, n, shape?.numHeads ?? Number.POSITIVE_INFINITY);
  const tpOptions = q.tensorParallel !== undefined ? [q.tensorParallel] : powersOfTwoUpTo(maxTp);
  const largestTp = tpOptions[tpOptions.length - 1];
  const stagesOr = (stages: number[]) => (q.zeroStage === undefined ? stages : [q.zeroStage]);
  const recomputations: ActivationRecomputation[] =
    q.activationRecomputation !== undefined ? [q.activationRecomputation] : ['none', 'full'];

  const tiers: Array<{ tier: string; tp: number; pp: number; stages: number[] }> = [];
  const ppStated = q.pipelineParallel;

  if (tpOptions.includes(1) && (ppStated === undefined || ppStated === 1)) {
    tiers.push({ tier: 'data parallelism alone', tp: 1, pp: 1, stages: [0, 1, 2] });
    tiers.push({
      tier: 'ZeRO-3 shards everything over the data-parallel group',
      tp: 1,
      pp: 1,
      stages: [3],
    });
  }
  if (ppStated === undefined || ppStated === 1) {
    for (const tp of tpOptions.filter((option) => option > 1)) {
      tiers.push({ tier: `tensor parallelism ${tp} inside a node`, tp, pp: 1, stages: [1, 3] });
    }
  }
  const ppOptions =
    ppStated !== undefined
      ? [ppStated]
      : powersOfTwoUpTo(Math.min(n / largestTp, shape?.numLayers ?? n));
  for (const pp of ppOptions.filter((option) => option > 1)) {
    tiers.push({
      tier: `tensor parallelism ${largestTp} inside a node, pipeline parallelism ${pp} across nodes`,
      tp: largestTp,
      pp,
      stages: [1, 3],
    });
  }

  const candidates: Candidate[] = [];
  for (const { tier, tp, pp, stages } of tiers) {
    if (n % (tp * pp) !== 0) continue;
    const dp = q.dataParallel ?? n / (tp * pp);
    for (const zeroStage of stagesOr(stages)) {
      for (const recomputation of recomputations) {
        const stateBytes = modelStateBytesPerGpu(parameters, zeroStage, dp, tp * pp);
        const activationBytes =
          shape === undefined ? 0 : activationBytesPerGpu(s, b, shape, tp, recomputation);
        candidates.push({
          layout: { tp, pp, dp, zeroStage },
          recomputation,
          stateBytes,
          activationBytes,
          tier,
        });
      }
    }
  }
  return candidates;
}

function smallest(candidates: Candidate[]): Candidate {
  return candidates.reduce((best, candidate) =>
    candidate.stateBytes + candidate.activationBytes < best.stateBytes + best.activationBytes
      ? candidate
      : best,
  );
}

function powersOfTwoUpTo(limit: number): number[] {
  const powers: number[] = [];
  for (let value = 1; value <= limit; value *= 2) powers.push(value);
  return powers.length === 0 ? [1] : powers;
}
