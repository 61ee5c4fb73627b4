/**
 * Sample-rate conversion with a Blackman-windowed sinc low-pass filter, so speech synthesised at
 * 22.05 or 24 kHz can join an episode at another rate without aliasing.
 */

/** Input samples on each side of an output sample that the filter reads. */
const HALF_TAPS = 16;
/** Fractional positions between two input samples with a precomputed kernel. */
const PHASES = 256;
/**
 * Cut-off as a fraction of the lower Nyquist frequency; the margin leaves room for the
 * transition band of a 32-tap filter.
 */
const CUTOFF_FRACTION = 0.9;

const kernelCache = new Map<string, Float32Array>();

/**
 * Converts mono samples from `fromRate` to `toRate` (both in Hz). Output length is
 * `round(samples.length * toRate / fromRate)`; the same rate returns the input unchanged.
 */
export function resample(samples: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return samples;
  if (!(fromRate > 0 && toRate > 0)) {
    throw new RangeError(
      `invalid sample rates ${fromRate} Hz to ${toRate} Hz: expected positive numbers`,
    );
  }

  const ratio = fromRate / toRate;
  const cutoff = CUTOFF_FRACTION * Math.min(1, toRate / fromRate);
  const kernel = kernelFor(cutoff);
  const taps = 2 * HALF_TAPS;
  const outputLength = Math.round(samples.length / ratio);
  const output = new Float32Array(outputLength);

  for (let index = 0; index < outputLength; index += 1) {
    const position = index * ratio;
    const base = Math.floor(position);
    const phase = Math.min(PHASES - 1, Math.round((position - base) * PHASES));
    const row = phase * taps;
    let sum = 0;
    // Tap t reads input sample base - HALF_TAPS + 1 + t; only the edges need bounds checks.
    const first = base - HALF_TAPS + 1;
    if (first >= 0 && first + taps <= samples.length) {
      for (let tap = 0; tap < taps; tap += 1) sum += samples[first + tap] * kernel[row + tap];
    } else {
      for (let tap = 0; tap < taps; tap += 1) {
        const inputIndex = first + tap;
        if (inputIndex >= 0 && inputIndex < samples.length)
          sum += samples[inputIndex] * kernel[row + tap];
      }
    }
    output[index] = sum;
  }
  return output;
}

/** Converts float samples in [-1, 1] to 16-bit PCM, clipping values outside the range. */
export function toInt16(samples: Float32Array): Int16Array {
  const output = new Int16Array(samples.length);
  for (let index = 0; index < samples.length; index += 1) {
    const clipped = Math.max(-1, Math.min(1, samples[index]));
    output[index] = Math.round(clipped * 32767);
  }
  return output;
}

/**
 * Returns the kernel table: row `phase` contains the weights of the 2·HALF_TAPS input samples
 * around an output that falls `phase / PHASES` of the way past an input sample. Each row is
 * normalised to sum to 1 so a constant signal keeps its level.
 */
function kernelFor(cutoff: number): Float32Array {
  const key = cutoff.toFixed(6);
  const cached = kernelCache.get(key);
  if (cached) return cached;

  const taps = 2 * HALF_TAPS;
  const kernel = new Float32Array(PHASES * taps);
  for (let phase = 0; phase < PHASES; phase += 1) {
    const fraction = phase / PHASES;
    let sum = 0;
    for (let tap = 0; tap < taps; tap += 1) {
      const distance = tap - HALF_TAPS + 1 - fraction;
      const weight = sinc(cutoff * distance) * blackman(distance / HALF_TAPS);
      kernel[phase * taps + tap] = weight;
      sum += weight;
    }
    for (let tap = 0; tap < taps; tap += 1) kernel[phase * taps + tap] /= sum;
  }
  kernelCache.set(key, kernel);
  return kernel;
}

function sinc(x: number): number {
  if (x === 0) return 1;
  return Math.sin(Math.PI * x) / (Math.PI * x);
}

/** Blackman window over x in [-1, 1], zero outside. */
function blackman(x: number): number {
  if (x <= -1 || x >= 1) return 0;
  const angle = Math.PI * (x + 1);
  return 0.42 - 0.5 * Math.cos(angle) + 0.08 * Math.cos(2 * angle);
}
