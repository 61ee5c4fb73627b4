import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

import { formatBytes } from '../../lib/analysis/format';
import type { Repository } from '../../lib/db/repository';
import { produceLessonExport } from '../../lib/export/produce';
import { isLessonId } from '../../lib/server/lessons';
import type { CliOptions } from '../main';
import { printJson, writeStdout } from '../output';
import { UsageError } from '../usage';

/**
 * Writes a stored lesson as one offline HTML file at `--out`, embedding its latest ready podcast,
 * and stores the export. The file is written to a temporary file beside the target and renamed
 * over it, so a failure leaves no half-written file.
 */
export async function exportCommand(
  lessonId: string,
  options: CliOptions,
  openRepository: () => Promise<Repository>,
): Promise<void> {
  if (!isLessonId(lessonId)) {
    throw new UsageError(
      `invalid lesson id "${lessonId.slice(0, 80)}": expected a UUID as printed by the lesson command`,
    );
  }
  if (!options.out)
    throw new UsageError('missing --out <file.html>: the file to write the lesson to');
  const outPath = resolve(options.out);
  await checkWritable(outPath);

  const repository = await openRepository();
  const lesson = await repository.getLesson(lessonId);
  if (!lesson) {
    throw new Error(
      `no lesson with id "${lessonId}"; create one with: infra-learn lesson "<problem>"`,
    );
  }

  const { record, podcastId } = await produceLessonExport(repository, lesson);
  await writeFileAtomically(outPath, record.html);

  const summary = {
    exportId: record.id,
    lessonId,
    out: outPath,
    sizeBytes: record.sizeBytes,
    podcastId: podcastId ?? null,
  };
  if (options.json) return printJson(summary);
  const podcastNote = podcastId ? `with podcast ${podcastId}` : 'no podcast';
  return writeStdout(`wrote ${outPath} (${formatBytes(record.sizeBytes)}, ${podcastNote})\n`);
}

/**
 * Checks that `path` can be created or replaced before any work is done.
 * @throws Error naming the path and the reason when its folder is missing or not writable, or
 *   when the path is a folder.
 */
async function checkWritable(path: string): Promise<void> {
  const folder = dirname(path);
  try {
    const folderStat = await stat(folder);
    if (!folderStat.isDirectory()) throw new Error(`${folder} is not a folder`);
    await access(folder, constants.W_OK);
  } catch (error) {
    throw new Error(`cannot write ${path}: ${describeFsError(error)}`, { cause: error });
  }
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new Error(`cannot write ${path}: it is a folder`);
}

/** Writes `text` to a temporary file beside `path`, then renames it over `path`. */
async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, text, { flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new Error(`cannot write ${path}: ${describeFsError(error)}`, { cause: error });
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'the folder does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  if (code === 'ENOSPC') return 'no space left on the device';
  return error instanceof Error ? error.message : String(error);
}
