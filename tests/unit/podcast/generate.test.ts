import { describe, expect, it } from 'vitest';

import { encodeWav } from '@/lib/podcast/audio/wav';
import {
  generatePodcast,
  PodcastSynthesisError,
  type PodcastLogger,
  type PodcastProgress,
} from '@/lib/podcast/generate';
import { writePodcastScript } from '@/lib/podcast/script';
import { toSpokenText } from '@/lib/podcast/spoken-text';
import type { TTSOptions, TTSProvider } from '@/lib/podcast/tts/provider';
import { buildProviderChain } from '@/lib/podcast/tts/select';

import { firstSeedLesson } from './fixtures';

const lesson = firstSeedLesson();
const script = writePodcastScript(lesson);
const SAMPLE_RATE = 16_000;

/** Returns WAV at 16 kHz with 40 samples per character, so every line has a known length. */
class LengthProvider implements TTSProvider {
  calls: { text: string; speaker?: string }[] = [];
  async generate(text: string, options: TTSOptions = {}): Promise<Buffer> {
    this.calls.push({ text, speaker: options.speaker });
    return encodeWav(new Int16Array(text.length * 40).fill(1000), SAMPLE_RATE);
  }
}

/** Fails on its `failOnCall`th call. */
class FailingProvider extends LengthProvider {
  constructor(private readonly failOnCall: number) {
    super();
  }
  override async generate(text: string, options?: TTSOptions): Promise<Buffer> {
    if (this.calls.length + 1 >= this.failOnCall)
      throw new Error('HTTP 503 from the speech service');
    return super.generate(text, options);
  }
}

function recordingLogger(): PodcastLogger & {
  entries: { fields: Record<string, unknown>; message: string }[];
} {
  const entries: { fields: Record<string, unknown>; message: string }[] = [];
  return { entries, warn: (fields, message) => entries.push({ fields, message }) };
}

describe('generatePodcast timing', () => {
  it('starts each chapter at the sum of the lines and pauses before it', async () => {
    const provider = new LengthProvider();
    const podcast = await generatePodcast(lesson, {
      providers: [{ name: 'fixed', provider }],
      format: 'wav',
    });

    // WAV episodes run at 24 kHz, so each 16 kHz line is resampled by 3/2.
    const rate = podcast.sampleRate;
    let samples = 0;
    script.chapters.forEach((chapter, index) => {
      expect(podcast.chapters[index].title).toBe(chapter.title);
      expect(podcast.chapters[index].startMs, chapter.id).toBe(Math.round((samples * 1000) / rate));
      for (const line of chapter.lines) {
        samples += Math.round((toSpokenText(line.text).length * 40 * rate) / SAMPLE_RATE);
        samples += Math.round((line.pauseAfterMs * rate) / 1000);
      }
    });
    expect(podcast.sampleCount).toBe(samples);
    expect(podcast.durationMs).toBe(Math.round((samples * 1000) / rate));
  });

  it('speaks every line once, in order, with its speaker', async () => {
    const provider = new LengthProvider();
    await generatePodcast(lesson, {
      providers: [{ name: 'fixed', provider }],
      concurrency: 1,
      format: 'wav',
    });
    const lines = script.chapters.flatMap((chapter) => chapter.lines);
    expect(provider.calls.map((call) => call.text)).toEqual(
      lines.map((line) => toSpokenText(line.text)),
    );
    expect(provider.calls.map((call) => call.speaker)).toEqual(lines.map((line) => line.speaker));
  });

  it('reports progress up to done', async () => {
    const fractions: number[] = [];
    const stages: PodcastProgress['stage'][] = [];
    const options = {
      providers: [{ name: 'fixed', provider: new LengthProvider() }],
      format: 'wav' as const,
    };
    await generatePodcast(lesson, options, (progress) => {
      fractions.push(progress.fraction);
      stages.push(progress.stage);
    });
    expect(
      fractions.every((fraction, index) => index === 0 || fraction >= fractions[index - 1]),
    ).toBe(true);
    expect(fractions.at(-1)).toBe(1);
    expect(stages.at(-1)).toBe('done');
  });

  it('returns an MP3 by default', async () => {
    const podcast = await generatePodcast(lesson, {
      providers: [{ name: 'fixed', provider: new LengthProvider() }],
    });
    expect(podcast.mimeType).toBe('audio/mpeg');
    expect(podcast.audio[0]).toBe(0xff);
    expect(podcast.sampleRate).toBe(16_000);
  });
});

describe('generatePodcast fallback', () => {
  it('moves to the next provider and logs a warning', async () => {
    const failing = new FailingProvider(3);
    const working = new LengthProvider();
    const logger = recordingLogger();
    const podcast = await generatePodcast(lesson, {
      providers: [
        { name: 'azure', provider: failing },
        { name: 'espeak', provider: working },
      ],
      logger,
      format: 'wav',
    });
    expect(podcast.provider).toBe('espeak');
    expect(working.calls).toHaveLength(script.chapters.flatMap((chapter) => chapter.lines).length);
    expect(logger.entries).toHaveLength(1);
    expect(logger.entries[0].message).toBe('speech provider failed; trying the next one');
    expect(logger.entries[0].fields).toMatchObject({
      provider: 'azure',
      next: 'espeak',
      error: 'HTTP 503 from the speech service',
      lessonId: lesson.id,
    });
  });

  it('falls back on audio it cannot decode', async () => {
    const garbage: TTSProvider = { generate: async () => Buffer.from('not audio at all') };
    const logger = recordingLogger();
    const podcast = await generatePodcast(lesson, {
      providers: [
        { name: 'custom', provider: garbage },
        { name: 'stub', provider: new LengthProvider() },
      ],
      logger,
      format: 'wav',
    });
    expect(podcast.provider).toBe('stub');
    expect(logger.entries[0].fields.code).toBe('TTS_INVALID_AUDIO');
  });

  it('names every provider when all fail', async () => {
    const logger = recordingLogger();
    const promise = generatePodcast(lesson, {
      providers: [
        { name: 'azure', provider: new FailingProvider(1) },
        { name: 'elevenlabs', provider: new FailingProvider(2) },
      ],
      logger,
    });
    await expect(promise).rejects.toBeInstanceOf(PodcastSynthesisError);
    await expect(promise).rejects.toThrow(
      'every speech provider failed: azure: HTTP 503 from the speech service; elevenlabs: HTTP 503 from the speech service',
    );
    expect(logger.entries.map((entry) => entry.message)).toEqual([
      'speech provider failed; trying the next one',
      'speech provider failed; none left',
    ]);
  });

  it('rejects an empty provider list', async () => {
    await expect(generatePodcast(lesson, { providers: [] })).rejects.toThrow(
      'no speech provider given: pass at least one in options.providers',
    );
  });

  it('stops without fallback when aborted', async () => {
    const controller = new AbortController();
    const slow: TTSProvider = {
      generate: (_text, options) =>
        new Promise((_resolve, reject) => {
          options?.signal?.addEventListener('abort', () => reject(options.signal?.reason));
        }),
    };
    const backup = new LengthProvider();
    const promise = generatePodcast(lesson, {
      providers: [
        { name: 'slow', provider: slow },
        { name: 'stub', provider: backup },
      ],
      signal: controller.signal,
    });
    controller.abort(new Error('worker shutting down'));
    await expect(promise).rejects.toThrow('worker shutting down');
    expect(backup.calls).toHaveLength(0);
  });
});

describe('buildProviderChain', () => {
  const names = (chain: ReturnType<typeof buildProviderChain>) =>
    chain.providers.map((entry) => entry.name);

  it('picks the best available provider when none is requested', () => {
    expect(names(buildProviderChain({}, { espeakAvailable: true }))).toEqual(['espeak', 'stub']);
    expect(names(buildProviderChain({}, { espeakAvailable: false }))).toEqual(['stub']);
    expect(
      names(
        buildProviderChain(
          { AZURE_TTS_KEY: 'k', AZURE_TTS_REGION: 'westeurope', ELEVENLABS_API_KEY: 'e' },
          { espeakAvailable: true },
        ),
      ),
    ).toEqual(['azure', 'elevenlabs', 'espeak', 'stub']);
  });

  it('starts at TTS_PROVIDER and keeps the later ones as fallbacks', () => {
    const settings = {
      TTS_PROVIDER: 'elevenlabs' as const,
      ELEVENLABS_API_KEY: 'e',
      AZURE_TTS_KEY: 'k',
      AZURE_TTS_REGION: 'eastus',
    };
    expect(names(buildProviderChain(settings, { espeakAvailable: true }))).toEqual([
      'elevenlabs',
      'espeak',
      'stub',
    ]);
  });

  it('lets a request override TTS_PROVIDER', () => {
    const chain = buildProviderChain(
      { TTS_PROVIDER: 'espeak' },
      { requested: 'stub', espeakAvailable: true },
    );
    expect(names(chain)).toEqual(['stub']);
  });

  it('reports a requested provider without credentials', () => {
    const chain = buildProviderChain(
      { AZURE_TTS_KEY: 'k' },
      { requested: 'azure', espeakAvailable: false },
    );
    expect(names(chain)).toEqual(['stub']);
    expect(chain.unavailable).toEqual({
      name: 'azure',
      reason: 'AZURE_TTS_KEY and AZURE_TTS_REGION must both be set',
    });
  });

  it('rejects a region that is not a region name', () => {
    const chain = buildProviderChain(
      { AZURE_TTS_KEY: 'k', AZURE_TTS_REGION: 'evil.example/' },
      { requested: 'azure', espeakAvailable: false },
    );
    expect(chain.unavailable?.reason).toContain('invalid AZURE_TTS_REGION "evil.example/"');
  });

  it('reports espeak-ng missing from PATH', () => {
    const chain = buildProviderChain(
      {},
      { requested: 'espeak', espeak: { program: '/nonexistent/espeak-ng' } },
    );
    expect(chain.unavailable?.reason).toBe(
      '/nonexistent/espeak-ng is not on PATH (apt-get install espeak-ng)',
    );
  });
});
