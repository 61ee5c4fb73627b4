/**
 * Comparison of an edited scenario's estimates with the original ones: each value, its change in
 * the estimate's unit and in percent, and the limits it crosses. The limits are the GPU's memory
 * for model states, the budget for cost, what the uptime target allows for downtime, the stated
 * maximum for lost work, and the timeline for training time.
 */

import { formatBytes, formatEstimate, formatPercent, formatUsd } from '../analysis/format';
import { findGpu } from '../analysis/gpus';
import type { Analysis, Estimate, Estimates } from '../analysis/types';
import { UNIT } from '../analysis/units';
import { ESTIMATE_LABELS } from '../presentation/labels';

export type EstimateKey = keyof Estimates;

/** A limit from the problem or the hardware that an estimate is checked against. */
export type LimitKind = 'gpu-memory' | 'budget' | 'downtime' | 'lost-progress' | 'timeline';

/** A limit an estimate crosses, with the limit formatted and a sentence for the panel. */
export interface LimitMarker {
  kind: LimitKind;
  /** The limit in the estimate's unit. */
  limit: number;
  limitText: string;
  /** "over the A10G's 24.0 GB by 12.1 GB". */
  message: string;
}

/** One estimate before and after the edit. Texts are formatted as the analysis panel shows them. */
export interface EstimateComparison {
  key: EstimateKey;
  label: string;
  unit: string;
  /** Value in `unit`; undefined when the estimate is absent on that side or not a number. */
  original: number | undefined;
  edited: number | undefined;
  originalText: string | undefined;
  editedText: string | undefined;
  /** edited − original, in `unit`; undefined unless both sides are numbers. */
  delta: number | undefined;
  /** "+1.20 GB", "−$120k", "+0.05 percentage points"; empty when nothing changed. */
  deltaText: string;
  /** (edited − original) / original × 100; undefined when the original is 0 or absent. */
  deltaPercent: number | undefined;
  /** "+25%"; empty when the percentage is undefined or nothing changed. */
  deltaPercentText: string;
  /** Whether the value (or, for the layout, its text) differs, or the estimate appeared or went. */
  changed: boolean;
  /** Limits the edited value crosses. */
  limits: LimitMarker[];
  /** Limits the original value crosses, to tell a new crossing from an old one. */
  originalLimits: LimitMarker[];
}

/** Headline figures of the panel, in the order it shows them. */
export type HeadlineId = 'memory' | 'days' | 'cost';

/** Estimates whose value is model-state or total memory on one GPU. */
const PER_GPU_MEMORY_KEYS: ReadonlySet<EstimateKey> = new Set<EstimateKey>([
  'memoryPerGpuDdpBytes',
  'memoryPerGpuZero1Bytes',
  'memoryPerGpuZero2Bytes',
  'memoryPerGpuZero3Bytes',
  'layoutMemoryPerGpuBytes',
]);

/** Estimate key of model states per GPU under each ZeRO stage, 0 being plain data parallelism. */
export const STAGE_MEMORY_KEYS = [
  'memoryPerGpuDdpBytes',
  'memoryPerGpuZero1Bytes',
  'memoryPerGpuZero2Bytes',
  'memoryPerGpuZero3Bytes',
] as const satisfies readonly EstimateKey[];

/** Rows of the comparison: the analysis panel's estimates plus the layout's memory per GPU. */
export const COMPARED_ESTIMATES: ReadonlyArray<readonly [EstimateKey, string]> = [
  ...(ESTIMATE_LABELS as ReadonlyArray<readonly [EstimateKey, string]>),
  ['layoutMemoryPerGpuBytes', 'Per GPU under the layout, activations included'],
];

/** Relative change below which two values count as equal, so float noise shows no delta. */
const EQUAL_RELATIVE_TOLERANCE = 1e-9;

/**
 * Compares every estimate of `edited` with `original`, in the analysis panel's order. Estimates
 * absent on both sides are left out.
 */
export function compare(original: Analysis, edited: Analysis): EstimateComparison[] {
  const rows: EstimateComparison[] = [];
  for (const [key, label] of COMPARED_ESTIMATES) {
    const before = original.estimates[key] as Estimate<unknown> | undefined;
    const after = edited.estimates[key] as Estimate<unknown> | undefined;
    if (before === undefined && after === undefined) continue;
    rows.push(compareEstimate(key, label, before, after, original, edited));
  }
  return rows;
}

/**
 * Returns the estimate key of the headline figure `id`: model states per GPU under the ZeRO stage
 * the scenario uses (stated, or the stage of the layout that fits, else ZeRO-3), training days or
 * cost.
 */
export function headlineKey(id: HeadlineId, edited: Analysis): EstimateKey {
  if (id === 'days') return 'trainingDays';
  if (id === 'cost') return 'costUsd';
  const stage =
    edited.quantities.zeroStage ?? edited.estimates.parallelismLayout?.value.zeroStage ?? 3;
  return STAGE_MEMORY_KEYS[stage] ?? 'memoryPerGpuZero3Bytes';
}

/**
 * Returns the estimate a headline figure shows for the original and for the edited scenario.
 * For memory they differ when an edit moves the layout to another ZeRO stage, because an
 * unstated stage follows the layout that fits. Callers must not show that as a change of one
 * quantity.
 */
export function headlineKeys(
  id: HeadlineId,
  original: Analysis,
  edited: Analysis,
): { key: EstimateKey; originalKey: EstimateKey } {
  return { key: headlineKey(id, edited), originalKey: headlineKey(id, original) };
}

/** Returns the limits a value of estimate `key` crosses under the analysis's quantities. */
export function limitsCrossed(key: EstimateKey, value: number, analysis: Analysis): LimitMarker[] {
  const { quantities } = analysis;
  const markers: LimitMarker[] = [];

  if (PER_GPU_MEMORY_KEYS.has(key)) {
    const gpu = quantities.gpuModel === undefined ? undefined : findGpu(quantities.gpuModel);
    if (gpu !== undefined && value > gpu.memoryBytes) {
      markers.push({
        kind: 'gpu-memory',
        limit: gpu.memoryBytes,
        limitText: formatBytes(gpu.memoryBytes),
        message: `over the ${gpu.id}'s ${formatBytes(gpu.memoryBytes)} by ${formatBytes(value - gpu.memoryBytes)}`,
      });
    }
  }
  if (key === 'costUsd' && quantities.budgetUsd !== undefined && value > quantities.budgetUsd) {
    markers.push({
      kind: 'budget',
      limit: quantities.budgetUsd,
      limitText: formatUsd(quantities.budgetUsd),
      message: `over the ${formatUsd(quantities.budgetUsd)} budget by ${formatUsd(value - quantities.budgetUsd)}`,
    });
  }
  if (key === 'expectedDowntimeFraction' && quantities.uptimeTarget !== undefined) {
    const allowed = 1 - quantities.uptimeTarget;
    if (value > allowed) {
      markers.push({
        kind: 'downtime',
        limit: allowed,
        limitText: formatPercent(allowed),
        message: `over the ${formatPercent(allowed)} downtime that ${formatPercent(quantities.uptimeTarget)} uptime allows`,
      });
    }
  }
  const maxLost = quantities.maxLostProgressMinutes;
  if (key === 'expectedLostWorkMinutes' && maxLost !== undefined && value > maxLost) {
    markers.push({
      kind: 'lost-progress',
      limit: maxLost,
      limitText: formatMinutes(maxLost),
      message: `over the stated maximum of ${formatMinutes(maxLost)} lost per failure`,
    });
  }
  const timeline = quantities.timelineDays;
  if (key === 'trainingDays' && timeline !== undefined && value > timeline) {
    markers.push({
      kind: 'timeline',
      limit: timeline,
      limitText: formatDaysValue(timeline),
      message: `over the timeline of ${formatDaysValue(timeline)} by ${formatDaysValue(value - timeline)}`,
    });
  }
  return markers;
}

/** Formats a signed change of an estimate in its own unit: "+1.20 GB", "−$120k". */
export function formatDelta(delta: number, unit: string): string {
  if (delta === 0) return '0';
  const sign = delta > 0 ? '+' : '−';
  const magnitude = Math.abs(delta);
  if (unit === UNIT.fraction) {
    return `${sign}${Number((magnitude * 100).toPrecision(3))} percentage points`;
  }
  const text = formatEstimate({ value: magnitude, unit, formula: '', assumptions: [], source: '' });
  return `${sign}${text}`;
}

/** Formats a signed percentage with three significant digits: "+25%", "−0.5%". */
export function formatDeltaPercent(percent: number): string {
  if (percent === 0) return '0%';
  const sign = percent > 0 ? '+' : '−';
  return `${sign}${Number(Math.abs(percent).toPrecision(3))}%`;
}

function compareEstimate(
  key: EstimateKey,
  label: string,
  before: Estimate<unknown> | undefined,
  after: Estimate<unknown> | undefined,
  original: Analysis,
  edited: Analysis,
): EstimateComparison {
  const unit = (after ?? before)!.unit;
  const originalValue = numericValue(before);
  const editedValue = numericValue(after);
  const originalText = before === undefined ? undefined : formatEstimate(before);
  const editedText = after === undefined ? undefined : formatEstimate(after);

  let delta: number | undefined;
  let deltaPercent: number | undefined;
  let changed = originalText !== editedText;
  if (originalValue !== undefined && editedValue !== undefined) {
    const scale = Math.max(Math.abs(originalValue), Math.abs(editedValue));
    const raw = editedValue - originalValue;
    delta = Math.abs(raw) <= EQUAL_RELATIVE_TOLERANCE * scale ? 0 : raw;
    changed = delta !== 0;
    if (originalValue !== 0) deltaPercent = (delta / originalValue) * 100;
  }

  return {
    key,
    label,
    unit,
    original: originalValue,
    edited: editedValue,
    originalText,
    editedText,
    delta,
    deltaText: changed && delta !== undefined ? formatDelta(delta, unit) : '',
    deltaPercent,
    deltaPercentText: changed && deltaPercent !== undefined ? formatDeltaPercent(deltaPercent) : '',
    changed,
    limits: editedValue === undefined ? [] : limitsCrossed(key, editedValue, edited),
    originalLimits: originalValue === undefined ? [] : limitsCrossed(key, originalValue, original),
  };
}

function numericValue(estimate: Estimate<unknown> | undefined): number | undefined {
  if (estimate === undefined || typeof estimate.value !== 'number') return undefined;
  return Number.isFinite(estimate.value) ? estimate.value : undefined;
}

function formatMinutes(minutes: number): string {
  return formatEstimate({
    value: minutes,
    unit: UNIT.minutes,
    formula: '',
    assumptions: [],
    source: '',
  });
}

function formatDaysValue(days: number): string {
  return formatEstimate({ value: days, unit: UNIT.days, formula: '', assumptions: [], source: '' });
}
