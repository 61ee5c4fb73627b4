import { describe, expect, it } from 'vitest';

import { exportFileName } from '@/lib/export/file-name';

const LESSON_ID = '3f1c2a4e-8b7d-4c6e-9a1b-2d3e4f5a6b7c';

describe('exportFileName', () => {
  it.each([
    ['Train a 175B model on 256 A100s', 'lesson-train-a-175b-model-on-256-a100s.html'],
    ['Café training: naïve ZeRO-3 über alles', 'lesson-cafe-training-naive-zero-3-uber-alles.html'],
    ['"quoted"; rm -rf / <script>', 'lesson-quoted-rm-rf-script.html'],
    ['  spaces\n\tand tabs  ', 'lesson-spaces-and-tabs.html'],
  ])('names %j as %s', (problem, expected) => {
    expect(exportFileName(problem, LESSON_ID)).toBe(expected);
  });

  it('falls back to the lesson id when no letter or digit remains', () => {
    expect(exportFileName('日本語のみ 🚀', LESSON_ID)).toBe('lesson-3f1c2a4e.html');
  });

  it('cuts a long problem at a word, within 60 characters', () => {
    const name = exportFileName(
      'Design infrastructure to train a 175B parameter GPT model across 256 A100 GPUs with 99.9% uptime',
      LESSON_ID,
    );
    expect(name).toBe('lesson-design-infrastructure-to-train-a-175b-parameter-gpt-model.html');
    expect(name.length - 'lesson-.html'.length).toBeLessThanOrEqual(60);
  });

  it('returns only header-safe ASCII', () => {
    const name = exportFileName('Ünïcödé "name"\r\nX-Header: evil', LESSON_ID);
    expect(name).toMatch(/^[a-z0-9-]+\.html$/);
  });
});
