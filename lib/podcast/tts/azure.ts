/**
 * Azure AI Speech through its text-to-speech REST API: one SSML document per line, sent to
 * `https://<region>.tts.speech.microsoft.com/cognitiveservices/v1` with the resource key in `Ocp-Apim-Subscription-Key`. It returns 24 kHz 16-bit mono WAV.
 */

import type { Speaker } from '../types';
import { postForAudio, TTSError, type TTSOptions, type TTSProvider } from './provider';

/** How long one synthesis request may take, in ms, before the provider counts as failed. */
export const AZURE_TIMEOUT_MS = 30_000;
/** `X-Microsoft-OutputFormat` value: RIFF (WAV) container, 24 kHz, 16-bit, mono PCM. */
export const AZURE_OUTPUT_FORMAT = 'riff-24khz-16bit-mono-pcm';
/** Neural voices per speaker, both en-US. */
export const AZURE_VOICES: Readonly<Record<Speaker, string>> = {
  host: 'en-US-JennyNeural',
  expert: 'en-US-GuyNeural',
};
const SSML_LANGUAGE = 'en-US';
const REQUEST_PATH = '/cognitiveservices/v1';
/** Azure region names: lowercase letters and digits, such as `westeurope` or `eastus2`. */
const REGION_PATTERN = /^[a-z0-9]+$/;

export interface AzureTTSOptions {
  /** Replaces `https://<region>.tts.speech.microsoft.com`, for a proxy or a test server. */
  baseUrl?: string;
  /** Per-request timeout in ms. Default `AZURE_TIMEOUT_MS`. */
  timeoutMs?: number;
  /** Voice names per speaker. Default `AZURE_VOICES`. */
  voices?: Partial<Record<Speaker, string>>;
}

/** Speech provider backed by Azure AI Speech. */
export class AzureTTSProvider implements TTSProvider {
  // A private field is not enumerable, so logging the provider object cannot print the key.
  readonly #key: string;
  private readonly endpoint: string;
  private readonly timeoutMs: number;
  private readonly voices: Record<Speaker, string>;

  /** @throws TTSError `TTS_UNAVAILABLE` when the key is empty or the region is malformed. */
  constructor(key: string, region: string, options: AzureTTSOptions = {}) {
    if (key.trim() === '') throw new TTSError('TTS_UNAVAILABLE', 'azure', 'missing AZURE_TTS_KEY');
    if (!REGION_PATTERN.test(region)) {
      throw new TTSError(
        'TTS_UNAVAILABLE',
        'azure',
        `invalid AZURE_TTS_REGION "${region.slice(0, 40)}": expected a region name such as westeurope`,
      );
    }
    this.#key = key;
    const base = options.baseUrl ?? `https://${region}.tts.speech.microsoft.com`;
    this.endpoint = `${base.replace(/\/+$/, '')}${REQUEST_PATH}`;
    this.timeoutMs = options.timeoutMs ?? AZURE_TIMEOUT_MS;
    this.voices = { ...AZURE_VOICES, ...options.voices };
  }

  async generate(text: string, options: TTSOptions = {}): Promise<Buffer> {
    const voice = options.voice ?? this.voices[options.speaker ?? 'host'];
    const audio = await postForAudio(
      'azure',
      this.endpoint,
      {
        headers: {
          'Ocp-Apim-Subscription-Key': this.#key,
          'Content-Type': 'application/ssml+xml',
          'X-Microsoft-OutputFormat': AZURE_OUTPUT_FORMAT,
          'User-Agent': 'infra-learn',
        },
        body: buildSsml(text, voice),
      },
      this.timeoutMs,
      options.signal,
    );
    if (audio.length === 0)
      throw new TTSError('TTS_INVALID_AUDIO', 'azure', 'azure returned no audio');
    return audio;
  }
}

/** Returns the SSML document that speaks `text` with `voice`. */
export function buildSsml(text: string, voice: string): string {
  return (
    `<speak version="1.0" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="${SSML_LANGUAGE}">` +
    `<voice name="${escapeXml(voice)}">${escapeXml(text)}</voice></speak>`
  );
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
