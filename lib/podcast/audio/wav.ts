/**
 * WAV (RIFF) reading and writing. Reads integer PCM of 8, 16, 24 or 32 bits and 32-bit float,
 * plain or WAVE_FORMAT_EXTENSIBLE; writes 16-bit PCM mono.
 */

import { AudioFormatError, type DecodedAudio } from './types';

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
const WAV_HEADER_BYTES = 44;

/** Returns whether `buffer` starts like a WAV file. */
export function isWav(buffer: Buffer): boolean {
  return (
    buffer.length >= 12 &&
    buffer.toString('latin1', 0, 4) === 'RIFF' &&
    buffer.toString('latin1', 8, 12) === 'WAVE'
  );
}

/**
 * Decodes a WAV file to mono float samples in [-1, 1], averaging the channels. A `data` chunk
 * whose declared size runs past the end of the buffer is read to the end, because streaming
 * writers such as `espeak-ng --stdout` cannot know the size when they write the header.
 * @throws AudioFormatError for a malformed file or an unsupported sample format.
 */
export function decodeWav(buffer: Buffer): DecodedAudio {
  if (!isWav(buffer)) throw new AudioFormatError('invalid WAV: missing RIFF/WAVE header');

  let format:
    { tag: number; channels: number; sampleRate: number; bitsPerSample: number } | undefined;
  let offset = 12;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString('latin1', offset, offset + 4);
    const declaredSize = buffer.readUInt32LE(offset + 4);
    const bodyStart = offset + 8;
    if (id === 'fmt ') {
      if (declaredSize < 16 || bodyStart + 16 > buffer.length) {
        throw new AudioFormatError(`invalid WAV: fmt chunk of ${declaredSize} bytes`);
      }
      let tag = buffer.readUInt16LE(bodyStart);
      if (tag === WAVE_FORMAT_EXTENSIBLE && declaredSize >= 40) {
        // The sub-format GUID starts with the plain format tag.
        tag = buffer.readUInt16LE(bodyStart + 24);
      }
      format = {
        tag,
        channels: buffer.readUInt16LE(bodyStart + 2),
        sampleRate: buffer.readUInt32LE(bodyStart + 4),
        bitsPerSample: buffer.readUInt16LE(bodyStart + 14),
      };
    } else if (id === 'data') {
      if (!format) throw new AudioFormatError('invalid WAV: data chunk before fmt chunk');
      const end = Math.min(buffer.length, bodyStart + declaredSize);
      return {
        sampleRate: format.sampleRate,
        samples: readSamples(buffer.subarray(bodyStart, end), format),
      };
    }
    offset = bodyStart + declaredSize + (declaredSize % 2);
  }
  throw new AudioFormatError('invalid WAV: no data chunk');
}

/** Encodes 16-bit mono PCM samples as a WAV file. */
export function encodeWav(samples: Int16Array, sampleRate: number): Buffer {
  const dataBytes = samples.length * 2;
  const buffer = Buffer.alloc(WAV_HEADER_BYTES + dataBytes);
  buffer.write('RIFF', 0, 'latin1');
  buffer.writeUInt32LE(36 + dataBytes, 4);
  buffer.write('WAVE', 8, 'latin1');
  buffer.write('fmt ', 12, 'latin1');
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(WAVE_FORMAT_PCM, 20);
  buffer.writeUInt16LE(1, 22);
  buffer.writeUInt32LE(sampleRate, 24);
  buffer.writeUInt32LE(sampleRate * 2, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write('data', 36, 'latin1');
  buffer.writeUInt32LE(dataBytes, 40);
  Buffer.from(samples.buffer, samples.byteOffset, dataBytes).copy(buffer, WAV_HEADER_BYTES);
  return buffer;
}

/** Wraps raw 16-bit little-endian mono PCM, as some speech APIs return it, in a WAV header. */
export function wrapPcm16(pcm: Buffer, sampleRate: number): Buffer {
  const samples = new Int16Array(Math.floor(pcm.length / 2));
  for (let index = 0; index < samples.length; index += 1)
    samples[index] = pcm.readInt16LE(index * 2);
  return encodeWav(samples, sampleRate);
}

function readSamples(
  data: Buffer,
  format: { tag: number; channels: number; bitsPerSample: number },
): Float32Array {
  const { tag, channels, bitsPerSample } = format;
  const bytesPerSample = bitsPerSample / 8;
  const supported =
    (tag === WAVE_FORMAT_PCM && [8, 16, 24, 32].includes(bitsPerSample)) ||
    (tag === WAVE_FORMAT_IEEE_FLOAT && bitsPerSample === 32);
  if (!supported || channels < 1) {
    throw new AudioFormatError(
      `unsupported WAV format: tag ${tag}, ${bitsPerSample} bits, ${channels} channels; expected integer PCM or 32-bit float`,
    );
  }

  const frameBytes = bytesPerSample * channels;
  const frames = Math.floor(data.length / frameBytes);
  const samples = new Float32Array(frames);
  for (let frame = 0; frame < frames; frame += 1) {
    let sum = 0;
    for (let channel = 0; channel < channels; channel += 1) {
      sum += readSample(data, frame * frameBytes + channel * bytesPerSample, tag, bitsPerSample);
    }
    samples[frame] = sum / channels;
  }
  return samples;
}

function readSample(data: Buffer, offset: number, tag: number, bitsPerSample: number): number {
  if (tag === WAVE_FORMAT_IEEE_FLOAT) return data.readFloatLE(offset);
  switch (bitsPerSample) {
    case 8:
      return (data[offset] - 128) / 128;
    case 16:
      return data.readInt16LE(offset) / 32768;
    case 24:
      return data.readIntLE(offset, 3) / 8388608;
    default:
      return data.readInt32LE(offset) / 2147483648;
  }
}
