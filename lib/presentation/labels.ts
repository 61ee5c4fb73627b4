/**
 * Readable names of estimates, stated quantities and roles, shared by the lesson page and the
 * offline export so both show the same words.
 */

import { formatBytes, formatCount, formatPercent, formatUsd } from '../analysis/format';
import type { RoleId } from '../lessons/types';

/** Estimates in the order the analysis panel lists them, with their readable names. */
export const ESTIMATE_LABELS: ReadonlyArray<readonly [string, string]> = [
  ['modelStateBytes', 'Model states (weights, gradients, Adam)'],
  ['memoryPerGpuDdpBytes', 'Per GPU, plain data parallel'],
  ['memoryPerGpuZero1Bytes', 'Per GPU, ZeRO-1'],
  ['memoryPerGpuZero2Bytes', 'Per GPU, ZeRO-2'],
  ['memoryPerGpuZero3Bytes', 'Per GPU, ZeRO-3'],
  ['activationBytesPerGpu', 'Activations per GPU'],
  ['parallelismLayout', 'Parallelism layout that fits'],
  ['trainingTokens', 'Training tokens'],
  ['trainingFlops', 'Training compute'],
  ['trainingDays', 'Training time'],
  ['gpuHours', 'GPU-hours'],
  ['costUsd', 'Cost'],
  ['checkpointBytes', 'Checkpoint (full training state)'],
  ['checkpointWeightsBytes', 'Checkpoint (weights only)'],
  ['checkpointWriteSeconds', 'Checkpoint write time'],
  ['jobMtbfHours', 'Job mean time between failures'],
  ['checkpointIntervalMinutes', 'Checkpoint interval (Young/Daly)'],
  ['expectedLostWorkMinutes', 'Expected work lost per failure'],
  ['failuresDuringRun', 'Failures expected during the run'],
  ['expectedDowntimeFraction', 'Expected downtime'],
  ['allReduceSecondsPerStep', 'Gradient all-reduce per step'],
];

/** Readable names and renderings of stated quantities; others show their key and raw value. */
const QUANTITY_FORMATS: Readonly<Record<string, readonly [string, (value: number) => string]>> = {
  parameters: ['Parameters', (value) => formatCount(value)],
  tokens: ['Training tokens', (value) => `${formatCount(value)} tokens`],
  gpuCount: ['GPUs', (value) => String(value)],
  budgetUsd: ['Budget', formatUsd],
  uptimeTarget: ['Uptime target', formatPercent],
  recoveryMinutes: ['Recovery within', (value) => `${value} min`],
  maxLostProgressMinutes: ['Progress lost at most', (value) => `${value} min`],
  sequenceLength: ['Sequence length', (value) => `${value} tokens`],
  checkpointWriteMinutes: ['Checkpoint write', (value) => `${value} min`],
  mtbfHours: ['MTBF', (value) => `${value} h`],
  mtbfHoursPerNode: ['MTBF per node', (value) => `${value} h`],
  timelineDays: ['Timeline', (value) => `${value} days`],
  networkGbps: ['Network per GPU', (value) => `${value} Gb/s`],
  storageBytesPerSecond: ['Storage bandwidth', (value) => `${formatBytes(value)}/s`],
  mfu: ['MFU', formatPercent],
  pricePerGpuHourUsd: ['Price per GPU-hour', formatUsd],
  zeroStage: ['ZeRO stage', (value) => String(value)],
  tensorParallel: ['Tensor parallel', (value) => String(value)],
  pipelineParallel: ['Pipeline parallel', (value) => String(value)],
  dataParallel: ['Data parallel', (value) => String(value)],
  microBatchSize: ['Micro-batch', (value) => String(value)],
  globalBatchSize: ['Global batch', (value) => String(value)],
};

/** Display names of the six roles. */
export const ROLE_TITLES: Readonly<Record<RoleId, string>> = {
  architect: 'Infrastructure Architect',
  'data-lead': 'Data Lead',
  'training-engineer': 'Training Engineer',
  sre: 'SRE',
  'cost-officer': 'Cost Officer',
  'red-team': 'Red Team',
};

/** Returns the readable name and the rendered value of a stated quantity. */
export function describeQuantity(key: string, value: unknown): [string, string] {
  const format = QUANTITY_FORMATS[key];
  if (format && typeof value === 'number') return [format[0], format[1](value)];
  if (key === 'gpuModel') return ['GPU', String(value)];
  if (value && typeof value === 'object' && 'value' in value && 'unit' in value) {
    const rate = value as { value: number; unit: string };
    return [key === 'throughput' ? 'Throughput' : key, `${rate.value} ${rate.unit}`];
  }
  return [key, String(value)];
}

/** Returns the display name of a role id, or the id itself when it is not one of the six. */
export function roleTitle(role: string): string {
  return (ROLE_TITLES as Record<string, string>)[role] ?? role;
}
