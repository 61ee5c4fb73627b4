/**
 * One continuous MP3 stream for a whole episode, encoded with lamejs (a pure-JavaScript port of
 * LAME 3.98), with a LAME Info tag in front so decoders drop the encoder delay and padding.
 */

import { Mp3Encoder } from '@breezystack/lamejs';

import { buildLameInfoFrame } from './lame-tag';
import { readFrameHeader, readFrames } from './mp3-frames';

/** Constant bitrate of the episode, in kbit/s: 24 kbps mono is about 0.9 MB per 5 minutes. */
export const MP3_BITRATE_KBPS = 24;
/**
 * Episode sample rate for MP3, in Hz. LAME resamples 24 kbps mono to 16 kHz by itself; handing
 * it 16 kHz spares that second conversion.
 */
export const MP3_SAMPLE_RATE = 16_000;
/** Samples LAME puts before the input (ENCDELAY in LAME's encoder.h). */
const LAME_ENCODER_DELAY_SAMPLES = 576;
/** Samples handed to lamejs per call; larger calls amortise its per-call buffer checks. */
const ENCODE_CHUNK_SAMPLES = 1152 * 16;

/** Streams 16-bit mono PCM into one MP3 and finishes it with a LAME Info tag. */
export class Mp3StreamEncoder {
  private readonly encoder: Mp3Encoder;
  private readonly chunks: Uint8Array[] = [];
  private inputSamples = 0;
  private finished = false;

  constructor(
    readonly sampleRate: number = MP3_SAMPLE_RATE,
    readonly bitrateKbps: number = MP3_BITRATE_KBPS,
  ) {
    this.encoder = new Mp3Encoder(1, sampleRate, bitrateKbps);
  }

  /** Number of samples encoded so far. */
  get samplesWritten(): number {
    return this.inputSamples;
  }

  /** Encodes the next samples of the episode. */
  write(samples: Int16Array): void {
    if (this.finished) throw new Error('the MP3 stream is already finished');
    for (let start = 0; start < samples.length; start += ENCODE_CHUNK_SAMPLES) {
      const chunk = samples.subarray(start, Math.min(samples.length, start + ENCODE_CHUNK_SAMPLES));
      this.keep(this.encoder.encodeBuffer(chunk));
    }
    this.inputSamples += samples.length;
  }

  /** Flushes the encoder and returns the whole stream with its Info frame first. */
  finish(): Buffer {
    if (this.finished) throw new Error('the MP3 stream is already finished');
    this.finished = true;
    this.keep(this.encoder.flush());

    const audio = Buffer.concat(this.chunks);
    const frames = readFrames(audio);
    const firstFrame = readFrameHeader(audio, 0);
    if (!firstFrame) return audio;

    const infoFrame = buildLameInfoFrame({
      firstFrame,
      firstFrameHeaderBytes: audio.subarray(0, 4),
      audioFrameCount: frames.length,
      audioBytes: audio,
      encoderDelaySamples: LAME_ENCODER_DELAY_SAMPLES,
      inputSamples: this.inputSamples,
    });
    return Buffer.concat([infoFrame, audio]);
  }

  private keep(encoded: Int8Array | Uint8Array): void {
    if (encoded.length > 0) {
      this.chunks.push(new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.length));
    }
  }
}
