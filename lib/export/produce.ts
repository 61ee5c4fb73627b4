/**
 * Builds a stored lesson's export and stores it: loads the lesson's latest ready podcast with its
 * audio and its saved what-if scenarios, renders the file, and writes it to the `exports` table.
 * Used by the download route, the `export` command and the queued `export` job.
 */

import { createHash } from 'node:crypto';

import type { Repository } from '../db/repository';
import type { Lesson } from '../lessons/types';
import { buildLessonExport } from './document';
import type { ExportPodcast, ExportRecord } from './types';

export interface ProduceExportOptions {
  /** Whether to embed the lesson's latest ready podcast, when it has one. Default true. */
  includeAudio?: boolean;
  now?: Date;
}

export interface ProducedExport {
  record: ExportRecord;
  fileName: string;
  /** The podcast embedded in the file, if any. */
  podcastId?: string;
  /** False when the same export was already stored, so no row was added. */
  stored: boolean;
}

/** Builds, stores and returns the export of `lesson`. */
export async function produceLessonExport(
  repository: Repository,
  lesson: Lesson,
  options: ProduceExportOptions = {},
): Promise<ProducedExport> {
  const [podcast, scenarios] = await Promise.all([
    (options.includeAudio ?? true) ? loadLatestPodcast(repository, lesson.id) : undefined,
    repository.listLessonScenarios(lesson.id),
  ]);
  const built = buildLessonExport(lesson, { podcast, scenarios });

  const record: ExportRecord = {
    id: exportIdFor(built.html),
    lessonId: lesson.id,
    html: built.html,
    sizeBytes: built.sizeBytes,
    createdAt: (options.now ?? new Date()).toISOString(),
  };
  const stored = await repository.insertExport(record);
  return { record, fileName: built.fileName, podcastId: podcast?.id, stored };
}

/**
 * Returns the newest `ready` podcast of a lesson with its audio, or undefined when the lesson
 * has none. A podcast still generating or failed is skipped.
 */
export async function loadLatestPodcast(
  repository: Repository,
  lessonId: string,
): Promise<ExportPodcast | undefined> {
  const podcasts = await repository.listPodcasts(lessonId);
  for (const podcast of podcasts) {
    if (podcast.status !== 'ready') continue;
    const stored = await repository.getPodcastAudio(podcast.id);
    if (!stored) continue;
    return {
      id: podcast.id,
      mimeType: stored.mimeType,
      audio: stored.audio,
      durationMs: podcast.durationMs ?? 0,
      chapters: podcast.chapters,
      showNotes: podcast.showNotes,
      script: podcast.script,
      provider: podcast.provider ?? 'unknown',
    };
  }
  return undefined;
}

/**
 * Returns an export's id: the first 128 bits of the SHA-256 of its HTML laid out as a UUID, so
 * exporting an unchanged lesson again stores nothing new.
 */
export function exportIdFor(html: string): string {
  const hex = createHash('sha256').update(html, 'utf8').digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Returns whether `id` has the shape of an export id (a UUID layout of 32 hex digits). */
export function isExportId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
}
