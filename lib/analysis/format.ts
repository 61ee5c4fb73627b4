/**
 * Stable, readable renderings of estimates for lessons, roles and the podcast: decimal bytes,
 * FLOPs in scientific notation, durations in the largest sensible unit and US dollars.
 */

import type { Estimate, ParallelismLayout } from './types';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR, SECONDS_PER_MINUTE, UNIT } from './units';

const BYTE_UNITS: ReadonlyArray<[number, string]> = [
  [1e18, 'EB'],
  [1e15, 'PB'],
  [1e12, 'TB'],
  [1e9, 'GB'],
  [1e6, 'MB'],
  [1e3, 'kB'],
];

const USD_UNITS: ReadonlyArray<[number, string]> = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * Formats a byte count in decimal units with three significant digits: 2.8e12 → "2.80 TB",
 * 1.09e10 → "10.9 GB", 512 → "512 B".
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${bytes} B`;
  if (Math.abs(bytes) < 1000) return `${Math.round(bytes)} B`;
  return formatScaled(bytes, BYTE_UNITS, ' ', 'B');
}

/** Formats a FLOP count in scientific notation: 3.15e23 → "3.15e23 FLOPs". */
export function formatFlops(flops: number): string {
  return `${formatScientific(flops)} FLOPs`;
}

/**
 * Formats a duration given in seconds in the largest readable unit: "850 ms", "45.0 s",
 * "6.5 min", "12.3 h", "33.9 days", "2.10 years".
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return `${seconds} s`;
  const magnitude = Math.abs(seconds);

  if (magnitude < 1) return `${roundTo(seconds * 1000, 3)} ms`;
  if (magnitude < 90) return `${seconds.toFixed(1)} s`;
  if (magnitude < 90 * SECONDS_PER_MINUTE)
    return `${(seconds / SECONDS_PER_MINUTE).toFixed(1)} min`;
  if (magnitude < 48 * SECONDS_PER_HOUR) return `${(seconds / SECONDS_PER_HOUR).toFixed(1)} h`;
  if (magnitude < 730 * SECONDS_PER_DAY) return `${(seconds / SECONDS_PER_DAY).toFixed(1)} days`;
  return `${(seconds / (365 * SECONDS_PER_DAY)).toFixed(2)} years`;
}

/**
 * Formats US dollars with three significant digits and a k/M/B suffix: 1_234_567 → "$1.23M",
 * 500_000 → "$500k", 2.5 → "$2.50".
 */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return `$${usd}`;
  const sign = usd < 0 ? '-' : '';
  const magnitude = Math.abs(usd);
  const digits = magnitude < 100 ? 2 : 0;
  if (Number(magnitude.toFixed(digits)) < 1000) return `${sign}$${magnitude.toFixed(digits)}`;
  return `${sign}$${formatScaled(magnitude, USD_UNITS, '', '')}`;
}

/** Formats a fraction as a percentage: 0.999 → "99.9%", 0.0042 → "0.42%". */
export function formatPercent(fraction: number): string {
  return `${roundTo(fraction * 100, 3)}%`;
}

/** Formats a parallelism layout: "TP 8 × PP 4 × DP 32, ZeRO-1". */
export function formatLayout(layout: ParallelismLayout): string {
  const stage = layout.zeroStage === 0 ? 'no ZeRO' : `ZeRO-${layout.zeroStage}`;
  return `TP ${layout.tp} × PP ${layout.pp} × DP ${layout.dp}, ${stage}`;
}

/** Formats an estimate's value with the helper for its unit, falling back to three significant digits. */
export function formatEstimate(estimate: Estimate<unknown>): string {
  const { value, unit } = estimate;
  if (unit === UNIT.layout) return formatLayout(value as ParallelismLayout);
  if (typeof value !== 'number') return String(value);

  switch (unit) {
    case UNIT.bytes:
      return formatBytes(value);
    case UNIT.flops:
      return formatFlops(value);
    case UNIT.seconds:
      return formatDuration(value);
    case UNIT.minutes:
      return formatDuration(value * SECONDS_PER_MINUTE);
    case UNIT.hours:
      return formatDuration(value * SECONDS_PER_HOUR);
    case UNIT.days:
      return formatDaysText(value);
    case UNIT.usd:
      return formatUsd(value);
    case UNIT.fraction:
      return formatPercent(value);
    case UNIT.gpuHours:
      return `${formatCount(value)} GPU-hours`;
    case UNIT.tokens:
      return `${formatCount(value)} tokens`;
    case UNIT.count:
      return formatCount(value);
    default:
      return `${roundTo(value, 3)} ${unit}`;
  }
}

/**
 * Formats a duration given in days. Under a day it reads in hours or minutes ("1.04 h"), and
 * from 10,000 days in years with a suffix ("119M years"), since neither "0.0435 days" nor
 * "43500000000 days" is easy to read.
 */
function formatDaysText(days: number): string {
  if (!Number.isFinite(days) || days === 0) return `${days} days`;
  if (Math.abs(days) < 1) return formatDuration(days * SECONDS_PER_DAY);
  const rounded = roundTo(days, 3);
  if (Math.abs(rounded) >= 10_000) return `${formatCount(days / 365.25)} years`;
  return rounded === 1 ? '1 day' : `${rounded} days`;
}

/** Formats a large count with a k/M/B/T suffix: 1.4e12 → "1.40T", 254_000 → "254k", 12 → "12". */
export function formatCount(count: number): string {
  if (!Number.isFinite(count)) return String(count);
  if (Math.abs(count) < 1000) return String(roundTo(count, 3));
  return formatScaled(count, USD_UNITS, '', '');
}

/** Formats a number as mantissa and exponent with three significant digits: "3.15e23". */
export function formatScientific(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const [mantissa, exponent] = value.toExponential(2).split('e');
  return `${mantissa}e${Number(exponent)}`;
}

/** Rounds to `digits` significant digits and returns a plain number. */
function roundTo(value: number, digits: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(digits));
}

/**
 * Scales `value` into the first unit it reaches and prints three significant digits, moving up a
 * unit when rounding reaches 1000 (999.96 GB prints as "1.00 TB", not "1000 GB").
 */
function formatScaled(
  value: number,
  units: ReadonlyArray<[number, string]>,
  separator: string,
  baseUnit: string,
): string {
  const magnitude = Math.abs(Number(value.toPrecision(3)));
  for (let i = 0; i < units.length; i += 1) {
    const [scale, suffix] = units[i];
    if (magnitude < scale) continue;
    const digits = threeSignificant(value / scale);
    const biggerUnit = units[i - 1];
    if (Math.abs(Number(digits)) >= 1000 && biggerUnit !== undefined) {
      return `${threeSignificant(value / biggerUnit[0])}${separator}${biggerUnit[1]}`;
    }
    return `${digits}${separator}${suffix}`;
  }
  return `${threeSignificant(value)}${separator}${baseUnit}`.trimEnd();
}

/** Prints three significant digits without exponent notation: 2.8 → "2.80", 10.94 → "10.9", 512 → "512". */
function threeSignificant(value: number): string {
  const rounded = Number(value.toPrecision(3));
  const magnitude = Math.abs(rounded);
  if (magnitude >= 100) return rounded.toFixed(0);
  if (magnitude >= 10) return rounded.toFixed(1);
  return rounded.toFixed(2);
}
