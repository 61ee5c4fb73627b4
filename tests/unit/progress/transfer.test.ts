import { describe, expect, it } from 'vitest';

import { computeRating } from '@/lib/progress/rate';
import {
  buildProgressFile,
  parseProgressFile,
  PROGRESS_FILE_FORMAT,
  PROGRESS_FILE_VERSION,
  type ProgressFile,
} from '@/lib/progress/transfer';
import type { ConceptProgress, ReviewLogEntry } from '@/lib/progress/types';

const NOW_MS = Date.parse('2026-05-01T08:00:00.000Z');
const KNOWN = new Set(['c001', 'c002', 'c003']);

function sampleData(): { progress: ConceptProgress[]; logs: ReviewLogEntry[] } {
  const first = computeRating(
    {
      concept: { id: 'c003', level: 'advanced', prereqIds: ['c001', 'c002'] },
      rating: 'again',
      source: 'quiz',
      quizScore: 0.25,
      nowMs: NOW_MS,
    },
    new Map(),
  );
  return { progress: first.progress, logs: first.logs };
}

function sampleFile(): ProgressFile {
  const { progress, logs } = sampleData();
  return JSON.parse(JSON.stringify(buildProgressFile(progress, logs, NOW_MS))) as ProgressFile;
}

describe('progress file', () => {
  it('round-trips rows and log through JSON', () => {
    const { progress, logs } = sampleData();
    const file = sampleFile();
    expect(file.format).toBe(PROGRESS_FILE_FORMAT);
    expect(file.version).toBe(PROGRESS_FILE_VERSION);
    expect(file.progress[0].card.due).toBe('2026-05-01T08:01:00.000Z');

    const result = parseProgressFile(file, KNOWN);
    expect(result).toEqual({ ok: true, change: { progress, logs } });
  });

  it.each([
    [
      'a file of another format',
      (file: ProgressFile) => ({ ...file, format: 'anki' }),
      'format',
      /not a progress export/,
    ],
    [
      'a newer version',
      (file: ProgressFile) => ({ ...file, version: 2 }),
      'version',
      /unsupported version 2/,
    ],
    [
      'an unknown concept',
      (file: ProgressFile) => ({ ...file, progress: [{ ...file.progress[0], conceptId: 'c404' }] }),
      'progress[0].conceptId',
      /unknown concept "c404"/,
    ],
    [
      'a concept twice',
      (file: ProgressFile) => ({ ...file, progress: [file.progress[0], file.progress[0]] }),
      'progress[1].conceptId',
      /appears twice/,
    ],
    [
      'a bad due time',
      (file: ProgressFile) => ({
        ...file,
        progress: [{ ...file.progress[0], card: { ...file.progress[0].card, due: 'tomorrow' } }],
      }),
      'progress[0].card.due',
      /expected an ISO 8601 time/,
    ],
    [
      'more lapses than reviews',
      (file: ProgressFile) => ({
        ...file,
        progress: [{ ...file.progress[0], card: { ...file.progress[0].card, lapses: 9 } }],
      }),
      'progress[0].card.lapses',
      /lapses \(9\) exceed reps \(1\)/,
    ],
    [
      'a credit entry under an own source',
      (file: ProgressFile) => ({
        ...file,
        reviewLogs: [file.reviewLogs[0], { ...file.reviewLogs[1], source: 'review' }],
      }),
      'reviewLogs[1].source',
      /does not match a detail of kind "credit"/,
    ],
  ] as const)('rejects %s', (_case, edit, path, message) => {
    const result = parseProgressFile(edit(sampleFile()), KNOWN);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0].path).toBe(path);
    expect(result.problems[0].message).toMatch(message);
  });

  it('reports every problem, at most ten', () => {
    const file = sampleFile();
    const entries = Array.from({ length: 12 }, (_unused, index) => ({
      ...file.progress[0],
      conceptId: `c${500 + index}`,
    }));
    const result = parseProgressFile({ ...file, progress: entries }, KNOWN);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problemCount).toBe(12);
    expect(result.problems).toHaveLength(10);
  });

  it('rejects something that is not an object', () => {
    const result = parseProgressFile([1, 2], KNOWN);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0].path).toBe('file');
  });

  it('recomputes statuses from the cards', () => {
    const file = sampleFile();
    file.progress[0].status = 'mastered';
    const result = parseProgressFile(file, KNOWN);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.change.progress[0].status).toBe('learning');
  });
});
