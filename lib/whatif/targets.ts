/**
 * The optional targets of the new-lesson form (budget, timeline, uptime). They are parsed with the
 * what-if panel's field specs, so the form and the panel accept the same text and the same ranges,
 * and each becomes a constraint in words the analyser's problem parser reads back to that value.
 */

import { FIELD_SPECS, TIMELINE_FIELD_SPEC, type FieldSpec } from './fields';

/** The form's target fields, in the order it shows them, named as in `Quantities`. */
export const LESSON_TARGET_IDS = ['budgetUsd', 'timelineDays', 'uptimeTarget'] as const;
export type LessonTargetId = (typeof LESSON_TARGET_IDS)[number];

/** Text typed into each target field. A missing or blank entry states no target. */
export type LessonTargetInputs = Partial<Record<LessonTargetId, string>>;

/** The parser, range and wording of each target field. */
export const LESSON_TARGET_SPECS: Readonly<Record<LessonTargetId, FieldSpec<string>>> = {
  budgetUsd: FIELD_SPECS.budgetUsd,
  timelineDays: TIMELINE_FIELD_SPEC,
  uptimeTarget: FIELD_SPECS.uptimeTarget,
};

/** The targets as constraints, and the error of each field whose text does not parse. */
export interface LessonTargets {
  /** Constraints such as "budget $500000", in field order, or none while any field has an error. */
  constraints: string[];
  errors: Partial<Record<LessonTargetId, string>>;
}

/**
 * Parses the form's target fields. Returns a constraint per filled-in field, such as
 * "budget $500000", "timeline 30 days" or "99.9% uptime", or the error of every field that does
 * not parse, such as `invalid uptime target "40": expected a percentage above 50 and at most 100,
 * such as 99.9, or empty for no target`. The fields' ranges keep each value a plain decimal in
 * JavaScript's shortest form, with no exponent, so the analyser reads back the exact value.
 */
export function parseLessonTargets(inputs: LessonTargetInputs): LessonTargets {
  const constraints: string[] = [];
  const errors: Partial<Record<LessonTargetId, string>> = {};

  for (const id of LESSON_TARGET_IDS) {
    const parsed = LESSON_TARGET_SPECS[id].parse(inputs[id] ?? '');
    if (!parsed.ok) {
      errors[id] = parsed.message;
      continue;
    }
    if (typeof parsed.value === 'number') constraints.push(targetConstraint(id, parsed.value));
  }

  return Object.keys(errors).length > 0 ? { constraints: [], errors } : { constraints, errors };
}

/** Writes one target as a constraint. The value is in quantity units, a fraction for uptime. */
function targetConstraint(id: LessonTargetId, value: number): string {
  switch (id) {
    case 'budgetUsd':
      return `budget $${value}`;
    case 'timelineDays':
      return `timeline ${value} days`;
    case 'uptimeTarget':
      // Twelve significant digits drop the binary noise of the fraction: 0.999 → 99.9, not 99.900000001.
      return `${Number((value * 100).toPrecision(12))}% uptime`;
  }
}
