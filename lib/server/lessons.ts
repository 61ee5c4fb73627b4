import { randomUUID } from 'node:crypto';

import type { Repository } from '../db/repository';
import { generateLesson } from '../lessons/generate';
import type { LessonRequest } from '../lessons/input';
import type { Lesson } from '../lessons/types';
import { getCatalogue } from './catalogue';

/** Lesson ids are UUIDs; anything else cannot name a lesson and is answered with 404. */
export function isLessonId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

/**
 * Generates a lesson from a validated request against the stored catalogue and stores it with
 * its cards and roles in one transaction. Returns the stored lesson.
 */
export async function createLesson(
  repository: Repository,
  request: LessonRequest,
  now: Date = new Date(),
): Promise<Lesson> {
  const concepts = await getCatalogue(repository);
  const lesson = generateLesson(request, { concepts, now, id: randomUUID() });
  await repository.insertLesson(lesson);
  return lesson;
}
