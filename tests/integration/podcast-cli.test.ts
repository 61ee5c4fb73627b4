import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openRepository } from '@/lib/db/client';
import { runCli } from '../helpers/cli';
import { seedExamples } from '../unit/podcast/fixtures';

const workDir = mkdtempSync(join(tmpdir(), 'infra-learn-podcast-cli-'));
const databaseUrl = `file:${join(workDir, 'cli.db')}`;
const env = { DATABASE_URL: databaseUrl };

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('infra-learn podcast', () => {
  let lessonId: string;

  beforeAll(async () => {
    const lesson = await runCli(['lesson', seedExamples[1].problem, '--json'], env);
    expect(lesson.status, lesson.stderr).toBe(0);
    lessonId = (JSON.parse(lesson.stdout) as { id: string }).id;
  }, 120_000);

  it('prints the podcast contract as the only thing on stdout', async () => {
    const result = await runCli(['podcast', lessonId, '--provider', 'stub', '--json'], env);
    expect(result.status, result.stderr).toBe(0);

    const podcast = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(podcast).sort()).toEqual(
      ['chapters', 'durationMs', 'id', 'lessonId', 'provider', 'showNotes'].sort(),
    );
    expect(podcast.lessonId).toBe(lessonId);
    expect(podcast.provider).toBe('stub');
    expect(podcast.durationMs).toBeGreaterThan(60_000);

    const chapters = podcast.chapters as { title: string; startMs: number }[];
    expect(chapters[0]).toEqual({ title: 'Opening', startMs: 0 });
    expect(chapters.at(-1)?.title).toBe('Recap');
    expect(
      chapters.every(
        (chapter, index) => index === 0 || chapter.startMs > chapters[index - 1].startMs,
      ),
    ).toBe(true);

    const showNotes = podcast.showNotes as { concepts: { url: string }[] };
    expect(showNotes.concepts.length).toBeGreaterThanOrEqual(6);
    expect(showNotes.concepts[0].url).toMatch(new RegExp(`^/lessons/${lessonId}#card-c\\d{3}$`));

    expect(result.stderr).toContain('100% stub:');

    const repository = openRepository(databaseUrl);
    try {
      const stored = await repository.getPodcast(podcast.id as string);
      expect(stored?.status).toBe('ready');
      expect(stored?.durationMs).toBe(podcast.durationMs);
      expect((await repository.getPodcastAudio(podcast.id as string))?.mimeType).toBe('audio/mpeg');
    } finally {
      await repository.close();
    }
  }, 180_000);

  it('rejects a lesson id that is not a UUID', async () => {
    const result = await runCli(['podcast', 'lesson-1'], env);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('invalid lesson id "lesson-1": expected a UUID');
  });

  it('rejects an unknown provider', async () => {
    const result = await runCli(['podcast', lessonId, '--provider', 'festival'], env);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'invalid --provider "festival": expected stub, espeak, azure or elevenlabs',
    );
  });

  it('names a lesson that does not exist', async () => {
    const result = await runCli(['podcast', '00000000-0000-4000-8000-000000000000'], env);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'infra-learn: no lesson with id "00000000-0000-4000-8000-000000000000"; create one with: infra-learn lesson "<problem>"',
    );
  });
});
