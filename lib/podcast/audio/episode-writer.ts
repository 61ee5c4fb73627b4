/**
 * Collects an episode's lines in order, with the silence after each, into one audio stream,
 * and records where each line starts, measured in samples.
 */

import type { AudioFormat } from '../types';
import { MP3_SAMPLE_RATE, Mp3StreamEncoder } from './mp3-encoder';
import { encodeWav } from './wav';

/** Episode sample rate for WAV output, in Hz: the rate Azure and ElevenLabs deliver. */
export const WAV_SAMPLE_RATE = 24_000;

export const MIME_TYPES: Readonly<Record<AudioFormat, string>> = {
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
};

/** Returns the sample rate an episode in `format` is assembled at, in Hz. */
export function episodeSampleRate(format: AudioFormat): number {
  return format === 'mp3' ? MP3_SAMPLE_RATE : WAV_SAMPLE_RATE;
}

/** Appends speech and silence to one stream, MP3 or WAV, and returns the finished file. */
export class EpisodeWriter {
  readonly sampleRate: number;
  private readonly mp3?: Mp3StreamEncoder;
  private readonly pcmChunks: Int16Array[] = [];
  private sampleCount = 0;

  constructor(readonly format: AudioFormat) {
    this.sampleRate = episodeSampleRate(format);
    if (format === 'mp3') this.mp3 = new Mp3StreamEncoder(this.sampleRate);
  }

  /** Samples written so far; the next sample's index. */
  get samplesWritten(): number {
    return this.sampleCount;
  }

  /** Appends speech samples at the episode's sample rate. */
  appendSpeech(samples: Int16Array): void {
    this.write(samples);
  }

  /** Appends `ms` of silence, rounded to whole samples; returns the samples added. */
  appendSilence(ms: number): number {
    const length = Math.round((ms * this.sampleRate) / 1000);
    if (length > 0) this.write(new Int16Array(length));
    return length;
  }

  /** Finishes the stream and returns the file bytes. */
  finish(): Buffer {
    if (this.mp3) return this.mp3.finish();
    const all = new Int16Array(this.sampleCount);
    let offset = 0;
    for (const chunk of this.pcmChunks) {
      all.set(chunk, offset);
      offset += chunk.length;
    }
    return encodeWav(all, this.sampleRate);
  }

  private write(samples: Int16Array): void {
    if (this.mp3) this.mp3.write(samples);
    else this.pcmChunks.push(samples);
    this.sampleCount += samples.length;
  }
}
