/**
 * Recomputes every estimate from quantities. Pure and free of Node APIs, so the browser's what-if
 * panel runs the same code after each edit.
 */

import { DEFAULTS } from './defaults';
import { estimateActivationBytesPerGpu } from './estimators/activations';
import { estimateAllReduceSecondsPerStep } from './estimators/communication';
import {
  estimateCost,
  estimateGpuHours,
  estimateTrainingDays,
  estimateTrainingFlops,
  estimateTrainingTokens,
} from './estimators/compute';
import { resolveInputs, type Inputs } from './estimators/inputs';
import { estimateParallelismLayout } from './estimators/layout';
import {
  estimateGpuMemoryBytes,
  estimateMemoryPerGpu,
  estimateModelStateBytes,
} from './estimators/memory';
import {
  estimateCheckpointBytes,
  estimateCheckpointIntervalMinutes,
  estimateCheckpointWeightsBytes,
  estimateCheckpointWriteSeconds,
  estimateExpectedDowntimeFraction,
  estimateExpectedLostWorkMinutes,
  estimateFailuresDuringRun,
  estimateJobMtbfHours,
} from './estimators/reliability';
import type { Estimates, Quantities } from './types';

/** Estimates with the defaults they applied, in plain sentences. */
export type EstimateResult = { estimates: Estimates; defaultsApplied: string[] };

/** Recomputes every estimate the quantities allow. Invalid values (NaN, negative) are ignored. */
export function estimateAll(quantities: Quantities): Estimates {
  return computeEstimates(quantities).estimates;
}

/** Recomputes every estimate and lists the defaults used, for the analysis notes. */
export function computeEstimates(quantities: Quantities): EstimateResult {
  const inputs = resolveInputs(quantities);
  const estimates: Estimates = {};

  addMemory(inputs, estimates);
  addCompute(inputs, estimates);
  addReliability(inputs, estimates);

  const allReduce = estimateAllReduceSecondsPerStep(inputs);
  if (allReduce !== undefined) estimates.allReduceSecondsPerStep = allReduce;

  const layout = estimateParallelismLayout(inputs);
  if (layout !== undefined) {
    estimates.parallelismLayout = layout.layout;
    estimates.layoutMemoryPerGpuBytes = layout.memoryPerGpu;
  }

  return { estimates, defaultsApplied: listDefaults(inputs, estimates) };
}

function addMemory(inputs: Inputs, estimates: Estimates): void {
  const { parameters } = inputs.q;
  if (inputs.gpu !== undefined) estimates.gpuMemoryBytes = estimateGpuMemoryBytes(inputs.gpu);
  if (parameters === undefined) return;

  estimates.modelStateBytes = estimateModelStateBytes(parameters);
  estimates.memoryPerGpuDdpBytes = estimateMemoryPerGpu(
    parameters,
    0,
    1,
    inputs.tp,
    inputs.pp,
    inputs.gpu,
  );
  if (inputs.dp !== undefined) {
    const dp = inputs.dp;
    estimates.memoryPerGpuZero1Bytes = estimateMemoryPerGpu(
      parameters,
      1,
      dp,
      inputs.tp,
      inputs.pp,
      inputs.gpu,
    );
    estimates.memoryPerGpuZero2Bytes = estimateMemoryPerGpu(
      parameters,
      2,
      dp,
      inputs.tp,
      inputs.pp,
      inputs.gpu,
    );
    estimates.memoryPerGpuZero3Bytes = estimateMemoryPerGpu(
      parameters,
      3,
      dp,
      inputs.tp,
      inputs.pp,
      inputs.gpu,
    );
  }

  const activations = estimateActivationBytesPerGpu(inputs.q, inputs.tp);
  if (activations !== undefined) estimates.activationBytesPerGpu = activations;
}

function addCompute(inputs: Inputs, estimates: Estimates): void {
  const tokens = estimateTrainingTokens(inputs);
  const flops = estimateTrainingFlops(inputs, tokens);
  const days = estimateTrainingDays(inputs, tokens);
  const gpuHours = estimateGpuHours(inputs, days);
  const cost = estimateCost(inputs, gpuHours);

  if (tokens !== undefined) estimates.trainingTokens = tokens;
  if (flops !== undefined) estimates.trainingFlops = flops;
  if (days !== undefined) estimates.trainingDays = days;
  if (gpuHours !== undefined) estimates.gpuHours = gpuHours;
  if (cost !== undefined) estimates.costUsd = cost;
}

function addReliability(inputs: Inputs, estimates: Estimates): void {
  const checkpoint = estimateCheckpointBytes(inputs);
  const weights = estimateCheckpointWeightsBytes(inputs);
  const write = estimateCheckpointWriteSeconds(inputs, checkpoint);
  const mtbf = estimateJobMtbfHours(inputs);
  const interval = estimateCheckpointIntervalMinutes(write, mtbf);
  const lostWork = estimateExpectedLostWorkMinutes(inputs, write, interval);
  const failures = estimateFailuresDuringRun(estimates.trainingDays, mtbf);
  const downtime = estimateExpectedDowntimeFraction(inputs, write, interval, mtbf);

  if (checkpoint !== undefined) estimates.checkpointBytes = checkpoint;
  if (weights !== undefined) estimates.checkpointWeightsBytes = weights;
  if (write !== undefined) estimates.checkpointWriteSeconds = write;
  if (mtbf !== undefined) estimates.jobMtbfHours = mtbf;
  if (interval !== undefined) estimates.checkpointIntervalMinutes = interval;
  if (lostWork !== undefined) estimates.expectedLostWorkMinutes = lostWork;
  if (failures !== undefined) estimates.failuresDuringRun = failures;
  if (downtime !== undefined) estimates.expectedDowntimeFraction = downtime;
}

/** Names each default an estimate used, once, in the words of `DEFAULTS`. */
function listDefaults(inputs: Inputs, estimates: Estimates): string[] {
  const { q } = inputs;
  const applied: string[] = [];

  if (q.tokens === undefined && estimates.trainingTokens !== undefined) {
    applied.push(
      `Training tokens were not stated, so ${DEFAULTS.tokensPerParameter.value} tokens per parameter were assumed (${DEFAULTS.tokensPerParameter.source}).`,
    );
  }
  const mfuDefaulted = estimates.trainingDays?.assumptions.some(
    (assumption) => assumption.startsWith('MFU') && assumption.includes('default'),
  );
  if (mfuDefaulted) {
    applied.push(
      `MFU was not stated, so ${DEFAULTS.mfu.value * 100}% was assumed (${DEFAULTS.mfu.source}).`,
    );
  }
  if (
    q.pricePerGpuHourUsd === undefined &&
    estimates.costUsd !== undefined &&
    inputs.gpu !== undefined
  ) {
    applied.push(
      `No price was stated, so the ${inputs.gpu.id} reference price of $${inputs.gpu.pricePerGpuHourUsd} per GPU-hour was used (${inputs.gpu.priceSource}, ${inputs.gpu.priceAsOf}).`,
    );
  }
  if (
    q.mtbfHours === undefined &&
    q.mtbfHoursPerNode === undefined &&
    q.failuresPerGpuHour === undefined &&
    estimates.jobMtbfHours !== undefined
  ) {
    applied.push(
      `No failure rate was stated, so the Llama 3 rate was used (${DEFAULTS.failuresPerGpuHour.source}).`,
    );
  }
  if (
    q.checkpointWriteMinutes === undefined &&
    q.storageBytesPerSecond === undefined &&
    estimates.checkpointWriteSeconds !== undefined
  ) {
    applied.push(
      `No storage bandwidth was stated, so checkpoints are written at about 0.98 GB/s per node (${DEFAULTS.storageWriteBytesPerSecondPerNode.source}).`,
    );
  }
  if (
    q.networkGbps === undefined &&
    estimates.allReduceSecondsPerStep?.assumptions.some((a) => a.includes('default'))
  ) {
    applied.push(
      `No network bandwidth was stated, so the ${inputs.gpu?.id} default of ${inputs.gpu?.interNodeGbps} Gb/s per GPU was used.`,
    );
  }
  const shapeUsed =
    estimates.activationBytesPerGpu !== undefined || estimates.parallelismLayout !== undefined;
  if (shapeUsed && q.sequenceLength === undefined) {
    applied.push(
      `No sequence length was stated, so ${DEFAULTS.sequenceLength.value} tokens were assumed (${DEFAULTS.sequenceLength.source}).`,
    );
  }
  if (shapeUsed && (q.hiddenSize === undefined || q.numLayers === undefined)) {
    const description = estimates.activationBytesPerGpu?.assumptions.find((a) =>
      a.startsWith('Model shape'),
    );
    if (description !== undefined) applied.push(`${description}.`);
  }
  return applied;
}
