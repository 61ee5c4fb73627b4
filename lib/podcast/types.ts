/**
 * Types of the lesson podcast: the two-voice script, its chapters and show notes, and the
 * stored episode.
 */

/** The two voices of the conversation. */
export const SPEAKERS = ['host', 'expert'] as const;
export type Speaker = (typeof SPEAKERS)[number];

/** Speech providers in the order `TTS_PROVIDER=` unset prefers them. */
export const PROVIDER_NAMES = ['azure', 'elevenlabs', 'espeak', 'stub'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** Audio container of a stored episode. */
export type AudioFormat = 'mp3' | 'wav';

/** Part of the episode's structure that a chapter covers. */
export type ChapterKind = 'opening' | 'problem' | 'card' | 'roles' | 'recap';

/** One spoken turn of the conversation. */
export interface ScriptLine {
  speaker: Speaker;
  /** Plain sentences as written in the script; numbers keep their written form ("2.80 TB"). */
  text: string;
  /** Silence after this line, in ms. */
  pauseAfterMs: number;
  /** Marks the recall question at the end of a card chapter, answered after a longer pause. */
  recall?: 'question' | 'answer';
}

export interface ScriptChapter {
  /** Stable id: `opening`, `problem`, `card-<conceptId>`, `roles` or `recap`. */
  id: string;
  kind: ChapterKind;
  title: string;
  /** The concept the chapter teaches, for card chapters only. */
  conceptId?: string;
  lines: ScriptLine[];
}

export interface ShowNoteConcept {
  id: string;
  title: string;
  summary: string;
  /** Link to the concept's card in the lesson page: `/lessons/<lessonId>#card-<conceptId>`. */
  url: string;
}

/** A key estimate of the lesson as the show notes list it. */
export interface ShowNoteEstimate {
  /** Estimate key as in `Estimates`, such as `memoryPerGpuZero3Bytes`. */
  key: string;
  label: string;
  /** Formatted value with its unit, such as "10.9 GB". */
  value: string;
  formula: string;
  source: string;
}

/** The sources of the numbers that one chapter quotes. */
export interface ShowNoteSources {
  chapterId: string;
  chapterTitle: string;
  sources: string[];
}

export interface ShowNotes {
  /** Episode title, also the script's heading. */
  title: string;
  lessonId: string;
  lessonUrl: string;
  concepts: ShowNoteConcept[];
  estimates: ShowNoteEstimate[];
  sources: ShowNoteSources[];
}

/** The written podcast: each voice's lines, chapter by chapter, with the show notes. */
export interface PodcastScript {
  chapters: ScriptChapter[];
  /** The whole conversation as Markdown, as stored and shown on the player page. */
  markdown: string;
  showNotes: ShowNotes;
}

/** A chapter of the synthesised episode. */
export interface Chapter {
  title: string;
  /** Start of the chapter's first line, in ms from the start of the audio. */
  startMs: number;
}

/** Position and length of one script line in the episode's audio. */
export interface SegmentTiming {
  chapterIndex: number;
  speaker: Speaker;
  /** Start of the line's speech, in ms from the start of the audio. */
  startMs: number;
  /** Length of the synthesised speech, in ms, without the pause after it. */
  durationMs: number;
  /** Silence inserted after the speech, in ms. */
  pauseAfterMs: number;
}

/** Lifecycle of a stored podcast: its row exists from the moment its script is written. */
export const PODCAST_STATUSES = ['generating', 'ready', 'failed'] as const;
export type PodcastStatus = (typeof PODCAST_STATUSES)[number];

/** A stored podcast without its audio bytes, as `GET /api/podcasts/<id>` returns it. */
export interface PodcastRecord {
  id: string;
  lessonId: string;
  status: PodcastStatus;
  /** The script as Markdown. */
  script: string;
  /** Content type of the audio, such as `audio/mpeg`; null until the audio is stored. */
  mimeType: string | null;
  durationMs: number | null;
  chapters: Chapter[];
  showNotes: ShowNotes;
  /** The speech provider that synthesised the audio; null until the audio is stored. */
  provider: string | null;
  /** Reason generation failed, when `status` is `failed`. */
  error: string | null;
  createdAt: string;
}

/** Audio and timing that `Repository.completePodcast` stores when synthesis finishes. */
export interface PodcastAudio {
  audio: Buffer;
  mimeType: string;
  durationMs: number;
  chapters: Chapter[];
  provider: string;
}
