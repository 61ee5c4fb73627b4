/**
 * The what-if charts as data: model states per GPU under each ZeRO stage, training days and cost,
 * all against the GPU count, and expected lost work and downtime against the checkpoint interval.
 * Every point is an estimate from the analyser's own `computeEstimates` on the scenario's
 * quantities with one value swept, and each chart marks the current choice and the limit it is
 * judged by.
 */

import { computeEstimates } from '../analysis/estimate';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatEstimate,
  formatPercent,
  formatUsd,
} from '../analysis/format';
import { findGpu } from '../analysis/gpus';
import type { Analysis, Estimates, Quantities } from '../analysis/types';
import { HOURS_PER_DAY, MINUTES_PER_HOUR, SECONDS_PER_MINUTE, UNIT } from '../analysis/units';
import { layoutChart, linearTicks, type Chart, type ChartSpec } from './chart-geometry';
import { STAGE_MEMORY_KEYS } from './compare';
import { MAX_GPU_COUNT } from './fields';

/** The GPU-count sweep covers the current count divided and multiplied by this factor. */
const GPU_SWEEP_FACTOR = 16;
/** The interval sweep covers the current checkpoint interval divided and multiplied by this. */
const INTERVAL_SWEEP_FACTOR = 8;
/** Points of the interval sweep, spaced evenly on a log scale. */
const INTERVAL_SWEEP_POINTS = 17;
const MINUTES_PER_DAY = MINUTES_PER_HOUR * HOURS_PER_DAY;
/** Most ticks on the checkpoint-interval axis, the same as `layoutChart` draws on any axis. */
const MAX_DURATION_TICKS = 7;

/**
 * Durations, in minutes, that a checkpoint-interval tick may sit on: round numbers of seconds,
 * minutes, hours and days, so the labels read "30 min" or "2 h" rather than "1.02k min".
 */
const DURATION_TICK_MINUTES: readonly number[] = [
  ...[1, 2, 5, 10, 15, 30].map((seconds) => seconds / SECONDS_PER_MINUTE),
  ...[1, 2, 5, 10, 15, 30],
  ...[1, 2, 3, 4, 6, 8, 12, 16].map((hours) => hours * MINUTES_PER_HOUR),
  ...[1, 2, 3, 7, 14, 30, 60, 90, 180, 365, 730, 1826, 3652].map((days) => days * MINUTES_PER_DAY),
];

const STAGE_LABELS = ['DDP', 'ZeRO-1', 'ZeRO-2', 'ZeRO-3'] as const;

/** One point of a sweep: the swept value and every estimate there. */
interface SweepPoint {
  x: number;
  estimates: Estimates;
}

/**
 * Builds the charts the analysis allows, in display order. A chart whose estimates are missing
 * (no GPU count, no checkpoint interval) is left out.
 */
export function buildCharts(analysis: Analysis): Chart[] {
  const charts: Chart[] = [];
  const gpuSweep = sweepGpuCount(analysis.quantities);

  const memory = memoryChart(analysis, gpuSweep);
  if (memory !== undefined) charts.push(memory);
  const days = gpuCountChart(analysis, gpuSweep, 'days');
  if (days !== undefined) charts.push(days);
  const cost = gpuCountChart(analysis, gpuSweep, 'cost');
  if (cost !== undefined) charts.push(cost);

  const intervalSweep = sweepCheckpointInterval(analysis);
  const lostWork = intervalChart(analysis, intervalSweep, 'lost-work');
  if (lostWork !== undefined) charts.push(lostWork);
  const downtime = intervalChart(analysis, intervalSweep, 'downtime');
  if (downtime !== undefined) charts.push(downtime);
  return charts;
}

/**
 * Returns the GPU counts to sweep: powers of two from the current count / 16 to × 16, plus the
 * current count, none below tensor × pipeline parallel (one data-parallel replica).
 */
export function gpuCountsToSweep(quantities: Quantities): number[] {
  const current = quantities.gpuCount;
  if (current === undefined) return [];
  const modelParallel = (quantities.tensorParallel ?? 1) * (quantities.pipelineParallel ?? 1);
  const low = Math.max(1, modelParallel, current / GPU_SWEEP_FACTOR);
  const high = Math.min(MAX_GPU_COUNT, current * GPU_SWEEP_FACTOR);
  const counts = new Set<number>([current]);
  for (let count = 1; count <= high; count *= 2) {
    if (count >= low) counts.add(count);
  }
  return [...counts].filter((count) => count >= modelParallel).sort((a, b) => a - b);
}

function sweepGpuCount(quantities: Quantities): SweepPoint[] {
  return gpuCountsToSweep(quantities).map((gpuCount) => {
    // The node count and data-parallel degree follow the GPU count, as they do after an edit.
    const swept: Quantities = { ...quantities, gpuCount };
    delete swept.nodes;
    delete swept.dataParallel;
    return { x: gpuCount, estimates: computeEstimates(swept).estimates };
  });
}

function memoryChart(analysis: Analysis, sweep: SweepPoint[]): Chart | undefined {
  if (sweep.length === 0 || analysis.quantities.parameters === undefined) return undefined;
  const gpu = gpuOf(analysis.quantities);
  const series = STAGE_MEMORY_KEYS.map((key, stage) => ({
    id: key,
    label: STAGE_LABELS[stage],
    points: pointsOf(sweep, (estimates) => estimates[key]?.value),
  })).filter((entry) => entry.points.length > 0);
  if (series.length === 0) return undefined;

  return layoutChart({
    id: 'memory-per-gpu',
    title: 'Model states per GPU against GPU count',
    description: `Model-state memory per GPU under plain data parallelism and ZeRO stages 1 to 3 for ${sweepRange(sweep)} GPUs${gpu === undefined ? '' : `, against the ${gpu.id}'s ${formatBytes(gpu.memoryBytes)}`}.`,
    xLabel: 'GPUs',
    yLabel: 'Model states per GPU',
    xScale: 'log',
    yScale: 'log',
    series,
    limits:
      gpu === undefined
        ? []
        : [{ id: 'gpu-memory', label: `${gpu.id} memory`, value: gpu.memoryBytes }],
    marker: currentGpuMarker(analysis),
    formatX: formatGpus,
    formatY: formatBytes,
  });
}

function gpuCountChart(
  analysis: Analysis,
  sweep: SweepPoint[],
  kind: 'days' | 'cost',
): Chart | undefined {
  const key = kind === 'days' ? 'trainingDays' : 'costUsd';
  const points = pointsOf(sweep, (estimates) => estimates[key]?.value);
  if (points.length === 0) return undefined;
  const { timelineDays, budgetUsd } = analysis.quantities;

  const spec: ChartSpec =
    kind === 'days'
      ? {
          id: 'training-days',
          title: 'Training time against GPU count',
          description: `Estimated training days for ${sweepRange(sweep)} GPUs${timelineDays === undefined ? '' : `, against the ${formatDays(timelineDays)} timeline`}.`,
          xLabel: 'GPUs',
          yLabel: 'Training time',
          xScale: 'log',
          yScale: 'auto',
          series: [{ id: key, label: 'Training days', points }],
          limits:
            timelineDays === undefined
              ? []
              : [{ id: 'timeline', label: 'Timeline', value: timelineDays }],
          marker: currentGpuMarker(analysis),
          formatX: formatGpus,
          formatY: formatDays,
          formatValue: formatDaysValue,
        }
      : {
          id: 'cost',
          title: 'Cost against GPU count',
          description: `Estimated GPU cost for ${sweepRange(sweep)} GPUs${budgetUsd === undefined ? '' : `, against the ${formatUsd(budgetUsd)} budget`}. At a fixed MFU the GPU-hours, and so the cost, do not depend on the GPU count.`,
          xLabel: 'GPUs',
          yLabel: 'Cost',
          xScale: 'log',
          yScale: 'auto',
          series: [{ id: key, label: 'Cost', points }],
          limits:
            budgetUsd === undefined ? [] : [{ id: 'budget', label: 'Budget', value: budgetUsd }],
          marker: currentGpuMarker(analysis),
          formatX: formatGpus,
          formatY: formatUsd,
        };
  return layoutChart(spec);
}

/**
 * Sweeps the checkpoint interval from the current one (stated, or the Young optimum) / 8 to × 8,
 * with the current interval included exactly so the marker sits on a point.
 */
function sweepCheckpointInterval(analysis: Analysis): SweepPoint[] {
  const current = currentInterval(analysis);
  if (current === undefined) return [];
  const low = current / INTERVAL_SWEEP_FACTOR;
  const ratio = INTERVAL_SWEEP_FACTOR ** (2 / (INTERVAL_SWEEP_POINTS - 1));
  const intervals = new Set<number>([current]);
  for (let index = 0; index < INTERVAL_SWEEP_POINTS; index += 1)
    intervals.add(low * ratio ** index);

  return [...intervals]
    .sort((a, b) => a - b)
    .map((checkpointIntervalMinutes) => ({
      x: checkpointIntervalMinutes,
      estimates: computeEstimates({ ...analysis.quantities, checkpointIntervalMinutes }).estimates,
    }));
}

function intervalChart(
  analysis: Analysis,
  sweep: SweepPoint[],
  kind: 'lost-work' | 'downtime',
): Chart | undefined {
  const current = currentInterval(analysis);
  if (current === undefined) return undefined;
  const marker = {
    x: current,
    label:
      analysis.quantities.checkpointIntervalMinutes === undefined
        ? `Young optimum, ${formatMinutes(current)}`
        : `Stated, ${formatMinutes(current)}`,
  };

  if (kind === 'lost-work') {
    const points = pointsOf(sweep, (estimates) => estimates.expectedLostWorkMinutes?.value);
    if (points.length === 0) return undefined;
    const maxLost = analysis.quantities.maxLostProgressMinutes;
    return layoutChart({
      id: 'lost-work',
      title: 'Work lost per failure against checkpoint interval',
      description: `Expected work lost per failure, half an interval plus one save, for checkpoint intervals from ${formatMinutes(sweep[0].x)} to ${formatMinutes(sweep[sweep.length - 1].x)}${maxLost === undefined ? '' : `, against the stated maximum of ${formatMinutes(maxLost)}`}.`,
      xLabel: 'Checkpoint interval',
      yLabel: 'Lost per failure',
      xScale: 'log',
      yScale: 'linear',
      series: [{ id: 'expectedLostWorkMinutes', label: 'Lost work per failure', points }],
      limits:
        maxLost === undefined
          ? []
          : [{ id: 'lost-progress', label: 'Stated maximum', value: maxLost }],
      marker,
      xTickValues: durationTicks,
      yTickValues: linearDurationTicks,
      formatX: formatMinuteTick,
      formatY: formatLinearMinuteTick,
      formatValue: formatMinutes,
    });
  }

  const points = pointsOf(sweep, (estimates) => estimates.expectedDowntimeFraction?.value);
  if (points.length === 0) return undefined;
  const uptime = analysis.quantities.uptimeTarget;
  return layoutChart({
    id: 'downtime',
    title: 'Expected downtime against checkpoint interval',
    description: `Share of wall-clock time lost to saving checkpoints, lost work and recovery, for checkpoint intervals from ${formatMinutes(sweep[0].x)} to ${formatMinutes(sweep[sweep.length - 1].x)}${uptime === undefined ? '' : `, against the ${formatPercent(1 - uptime)} that ${formatPercent(uptime)} uptime allows`}.`,
    xLabel: 'Checkpoint interval',
    yLabel: 'Expected downtime',
    xScale: 'log',
    yScale: 'auto',
    series: [{ id: 'expectedDowntimeFraction', label: 'Expected downtime', points }],
    limits:
      uptime === undefined
        ? []
        : [{ id: 'downtime', label: 'Allowed by the uptime target', value: 1 - uptime }],
    marker,
    xTickValues: durationTicks,
    formatX: formatMinuteTick,
    formatY: formatPercent,
  });
}

function currentInterval(analysis: Analysis): number | undefined {
  return (
    analysis.quantities.checkpointIntervalMinutes ??
    analysis.estimates.checkpointIntervalMinutes?.value
  );
}

function currentGpuMarker(analysis: Analysis): { x: number; label: string } | undefined {
  const count = analysis.quantities.gpuCount;
  if (count === undefined) return undefined;
  return { x: count, label: `${formatGpus(count)} ${count === 1 ? 'GPU' : 'GPUs'}` };
}

function pointsOf(
  sweep: SweepPoint[],
  valueOf: (estimates: Estimates) => number | undefined,
): Array<{ x: number; y: number }> {
  return sweep.flatMap((point) => {
    const y = valueOf(point.estimates);
    return y === undefined || !Number.isFinite(y) ? [] : [{ x: point.x, y }];
  });
}

function gpuOf(quantities: Quantities) {
  return quantities.gpuModel === undefined ? undefined : findGpu(quantities.gpuModel);
}

function sweepRange(sweep: SweepPoint[]): string {
  return `${formatGpus(sweep[0].x)} to ${formatGpus(sweep[sweep.length - 1].x)}`;
}

function formatMinutes(minutes: number): string {
  return formatDuration(minutes * SECONDS_PER_MINUTE);
}

/** Formats days for an axis: "1 day", "666 days", "2.97k days". */
function formatDays(days: number): string {
  const text = formatCount(days);
  return `${text} ${text === '1' ? 'day' : 'days'}`;
}

/** Formats days as the analysis panel does: "1 day", "666 days", "1.04 h" under a day. */
function formatDaysValue(days: number): string {
  return formatEstimate({ value: days, unit: UNIT.days, formula: '', assumptions: [], source: '' });
}

/** Formats a GPU count with thousands separators: 1024 → "1,024". */
function formatGpus(count: number): string {
  return Math.round(count).toLocaleString('en-US');
}

/**
 * Formats minutes for a log axis in the largest unit that keeps a round duration whole: "30 s",
 * "15 min", "2 h", "1 day", "14 days".
 */
function formatMinuteTick(minutes: number): string {
  return formatMinutesIn(minutes, minuteUnitOf(minutes));
}

/** Formats minutes for a linear axis in the one unit its maximum reads in: "0, 2 h, 4 h, 6 h". */
function formatLinearMinuteTick(minutes: number, [, max]: readonly [number, number]): string {
  return formatMinutesIn(minutes, linearAxisUnit(max));
}

/**
 * Chooses ticks for a linear axis of minutes at round steps of the unit its maximum reads in, so
 * they read "2 h, 4 h, 6 h" rather than "200 min, 400 min" or "3.33 h, 6.67 h".
 */
function linearDurationTicks(min: number, max: number): number[] {
  const unitMinutes = linearAxisUnit(max);
  return linearTicks(min / unitMinutes, max / unitMinutes).map((value) =>
    Number((value * unitMinutes).toPrecision(12)),
  );
}

/** Returns the unit, in minutes, of a linear duration axis: minutes under 2 h, hours under 2 days, else days. */
function linearAxisUnit(maxMinutes: number): number {
  if (maxMinutes < 2 * MINUTES_PER_HOUR) return 1;
  if (maxMinutes < 2 * MINUTES_PER_DAY) return MINUTES_PER_HOUR;
  return MINUTES_PER_DAY;
}

/** Returns the largest unit, in minutes, in which a duration is at least 1: seconds to days. */
function minuteUnitOf(minutes: number): number {
  if (minutes < 1) return 1 / SECONDS_PER_MINUTE;
  if (minutes < MINUTES_PER_HOUR) return 1;
  if (minutes < MINUTES_PER_DAY) return MINUTES_PER_HOUR;
  return MINUTES_PER_DAY;
}

/** Formats minutes in a unit given in minutes: seconds, minutes, hours or days. */
function formatMinutesIn(minutes: number, unitMinutes: number): string {
  const value = formatCount(minutes / unitMinutes);
  if (unitMinutes < 1) return `${value} s`;
  if (unitMinutes === 1) return `${value} min`;
  if (unitMinutes === MINUTES_PER_HOUR) return `${value} h`;
  return `${value} ${value === '1' ? 'day' : 'days'}`;
}

/**
 * Chooses checkpoint-interval ticks among `DURATION_TICK_MINUTES`: from the first one in range,
 * each next tick is the first at least (max / min)^(1/6) times the last, so at most seven ticks
 * spread evenly on the log axis. Falls back to powers of two when fewer than two round durations
 * lie in range.
 */
function durationTicks(min: number, max: number): number[] {
  const inRange = DURATION_TICK_MINUTES.filter((minutes) => minutes >= min && minutes <= max);
  const step = (max / min) ** (1 / (MAX_DURATION_TICKS - 1));
  const ticks: number[] = [];
  for (const minutes of inRange) {
    if (ticks.length === 0 || minutes >= ticks[ticks.length - 1] * step * (1 - 1e-9)) {
      ticks.push(minutes);
    }
  }
  if (ticks.length >= 2) return ticks;

  const powers: number[] = [];
  for (let power = Math.ceil(Math.log2(min)); 2 ** power <= max; power += 1)
    powers.push(2 ** power);
  return powers;
}
