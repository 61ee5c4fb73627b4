import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decodeAudio, decodeMp3 } from '@/lib/podcast/audio/decode';
import { generatePodcast, type GeneratedPodcast } from '@/lib/podcast/generate';
import { writePodcastScript } from '@/lib/podcast/script';
import { toSpokenText } from '@/lib/podcast/spoken-text';
import { EspeakProvider, isOnPath } from '@/lib/podcast/tts/espeak';

import { servicesRequired } from '../helpers/services';
import { firstSeedLesson } from '../unit/podcast/fixtures';

/** Chapter and total times must match the measured audio within this, in ms. */
const TIMING_TOLERANCE_MS = 50;
/** Stored audio budget: under 1 MB (10^6 bytes) per 5 minutes of episode. */
const MAX_BYTES_PER_5_MINUTES = 1_000_000;
const FIVE_MINUTES_MS = 5 * 60_000;

const hasEspeak = isOnPath('espeak-ng');
if (!hasEspeak && servicesRequired) {
  throw new Error(
    'espeak-ng is required (REQUIRE_SERVICES=1) but is not on PATH; apt-get install espeak-ng',
  );
}

describe.skipIf(!hasEspeak)('espeak-ng podcast of the first seed example', () => {
  const lesson = firstSeedLesson();
  const script = writePodcastScript(lesson);
  const warnings: string[] = [];
  let podcast: GeneratedPodcast;
  let wallMs: number;

  beforeAll(async () => {
    const started = performance.now();
    podcast = await generatePodcast(lesson, {
      providers: [{ name: 'espeak', provider: new EspeakProvider() }],
      logger: { warn: (_fields, message) => warnings.push(message) },
    });
    wallMs = performance.now() - started;
  }, 300_000);

  afterAll(() => {
    if (!podcast) return;
    const perFiveMinutes = (podcast.audio.length / podcast.durationMs) * FIVE_MINUTES_MS;
    process.stderr.write(
      `espeak podcast: ${(podcast.durationMs / 60_000).toFixed(1)} min of audio in ${(wallMs / 1000).toFixed(1)} s ` +
        `(${(wallMs / podcast.durationMs).toFixed(4)} x real time), ${podcast.audio.length} bytes ` +
        `(${Math.round(perFiveMinutes)} bytes per 5 minutes)\n`,
    );
  });

  it('is spoken by espeak without fallback', () => {
    expect(podcast.provider).toBe('espeak');
    expect(warnings).toEqual([]);
    expect(podcast.chapters).toHaveLength(script.chapters.length);
  });

  it('starts every chapter within 50 ms of the lines and pauses before it', async () => {
    // Synthesise each line again on its own and measure it at espeak-ng's own sample rate, so
    // the expected times do not reuse any number the generator computed.
    const provider = new EspeakProvider();
    let expectedMs = 0;
    for (const [index, chapter] of script.chapters.entries()) {
      const startMs = podcast.chapters[index].startMs;
      expect(
        Math.abs(startMs - expectedMs),
        `${chapter.title}: ${startMs} ms vs ${expectedMs.toFixed(1)} ms`,
      ).toBeLessThanOrEqual(TIMING_TOLERANCE_MS);
      for (const line of chapter.lines) {
        const decoded = await decodeAudio(
          await provider.generate(toSpokenText(line.text), { speaker: line.speaker }),
        );
        expectedMs += (decoded.samples.length * 1000) / decoded.sampleRate + line.pauseAfterMs;
      }
    }
    expect(Math.abs(podcast.durationMs - expectedMs)).toBeLessThanOrEqual(TIMING_TOLERANCE_MS);
  }, 180_000);

  it('lasts within 50 ms of its decoded MP3', async () => {
    const decoded = await decodeMp3(podcast.audio);
    const decodedMs = (decoded.samples.length * 1000) / decoded.sampleRate;
    expect(Math.abs(podcast.durationMs - decodedMs)).toBeLessThanOrEqual(TIMING_TOLERANCE_MS);
  });

  it('stores under 1 MB per 5 minutes', () => {
    const perFiveMinutes = (podcast.audio.length / podcast.durationMs) * FIVE_MINUTES_MS;
    expect(podcast.mimeType).toBe('audio/mpeg');
    expect(perFiveMinutes).toBeLessThan(MAX_BYTES_PER_5_MINUTES);
  });
});
