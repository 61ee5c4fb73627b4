import { describe, expect, it } from 'vitest';

import { decodeAudio, decodeMp3 } from '@/lib/podcast/audio/decode';
import { EpisodeWriter } from '@/lib/podcast/audio/episode-writer';
import { crc16 } from '@/lib/podcast/audio/lame-tag';
import {
  MP3_BITRATE_KBPS,
  MP3_SAMPLE_RATE,
  Mp3StreamEncoder,
} from '@/lib/podcast/audio/mp3-encoder';
import { readFrameHeader, readFrames } from '@/lib/podcast/audio/mp3-frames';
import { resample, toInt16 } from '@/lib/podcast/audio/resample';
import { decodeWav, encodeWav, wrapPcm16 } from '@/lib/podcast/audio/wav';

function sine(
  frequencyHz: number,
  sampleRate: number,
  length: number,
  amplitude = 0.5,
): Float32Array {
  const samples = new Float32Array(length);
  for (let index = 0; index < length; index += 1) {
    samples[index] = amplitude * Math.sin((2 * Math.PI * frequencyHz * index) / sampleRate);
  }
  return samples;
}

function rms(samples: Float32Array, from = 0, to = samples.length): number {
  let sum = 0;
  for (let index = from; index < to; index += 1) sum += samples[index] ** 2;
  return Math.sqrt(sum / (to - from));
}

/** Normalised correlation of two equal-length signals: 1 for identical shapes. */
function correlation(a: Float32Array, b: Float32Array, from: number, to: number): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let index = from; index < to; index += 1) {
    ab += a[index] * b[index];
    aa += a[index] ** 2;
    bb += b[index] ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('WAV', () => {
  it('round-trips 16-bit mono samples', () => {
    const samples = new Int16Array([0, 1000, -1000, 32767, -32768]);
    const decoded = decodeWav(encodeWav(samples, 22_050));
    expect(decoded.sampleRate).toBe(22_050);
    expect(Array.from(decoded.samples, (value) => Math.round(value * 32768))).toEqual([
      0, 1000, -1000, 32767, -32768,
    ]);
  });

  it('reads a data chunk whose declared size runs past the end', () => {
    // espeak-ng --stdout writes 0x7ffff000 as the data size because it streams.
    const wav = encodeWav(new Int16Array([100, 200, 300]), 22_050);
    wav.writeUInt32LE(0x7ffff000, 40);
    wav.writeUInt32LE(0x7ffff024, 4);
    expect(decodeWav(wav).samples).toHaveLength(3);
  });

  it('averages stereo 32-bit float to mono', () => {
    const header = encodeWav(new Int16Array(0), 48_000);
    header.writeUInt16LE(3, 20); // IEEE float
    header.writeUInt16LE(2, 22); // two channels
    header.writeUInt16LE(8, 32); // block align
    header.writeUInt16LE(32, 34); // bits per sample
    const data = Buffer.alloc(16);
    data.writeFloatLE(0.5, 0);
    data.writeFloatLE(-0.25, 4);
    data.writeFloatLE(1, 8);
    data.writeFloatLE(0, 12);
    header.writeUInt32LE(16, 40);
    const decoded = decodeWav(Buffer.concat([header, data]));
    expect(Array.from(decoded.samples)).toEqual([0.125, 0.5]);
  });

  it('wraps raw PCM in a header', () => {
    const pcm = Buffer.alloc(4);
    pcm.writeInt16LE(-2, 0);
    pcm.writeInt16LE(3, 2);
    const decoded = decodeWav(wrapPcm16(pcm, 24_000));
    expect(decoded.sampleRate).toBe(24_000);
    expect(Array.from(decoded.samples, (value) => value * 32768)).toEqual([-2, 3]);
  });

  it('rejects bytes that are not audio', async () => {
    await expect(decodeAudio(Buffer.from('{"error":"quota"}'))).rejects.toThrow(
      'unrecognised audio format (first bytes 7b226572): expected WAV or MP3',
    );
  });
});

describe('resample', () => {
  it('keeps the length ratio', () => {
    expect(resample(new Float32Array(22_050), 22_050, 16_000)).toHaveLength(16_000);
    expect(resample(new Float32Array(16_000), 16_000, 24_000)).toHaveLength(24_000);
  });

  it('keeps a tone below the new Nyquist frequency', () => {
    const output = resample(sine(440, 22_050, 22_050), 22_050, 16_000);
    // Skip the filter's edges; a 440 Hz sine of amplitude 0.5 has an RMS of 0.5/√2.
    expect(rms(output, 100, 15_900)).toBeCloseTo(0.5 / Math.SQRT2, 2);
  });

  it('removes a tone above the new Nyquist frequency instead of aliasing it', () => {
    const output = resample(sine(9_500, 24_000, 24_000), 24_000, 16_000);
    // 9.5 kHz would alias to 6.5 kHz at 16 kHz; the low-pass keeps less than 5% of it.
    expect(rms(output, 100, 15_900)).toBeLessThan(0.05 * (0.5 / Math.SQRT2));
  });

  it('clips out-of-range samples when converting to 16 bits', () => {
    expect(Array.from(toInt16(new Float32Array([2, -2, 0.5])))).toEqual([32767, -32767, 16384]);
  });
});

describe('Mp3StreamEncoder', () => {
  const seconds = 3;
  const input = sine(300, MP3_SAMPLE_RATE, MP3_SAMPLE_RATE * seconds + 17);
  const encoder = new Mp3StreamEncoder();
  encoder.write(toInt16(input.subarray(0, 5_000)));
  encoder.write(toInt16(input.subarray(5_000)));
  const mp3 = encoder.finish();

  it('decodes to exactly the samples written, in gapless mode', async () => {
    const decoded = await decodeMp3(mp3);
    expect(decoded.sampleRate).toBe(MP3_SAMPLE_RATE);
    expect(decoded.samples).toHaveLength(input.length);
  });

  it('keeps the waveform aligned with the input', async () => {
    const decoded = await decodeMp3(mp3);
    // A lossy codec changes samples slightly; alignment shows as a correlation near 1.
    expect(correlation(input, decoded.samples, 1_000, input.length - 1_000)).toBeGreaterThan(0.95);
  });

  it('writes a constant-bitrate stream at the configured rate', () => {
    const frames = readFrames(mp3);
    expect(new Set(frames.map((frame) => frame.bitrateKbps))).toEqual(new Set([MP3_BITRATE_KBPS]));
    expect(
      frames.every((frame) => frame.sampleRate === MP3_SAMPLE_RATE && frame.channels === 1),
    ).toBe(true);
    // 24 kbit/s is 3,000 bytes per second; the Info frame and the last frame add a little.
    expect(mp3.length).toBeLessThan((seconds + 1) * 3_000);
  });

  it('starts with a LAME Info tag holding frames, delay and padding', () => {
    const first = readFrameHeader(mp3, 0);
    expect(first).toBeDefined();
    const infoOffset = 4 + (first?.sideInfoBytes ?? 0);
    expect(mp3.toString('latin1', infoOffset, infoOffset + 4)).toBe('Info');
    const audioFrames = readFrames(mp3).length - 1;
    expect(mp3.readUInt32BE(infoOffset + 8)).toBe(audioFrames);
    expect(mp3.readUInt32BE(infoOffset + 12)).toBe(mp3.length);

    const lame = infoOffset + 20;
    expect(mp3.toString('latin1', lame, lame + 9)).toBe('LAME3.98r');
    const delay = (mp3[lame + 21] << 4) | (mp3[lame + 22] >> 4);
    const padding = ((mp3[lame + 22] & 0x0f) << 8) | mp3[lame + 23];
    expect(delay).toBe(576);
    expect(audioFrames * 576 - delay - padding).toBe(input.length);
    expect(mp3.readUInt16BE(lame + 34)).toBe(crc16(mp3, 0, lame + 34));
  });

  it('refuses writes after finishing', () => {
    expect(() => encoder.write(new Int16Array(1))).toThrow('already finished');
  });
});

describe('crc16', () => {
  it('matches the CRC-16/ARC check value', () => {
    // The catalogue check value of CRC-16/ARC over the ASCII digits 1 to 9 is 0xBB3D.
    expect(crc16(Buffer.from('123456789'), 0, 9)).toBe(0xbb3d);
  });
});

describe('EpisodeWriter', () => {
  it('counts speech and silence in samples', () => {
    const writer = new EpisodeWriter('wav');
    writer.appendSpeech(new Int16Array(1_000));
    expect(writer.appendSilence(350)).toBe(8_400);
    expect(writer.samplesWritten).toBe(9_400);
    const decoded = decodeWav(writer.finish());
    expect(decoded.sampleRate).toBe(24_000);
    expect(decoded.samples).toHaveLength(9_400);
  });
});
