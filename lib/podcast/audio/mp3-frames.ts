/**
 * MPEG audio Layer III frame headers (ISO/IEC 11172-3 and 13818-3): enough to walk a stream
 * frame by frame, count its frames and find where a frame's side information ends.
 */

/** kbit/s by bitrate index for MPEG-1 Layer III. */
const MPEG1_BITRATES_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
/** kbit/s by bitrate index for MPEG-2 and MPEG-2.5 Layer III. */
const MPEG2_BITRATES_KBPS = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];

/** Hz by sample-rate index, per version. */
const SAMPLE_RATES: Record<Mp3Version, number[]> = {
  '1': [44100, 48000, 32000],
  '2': [22050, 24000, 16000],
  '2.5': [11025, 12000, 8000],
};

export type Mp3Version = '1' | '2' | '2.5';

/** Version by the header's two version bits; 0b01 is reserved. */
const VERSIONS: Record<number, Mp3Version> = { 0b00: '2.5', 0b10: '2', 0b11: '1' };

/** Bytes of Layer III side information by version family and channel count. */
const SIDE_INFO_BYTES = {
  mpeg1: { 1: 17, 2: 32 },
  mpeg2: { 1: 9, 2: 17 },
} as const;

export interface Mp3FrameHeader {
  version: Mp3Version;
  bitrateKbps: number;
  bitrateIndex: number;
  sampleRate: number;
  channels: 1 | 2;
  /** Whether a 16-bit CRC follows the header. */
  protectedByCrc: boolean;
  /** Frame length in bytes, header included. */
  frameBytes: number;
  /** Samples per channel that one frame decodes to: 1152 for MPEG-1, 576 otherwise. */
  samplesPerFrame: number;
  /** Bytes of side information after the header (and CRC). */
  sideInfoBytes: number;
}

/** Reads the Layer III frame header at `offset`, or returns undefined when there is none. */
export function readFrameHeader(buffer: Uint8Array, offset: number): Mp3FrameHeader | undefined {
  if (offset + 4 > buffer.length) return undefined;
  const [b0, b1, b2, b3] = [
    buffer[offset],
    buffer[offset + 1],
    buffer[offset + 2],
    buffer[offset + 3],
  ];
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;

  const versionBits = (b1 >> 3) & 0b11;
  const layerBits = (b1 >> 1) & 0b11;
  if (versionBits === 0b01 || layerBits !== 0b01) return undefined;
  const version = VERSIONS[versionBits];

  const bitrateIndex = b2 >> 4;
  const sampleRateIndex = (b2 >> 2) & 0b11;
  if (bitrateIndex === 0 || bitrateIndex === 15 || sampleRateIndex === 3) return undefined;

  const bitrateKbps = (version === '1' ? MPEG1_BITRATES_KBPS : MPEG2_BITRATES_KBPS)[bitrateIndex];
  const sampleRate = SAMPLE_RATES[version][sampleRateIndex];
  const padding = (b2 >> 1) & 1;
  const channels = b3 >> 6 === 0b11 ? 1 : 2;
  const isMpeg1 = version === '1';
  // Layer III frame length: 144 · bitrate / sample rate bytes for MPEG-1, half that otherwise.
  const frameBytes = Math.floor(((isMpeg1 ? 144 : 72) * bitrateKbps * 1000) / sampleRate) + padding;
  const sideInfoBytes = SIDE_INFO_BYTES[isMpeg1 ? 'mpeg1' : 'mpeg2'][channels];

  return {
    version,
    bitrateKbps,
    bitrateIndex,
    sampleRate,
    channels,
    protectedByCrc: (b1 & 1) === 0,
    frameBytes,
    samplesPerFrame: isMpeg1 ? 1152 : 576,
    sideInfoBytes,
  };
}

/**
 * Walks a stream of back-to-back Layer III frames and returns their headers.
 * @throws Error at the first offset that does not hold a frame header.
 */
export function readFrames(buffer: Uint8Array): Mp3FrameHeader[] {
  const frames: Mp3FrameHeader[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const header = readFrameHeader(buffer, offset);
    if (!header) throw new Error(`no MP3 frame header at byte ${offset} of ${buffer.length}`);
    frames.push(header);
    offset += header.frameBytes;
  }
  return frames;
}
