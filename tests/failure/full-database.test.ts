import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  rmSync,
  statfsSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Lesson } from '@/lib/lessons/types';
import { startApp, type RunningApp } from '../helpers/server';
import { countSqliteLessonRows, postLesson, problemFor, type ErrorBody } from './support';

/**
 * Size of the small file system that contains the database, in MiB. The seeded catalogue takes
 * about 3 MiB in the database and as much again in its write-ahead log, so 16 MiB leaves room to
 * start and to store a few lessons before the test fills the rest.
 */
const FILE_SYSTEM_SIZE_MIB = 16;
/** Lesson requests sent at most after the disk is full; the write-ahead log may absorb a few. */
const MAX_REQUESTS_WHEN_FULL = 50;
/** Size of each write that fills the disk, in bytes; one page, so no free page is left over. */
const FILL_CHUNK_BYTES = 4096;

/**
 * Mounts a tmpfs of `sizeMiB` at `directory` and returns whether it worked. It takes root or
 * CAP_SYS_ADMIN; elsewhere the tests below are skipped.
 */
function mountTmpfs(directory: string, sizeMiB: number): boolean {
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', directory]);
  return result.status === 0;
}

function unmount(directory: string): void {
  const result = spawnSync('umount', [directory], { encoding: 'utf8' });
  if (result.status !== 0) {
    // A lazy unmount detaches it now and frees it once nothing has files open there.
    spawnSync('umount', ['-l', directory]);
  }
}

/** Writes zeros to `path` until the file system has no free block left; returns the bytes. */
function fillFileSystem(path: string): number {
  const file = openSync(path, 'w');
  const chunk = Buffer.alloc(FILL_CHUNK_BYTES);
  let writtenBytes = 0;
  try {
    for (;;) writtenBytes += writeSync(file, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(file);
  }
  return writtenBytes;
}

const directory = mkdtempSync(join(tmpdir(), 'infra-learn-full-'));
const mounted = mountTmpfs(directory, FILE_SYSTEM_SIZE_MIB);
if (!mounted) rmSync(directory, { recursive: true, force: true });

describe.skipIf(!mounted)('app on a full disk', () => {
  const filePath = join(directory, 'app.db');
  const fillerPath = join(directory, 'filler');
  let app: RunningApp | undefined;
  let storedBeforeFull: Lesson;
  const statuses: number[] = [];
  let fullAnswer: { status: number; text: string } | undefined;

  beforeAll(async () => {
    app = await startApp({ DATABASE_URL: `file:${filePath}` });
    const response = await postLesson(app.baseUrl, problemFor(0));
    expect(response.status).toBe(201);
    storedBeforeFull = (await response.json()) as Lesson;

    expect(fillFileSystem(fillerPath)).toBeGreaterThan(0);
    expect(statfsSync(directory).bavail).toBe(0);
    for (let index = 1; index <= MAX_REQUESTS_WHEN_FULL; index += 1) {
      const answer = await postLesson(app.baseUrl, problemFor(index));
      statuses.push(answer.status);
      if (answer.status !== 201) {
        fullAnswer = { status: answer.status, text: await answer.text() };
        break;
      }
      await answer.body?.cancel();
    }
  });
  afterAll(async () => {
    await app?.stop();
    unmount(directory);
    rmSync(directory, { recursive: true, force: true });
  });

  it('answers 507 naming the full database', () => {
    expect(fullAnswer, `answers once the disk was full: ${statuses.join(', ')}`).toBeDefined();
    expect(fullAnswer!.status).toBe(507);
    const body = JSON.parse(fullAnswer!.text) as ErrorBody;
    expect(body.error.code).toBe('DATABASE_FULL');
    expect(body.error.message).toMatch(/^the lesson was not stored: the database is full\b/);
    expect(body.error.message).toContain('Free space');
    expect(fullAnswer!.text).not.toMatch(/SQLITE|INSERT|Failed query|\bat .+:\d+:\d+/);
  });

  it('stores no partial lesson', () => {
    const stored = countSqliteLessonRows(filePath);
    // The first lesson, and each lesson whose request returned 201 before the disk ran out.
    expect(stored.lessons).toBe(1 + statuses.filter((status) => status === 201).length);
    expect(stored.orphans).toBe(0);
    expect(stored.incomplete).toBe(0);
    expect(stored.roles).toBe(stored.lessons * storedBeforeFull.roles.length);
  });

  it('keeps serving stored lessons', async () => {
    const lesson = await fetch(`${app!.baseUrl}/api/lessons/${storedBeforeFull.id}`);
    expect(lesson.status).toBe(200);
    expect(((await lesson.json()) as Lesson).problem).toBe(storedBeforeFull.problem);
    const health = await fetch(`${app!.baseUrl}/api/health`);
    expect(health.status).toBe(200);
  });

  it('stores lessons again once space is freed', async () => {
    unlinkSync(fillerPath);
    const response = await postLesson(app!.baseUrl, problemFor(MAX_REQUESTS_WHEN_FULL + 1));
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as Lesson;
    expect((await fetch(`${app!.baseUrl}/api/lessons/${id}`)).status).toBe(200);

    const database = new Database(filePath, { readonly: true });
    try {
      expect(database.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      database.close();
    }
  });
});
