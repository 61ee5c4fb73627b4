import { randomUUID } from 'node:crypto';

import type { Repository } from '../db/repository';
import { generateLesson } from '../lessons/generate';
import { lessonJsonBytes } from '../lessons/json';
import type { LessonRequest } from '../lessons/input';
import type { Lesson } from '../lessons/types';
import { getCatalogue } from './catalogue';
import { loadLearnerContext } from './progress';

/** Lesson ids are UUIDs, so any other id gets a 404. */
export function isLessonId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

/**
 * Generates a lesson from a validated request against the stored catalogue and stores it with
 * its cards and roles in one transaction. With a learner key, the learner's weak and mastered
 * concepts at `now` steer the selection. Returns the stored lesson.
 */
export async function createLesson(
  repository: Repository,
  request: LessonRequest,
  now: Date = new Date(),
): Promise<Lesson> {
  const [concepts, learner] = await Promise.all([
    getCatalogue(repository),
    request.learnerKey === undefined
      ? undefined
      : loadLearnerContext(repository, request.learnerKey, now.getTime()),
  ]);
  const lesson = generateLesson(request, { concepts, learner, now, id: randomUUID() });
  await repository.insertLesson(lesson);
  return lesson;
}

/** A lesson as API routes and shared files show it: without the learner key that made it. */
export type PublicLesson = Omit<Lesson, 'learnerKey'>;

/**
 * Removes the learner key, because the key is the only credential for a learner's progress and
 * a lesson link may be shared.
 */
export function toPublicLesson(lesson: Lesson): PublicLesson {
  const { learnerKey: _learnerKey, ...rest } = lesson;
  return rest;
}

/**
 * Returns the UTF-8 JSON of a lesson as API routes send it, without the learner key. The bytes
 * equal `JSON.stringify(toPublicLesson(lesson))`, but card bodies and diagrams, which are most of
 * the ~250 kB, are encoded once per process instead of once per response.
 */
export function publicLessonJson(lesson: Lesson): Uint8Array<ArrayBuffer> {
  return lessonJsonBytes(toPublicLesson(lesson));
}
