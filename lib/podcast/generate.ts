/**
 * Synthesises a lesson's podcast. It writes the script, speaks each line with the first working
 * provider of the chain and joins the lines with their pauses into one stream. Every chapter's
 * start time comes from the sample counts actually written before it.
 */

import type { Lesson } from '../lessons/types';
import { decodeAudio } from './audio/decode';
import { EpisodeWriter, MIME_TYPES } from './audio/episode-writer';
import { resample, toInt16 } from './audio/resample';
import { writePodcastScript } from './script';
import { toSpokenText } from './spoken-text';
import { TTSError } from './tts/provider';
import type { NamedProvider } from './tts/select';
import type { AudioFormat, Chapter, PodcastScript, ScriptLine, SegmentTiming } from './types';

/** Lines synthesised at once: enough to keep a second core busy with espeak-ng or HTTP waits. */
export const DEFAULT_SYNTHESIS_CONCURRENCY = 3;
/** Share of the progress bar that synthesis takes; encoding the last lines and storing follow. */
const SYNTHESIS_PROGRESS_SHARE = 0.95;
/**
 * Audio encoded between two yields to the event loop, in ms of episode time: about 30 ms of
 * CPU with lamejs at 24 kbps, so a web process stays responsive while it encodes.
 */
const WRITE_CHUNK_MS = 1_000;
/** Synthesised lines held in memory while they wait for the encoder. */
const MAX_BUFFERED_LINES = 8;

/** Progress of one generation, for a progress bar. */
export interface PodcastProgress {
  stage: 'synthesising' | 'finishing' | 'done';
  provider: string;
  completedLines: number;
  totalLines: number;
  /** 0 to 1 over the whole generation. */
  fraction: number;
}

/** The log calls generation makes; a pino logger fits. */
export interface PodcastLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface GeneratePodcastOptions {
  /** Providers in the order to try them; the first that speaks every line makes the episode. */
  providers: NamedProvider[];
  /** `mp3` (default) or `wav`. */
  format?: AudioFormat;
  /** Lines synthesised at once. Default `DEFAULT_SYNTHESIS_CONCURRENCY`. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Receives a warning for each provider that fails before the next is tried. */
  logger?: PodcastLogger;
  /** The script, when the caller already wrote it. */
  script?: PodcastScript;
}

export interface GeneratedPodcast {
  script: PodcastScript;
  audio: Buffer;
  format: AudioFormat;
  mimeType: string;
  /** Name of the provider that spoke every line. */
  provider: string;
  /** Length of the audio, in ms, from the samples written. */
  durationMs: number;
  chapters: Chapter[];
  segments: SegmentTiming[];
  sampleRate: number;
  sampleCount: number;
}

/** Raised when every provider of the chain failed; `cause` is the last failure. */
export class PodcastSynthesisError extends Error {
  readonly code = 'PODCAST_SYNTHESIS_FAILED';
  constructor(
    readonly failures: { provider: string; message: string }[],
    options?: { cause?: unknown },
  ) {
    super(
      `every speech provider failed: ${failures.map((failure) => `${failure.provider}: ${failure.message}`).join('; ')}`,
      options,
    );
    this.name = 'PodcastSynthesisError';
  }
}

interface IndexedLine extends ScriptLine {
  chapterIndex: number;
}

/**
 * Generates the podcast audio of a lesson. A provider that fails on any line is abandoned with a
 * logged warning and the next one speaks the whole episode, so one episode has one set of voices.
 * @throws PodcastSynthesisError when every provider fails; the abort reason when `signal` aborts.
 */
export async function generatePodcast(
  lesson: Lesson,
  options: GeneratePodcastOptions,
  onProgress: (progress: PodcastProgress) => void = () => undefined,
): Promise<GeneratedPodcast> {
  const script = options.script ?? writePodcastScript(lesson);
  const lines: IndexedLine[] = script.chapters.flatMap((chapter, chapterIndex) =>
    chapter.lines.map((line) => ({ ...line, chapterIndex })),
  );
  const format = options.format ?? 'mp3';
  if (options.providers.length === 0) {
    throw new RangeError('no speech provider given: pass at least one in options.providers');
  }
  const failures: { provider: string; message: string }[] = [];
  let lastError: unknown;

  for (const [index, { name, provider }] of options.providers.entries()) {
    options.signal?.throwIfAborted();
    try {
      const episode = await synthesiseEpisode(
        lines,
        { name, provider },
        format,
        options,
        onProgress,
      );
      const chapters = script.chapters.map((chapter, chapterIndex) => ({
        title: chapter.title,
        startMs:
          episode.segments.find((segment) => segment.chapterIndex === chapterIndex)?.startMs ?? 0,
      }));
      onProgress({
        stage: 'done',
        provider: name,
        completedLines: lines.length,
        totalLines: lines.length,
        fraction: 1,
      });
      return {
        script,
        format,
        mimeType: MIME_TYPES[format],
        provider: name,
        chapters,
        ...episode,
      };
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      const message = error instanceof Error ? error.message : String(error);
      failures.push({ provider: name, message });
      lastError = error;
      const next = options.providers[index + 1]?.name ?? null;
      options.logger?.warn(
        {
          provider: name,
          next,
          code: error instanceof TTSError ? error.code : undefined,
          error: message,
          lessonId: lesson.id,
        },
        next ? 'speech provider failed; trying the next one' : 'speech provider failed; none left',
      );
    }
  }
  throw new PodcastSynthesisError(failures, { cause: lastError });
}

/**
 * Speaks every line with one provider, `concurrency` lines at a time, while one writer loop
 * encodes the finished lines strictly in script order. The writer yields to the event loop
 * between chunks, so a web process that runs the job keeps serving requests.
 */
async function synthesiseEpisode(
  lines: IndexedLine[],
  { name, provider }: NamedProvider,
  format: AudioFormat,
  options: GeneratePodcastOptions,
  onProgress: (progress: PodcastProgress) => void,
): Promise<Omit<GeneratedPodcast, 'script' | 'format' | 'mimeType' | 'provider' | 'chapters'>> {
  const writer = new EpisodeWriter(format);
  const attempt = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, attempt.signal])
    : attempt.signal;
  const ready = new Map<number, Int16Array>();
  const segments: SegmentTiming[] = [];
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_SYNTHESIS_CONCURRENCY);
  const lineReady = new Wakeup();
  const lineWritten = new Wakeup();
  const chunkSamples = Math.round((WRITE_CHUNK_MS * writer.sampleRate) / 1000);
  let nextToWrite = 0;
  let nextToStart = 0;
  let firstError: unknown;

  const fail = (error: unknown) => {
    // The first failure stops everything else; later abort errors are not the cause.
    if (firstError === undefined) firstError = error;
    attempt.abort();
    lineReady.notifyAll();
    lineWritten.notifyAll();
  };

  const report = () =>
    onProgress({
      stage: nextToWrite === lines.length ? 'finishing' : 'synthesising',
      provider: name,
      completedLines: nextToWrite,
      totalLines: lines.length,
      fraction: (nextToWrite / Math.max(1, lines.length)) * SYNTHESIS_PROGRESS_SHARE,
    });

  const writeLines = async () => {
    while (nextToWrite < lines.length && !signal.aborted) {
      const samples = ready.get(nextToWrite);
      if (!samples) {
        await lineReady.wait();
        continue;
      }
      ready.delete(nextToWrite);
      lineWritten.notifyAll();

      const line = lines[nextToWrite];
      const startSample = writer.samplesWritten;
      for (let offset = 0; offset < samples.length; offset += chunkSamples) {
        writer.appendSpeech(samples.subarray(offset, offset + chunkSamples));
        await yieldToEventLoop();
      }
      const pauseSamples = writer.appendSilence(line.pauseAfterMs);
      segments.push({
        chapterIndex: line.chapterIndex,
        speaker: line.speaker,
        startMs: samplesToMs(startSample, writer.sampleRate),
        durationMs: samplesToMs(samples.length, writer.sampleRate),
        pauseAfterMs: samplesToMs(pauseSamples, writer.sampleRate),
      });
      nextToWrite += 1;
      report();
    }
  };

  const synthesiseLines = async () => {
    while (nextToStart < lines.length && !signal.aborted) {
      // Synthesis outruns encoding; a bounded backlog keeps memory flat on long episodes.
      if (ready.size >= MAX_BUFFERED_LINES) {
        await lineWritten.wait();
        continue;
      }
      const index = nextToStart;
      nextToStart += 1;
      const line = lines[index];
      const bytes = await provider.generate(toSpokenText(line.text), {
        speaker: line.speaker,
        signal,
      });
      signal.throwIfAborted();
      ready.set(index, await toEpisodeSamples(bytes, writer.sampleRate, name));
      lineReady.notifyAll();
    }
  };

  report();
  await Promise.all([
    writeLines().catch(fail),
    ...Array.from({ length: concurrency }, () => synthesiseLines().catch(fail)),
  ]);
  if (firstError !== undefined) throw firstError;
  options.signal?.throwIfAborted();

  const audio = writer.finish();
  return {
    audio,
    segments,
    sampleRate: writer.sampleRate,
    sampleCount: writer.samplesWritten,
    durationMs: samplesToMs(writer.samplesWritten, writer.sampleRate),
  };
}

/** Lets waiting tasks sleep until another task reports progress. */
class Wakeup {
  private waiters: (() => void)[] = [];

  wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  notifyAll(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Decodes one line's audio and converts it to 16-bit mono at the episode's rate. */
async function toEpisodeSamples(
  bytes: Buffer,
  sampleRate: number,
  provider: string,
): Promise<Int16Array> {
  let decoded;
  try {
    decoded = await decodeAudio(bytes);
  } catch (error) {
    throw new TTSError(
      'TTS_INVALID_AUDIO',
      provider,
      `${provider} returned unreadable audio: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  if (decoded.samples.length === 0) {
    throw new TTSError('TTS_INVALID_AUDIO', provider, `${provider} returned audio with no samples`);
  }
  return toInt16(resample(decoded.samples, decoded.sampleRate, sampleRate));
}

function samplesToMs(samples: number, sampleRate: number): number {
  return Math.round((samples * 1000) / sampleRate);
}
