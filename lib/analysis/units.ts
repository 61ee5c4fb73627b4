/**
 * Unit constants and the `unit` strings that estimates carry. GB and TB are decimal (1e9, 1e12),
 * as in GPU and storage datasheets. GiB is 2^30 and is named as such where it appears.
 */

export const BYTES_PER_GB = 1e9;
export const BYTES_PER_TB = 1e12;
export const BYTES_PER_GIB = 2 ** 30;
export const BITS_PER_BYTE = 8;

export const SECONDS_PER_MINUTE = 60;
export const SECONDS_PER_HOUR = 3600;
export const HOURS_PER_DAY = 24;
export const SECONDS_PER_DAY = 86_400;
export const MINUTES_PER_HOUR = 60;

/** `unit` values used by `Estimate`, so formatting can dispatch on them. */
export const UNIT = {
  bytes: 'bytes',
  flops: 'FLOPs',
  seconds: 'seconds',
  minutes: 'minutes',
  hours: 'hours',
  days: 'days',
  gpuHours: 'GPU-hours',
  usd: 'USD',
  fraction: 'fraction',
  count: 'count',
  tokens: 'tokens',
  layout: 'layout',
} as const;

/** Converts gigabits per second to bytes per second. */
export function gbpsToBytesPerSecond(gbps: number): number {
  return (gbps * 1e9) / BITS_PER_BYTE;
}

/** Converts gibibytes (2^30 bytes) to bytes. */
export function gibToBytes(gib: number): number {
  return gib * BYTES_PER_GIB;
}
