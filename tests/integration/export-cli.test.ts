import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openRepository } from '@/lib/db/client';
import { runCli } from '../helpers/cli';
import { REFERENCE_PROBLEM } from '../unit/export/lesson-fixtures';

const UNKNOWN_LESSON_ID = '00000000-0000-4000-8000-000000000000';

describe('infra-learn export', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'infra-learn-export-cli-'));
  const env = { DATABASE_URL: `file:${join(workDir, 'cli.db')}` };
  let lessonId: string;

  beforeAll(async () => {
    const created = await runCli(['lesson', REFERENCE_PROBLEM, '--json'], env);
    expect(created.status).toBe(0);
    lessonId = (JSON.parse(created.stdout) as { id: string }).id;
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('writes the lesson as one HTML file and stores the export', async () => {
    const out = join(workDir, 'lesson.html');
    writeFileSync(out, 'an older file that the export replaces');
    const result = await runCli(['export', lessonId, '--out', out], env);

    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`^wrote ${out} \\(\\d+(\\.\\d+)? kB, no podcast\\)\\n$`),
    );
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.includes(`lesson ${lessonId}`)).toBe(true);
    expect(readdirSync(workDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    const repository = openRepository(env.DATABASE_URL);
    try {
      const [stored] = await repository.listExports(lessonId);
      expect(stored.sizeBytes).toBe(Buffer.byteLength(html));
    } finally {
      await repository.close();
    }
  });

  it('prints a JSON summary with --json', async () => {
    const out = join(workDir, 'summary.html');
    const result = await runCli(['export', lessonId, '--out', out, '--json'], env);
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ lessonId, out, podcastId: null });
    expect(summary.sizeBytes).toBe(readFileSync(out).length);
  });

  it('fails in one line for an unknown lesson and writes nothing', async () => {
    const out = join(workDir, 'unknown.html');
    const result = await runCli(['export', UNKNOWN_LESSON_ID, '--out', out], env);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `infra-learn: no lesson with id "${UNKNOWN_LESSON_ID}"; create one with: infra-learn lesson "<problem>"`,
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [
      'a missing folder',
      (dir: string) => join(dir, 'missing', 'lesson.html'),
      'the folder does not exist',
    ],
    ['a folder', (dir: string) => dir, 'it is a folder'],
    [
      'a path under a file',
      (dir: string) => join(dir, 'plain-file', 'lesson.html'),
      'is not a folder',
    ],
  ])('fails in one line for %s', async (_name, outOf, reason) => {
    const dir = mkdtempSync(join(workDir, 'unwritable-'));
    writeFileSync(join(dir, 'plain-file'), 'x');
    const out = outOf(dir);
    const result = await runCli(['export', lessonId, '--out', out], env);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`infra-learn: cannot write ${out}: `);
    expect(lines[0]).toContain(reason);
    expect(readdirSync(dir)).toEqual(['plain-file']);
  });

  it('asks for --out with the usage', async () => {
    const result = await runCli(['export', lessonId], env);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^infra-learn: missing --out <file.html>: the file to write the lesson to\n/,
    );
    expect(result.stderr).toContain('Usage: infra-learn <command>');
  });

  it('rejects a lesson id that is not a UUID', async () => {
    const folder = join(workDir, 'ids');
    mkdirSync(folder, { recursive: true });
    const result = await runCli(['export', 'lesson-1', '--out', join(folder, 'x.html')], env);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('invalid lesson id "lesson-1": expected a UUID');
    expect(readdirSync(folder)).toEqual([]);
  });
});
