import { describe, expect, it } from 'vitest';

import { analyzeProblem } from '@/lib/analysis';
import { generateLesson } from '@/lib/lessons/generate';
import { lessonRequestSchema } from '@/lib/lessons/input';
import { ROLE_IDS } from '@/lib/lessons/types';

import { catalogue, FULL_PROBLEM, noise, NOW } from './fixtures';

const LEARNER_KEY = '6b1f7c2e-9d4a-4e3b-8c5d-2a1b0c9d8e7f';

describe('generateLesson', () => {
  it('stores the request, the analysis and the metadata', () => {
    const lesson = generateLesson(
      { problem: FULL_PROBLEM, learnerKey: LEARNER_KEY },
      { concepts: catalogue, now: NOW, id: 'lesson-1' },
    );
    expect(lesson.id).toBe('lesson-1');
    expect(lesson.problem).toBe(FULL_PROBLEM);
    expect(lesson.constraints).toEqual([]);
    expect(lesson.learnerKey).toBe(LEARNER_KEY);
    expect(lesson.createdAt).toBe('2026-03-01T09:30:00.000Z');
    expect(lesson.analysis).toEqual(analyzeProblem(FULL_PROBLEM, []));
    expect(lesson.cards.map((card) => card.conceptId)).toEqual(
      lesson.concepts.map((concept) => concept.id),
    );
    expect(lesson.roles.map((role) => role.role)).toEqual([...ROLE_IDS]);
  });

  it('is pure: the same input gives the same lesson', () => {
    const options = { concepts: catalogue, now: NOW, id: 'same' };
    const first = generateLesson({ problem: FULL_PROBLEM }, options);
    const second = generateLesson(
      { problem: FULL_PROBLEM },
      { ...options, concepts: [...catalogue] },
    );
    expect(second).toEqual(first);
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
  });

  it('reads constraints like the problem', () => {
    const lesson = generateLesson(
      {
        problem: 'Pre-train a 13B model on 64 H100 GPUs for 260B tokens.',
        constraints: ['budget $20k'],
      },
      { concepts: catalogue, now: NOW, id: 'constrained' },
    );
    expect(lesson.constraints).toEqual(['budget $20k']);
    expect(lesson.analysis.quantities.budgetUsd).toBe(20_000);
    expect(lesson.roles.find((role) => role.role === 'cost-officer')?.view).toContain(
      'against a $20.0k budget: over by',
    );
  });

  it.each([
    [
      'no numbers',
      'Our training keeps crashing at random and we cannot tell why; where do we start?',
    ],
    ['4,000 characters of noise', noise(4000)],
  ])('returns a valid lesson for %s', (_name, problem) => {
    const request = lessonRequestSchema.parse({ problem });
    const lesson = generateLesson(request, { concepts: catalogue, now: NOW, id: 'edge' });
    expect(lesson.concepts.length).toBeGreaterThanOrEqual(6);
    expect(lesson.concepts.length).toBeLessThanOrEqual(8);
    expect(lesson.cards.length).toBe(lesson.concepts.length);
    expect(lesson.objectives.length).toBeGreaterThanOrEqual(3);
    expect(lesson.objectives.length).toBeLessThanOrEqual(6);
    expect(lesson.roles.map((role) => role.role)).toEqual([...ROLE_IDS]);
    expect(lesson.learnerKey).toBeNull();
  });
});
