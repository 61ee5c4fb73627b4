/**
 * Chooses the speech providers for a podcast: the requested one (or, with none requested, the
 * best available), followed by every later provider in `PROVIDER_NAMES` order as fallbacks.
 * Azure and ElevenLabs count as available only with their credentials, espeak only when
 * `espeak-ng` is on PATH; the stub is always available and always last.
 */

import { PROVIDER_NAMES, type ProviderName } from '../types';
import { AzureTTSProvider, type AzureTTSOptions } from './azure';
import { ElevenLabsProvider, type ElevenLabsOptions } from './elevenlabs';
import { EspeakProvider, isOnPath, type EspeakOptions } from './espeak';
import type { TTSProvider } from './provider';
import { StubProvider } from './stub';

/** The environment variables that configure speech, as `getConfig()` returns them. */
export interface SpeechSettings {
  TTS_PROVIDER?: ProviderName;
  AZURE_TTS_KEY?: string;
  AZURE_TTS_REGION?: string;
  ELEVENLABS_API_KEY?: string;
}

/** A provider with the name the podcast records when it made the audio. */
export interface NamedProvider {
  name: string;
  provider: TTSProvider;
}

export interface ProviderChainOptions {
  /** Overrides `TTS_PROVIDER`, as `--provider` and the job payload do. */
  requested?: ProviderName;
  /** Whether `espeak-ng` can run; looked up on PATH when absent. */
  espeakAvailable?: boolean;
  azure?: AzureTTSOptions;
  elevenlabs?: ElevenLabsOptions;
  espeak?: EspeakOptions;
}

export interface ProviderChain {
  providers: NamedProvider[];
  /** The requested provider when it could not be set up, with the reason, for a warning. */
  unavailable?: { name: ProviderName; reason: string };
}

/** Builds the provider chain from the speech settings. Never returns an empty chain. */
export function buildProviderChain(
  settings: SpeechSettings,
  options: ProviderChainOptions = {},
): ProviderChain {
  const requested = options.requested ?? settings.TTS_PROVIDER;
  const startIndex = requested ? PROVIDER_NAMES.indexOf(requested) : 0;
  const providers: NamedProvider[] = [];
  let unavailable: ProviderChain['unavailable'];

  for (const name of PROVIDER_NAMES.slice(startIndex)) {
    const created = createProvider(name, settings, options);
    if ('provider' in created) {
      providers.push({ name, provider: created.provider });
    } else if (name === requested) {
      unavailable = { name, reason: created.reason };
    }
  }
  return { providers, unavailable };
}

function createProvider(
  name: ProviderName,
  settings: SpeechSettings,
  options: ProviderChainOptions,
): { provider: TTSProvider } | { reason: string } {
  switch (name) {
    case 'azure': {
      const { AZURE_TTS_KEY: key, AZURE_TTS_REGION: region } = settings;
      if (!key || !region) return { reason: 'AZURE_TTS_KEY and AZURE_TTS_REGION must both be set' };
      try {
        return { provider: new AzureTTSProvider(key, region, options.azure) };
      } catch (error) {
        return { reason: (error as Error).message };
      }
    }
    case 'elevenlabs': {
      const key = settings.ELEVENLABS_API_KEY;
      if (!key) return { reason: 'ELEVENLABS_API_KEY is not set' };
      return { provider: new ElevenLabsProvider(key, options.elevenlabs) };
    }
    case 'espeak': {
      const program = options.espeak?.program;
      const available = options.espeakAvailable ?? isOnPath(program);
      if (!available)
        return { reason: `${program ?? 'espeak-ng'} is not on PATH (apt-get install espeak-ng)` };
      return { provider: new EspeakProvider(options.espeak) };
    }
    case 'stub':
      return { provider: new StubProvider() };
  }
}
