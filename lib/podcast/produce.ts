/**
 * Generates a lesson's podcast and stores it: the row with its script and show notes first
 * (status `generating`), then the audio, duration, chapters and provider (status `ready`). Used
 * by the queued `podcast` job and by `infra-learn podcast`.
 */

import { createHash } from 'node:crypto';

import type { Repository } from '../db/repository';
import type { Lesson } from '../lessons/types';
import {
  generatePodcast,
  type GeneratedPodcast,
  type PodcastLogger,
  type PodcastProgress,
} from './generate';
import { writePodcastScript } from './script';
import { buildProviderChain, type ProviderChainOptions, type SpeechSettings } from './tts/select';
import type { AudioFormat, PodcastRecord, ProviderName } from './types';

export interface ProducePodcastOptions {
  /** Podcast id; a job derives it from its job id so a retry finds its earlier result. */
  id: string;
  /** The provider to try first; unset means `TTS_PROVIDER`, then the best available. */
  requested?: ProviderName;
  settings: SpeechSettings;
  /** Adapter options, such as a base URL or timeout, passed to `buildProviderChain`. */
  providerOptions?: Omit<ProviderChainOptions, 'requested'>;
  format?: AudioFormat;
  signal?: AbortSignal;
  logger?: PodcastLogger;
  onProgress?: (progress: PodcastProgress) => void;
  /**
   * Whether a failure is final, so the row is marked `failed`. A queued job that will be
   * retried passes false and leaves the row `generating`. Default true.
   */
  finalAttempt?: boolean;
  now?: Date;
}

export interface ProducedPodcast {
  podcast: PodcastRecord;
  /** The synthesis result; absent when a ready podcast with this id was already stored. */
  generated?: GeneratedPodcast;
}

/**
 * Returns the stored podcast with `options.id`, generating and storing it unless it is already
 * `ready`. A failed or half-made podcast with the same id is generated again.
 * @throws PodcastSynthesisError when every provider fails, after marking the row `failed` on a
 *   final attempt; the abort reason when `signal` aborts.
 */
export async function producePodcast(
  repository: Repository,
  lesson: Lesson,
  options: ProducePodcastOptions,
): Promise<ProducedPodcast> {
  const existing = await repository.getPodcast(options.id);
  if (existing?.status === 'ready') return { podcast: existing };

  const script = writePodcastScript(lesson);
  if (!existing) {
    await repository.insertPodcast({
      id: options.id,
      lessonId: lesson.id,
      status: 'generating',
      script: script.markdown,
      mimeType: null,
      durationMs: null,
      chapters: [],
      showNotes: script.showNotes,
      provider: null,
      error: null,
      createdAt: (options.now ?? new Date()).toISOString(),
    });
  }

  const chain = buildProviderChain(options.settings, {
    ...options.providerOptions,
    requested: options.requested,
  });
  if (chain.unavailable) {
    options.logger?.warn(
      { provider: chain.unavailable.name, reason: chain.unavailable.reason, podcastId: options.id },
      'requested speech provider is unavailable; using the next one',
    );
  }

  let generated: GeneratedPodcast;
  try {
    generated = await generatePodcast(
      lesson,
      {
        providers: chain.providers,
        script,
        format: options.format,
        signal: options.signal,
        logger: options.logger,
      },
      options.onProgress,
    );
  } catch (error) {
    if ((options.finalAttempt ?? true) && !options.signal?.aborted) {
      await repository.failPodcast(
        options.id,
        error instanceof Error ? error.message : String(error),
      );
    }
    throw error;
  }

  await repository.completePodcast(options.id, {
    audio: generated.audio,
    mimeType: generated.mimeType,
    durationMs: generated.durationMs,
    chapters: generated.chapters,
    provider: generated.provider,
  });
  const podcast = await repository.getPodcast(options.id);
  if (!podcast) throw new Error(`podcast "${options.id}" vanished after it was stored`);
  return { podcast, generated };
}

/**
 * Returns the podcast id for a queued job: the first 128 bits of SHA-256 over the job id, laid
 * out as a UUID, so every attempt of one job writes the same row.
 */
export function podcastIdForJob(jobId: string): string {
  const hex = createHash('sha256').update(`podcast\n${jobId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Returns the fields that `podcast --json` prints, the command line's contract. */
export function podcastSummary(podcast: PodcastRecord) {
  return {
    id: podcast.id,
    lessonId: podcast.lessonId,
    provider: podcast.provider,
    durationMs: podcast.durationMs,
    chapters: podcast.chapters.map((chapter) => ({
      title: chapter.title,
      startMs: chapter.startMs,
    })),
    showNotes: podcast.showNotes,
  };
}
