/**
 * Facts that several lesson parts quote from one analysis: the GPU and cluster shape, model-state
 * memory against the GPU's memory, and cost against the budget. Every figure is formatted with the
 * analysis panel's helpers, so a card, a role and the panel print the same string.
 */

import { formatBytes, formatDuration, formatEstimate, formatUsd } from '../analysis/format';
import { GPU_CATALOGUE, findGpu, type GpuSpec } from '../analysis/gpus';
import type { Analysis, Estimate } from '../analysis/types';
import { UNIT } from '../analysis/units';

/** GPUs per node when neither the text nor the catalogue gives a number: the 8-GPU HGX/DGX server. */
const FALLBACK_GPUS_PER_NODE = 8;

/** The GPU model and how the job spreads over nodes. */
export interface ClusterFacts {
  gpu: GpuSpec | undefined;
  gpuMemoryBytes: number | undefined;
  gpuCount: number | undefined;
  gpusPerNode: number;
  /** Nodes the job spans: stated, or GPUs divided by GPUs per node, rounded up. */
  nodes: number | undefined;
}

/** Model-state memory per GPU under one ZeRO stage (0 is plain data parallelism). */
export interface StageMemory {
  stage: 0 | 1 | 2 | 3;
  label: string;
  estimate: Estimate;
  /** Formatted bytes, as the analysis panel shows them. */
  text: string;
  /** Whether the model states fit in the GPU's memory, before activations. */
  fits: boolean | undefined;
}

export interface MemoryFacts {
  modelStates: Estimate;
  modelStatesText: string;
  stages: StageMemory[];
  /** Lowest stage whose model states fit on the GPU, or undefined when none does or no GPU is known. */
  lowestFittingStage: number | undefined;
}

export interface BudgetFacts {
  costText: string;
  budgetText: string;
  over: boolean;
  /** Absolute difference between cost and budget, formatted. */
  differenceText: string;
  /** "$1.23M estimated against a $500k budget: over by $730k", or the fitting form. */
  sentence: string;
}

const STAGE_KEYS = [
  ['memoryPerGpuDdpBytes', 0, 'DDP'],
  ['memoryPerGpuZero1Bytes', 1, 'ZeRO-1'],
  ['memoryPerGpuZero2Bytes', 2, 'ZeRO-2'],
  ['memoryPerGpuZero3Bytes', 3, 'ZeRO-3'],
] as const;

/**
 * Lower MFU that the red team tests a plan against, as a fraction of dense peak: a round figure
 * below the 38–52% that the sources of the 40% default report for large, tuned runs.
 */
export const PESSIMISTIC_MFU = 0.3;

/** Largest GPU memory in the catalogue, the bound for a model whose GPU is not named. */
export const LARGEST_GPU_MEMORY_BYTES = Math.max(
  ...Object.values(GPU_CATALOGUE).map((gpu) => gpu.memoryBytes),
);

/** MFU behind the training-time estimate, and whether it is the analyser's default. */
export interface MfuFacts {
  mfu: number;
  isDefault: boolean;
}

/**
 * Returns the MFU that the training-time estimate used, read from its assumptions, or undefined
 * when the time came from a stated throughput instead.
 */
export function mfuFacts(analysis: Analysis): MfuFacts | undefined {
  for (const assumption of analysis.estimates.trainingDays?.assumptions ?? []) {
    const match = /^MFU ([0-9.]+) \((default|stated)/.exec(assumption);
    if (match !== null) return { mfu: Number(match[1]), isDefault: match[2] === 'default' };
  }
  return undefined;
}

/** Formats an estimate the way the analysis panel does. */
export function quote(estimate: Estimate<unknown>): string {
  return formatEstimate(estimate);
}

/**
 * Formats a number of days as the analysis panel formats a `days` estimate (1331 → "1330 days"),
 * so a scaled training time reads in the same unit as the estimate beside it.
 */
export function formatDays(days: number): string {
  return formatEstimate({ value: days, unit: UNIT.days, formula: '', assumptions: [], source: '' });
}

/** Activation handling of the analyser's chosen layout, read from its working. */
export interface LayoutActivationFacts {
  layoutText: string;
  /** Recomputation the layout assumes, or undefined when its working does not name one. */
  recomputation: 'full' | 'selective' | 'none' | undefined;
  /** Activations per GPU under the layout, as its working prints them ("7.70 GB"). */
  activationsText: string | undefined;
}

/** Reads the recomputation and per-GPU activations that the chosen layout's working states. */
export function layoutActivationFacts(analysis: Analysis): LayoutActivationFacts | undefined {
  const layout = analysis.estimates.parallelismLayout;
  if (layout === undefined) return undefined;
  // NOTE: the layout estimate has no structured field for recomputation or its activation bytes,
  // so both are read from the working text. A rewording there leaves them undefined.
  const working = `${layout.formula} ${analysis.estimates.layoutMemoryPerGpuBytes?.formula ?? ''}`;
  let recomputation: LayoutActivationFacts['recomputation'];
  if (/full activation recomputation/.test(working)) recomputation = 'full';
  else if (/selective activation recomputation/.test(working)) recomputation = 'selective';
  else if (/without activation recomputation/.test(working)) recomputation = 'none';
  const activationsText = /([0-9.]+ [kMGTPE]?B) activations/.exec(working)?.[1];
  return { layoutText: quote(layout), recomputation, activationsText };
}

/**
 * Describes the recomputation behind the activation estimate: "without recomputation" unless the
 * problem states one, as in "with full activation recomputation (stated)".
 */
export function activationCondition(analysis: Analysis): string {
  const stated = analysis.quantities.activationRecomputation;
  if (stated === undefined || stated === 'none') return 'without recomputation';
  return `with ${stated} activation recomputation (stated)`;
}

/**
 * Returns the sentence to put beside activations quoted without recomputation when the chosen
 * layout assumes recomputation: "The layout … assumes full activation recomputation, which brings
 * them to 7.70 GB per GPU." Returns an empty string when the layout recomputes nothing.
 */
export function recomputationNote(analysis: Analysis): string {
  if (activationCondition(analysis) !== 'without recomputation') return '';
  const facts = layoutActivationFacts(analysis);
  if (facts === undefined || facts.recomputation === undefined || facts.recomputation === 'none')
    return '';
  const figure =
    facts.activationsText === undefined
      ? ''
      : `, which brings them to ${facts.activationsText} per GPU`;
  return ` The layout ${facts.layoutText} assumes ${facts.recomputation} activation recomputation${figure}.`;
}

/**
 * Returns the sentence to put beside the gradient all-reduce estimate when the chosen layout uses
 * ZeRO-3: the estimate counts the plain data-parallel volume, and ZeRO-3 moves about 1.5 times
 * that (Rajbhandari et al. 2020, ZeRO). Returns an empty string for other layouts.
 */
export function allReduceVolumeNote(analysis: Analysis): string {
  const layout = analysis.estimates.parallelismLayout;
  const stage = layout?.value.zeroStage ?? analysis.quantities.zeroStage;
  if (stage !== 3 || analysis.estimates.allReduceSecondsPerStep === undefined) return '';
  return ' The estimate counts the plain data-parallel (DDP) volume; ZeRO-3 moves about 1.5 times as much per step (Rajbhandari et al. 2020, ZeRO).';
}

/**
 * Compares the estimated training time with a stated timeline, or returns undefined when either is
 * missing. `factor` is training time over timeline.
 */
export function timelineFacts(
  analysis: Analysis,
): { trainingText: string; timelineText: string; factor: number; over: boolean } | undefined {
  const days = analysis.estimates.trainingDays;
  const timelineDays = analysis.quantities.timelineDays;
  if (days === undefined || timelineDays === undefined || timelineDays <= 0) return undefined;
  const factor = days.value / timelineDays;
  return {
    trainingText: quote(days),
    timelineText: `${formatWhole(timelineDays)}-day timeline`,
    factor,
    over: factor > 1,
  };
}

/** Returns the GPU model, its memory and the cluster shape stated or implied by the analysis. */
export function clusterFacts(analysis: Analysis): ClusterFacts {
  const { quantities, estimates } = analysis;
  const gpu = quantities.gpuModel === undefined ? undefined : findGpu(quantities.gpuModel);
  const gpusPerNode = quantities.gpusPerNode ?? gpu?.gpusPerNode ?? FALLBACK_GPUS_PER_NODE;
  const gpuCount =
    quantities.gpuCount ??
    (quantities.nodes !== undefined && quantities.gpusPerNode !== undefined
      ? quantities.nodes * quantities.gpusPerNode
      : undefined);
  const nodes =
    quantities.nodes ??
    (gpuCount === undefined ? undefined : Math.max(1, Math.ceil(gpuCount / gpusPerNode)));

  return {
    gpu,
    gpuMemoryBytes: estimates.gpuMemoryBytes?.value ?? gpu?.memoryBytes,
    gpuCount,
    gpusPerNode,
    nodes,
  };
}

/** Describes the GPU for a sentence: "one A100 80GB (80.0 GB)". */
export function describeOneGpu(cluster: ClusterFacts): string | undefined {
  if (cluster.gpu === undefined || cluster.gpuMemoryBytes === undefined) return undefined;
  return `one ${cluster.gpu.id} (${formatBytes(cluster.gpuMemoryBytes)})`;
}

/** Returns model-state memory per ZeRO stage against the GPU, or undefined without parameters. */
export function memoryFacts(analysis: Analysis): MemoryFacts | undefined {
  const { estimates } = analysis;
  if (estimates.modelStateBytes === undefined) return undefined;

  const gpuMemoryBytes = clusterFacts(analysis).gpuMemoryBytes;
  const stages: StageMemory[] = [];
  for (const [key, stage, label] of STAGE_KEYS) {
    const estimate = estimates[key];
    if (estimate === undefined) continue;
    stages.push({
      stage,
      label,
      estimate,
      text: quote(estimate),
      fits: gpuMemoryBytes === undefined ? undefined : estimate.value <= gpuMemoryBytes,
    });
  }

  return {
    modelStates: estimates.modelStateBytes,
    modelStatesText: quote(estimates.modelStateBytes),
    stages,
    lowestFittingStage: stages.find((stage) => stage.fits === true)?.stage,
  };
}

/** Returns the stage entry for `stage`, if the analysis estimated it. */
export function stageMemory(memory: MemoryFacts, stage: number): StageMemory | undefined {
  return memory.stages.find((entry) => entry.stage === stage);
}

/** Compares the estimated cost with the stated budget, or returns undefined when either is missing. */
export function budgetFacts(analysis: Analysis): BudgetFacts | undefined {
  const cost = analysis.estimates.costUsd;
  const budgetUsd = analysis.quantities.budgetUsd;
  if (cost === undefined || budgetUsd === undefined) return undefined;

  const costText = quote(cost);
  const budgetText = formatUsd(budgetUsd);
  const over = cost.value > budgetUsd;
  const differenceText = formatUsd(Math.abs(cost.value - budgetUsd));
  const sentence = over
    ? `${costText} estimated against a ${budgetText} budget: over by ${differenceText}`
    : `${costText} estimated against a ${budgetText} budget: it fits, with ${differenceText} to spare`;
  return { costText, budgetText, over, differenceText, sentence };
}

/**
 * Formats a stated number of minutes in plain words: 5 → "5 minutes", 6.5 → "6.5 minutes",
 * 150 → "2.5 h".
 */
export function formatStatedMinutes(minutes: number): string {
  if (minutes >= 90) return formatDuration(minutes * 60);
  const rounded = Number(minutes.toPrecision(3));
  return `${rounded} ${rounded === 1 ? 'minute' : 'minutes'}`;
}

/** Returns `text` with its first letter in upper case. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Formats a whole count with thousands separators: 16384 → "16,384". */
export function formatWhole(count: number): string {
  return Math.round(count).toLocaleString('en-US');
}
