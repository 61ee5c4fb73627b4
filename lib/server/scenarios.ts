/**
 * Saved what-if scenarios behind `/api/lessons/[id]/scenarios`: the request schema, checked
 * against the what-if fields' own ranges, and saving, listing and deleting through the
 * repository. Lessons are shared by id, so a scenario needs no learner key, as the lesson does not.
 */

import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';

import { z } from 'zod';

import type { Repository } from '../db/repository';
import type { Lesson } from '../lessons/types';
import { checkFieldValue, SCENARIO_FIELD_IDS, type ScenarioFieldId } from '../whatif/fields';
import type { ScenarioEdits } from '../whatif/scenario';
import { MAX_SCENARIO_NAME_CHARS, storedIsEdited, type SavedScenario } from '../whatif/saved';
import { ApiError } from './http';
import { isLessonId } from './lessons';

/**
 * Maximum number of scenarios one lesson keeps. Anyone with a lesson's link may save to it, so the
 * cap bounds what one link can store. 50 is far more than a learner compares at once.
 */
export const MAX_SCENARIOS_PER_LESSON = 50;

const editsShape = Object.fromEntries(
  SCENARIO_FIELD_IDS.map((id) => [
    id,
    z
      .unknown()
      .check((context) => {
        const problem = checkFieldValue(id, context.value);
        if (problem !== undefined) {
          context.issues.push({ code: 'custom', input: context.value, message: problem });
        }
      })
      .optional(),
  ]),
) as Record<ScenarioFieldId, z.ZodOptional<z.ZodUnknown>>;

const editsSchema = z.strictObject(editsShape, {
  error: (issue) =>
    issue.code === 'unrecognized_keys'
      ? `unknown field ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}: expected fields among ${SCENARIO_FIELD_IDS.join(', ')}`
      : `expected an object of field values, got ${describeValue(issue.input)}`,
});

const nameSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? `name is missing: expected 1 to ${MAX_SCENARIO_NAME_CHARS} characters`
        : `name must be a string, got ${describeValue(issue.input)}`,
  })
  .trim()
  .check((context) => {
    const length = [...context.value].length;
    if (length >= 1 && length <= MAX_SCENARIO_NAME_CHARS) return;
    context.issues.push({
      code: 'custom',
      input: context.value,
      message: `name must be 1 to ${MAX_SCENARIO_NAME_CHARS} characters, got ${length}`,
    });
  });

/**
 * Body of `POST /api/lessons/[id]/scenarios`: a name and a scenario's plain data. `edits` contains
 * values in quantity units (fractions for MFU and uptime, as `lib/whatif` keeps them), each checked
 * against its field's range. `stated`, when sent, must be the lesson's own stated quantities, which
 * the server stores either way.
 */
export const scenarioRequestSchema = z.strictObject(
  {
    name: nameSchema,
    scenario: z.strictObject(
      {
        stated: z
          .record(z.string(), z.unknown(), {
            error: (issue) =>
              `expected the lesson's quantities as an object, got ${describeValue(issue.input)}`,
          })
          .optional(),
        edits: editsSchema,
      },
      {
        error: (issue) =>
          issue.code === 'unrecognized_keys'
            ? `unknown field ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}: a scenario has only stated and edits`
            : `expected { stated, edits }, got ${describeValue(issue.input)}`,
      },
    ),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}: a request has only name and scenario`
        : `scenario request must be an object, got ${describeValue(issue.input)}`,
  },
);

export type ScenarioRequest = z.infer<typeof scenarioRequestSchema>;

/** Saved scenario ids are UUIDs, so any other id gets a 404. */
export function isScenarioId(id: string): boolean {
  return isLessonId(id);
}

/**
 * Returns the form of a scenario name that two names share when they count as the same: trimmed,
 * in Unicode NFC, and case-folded. Upper-casing before lower-casing folds "ß" into "ss" and a
 * final sigma into "σ", as Unicode full case folding does, which `toLowerCase` alone misses.
 */
export function scenarioNameKey(name: string): string {
  return name.trim().normalize('NFC').toUpperCase().toLowerCase();
}

/**
 * Saves a scenario with its lesson and returns it. The stored `stated` is the lesson's own.
 * @throws ApiError 404 for an unknown lesson, 400 for a scenario that does not belong to the lesson
 *   or changes nothing, 409 when the lesson already has a scenario of the same name (as
 *   `scenarioNameKey` compares them) or has `MAX_SCENARIOS_PER_LESSON`.
 */
export async function saveLessonScenario(
  repository: Repository,
  lessonId: string,
  request: ScenarioRequest,
  now: Date = new Date(),
): Promise<SavedScenario> {
  const lesson = await requireLesson(repository, lessonId);
  const stated = lesson.analysis.quantities;
  if (
    request.scenario.stated !== undefined &&
    !isDeepStrictEqual(request.scenario.stated, stated)
  ) {
    throw new ApiError(
      400,
      'INVALID_INPUT',
      "scenario.stated: does not match the lesson's stated quantities; send the lesson's analysis.quantities or leave stated out",
      'scenario.stated',
    );
  }
  const edits = request.scenario.edits as ScenarioEdits;
  if (!storedIsEdited({ stated, edits })) {
    throw new ApiError(
      400,
      'INVALID_INPUT',
      "scenario.edits: changes no value of the lesson's problem; edit a field before saving",
      'scenario.edits',
    );
  }

  const saved: SavedScenario = {
    id: randomUUID(),
    lessonId,
    name: request.name,
    scenario: { stated, edits },
    createdAt: now.toISOString(),
  };
  // The repository runs these checks and the insert as one step per lesson, so two saves at
  // once can neither share a name nor pass the cap together.
  await repository.insertLessonScenario(saved, (stored) => {
    const key = scenarioNameKey(saved.name);
    const existing = stored.find((scenario) => scenarioNameKey(scenario.name) === key);
    if (existing) throw duplicateName(saved.name, existing.name);
    if (stored.length >= MAX_SCENARIOS_PER_LESSON) {
      throw new ApiError(
        409,
        'TOO_MANY_SCENARIOS',
        `the lesson already has ${MAX_SCENARIOS_PER_LESSON} saved scenarios; delete one before saving another`,
      );
    }
  });
  return saved;
}

function duplicateName(name: string, storedName: string): ApiError {
  return new ApiError(
    409,
    'DUPLICATE_SCENARIO_NAME',
    `name "${name}" is taken: the lesson already has a saved scenario named "${storedName}", and ` +
      'names that differ only in case or surrounding spaces count as the same. Choose another ' +
      `name, or delete "${storedName}" first`,
    'name',
  );
}

/** Returns a lesson's saved scenarios, oldest first. @throws ApiError 404 for an unknown lesson. */
export async function listSavedScenarios(
  repository: Repository,
  lessonId: string,
): Promise<SavedScenario[]> {
  await requireLesson(repository, lessonId);
  return repository.listLessonScenarios(lessonId);
}

/**
 * Deletes one saved scenario of a lesson.
 * @throws ApiError 404 for an unknown lesson or a scenario the lesson does not have.
 */
export async function deleteSavedScenario(
  repository: Repository,
  lessonId: string,
  scenarioId: string,
): Promise<void> {
  await requireLesson(repository, lessonId);
  const deleted = isScenarioId(scenarioId)
    ? await repository.deleteLessonScenario(lessonId, scenarioId)
    : false;
  if (!deleted) {
    throw new ApiError(
      404,
      'NOT_FOUND',
      `lesson "${lessonId}" has no saved scenario "${scenarioId.slice(0, 80)}"`,
    );
  }
}

async function requireLesson(repository: Repository, lessonId: string): Promise<Lesson> {
  const lesson = isLessonId(lessonId) ? await repository.getLesson(lessonId) : undefined;
  if (lesson === undefined) {
    throw new ApiError(404, 'NOT_FOUND', `no lesson with id "${lessonId.slice(0, 80)}"`);
  }
  return lesson;
}

/** Describes a rejected value for a message: its type, or the quoted text of a short string. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length <= 40 ? JSON.stringify(value) : 'a string';
  return typeof value;
}
