/**
 * The LAME "Info" tag: a silent first frame that gives decoders the stream's frame and byte
 * counts and the samples of encoder delay and padding to drop. Decoders that read it play
 * exactly the encoded samples, so the episode's duration and chapter times hold to the sample.
 * The tests check this with mpg123 in gapless mode and with Chromium's audio element. The
 * layout follows LAME's Info tag revision 1, as LAME's own encoder writes it.
 */

import type { Mp3FrameHeader } from './mp3-frames';

/** Xing/Info header flags: frame count, byte count and quality fields present (no seek table). */
const INFO_FLAGS = 0x0001 | 0x0002 | 0x0008;
/** Bytes of the Xing/Info fields written: "Info", flags, frames, bytes, quality. */
const INFO_FIELDS_BYTES = 20;
/** Bytes of the LAME extension that follows the Info fields, its own CRC included. */
const LAME_EXTENSION_BYTES = 36;
/** The version string lamejs reports (`getLameVeryShortVersion`), 9 bytes. */
const ENCODER_VERSION = 'LAME3.98r';
/** Info tag revision 0, VBR method 1 (constant bitrate). */
const REVISION_AND_METHOD = 0x01;
/** LAME's quality field: 100 − 10 · VBR_q − quality with lamejs's VBR_q 4 and quality 3. */
const QUALITY_FIELD = 57;
/** Largest delay or padding the tag can hold: 12 bits each. */
const MAX_DELAY_SAMPLES = 0xfff;

export interface LameTagInput {
  /** Header of the stream's first audio frame; the tag frame copies its format. */
  firstFrame: Mp3FrameHeader;
  /** The first frame's four header bytes. */
  firstFrameHeaderBytes: Uint8Array;
  audioFrameCount: number;
  audioBytes: Uint8Array;
  /** Samples the encoder inserted before the input (LAME's ENCDELAY, 576). */
  encoderDelaySamples: number;
  /** Samples of input that were encoded. */
  inputSamples: number;
}

/**
 * Builds the Info frame that goes in front of `audioBytes`.
 * @throws RangeError when the frame is too small for the tag or delay and padding overflow.
 */
export function buildLameInfoFrame(input: LameTagInput): Uint8Array {
  const { firstFrame, audioFrameCount, audioBytes, encoderDelaySamples, inputSamples } = input;
  const frameBytes = firstFrame.frameBytes - (input.firstFrameHeaderBytes[2] & 0b10 ? 1 : 0);
  const infoOffset = 4 + (firstFrame.protectedByCrc ? 2 : 0) + firstFrame.sideInfoBytes;
  const lameOffset = infoOffset + INFO_FIELDS_BYTES;
  if (lameOffset + LAME_EXTENSION_BYTES > frameBytes) {
    throw new RangeError(
      `an MP3 frame of ${frameBytes} bytes cannot hold the LAME tag; encode at a higher bitrate`,
    );
  }

  const paddingSamples =
    audioFrameCount * firstFrame.samplesPerFrame - encoderDelaySamples - inputSamples;
  if (
    paddingSamples < 0 ||
    paddingSamples > MAX_DELAY_SAMPLES ||
    encoderDelaySamples > MAX_DELAY_SAMPLES
  ) {
    throw new RangeError(
      `invalid encoder delay ${encoderDelaySamples} or padding ${paddingSamples}: each must be 0 to ${MAX_DELAY_SAMPLES} samples`,
    );
  }

  const frame = new Uint8Array(frameBytes);
  const view = new DataView(frame.buffer);
  frame.set(input.firstFrameHeaderBytes.subarray(0, 4), 0);
  frame[2] &= ~0b10; // no padding byte
  // With CRC protection the two CRC bytes stay zero; decoders skip the Info frame anyway.

  writeAscii(frame, infoOffset, 'Info');
  view.setUint32(infoOffset + 4, INFO_FLAGS);
  view.setUint32(infoOffset + 8, audioFrameCount);
  view.setUint32(infoOffset + 12, frameBytes + audioBytes.length);
  view.setUint32(infoOffset + 16, QUALITY_FIELD);

  writeAscii(frame, lameOffset, ENCODER_VERSION);
  frame[lameOffset + 9] = REVISION_AND_METHOD;
  // Bytes 10 to 19 (lowpass, replay gain, flags) stay zero: unknown.
  frame[lameOffset + 20] = Math.min(255, firstFrame.bitrateKbps);
  frame[lameOffset + 21] = encoderDelaySamples >> 4;
  frame[lameOffset + 22] = ((encoderDelaySamples & 0xf) << 4) | (paddingSamples >> 8);
  frame[lameOffset + 23] = paddingSamples & 0xff;
  // Bytes 24 to 27 (misc, MP3 gain, preset) stay zero.
  view.setUint32(lameOffset + 28, frameBytes + audioBytes.length);
  view.setUint16(lameOffset + 32, crc16(audioBytes, 0, audioBytes.length));
  view.setUint16(lameOffset + 34, crc16(frame, 0, lameOffset + 34));
  return frame;
}

/** CRC-16/ARC (polynomial 0x8005 reflected, initial value 0), the CRC the LAME tag uses. */
export function crc16(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let index = start; index < end; index += 1)
    crc = (crc >>> 8) ^ CRC_TABLE[(crc ^ bytes[index]) & 0xff];
  return crc;
}

const CRC_TABLE = (() => {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte += 1) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
    table[byte] = crc;
  }
  return table;
})();

function writeAscii(target: Uint8Array, offset: number, text: string): void {
  for (let index = 0; index < text.length; index += 1)
    target[offset + index] = text.charCodeAt(index);
}
