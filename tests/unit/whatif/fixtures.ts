// Problems the what-if tests edit, and helpers that build a lesson's what-if inputs the way the
// lesson page does.
import { analyzeProblem } from '@/lib/analysis';
import { generateLesson } from '@/lib/lessons/generate';
import type { Lesson } from '@/lib/lessons/types';
import type { LessonTextSource } from '@/lib/whatif/lesson-text';

import { catalogue, NOW, realProblems, seedExamples } from '../lessons/fixtures';

export { catalogue, realProblems, seedExamples };

/** The reference problem: 175B on 256 A100s, 99.9% uptime, a $500k budget. */
export const GPT3_PROBLEM =
  'Design infrastructure to train a 175B parameter GPT model across 256 A100 GPUs with 99.9% uptime and cost under $500k.';

/** Returns the reference problem with another GPU count and model typed in, for round-trip checks. */
export function gpt3With(gpuCount: number, gpu: string): string {
  return `Design infrastructure to train a 175B parameter GPT model across ${gpuCount} ${gpu} GPUs with 99.9% uptime and cost under $500k.`;
}

export const gpt3Analysis = analyzeProblem(GPT3_PROBLEM);

/** Generates a lesson with a fixed clock and id. */
export function lessonFor(problem: string, constraints: string[] = []): Lesson {
  return generateLesson({ problem, constraints }, { concepts: catalogue, now: NOW, id: 'whatif' });
}

/** Builds the text source the lesson page sends to the browser. */
export function textSourceOf(lesson: Lesson): LessonTextSource {
  return {
    problemText: [lesson.problem, ...lesson.constraints].join('\n'),
    concepts: lesson.concepts,
    cards: lesson.cards.map((card) => ({
      conceptId: card.conceptId,
      title: card.front.title,
      level: card.front.level,
      domain: card.front.domain,
      tags: card.front.tags,
      summary: card.front.summary,
    })),
  };
}
