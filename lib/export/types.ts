/** Types of the single-file HTML export of a lesson. */

import type { Chapter, ShowNotes } from '../podcast/types';
import type { SavedScenario } from '../whatif/saved';

/** The podcast episode that an export embeds: the stored podcast with its audio bytes. */
export interface ExportPodcast {
  id: string;
  /** Content type of `audio`, such as `audio/mpeg`. */
  mimeType: string;
  audio: Uint8Array;
  durationMs: number;
  chapters: Chapter[];
  showNotes: ShowNotes;
  /** The script as Markdown, shown as plain text in the transcript. */
  script: string;
  /** The speech provider that synthesised the audio, such as `stub` or `espeak`. */
  provider: string;
}

export interface BuildExportOptions {
  /** The lesson's podcast to embed; without it the file has no player. */
  podcast?: ExportPodcast;
  /** Scenarios saved with the lesson, shown read-only beside the original in the what-if panel. */
  scenarios?: readonly SavedScenario[];
}

/** A built export, before it is stored. */
export interface BuiltExport {
  html: string;
  /** Length of `html` in UTF-8, in bytes. */
  sizeBytes: number;
  /** ASCII file name derived from the problem, such as `lesson-train-a-175b-model.html`. */
  fileName: string;
}

/** A stored export, as a row of the `exports` table. */
export interface ExportRecord {
  /** Derived from the SHA-256 of `html`, so the same export is stored once. */
  id: string;
  lessonId: string;
  html: string;
  sizeBytes: number;
  createdAt: string;
}

/** A stored export without its HTML. */
export type ExportSummary = Omit<ExportRecord, 'html'>;
