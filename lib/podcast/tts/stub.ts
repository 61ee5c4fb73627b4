/**
 * A stand-in speech provider that needs nothing installed: for each line it returns audio of
 * the time a person would take to say it, a quiet hum in syllable-length bursts, a lower pitch
 * for the expert. Podcasts, chapters and the player all work with it, but it carries no speech.
 */

import { encodeWav } from '../audio/wav';
import type { Speaker } from '../types';
import type { TTSOptions, TTSProvider } from './provider';

/** Speaking rate the stub assumes, in words per minute. */
export const STUB_WORDS_PER_MINUTE = 165;
/** Sample rate of the stub's audio, in Hz. */
export const STUB_SAMPLE_RATE = 16_000;
/** Shortest line the stub returns, in ms, so a one-word line is still audible. */
const MIN_LINE_MS = 400;
/**
 * Hum pitch per speaker, in Hz. Each is a whole number of cycles per burst (55 and 35 per
 * 250 ms), so one precomputed burst tiles without a click.
 */
const PITCH_HZ: Readonly<Record<Speaker, number>> = { host: 220, expert: 140 };
/** Peak amplitude as a fraction of full scale: audible, never loud. */
const AMPLITUDE = 0.08;
/** Length of one hum burst, in samples: about four syllables per second. */
const BURST_SAMPLES = STUB_SAMPLE_RATE / 4;

const bursts = new Map<Speaker, Int16Array>();

/** Speech provider that returns a hum of the estimated speaking length. */
export class StubProvider implements TTSProvider {
  async generate(text: string, options: TTSOptions = {}): Promise<Buffer> {
    const samples = new Int16Array(
      Math.round((estimateSpeakingMs(text) * STUB_SAMPLE_RATE) / 1000),
    );
    const burst = burstFor(options.speaker ?? 'host');
    for (let start = 0; start < samples.length; start += BURST_SAMPLES) {
      samples.set(burst.subarray(0, Math.min(BURST_SAMPLES, samples.length - start)), start);
    }
    return encodeWav(samples, STUB_SAMPLE_RATE);
  }
}

/** Returns the time a person takes to say `text`, in ms, at `STUB_WORDS_PER_MINUTE`. */
export function estimateSpeakingMs(text: string): number {
  const words = text.split(/\s+/).filter((word) => word !== '').length;
  return Math.max(MIN_LINE_MS, Math.round((words * 60_000) / STUB_WORDS_PER_MINUTE));
}

/** Builds one "syllable": a tone under a raised-cosine envelope that leaves a gap at each end. */
function burstFor(speaker: Speaker): Int16Array {
  const cached = bursts.get(speaker);
  if (cached) return cached;
  const burst = new Int16Array(BURST_SAMPLES);
  for (let index = 0; index < BURST_SAMPLES; index += 1) {
    const envelope = 0.5 - 0.5 * Math.cos((2 * Math.PI * index) / BURST_SAMPLES);
    const tone = Math.sin((2 * Math.PI * PITCH_HZ[speaker] * index) / STUB_SAMPLE_RATE);
    burst[index] = Math.round(AMPLITUDE * envelope * tone * 32767);
  }
  bursts.set(speaker, burst);
  return burst;
}
