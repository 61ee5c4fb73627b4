/** Conversion between stored `podcasts` rows and `PodcastRecord`, identical in both dialects. */

import type { Chapter, PodcastRecord, PodcastStatus, ShowNotes } from '../podcast/types';

/** Column values of a `podcasts` row without the audio bytes. */
export interface PodcastRow {
  id: string;
  lessonId: string;
  status: string;
  script: string;
  mimeType: string | null;
  durationMs: number | null;
  chapters: unknown[];
  showNotes: unknown;
  provider: string | null;
  error: string | null;
  createdAtMs: number;
}

/** Maximum length of a stored failure message, in characters. */
export const MAX_PODCAST_ERROR_CHARS = 1_000;

export function podcastToRow(podcast: PodcastRecord): PodcastRow {
  return {
    id: podcast.id,
    lessonId: podcast.lessonId,
    status: podcast.status,
    script: podcast.script,
    mimeType: podcast.mimeType,
    durationMs: podcast.durationMs,
    chapters: podcast.chapters,
    showNotes: podcast.showNotes,
    provider: podcast.provider,
    error: podcast.error === null ? null : podcast.error.slice(0, MAX_PODCAST_ERROR_CHARS),
    createdAtMs: Date.parse(podcast.createdAt),
  };
}

export function rowToPodcast(row: PodcastRow): PodcastRecord {
  return {
    id: row.id,
    lessonId: row.lessonId,
    status: row.status as PodcastStatus,
    script: row.script,
    mimeType: row.mimeType,
    durationMs: row.durationMs,
    chapters: row.chapters as Chapter[],
    showNotes: row.showNotes as ShowNotes,
    provider: row.provider,
    error: row.error,
    createdAt: new Date(Number(row.createdAtMs)).toISOString(),
  };
}
