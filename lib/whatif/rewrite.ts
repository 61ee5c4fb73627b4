/**
 * Writes a scenario back as problem text, so that a new lesson generated from it reads the same
 * numbers: each quantity the scenario states (from the problem or an edit) becomes a phrase the
 * analyser's parser reads back to the same value. Values the analyser assumed are left out, so
 * the server assumes them again. Sentences and constraints of the original problem that state no
 * quantity are kept, so words such as "our run hangs" still steer the lesson.
 */

import type { Quantities } from '../analysis/types';
import { scenarioQuantities, type Scenario } from './scenario';

/** The body of `POST /api/lessons` for a scenario. */
export interface ScenarioLessonRequest {
  problem: string;
  constraints: string[];
}

/** The problem's wording that states no quantity, which the page computes on the server. */
export interface WordContext {
  /** Sentences of the problem from which the analyser reads no quantity, in order. */
  sentences: string[];
  /** Constraints from which the analyser reads no quantity, in order. */
  constraints: string[];
}

/** A phrase per quantity, each tested to parse back to the same value. */
type Phrase = (quantities: Quantities) => string | undefined;

/** Constraints a lesson request accepts, the same limit as the API's request schema. */
const MAX_CONSTRAINTS = 12;
/** Significant digits written for a value, more than any input or display shows. */
const DIGITS = 6;

const SETUP_PHRASES: readonly Phrase[] = [
  (q) => (q.mfu === undefined ? undefined : `MFU ${percent(q.mfu)}%`),
  (q) =>
    q.achievedFlopsPerGpu === undefined
      ? undefined
      : `${plain(q.achievedFlopsPerGpu / 1e12)} TFLOP/s per GPU`,
  (q) =>
    q.throughput === undefined ? undefined : `${plain(q.throughput.value)} ${q.throughput.unit}`,
  (q) =>
    q.pricePerGpuHourUsd === undefined ? undefined : `$${plain(q.pricePerGpuHourUsd)} per GPU-hour`,
  (q) => (q.budgetUsd === undefined ? undefined : `Budget $${plain(q.budgetUsd)}`),
  (q) => (q.timelineDays === undefined ? undefined : `Timeline ${plain(q.timelineDays)} days`),
  (q) => (q.uptimeTarget === undefined ? undefined : `${percent(q.uptimeTarget)}% uptime`),
  (q) =>
    q.recoveryMinutes === undefined
      ? undefined
      : `Recover within ${plain(q.recoveryMinutes)} minutes`,
  (q) =>
    q.maxLostProgressMinutes === undefined
      ? undefined
      : `Lose no more than ${plain(q.maxLostProgressMinutes)} minutes of progress`,
  (q) => (q.mtbfHours === undefined ? undefined : `MTBF of ${plain(q.mtbfHours)} hours`),
  (q) =>
    q.mtbfHoursPerNode === undefined
      ? undefined
      : `MTBF of ${plain(q.mtbfHoursPerNode)} hours per node`,
  (q) =>
    q.failuresPerGpuHour === undefined
      ? undefined
      : `MTBF of ${plain(1 / q.failuresPerGpuHour)} hours per GPU`,
  (q) =>
    q.checkpointWriteMinutes === undefined
      ? undefined
      : `Checkpoint write takes ${plain(q.checkpointWriteMinutes)} minutes`,
  (q) =>
    q.checkpointIntervalMinutes === undefined
      ? undefined
      : `Checkpoint every ${plain(q.checkpointIntervalMinutes)} minutes`,
  (q) =>
    q.storageBytesPerSecond === undefined
      ? undefined
      : `Storage writes at ${plain(q.storageBytesPerSecond / 1e9)} GB/s`,
  (q) => (q.networkGbps === undefined ? undefined : `${plain(q.networkGbps)} Gb/s InfiniBand`),
  (q) => (q.zeroStage === undefined ? undefined : `ZeRO-${q.zeroStage}`),
  parallelDegrees,
  (q) => (q.sequenceLength === undefined ? undefined : `Sequence length ${q.sequenceLength}`),
  (q) => (q.microBatchSize === undefined ? undefined : `Micro-batch size ${q.microBatchSize}`),
  (q) => (q.globalBatchSize === undefined ? undefined : `Global batch size ${q.globalBatchSize}`),
  (q) => (q.hiddenSize === undefined ? undefined : `Hidden size ${q.hiddenSize}`),
  (q) => (q.numLayers === undefined ? undefined : `${q.numLayers} layers`),
  (q) => (q.numHeads === undefined ? undefined : `${q.numHeads} attention heads`),
  (q) =>
    q.activationRecomputation === undefined || q.activationRecomputation === 'none'
      ? undefined
      : `${q.activationRecomputation === 'full' ? 'Full' : 'Selective'} activation recomputation`,
];

/**
 * Returns the lesson request for a scenario: a problem that states every quantity of the scenario
 * in words the analyser reads, followed by the original problem's sentences that state none, and
 * the original constraints that state none.
 */
export function scenarioToLessonRequest(
  scenario: Pick<Scenario, 'stated' | 'edits'>,
  context: WordContext = { sentences: [], constraints: [] },
): ScenarioLessonRequest {
  const quantities = scenarioQuantities(scenario);
  const sentences = [
    trainingSentence(quantities),
    ...SETUP_PHRASES.map((phrase) => phrase(quantities)),
  ].filter((sentence): sentence is string => sentence !== undefined && sentence !== '');

  const problem = [...sentences.map(endSentence), ...context.sentences].join(' ');
  return { problem, constraints: context.constraints.slice(0, MAX_CONSTRAINTS) };
}

/** "Train a 175B-parameter model on 3.5T tokens on 512 H100 SXM GPUs, 8 GPUs per node". */
function trainingSentence(q: Quantities): string {
  const parts = ['Train'];
  parts.push(q.parameters === undefined ? 'a model' : `a ${count(q.parameters)}-parameter model`);
  if (q.tokens !== undefined) parts.push(`on ${count(q.tokens)} tokens`);
  parts.push(cluster(q));
  return parts.filter((part) => part !== '').join(' ');
}

/** Describes the GPUs: a node count when the problem stated one, else the GPU count. */
function cluster(q: Quantities): string {
  const gpu = q.gpuModel === undefined ? '' : `${q.gpuModel} `;
  if (q.nodes !== undefined && q.gpusPerNode !== undefined) {
    return `on ${q.nodes} nodes with ${q.gpusPerNode} ${gpu}GPUs each`;
  }
  const perNode = q.gpusPerNode === undefined ? '' : `, ${q.gpusPerNode} GPUs per node`;
  if (q.gpuCount !== undefined) {
    return `on ${q.gpuCount} ${gpu}${q.gpuCount === 1 ? 'GPU' : 'GPUs'}${perNode}`;
  }
  if (gpu !== '') return `on ${gpu}GPUs${perNode}`;
  return q.gpusPerNode === undefined ? '' : `with ${q.gpusPerNode} GPUs per node`;
}

function parallelDegrees(q: Quantities): string | undefined {
  const degrees = [
    q.tensorParallel === undefined ? undefined : `TP ${q.tensorParallel}`,
    q.pipelineParallel === undefined ? undefined : `PP ${q.pipelineParallel}`,
    q.dataParallel === undefined ? undefined : `DP ${q.dataParallel}`,
  ].filter((degree): degree is string => degree !== undefined);
  return degrees.length === 0 ? undefined : degrees.join(', ');
}

function endSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Writes a count with a B or T suffix where it is exact to six digits: 1.75e11 → "175B". */
function count(value: number): string {
  if (value >= 1e12) return `${plain(value / 1e12)}T`;
  if (value >= 1e9) return `${plain(value / 1e9)}B`;
  if (value >= 1e6) return `${plain(value / 1e6)}M`;
  return plain(value);
}

/** Writes a fraction as a percentage number without the sign: 0.999 → "99.9". */
function percent(fraction: number): string {
  return plain(fraction * 100);
}

/** Writes a number with up to six significant digits in plain notation: 2.5 → "2.5". */
function plain(value: number): string {
  const rounded = Number(value.toPrecision(DIGITS));
  if (Math.abs(rounded) >= 1e21 || (rounded !== 0 && Math.abs(rounded) < 1e-6)) {
    return rounded.toExponential();
  }
  return String(rounded);
}
