import type { Repository } from '../../lib/db/repository';
import { lessonRequestSchema } from '../../lib/lessons/input';
import { createLesson } from '../../lib/server/lessons';
import type { CliOptions } from '../main';
import { printJson, writeStdout } from '../output';
import { UsageError } from '../usage';

/** Generates and stores a lesson, then prints it (`--json`) or a short summary with its id. */
export async function lessonCommand(
  problem: string,
  options: CliOptions,
  openRepository: () => Promise<Repository>,
): Promise<void> {
  const parsed = lessonRequestSchema.safeParse({
    problem,
    constraints: options.constraint ?? [],
    learnerKey: options.learner,
  });
  if (!parsed.success) throw new UsageError(parsed.error.issues[0].message);

  const lesson = await createLesson(await openRepository(), parsed.data);
  if (options.json) return printJson(lesson);

  const lines = [
    `Lesson ${lesson.id}`,
    '',
    'Concepts:',
    ...lesson.concepts.map((concept) => `  ${concept.id} ${concept.title}: ${concept.reason}`),
    '',
    'Objectives:',
    ...lesson.objectives.map((objective) => `  - ${objective}`),
  ];
  return writeStdout(`${lines.join('\n')}\n`);
}
