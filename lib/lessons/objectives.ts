/**
 * Lesson objectives: 3 to 6 things the learner will be able to do, each tied to this problem's
 * numbers where the analysis has them ("Compute the per-GPU model-state memory of a 175B model
 * under ZeRO-3 on 256 GPUs and compare it with 80.0 GB"), otherwise to a selected concept.
 */

import { formatCount, formatPercent, formatUsd } from '../analysis/format';
import type { Analysis } from '../analysis/types';
import type { CatalogueIndex } from './catalogue-index';
import {
  allReduceVolumeNote,
  clusterFacts,
  formatStatedMinutes,
  formatWhole,
  memoryFacts,
  mfuFacts,
  quote,
  stageMemory,
} from './facts';
import type { TopicId } from './topics';
import type { LessonConcept } from './types';

export const MIN_OBJECTIVES = 3;
export const MAX_OBJECTIVES = 6;

/** An objective the analysis supports, and the topics of concepts it belongs to. */
interface NumericObjective {
  topics: readonly TopicId[];
  text: string;
}

const LEVEL_VERBS = { beginner: 'Explain', intermediate: 'Apply', advanced: 'Analyse' } as const;

/**
 * Builds 3 to 6 objectives: first those that work this problem's numbers for a selected concept,
 * in lesson order, then one per remaining concept from its summary.
 */
export function buildObjectives(
  concepts: readonly LessonConcept[],
  analysis: Analysis,
  index: Pick<CatalogueIndex, 'topicsById' | 'byId'>,
): string[] {
  const numeric = numericObjectives(analysis);
  const objectives: string[] = [];
  const used = new Set<NumericObjective>();
  const covered = new Set<string>();

  for (const concept of concepts) {
    const topics = index.topicsById.get(concept.id);
    if (topics === undefined) continue;
    const match = numeric.find(
      (objective) => !used.has(objective) && objective.topics.some((topic) => topics.has(topic)),
    );
    if (match === undefined) continue;
    used.add(match);
    covered.add(concept.id);
    objectives.push(match.text);
    if (objectives.length >= MAX_OBJECTIVES) return objectives;
  }

  for (const concept of concepts) {
    if (objectives.length >= MAX_OBJECTIVES) break;
    if (covered.has(concept.id)) continue;
    const full = index.byId.get(concept.id);
    if (full === undefined) continue;
    objectives.push(`${LEVEL_VERBS[full.level]} ${full.title}: ${firstSentence(full.summary)}`);
  }
  return objectives.slice(0, MAX_OBJECTIVES);
}

function numericObjectives(analysis: Analysis): NumericObjective[] {
  const { estimates, quantities } = analysis;
  const cluster = clusterFacts(analysis);
  const memory = memoryFacts(analysis);
  const objectives: NumericObjective[] = [];
  const params =
    quantities.parameters === undefined ? undefined : formatCount(quantities.parameters);

  const zero3 = memory === undefined ? undefined : stageMemory(memory, 3);
  if (
    params !== undefined &&
    zero3 !== undefined &&
    cluster.gpuCount !== undefined &&
    cluster.gpuMemoryBytes !== undefined
  ) {
    objectives.push({
      topics: ['sharding', 'memory', 'shardedOptimizer', 'offload', 'dataParallel'],
      text: `Compute the per-GPU model-state memory of a ${params} model under ZeRO-3 on ${formatWhole(cluster.gpuCount)} GPUs (${zero3.text}) and compare it with ${quote(estimates.gpuMemoryBytes ?? zero3.estimate)}.`,
    });
  } else if (params !== undefined && memory !== undefined) {
    objectives.push({
      topics: ['sharding', 'memory', 'precision', 'numerics'],
      text: `Account for the ${memory.modelStatesText} of model states of a ${params} model, byte by byte, under mixed-precision Adam.`,
    });
  }
  if (estimates.parallelismLayout !== undefined) {
    objectives.push({
      topics: ['modelParallel', 'pipelineParallel', 'tensorParallel'],
      text: `Derive a parallelism layout that fits, such as ${quote(estimates.parallelismLayout)}, and say why each degree was chosen.`,
    });
  }
  if (estimates.activationBytesPerGpu !== undefined) {
    const sequence =
      quantities.sequenceLength === undefined
        ? ''
        : ` at ${formatWhole(quantities.sequenceLength)}-token sequences`;
    objectives.push({
      topics: ['activation', 'sequenceParallel', 'attentionKernel', 'tensorParallel', 'batch'],
      text: `Estimate activation memory per GPU${sequence} (${quote(estimates.activationBytesPerGpu)}) and choose between recomputation, a smaller micro-batch and splitting the sequence.`,
    });
  }
  if (
    estimates.checkpointIntervalMinutes !== undefined &&
    estimates.checkpointWriteSeconds !== undefined &&
    estimates.jobMtbfHours !== undefined
  ) {
    objectives.push({
      topics: ['checkpoint', 'failureRate', 'asyncCheckpoint', 'faultTolerance'],
      text: `Derive the Young/Daly checkpoint interval (${quote(estimates.checkpointIntervalMinutes)}) from a ${quote(estimates.checkpointWriteSeconds)} save and a job MTBF of ${quote(estimates.jobMtbfHours)}.`,
    });
  } else if (quantities.maxLostProgressMinutes !== undefined) {
    objectives.push({
      topics: ['checkpoint', 'asyncCheckpoint', 'failureRate', 'faultTolerance'],
      text: `Choose a checkpoint interval and save method that keep lost progress under ${formatStatedMinutes(quantities.maxLostProgressMinutes)} per failure.`,
    });
  } else if (estimates.checkpointBytes !== undefined) {
    objectives.push({
      topics: ['checkpoint', 'asyncCheckpoint', 'storage'],
      text: `Size a full checkpoint (${quote(estimates.checkpointBytes)}) and the storage bandwidth that keeps each save short.`,
    });
  }
  if (quantities.recoveryMinutes !== undefined) {
    objectives.push({
      topics: ['faultTolerance', 'elastic', 'spot', 'scheduling'],
      text: `Design a restart path that detects a failed node and resumes training within ${formatStatedMinutes(quantities.recoveryMinutes)}.`,
    });
  }
  if (
    estimates.costUsd !== undefined &&
    estimates.trainingFlops !== undefined &&
    cluster.gpu !== undefined
  ) {
    const budget =
      quantities.budgetUsd === undefined
        ? ''
        : ` and compare it with the ${formatUsd(quantities.budgetUsd)} budget`;
    const mfu = mfuFacts(analysis);
    const atMfu = mfu === undefined ? '' : ` at ${formatPercent(mfu.mfu)} MFU`;
    objectives.push({
      topics: ['cost', 'compute', 'spot'],
      text: `Estimate the GPU-hours and cost of ${quote(estimates.trainingFlops)} on ${cluster.gpu.id}${atMfu} (${quote(estimates.costUsd)})${budget}.`,
    });
  } else if (estimates.trainingFlops !== undefined) {
    objectives.push({
      topics: ['compute', 'cost', 'throughput'],
      text: `Compute the training FLOPs with 6·N·D (${quote(estimates.trainingFlops)}) and turn them into GPU time at a measured MFU.`,
    });
  }
  if (estimates.allReduceSecondsPerStep !== undefined) {
    // The estimate counts the plain data-parallel volume, and ZeRO-3 moves about 1.5 times that.
    const zero3Volume =
      allReduceVolumeNote(analysis) === ''
        ? ''
        : ' at the plain data-parallel volume, about 1.5 times that under ZeRO-3';
    objectives.push({
      topics: [
        'allReduce',
        'collective',
        'network',
        'dataParallel',
        'distributed',
        'overlap',
        'intraNode',
      ],
      text: `Estimate the ring all-reduce time of the gradients per step (${quote(estimates.allReduceSecondsPerStep)}${zero3Volume}) and decide how much of it can overlap the backward pass.`,
    });
  }
  if (quantities.throughput !== undefined) {
    const perGpu =
      cluster.gpuCount === undefined
        ? ''
        : `, ${formatCount(quantities.throughput.value / cluster.gpuCount)} per GPU on ${formatWhole(cluster.gpuCount)} GPUs`;
    objectives.push({
      topics: ['throughput', 'dataLoading', 'monitoring', 'batch', 'precision'],
      text: `Work out what the input pipeline and each GPU must sustain for ${formatWhole(quantities.throughput.value)} ${quantities.throughput.unit}${perGpu}, and find the bottleneck with a profile.`,
    });
  }
  return objectives;
}

/** Returns the first sentence of a summary, ending with its full stop. */
function firstSentence(summary: string): string {
  const end = summary.search(/[.!?](\s|$)/);
  const sentence = end === -1 ? summary : summary.slice(0, end + 1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
