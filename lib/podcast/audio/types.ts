/** Mono audio as float samples in [-1, 1]. */
export interface DecodedAudio {
  sampleRate: number;
  samples: Float32Array;
}

/** Audio bytes that cannot be read: not WAV or MP3, or malformed. */
export class AudioFormatError extends Error {
  readonly code = 'INVALID_AUDIO';
  constructor(message: string) {
    super(message);
    this.name = 'AudioFormatError';
  }
}
