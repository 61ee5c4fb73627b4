/**
 * Disagreements between roles, each built from the numbers that put the two roles at odds and
 * settled by a computation or a measurement. A pair appears only when the analysis (or, for spot
 * capacity, the problem's wording) supports it.
 */

import { DEFAULTS } from '../analysis/defaults';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatPercent,
  formatUsd,
} from '../analysis/format';
import {
  formatDays,
  formatStatedMinutes,
  mfuFacts,
  PESSIMISTIC_MFU,
  quote,
  stageMemory,
} from './facts';
import type { RoleContext } from './roles';
import type { Disagreement } from './types';

const SPOT_WORDS = /\bspot\b|\bpreempt/i;
const SECONDS_PER_HOUR = 3600;
/** Share of training time spent saving at which the checkpoint cadence becomes a dispute. */
const MATERIAL_SAVE_SHARE = 0.02;

/** Builds the disagreements the analysis supports, in a fixed order. */
export function buildDisagreements(context: RoleContext, problemText: string): Disagreement[] {
  const candidates = [
    checkpointCadence(context),
    gpuCountVersusBudget(context),
    shardingVersusCommunication(context),
    tokensVersusBudget(context),
    utilisationAssumption(context),
    spotVersusReliability(context, problemText),
  ];
  return candidates.filter((entry): entry is Disagreement => entry !== undefined);
}

/**
 * Sets the SRE's checkpoint cadence against the stall each synchronous save costs the training
 * engineer. Raised when a lost-progress limit sets the cadence, when an uptime target is out of
 * reach at the Young/Daly interval, or when saving at that interval costs 2% of training or more.
 */
function checkpointCadence(context: RoleContext): Disagreement | undefined {
  const { estimates, quantities } = context.analysis;
  const write = estimates.checkpointWriteSeconds;
  if (write === undefined) return undefined;
  const interval = estimates.checkpointIntervalMinutes;

  if (quantities.maxLostProgressMinutes !== undefined) {
    const limit = formatStatedMinutes(quantities.maxLostProgressMinutes);
    const share = Math.min(1, write.value / (quantities.maxLostProgressMinutes * 60));
    return {
      roles: ['sre', 'training-engineer'],
      tension: `The SRE needs a checkpoint at least every ${limit} to meet the lost-progress limit; each synchronous save blocks training for ${quote(write)}, ${formatPercent(share)} of training time at that cadence.`,
      settledBy: `Make saves asynchronous so the ${quote(write)} write overlaps training, then checkpoint every ${limit} or less.`,
    };
  }

  const downtime = estimates.expectedDowntimeFraction;
  const mtbf = estimates.jobMtbfHours;
  const uptime = quantities.uptimeTarget;
  if (
    interval !== undefined &&
    downtime !== undefined &&
    mtbf !== undefined &&
    uptime !== undefined &&
    downtime.value > 1 - uptime
  ) {
    // Save time plus rework, δ/τ + τ/(2M), is smallest at the Young interval, where it is about
    // √(2δ/M). Reaching a lost fraction f therefore needs δ ≤ M·f²/2.
    const allowed = 1 - uptime;
    const maxWriteSeconds = (mtbf.value * 3600 * allowed ** 2) / 2;
    return {
      roles: ['sre', 'training-engineer'],
      tension: `The SRE must keep lost time under ${formatPercent(allowed)} for ${formatPercent(uptime)} uptime, but even at the Young/Daly interval of ${quote(interval)} saves and rework cost ${quote(downtime)}; checkpointing more often only adds more ${quote(write)} stalls.`,
      settledBy: `No interval reaches ${formatPercent(allowed)}: at the optimum the loss is about √(2δ/M), so each save would have to block training for under ${formatDuration(maxWriteSeconds)}. Asynchronous checkpointing, which takes the write off the critical path, is the lever, not the interval.`,
    };
  }

  if (interval === undefined) return hourlySaveCost(context);
  const share = write.value / (interval.value * 60);
  if (share < MATERIAL_SAVE_SHARE) return undefined;
  return {
    roles: ['sre', 'training-engineer'],
    tension: `The SRE wants a checkpoint every ${quote(interval)}, the Young/Daly interval; each synchronous save blocks training for ${quote(write)}, ${formatPercent(share)} of training time.`,
    settledBy: `Young/Daly already balances save time against rework for this MTBF; asynchronous saves shrink the ${quote(write)} stall so a shorter interval costs little.`,
  };
}

/**
 * Prices a stated save time at one save per hour, because without a failure rate there is no
 * optimum interval. A stated storage bandwidth shows how much of the save is not writing.
 */
function hourlySaveCost(context: RoleContext): Disagreement | undefined {
  const { estimates, quantities } = context.analysis;
  const write = estimates.checkpointWriteSeconds;
  if (write === undefined || quantities.checkpointWriteMinutes === undefined) return undefined;
  const share = Math.min(1, write.value / SECONDS_PER_HOUR);
  const checkpoint = estimates.checkpointBytes;
  const bandwidth = quantities.storageBytesPerSecond;
  const diskOnly =
    checkpoint === undefined || bandwidth === undefined
      ? ''
      : ` At the stated ${formatBytes(bandwidth)}/s the ${quote(checkpoint)} write itself needs ${formatDuration(checkpoint.value / bandwidth)}, so the rest of each save is overhead to remove first.`;
  return {
    roles: ['sre', 'training-engineer'],
    tension: `The SRE wants frequent checkpoints; each save blocks training for ${quote(write)}, so even one save per hour costs ${formatPercent(share)} of training time.`,
    settledBy: `Move the save off the training path with asynchronous, sharded checkpoints, then choose the interval from the measured failure rate.${diskOnly}`,
  };
}

/** Sets the architect's GPU count against the cost officer's budget, in GPU-hours. */
function gpuCountVersusBudget(context: RoleContext): Disagreement | undefined {
  const { budget, cluster, analysis } = context;
  const { gpuHours, costUsd, trainingDays } = analysis.estimates;
  const budgetUsd = analysis.quantities.budgetUsd;
  if (
    budget === undefined ||
    !budget.over ||
    gpuHours === undefined ||
    costUsd === undefined ||
    budgetUsd === undefined
  ) {
    return undefined;
  }
  if (cluster.gpuCount === undefined || trainingDays === undefined) return undefined;

  const pricePerGpuHour = costUsd.value / gpuHours.value;
  const affordable = budgetUsd / pricePerGpuHour;
  return {
    roles: ['cost-officer', 'architect'],
    tension: `The architect's ${cluster.gpuCount} GPUs need ${quote(gpuHours)} over ${quote(trainingDays)}; the cost officer's ${budget.budgetText} buys ${formatCount(affordable)} GPU-hours, so the plan is over by ${budget.differenceText}.`,
    settledBy: `GPU-hours follow from FLOPs, peak and MFU, not from the GPU count, so fewer GPUs only stretch the schedule. Settle it by cutting compute to ${formatPercent(affordable / gpuHours.value)} of the plan (fewer tokens or a smaller model), raising MFU, or raising the budget.`,
  };
}

/** Sets the architect's ZeRO-3 against the communication the training engineer pays for it. */
function shardingVersusCommunication(context: RoleContext): Disagreement | undefined {
  const { memory, cluster, analysis } = context;
  const allReduce = analysis.estimates.allReduceSecondsPerStep;
  if (
    memory === undefined ||
    memory.lowestFittingStage !== 3 ||
    allReduce === undefined ||
    (cluster.nodes ?? 1) < 2
  ) {
    return undefined;
  }
  const zero3 = stageMemory(memory, 3);
  const zero1 = stageMemory(memory, 1);
  if (zero3 === undefined || zero1 === undefined) return undefined;
  return {
    roles: ['architect', 'training-engineer'],
    tension: `Only ZeRO-3 fits (${zero3.text} per GPU against ${zero1.text} under ZeRO-1), but it moves 1.5 times the data of plain data parallelism across ${cluster.nodes} nodes, where the gradient all-reduce alone takes ${quote(allReduce)} per step at the plain data-parallel (DDP) volume.`,
    settledBy:
      'Measure the step time with ZeRO-3 and with tensor parallelism inside each node, which divides the per-GPU memory of every ZeRO stage by the tensor-parallel degree; keep the shorter step that still fits.',
  };
}

/** Sets the data lead's token count against the tokens the budget pays for. */
function tokensVersusBudget(context: RoleContext): Disagreement | undefined {
  const { budget, analysis } = context;
  const tokens = analysis.estimates.trainingTokens;
  const costUsd = analysis.estimates.costUsd;
  const budgetUsd = analysis.quantities.budgetUsd;
  if (
    budget === undefined ||
    !budget.over ||
    tokens === undefined ||
    costUsd === undefined ||
    budgetUsd === undefined
  ) {
    return undefined;
  }
  const affordableTokens = tokens.value * (budgetUsd / costUsd.value);
  return {
    roles: ['data-lead', 'cost-officer'],
    tension: `The data lead plans ${quote(tokens)}; at the estimated cost per token the budget pays for ${formatCount(affordableTokens)} tokens.`,
    settledBy: `Cost scales with tokens at a fixed model size, so either train on about ${formatCount(affordableTokens)} tokens or choose a smaller model that is compute-optimal for the budget.`,
  };
}

/** Tests the cost officer's estimate against a lower MFU than the default it assumes. */
function utilisationAssumption(context: RoleContext): Disagreement | undefined {
  const { analysis } = context;
  const { costUsd, trainingDays } = analysis.estimates;
  if (mfuFacts(analysis)?.isDefault !== true || costUsd === undefined || trainingDays === undefined)
    return undefined;
  const factor = DEFAULTS.mfu.value / PESSIMISTIC_MFU;
  return {
    roles: ['red-team', 'cost-officer'],
    tension: `The ${quote(costUsd)} estimate assumes ${formatPercent(DEFAULTS.mfu.value)} MFU; at ${formatPercent(PESSIMISTIC_MFU)} the run takes ${formatDays(trainingDays.value * factor)} and costs ${formatUsd(costUsd.value * factor)}.`,
    settledBy:
      'Measure MFU on a short run at full scale and rescale time and cost by measured over assumed MFU before committing the budget.',
  };
}

/** Sets the spot discount against the work each reclaim destroys. */
function spotVersusReliability(
  context: RoleContext,
  problemText: string,
): Disagreement | undefined {
  if (!SPOT_WORDS.test(problemText)) return undefined;
  const lost = context.analysis.estimates.expectedLostWorkMinutes;
  const lostText =
    lost === undefined
      ? 'the work since the last checkpoint'
      : `about ${quote(lost)} of work at the current checkpoint interval`;
  return {
    roles: ['cost-officer', 'sre'],
    tension: `The cost officer wants the spot discount; the SRE counts ${lostText} lost to every reclaim.`,
    settledBy:
      "Checkpoint on the provider's preemption notice and at a short fixed interval, then compare the discount with the measured rerun time per reclaim.",
  };
}
