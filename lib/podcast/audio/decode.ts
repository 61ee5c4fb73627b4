/**
 * Decodes what a speech provider returns, WAV or MP3, to mono float samples. MP3 goes through
 * mpg123 compiled to WebAssembly (`mpg123-decoder`), in gapless mode, so a LAME tag's encoder
 * delay and padding are dropped.
 */

import { readFrameHeader } from './mp3-frames';
import { AudioFormatError, type DecodedAudio } from './types';
import { decodeWav, isWav } from './wav';

/**
 * Decodes WAV or MP3 bytes to mono samples.
 * @throws AudioFormatError when the bytes are neither, or hold no samples.
 */
export async function decodeAudio(bytes: Buffer): Promise<DecodedAudio> {
  if (isWav(bytes)) return decodeWav(bytes);
  if (isMp3(bytes)) return decodeMp3(bytes);
  throw new AudioFormatError(
    `unrecognised audio format (first bytes ${bytes.subarray(0, 4).toString('hex') || 'none'}): expected WAV or MP3`,
  );
}

/** Returns whether `bytes` start with an ID3v2 tag or an MPEG audio Layer III frame. */
export function isMp3(bytes: Buffer): boolean {
  if (bytes.length >= 3 && bytes.toString('latin1', 0, 3) === 'ID3') return true;
  return readFrameHeader(bytes, 0) !== undefined;
}

/** Decodes an MP3 stream to mono samples, averaging stereo channels. */
export async function decodeMp3(bytes: Uint8Array): Promise<DecodedAudio> {
  // Loaded by Node at run time: bundlers cannot follow the package's optional web-worker import.
  const { MPEGDecoder } = await import(
    /* turbopackIgnore: true */ /* webpackIgnore: true */ 'mpg123-decoder'
  );
  const decoder = new MPEGDecoder({ enableGapless: true });
  await decoder.ready;
  try {
    const decoded = decoder.decode(bytes);
    if (decoded.samplesDecoded === 0) {
      throw new AudioFormatError(`invalid MP3: no samples decoded from ${bytes.length} bytes`);
    }
    const [left, right] = decoded.channelData;
    const samples = new Float32Array(decoded.samplesDecoded);
    for (let index = 0; index < samples.length; index += 1) {
      samples[index] = right ? (left[index] + right[index]) / 2 : left[index];
    }
    return { sampleRate: decoded.sampleRate, samples };
  } finally {
    decoder.free();
  }
}
