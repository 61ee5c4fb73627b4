/**
 * ElevenLabs through its text-to-speech REST API: `POST /v1/text-to-speech/<voiceId>` with the
 * API key in `xi-api-key` and a JSON body. It returns raw 24 kHz 16-bit mono PCM
 * (`output_format=pcm_24000`), which this adapter wraps in a WAV header.
 */

import { wrapPcm16 } from '../audio/wav';
import type { Speaker } from '../types';
import { postForAudio, TTSError, type TTSOptions, type TTSProvider } from './provider';

/** How long one synthesis request may take, in ms, before the provider counts as failed. */
export const ELEVENLABS_TIMEOUT_MS = 60_000;
export const ELEVENLABS_BASE_URL = 'https://api.elevenlabs.io';
export const ELEVENLABS_MODEL_ID = 'eleven_multilingual_v2';
/** Raw little-endian 16-bit PCM at 24 kHz; PCM at 44.1 kHz needs a higher plan. */
export const ELEVENLABS_OUTPUT_FORMAT = 'pcm_24000';
const PCM_SAMPLE_RATE = 24_000;
/** Premade voice ids per speaker: "Rachel" for the host, "George" for the expert. */
export const ELEVENLABS_VOICES: Readonly<Record<Speaker, string>> = {
  host: '21m00Tcm4TlvDq8ikWAM',
  expert: 'JBFqnCBsd6RMkjVDRZzb',
};

export interface ElevenLabsOptions {
  /** Replaces `ELEVENLABS_BASE_URL`, for a proxy or a test server. */
  baseUrl?: string;
  /** Per-request timeout in ms. Default `ELEVENLABS_TIMEOUT_MS`. */
  timeoutMs?: number;
  /** Voice ids per speaker. Default `ELEVENLABS_VOICES`. */
  voices?: Partial<Record<Speaker, string>>;
  /** Model id. Default `ELEVENLABS_MODEL_ID`. */
  modelId?: string;
}

/** Speech provider backed by ElevenLabs. */
export class ElevenLabsProvider implements TTSProvider {
  // A private field is not enumerable, so logging the provider object cannot print the key.
  readonly #apiKey: string;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly voices: Record<Speaker, string>;
  private readonly modelId: string;

  /** @throws TTSError `TTS_UNAVAILABLE` when the key is empty. */
  constructor(apiKey: string, options: ElevenLabsOptions = {}) {
    if (apiKey.trim() === '') {
      throw new TTSError('TTS_UNAVAILABLE', 'elevenlabs', 'missing ELEVENLABS_API_KEY');
    }
    this.#apiKey = apiKey;
    this.baseUrl = (options.baseUrl ?? ELEVENLABS_BASE_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? ELEVENLABS_TIMEOUT_MS;
    this.voices = { ...ELEVENLABS_VOICES, ...options.voices };
    this.modelId = options.modelId ?? ELEVENLABS_MODEL_ID;
  }

  async generate(text: string, options: TTSOptions = {}): Promise<Buffer> {
    const voiceId = options.voice ?? this.voices[options.speaker ?? 'host'];
    const url =
      `${this.baseUrl}/v1/text-to-speech/${encodeURIComponent(voiceId)}` +
      `?output_format=${ELEVENLABS_OUTPUT_FORMAT}`;
    const pcm = await postForAudio(
      'elevenlabs',
      url,
      {
        headers: { 'xi-api-key': this.#apiKey, 'Content-Type': 'application/json' },
        body: JSON.stringify({ text, model_id: this.modelId }),
      },
      this.timeoutMs,
      options.signal,
    );
    if (pcm.length < 2)
      throw new TTSError('TTS_INVALID_AUDIO', 'elevenlabs', 'elevenlabs returned no audio');
    return wrapPcm16(pcm, PCM_SAMPLE_RATE);
  }
}
