/**
 * The editable fields of a what-if scenario: their labels, units, accepted ranges, and the strict
 * parsing of what a learner types into each one. Values are kept in the units of `Quantities`
 * (fractions for MFU and uptime, minutes for the checkpoint write, hours for the MTBF), while the
 * inputs show the units a person types (percent, "175B").
 */

import { GPU_CATALOGUE } from '../analysis/gpus';

/** Quantities a learner can change in the panel, named as in `Quantities`. */
export const SCENARIO_FIELD_IDS = [
  'parameters',
  'tokens',
  'gpuModel',
  'gpuCount',
  'mfu',
  'pricePerGpuHourUsd',
  'budgetUsd',
  'uptimeTarget',
  'mtbfHours',
  'checkpointWriteMinutes',
  'zeroStage',
  'tensorParallel',
  'pipelineParallel',
  'dataParallel',
] as const;
export type ScenarioFieldId = (typeof SCENARIO_FIELD_IDS)[number];

/** The value of a field in quantity units: a GPU catalogue id for `gpuModel`, else a number. */
export type ScenarioValue = number | string;

/** Input kind of a field: free text parsed strictly, or a choice from a fixed list. */
export type FieldInput = 'text' | 'select';

/** One option of a select field. */
export interface FieldOption {
  value: string;
  label: string;
}

/** Result of parsing a field's raw text. `value` undefined means the field was cleared. */
export type FieldParse =
  { ok: true; value: ScenarioValue | undefined } | { ok: false; message: string };

/**
 * Label, unit, accepted range, parser and formatter of one field. `Id` is a what-if field by
 * default, or another quantity typed the same way, such as the new-lesson form's timeline.
 */
export interface FieldSpec<Id extends string = ScenarioFieldId> {
  id: Id;
  /** Label in sentence case, without the unit. */
  label: string;
  /** Name of the field in messages, such as "GPU count" or "budget". */
  name: string;
  /** Unit shown beside the input, as a person types it. */
  unit: string;
  input: FieldInput;
  /** Choices of a select field. */
  options?: readonly FieldOption[];
  /** Whether the field may be empty: a budget or uptime target the problem need not have. */
  optional: boolean;
  /** The accepted values in words, for help text and error messages. */
  accepted: string;
  /** Parses typed text into a value in quantity units. Does not throw (a property test checks this). */
  parse: (raw: string) => FieldParse;
  /**
   * Whether a value in quantity units is in the field's range: the values `parse` can return, for
   * a scenario that arrives as data rather than typed text (a saved scenario).
   */
  accepts: (value: unknown) => boolean;
  /** The accepted values in quantity units, in words, for messages about a value sent as data. */
  valueRange: string;
  /** Formats a value in quantity units as the text the input shows. */
  format: (value: ScenarioValue) => string;
}

/** Most GPUs in one scenario: far beyond any job reported so far, and it keeps sweeps bounded. */
export const MAX_GPU_COUNT = 1_000_000;
/** Largest model or token count accepted: 1e16, a thousand times the largest reported runs. */
const MAX_COUNT = 1e16;
const MAX_PRICE_USD_PER_GPU_HOUR = 1000;
/**
 * Minimum budget accepted, in US dollars. A cent-sized budget teaches nothing, and the bound keeps
 * the budget a plain decimal when it is written back as problem text.
 */
const MIN_BUDGET_USD = 1;
const MAX_BUDGET_USD = 1e13;
const BUDGET_ACCEPTED = `a dollar amount from $${formatSuffixed(MIN_BUDGET_USD)} to $${formatSuffixed(MAX_BUDGET_USD)}, such as 500k or 1.2M, or empty for no budget`;
/** Maximum job MTBF accepted, in hours: about 114 years, beyond any real cluster. */
const MAX_MTBF_HOURS = 1e6;
/** Maximum checkpoint write time accepted: one week, in minutes. */
const MAX_CHECKPOINT_WRITE_MINUTES = 10_080;
/** Minimum timeline accepted, in days: about 15 minutes, so it reads back as a plain decimal. */
const MIN_TIMELINE_DAYS = 0.01;
/** Maximum timeline accepted, in days: 100 years, beyond any training run. */
const MAX_TIMELINE_DAYS = 36_525;
const TIMELINE_RANGE = `a number of days from ${MIN_TIMELINE_DAYS} to ${MAX_TIMELINE_DAYS.toLocaleString('en-US')}`;

/**
 * Lowest uptime target, in percent, that the problem parser reads as one, so a scenario's target
 * survives being written back as problem text.
 */
const MIN_UPTIME_PERCENT = 50;

const SUFFIX_SCALE: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };

/** A plain decimal or scientific number, with an optional k/M/B/T suffix where allowed. */
const NUMBER_TEXT = /^(\d+(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?$/i;
const SUFFIXED_NUMBER_TEXT = /^(\d+(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?\s?([kmbt])?$/i;

/** The catalogue ids offered in the GPU select, in catalogue order. */
export const GPU_OPTIONS: readonly FieldOption[] = Object.values(GPU_CATALOGUE).map((gpu) => ({
  value: gpu.id,
  label: `${gpu.id} (${Math.round(gpu.memoryBytes / 1e9)} GB)`,
}));

const ZERO_OPTIONS: readonly FieldOption[] = [
  { value: '0', label: '0: plain data parallelism (DDP)' },
  { value: '1', label: '1: shard optimizer states' },
  { value: '2', label: '2: shard gradients too' },
  { value: '3', label: '3: shard parameters too' },
];

export const FIELD_SPECS: Readonly<Record<ScenarioFieldId, FieldSpec>> = {
  parameters: countField('parameters', 'Parameters', 'parameter count', 'parameters', 1e6),
  tokens: countField('tokens', 'Training tokens', 'token count', 'tokens', 1e6),
  gpuModel: {
    id: 'gpuModel',
    label: 'GPU model',
    name: 'GPU model',
    unit: '',
    input: 'select',
    options: GPU_OPTIONS,
    optional: false,
    accepted: `one of ${GPU_OPTIONS.map((option) => option.value).join(', ')}`,
    parse: (raw) =>
      GPU_CATALOGUE[raw] === undefined
        ? {
            ok: false,
            message: `invalid GPU model "${raw}": expected one of ${GPU_OPTIONS.map((option) => option.value).join(', ')}`,
          }
        : { ok: true, value: raw },
    accepts: (value) =>
      typeof value === 'string' && Object.prototype.hasOwnProperty.call(GPU_CATALOGUE, value),
    valueRange: `a catalogue id, one of ${GPU_OPTIONS.map((option) => option.value).join(', ')}`,
    format: (value) => String(value),
  },
  gpuCount: wholeField('gpuCount', 'GPU count', 'GPU count', 'GPUs', 'GPUs', MAX_GPU_COUNT),
  mfu: {
    id: 'mfu',
    label: 'MFU',
    name: 'MFU',
    unit: '% of peak',
    input: 'text',
    optional: false,
    accepted: 'a percentage above 0 and at most 100',
    parse: (raw) => {
      const percent = parsePlainNumber(raw);
      // A percentage as small as 5e-324 is above 0 but its fraction rounds to 0, hence the second check.
      if (percent === undefined || percent <= 0 || percent > 100 || percentToFraction(percent) <= 0)
        return invalid('MFU', raw, 'a percentage above 0 and at most 100, such as 40');
      return { ok: true, value: percentToFraction(percent) };
    },
    accepts: (value) => isNumberIn(value, 0, 1, { excludeLow: true }),
    valueRange: 'a fraction above 0 and at most 1, such as 0.4 for 40%',
    format: (value) => trimNumber(Number(value) * 100),
  },
  pricePerGpuHourUsd: {
    id: 'pricePerGpuHourUsd',
    label: 'Price',
    name: 'price',
    unit: 'USD per GPU-hour',
    input: 'text',
    optional: false,
    accepted: `a dollar amount from 0 to ${MAX_PRICE_USD_PER_GPU_HOUR}`,
    parse: (raw) => {
      const usd = parsePlainNumber(raw.replace(/^\$/, ''));
      if (usd === undefined || usd < 0 || usd > MAX_PRICE_USD_PER_GPU_HOUR)
        return invalid(
          'price',
          raw,
          `a dollar amount per GPU-hour from 0 to ${MAX_PRICE_USD_PER_GPU_HOUR}, such as 2.50`,
        );
      return { ok: true, value: usd };
    },
    accepts: (value) => isNumberIn(value, 0, MAX_PRICE_USD_PER_GPU_HOUR),
    valueRange: `a dollar amount per GPU-hour from 0 to ${MAX_PRICE_USD_PER_GPU_HOUR}`,
    format: (value) => trimNumber(Number(value)),
  },
  budgetUsd: {
    id: 'budgetUsd',
    label: 'Budget',
    name: 'budget',
    unit: 'USD',
    input: 'text',
    optional: true,
    accepted: BUDGET_ACCEPTED,
    parse: (raw) => {
      if (raw.trim() === '') return { ok: true, value: undefined };
      const usd = parseSuffixedNumber(raw.replace(/^\s*\$/, '').replaceAll(',', ''));
      if (usd === undefined || usd < MIN_BUDGET_USD || usd > MAX_BUDGET_USD)
        return invalid('budget', raw, BUDGET_ACCEPTED);
      return { ok: true, value: usd };
    },
    accepts: (value) => isNumberIn(value, MIN_BUDGET_USD, MAX_BUDGET_USD),
    valueRange: `a dollar amount from ${MIN_BUDGET_USD} to ${scientific(MAX_BUDGET_USD)}, or null for no budget`,
    format: (value) => formatSuffixed(Number(value)),
  },
  uptimeTarget: {
    id: 'uptimeTarget',
    label: 'Uptime target',
    name: 'uptime target',
    unit: '%',
    input: 'text',
    optional: true,
    accepted: `a percentage above ${MIN_UPTIME_PERCENT} and at most 100, or empty for no target`,
    parse: (raw) => {
      if (raw.trim() === '') return { ok: true, value: undefined };
      const percent = parsePlainNumber(raw.replace(/%\s*$/, ''));
      // The fraction is checked too, because 50.00000000000001% rounds to a fraction of 0.5.
      if (
        percent === undefined ||
        percent > 100 ||
        percentToFraction(percent) <= MIN_UPTIME_PERCENT / 100
      )
        return invalid(
          'uptime target',
          raw,
          `a percentage above ${MIN_UPTIME_PERCENT} and at most 100, such as 99.9, or empty for no target`,
        );
      return { ok: true, value: percentToFraction(percent) };
    },
    accepts: (value) => isNumberIn(value, MIN_UPTIME_PERCENT / 100, 1, { excludeLow: true }),
    valueRange: `a fraction above ${MIN_UPTIME_PERCENT / 100} and at most 1, such as 0.999 for 99.9%, or null for no target`,
    format: (value) => trimNumber(Number(value) * 100),
  },
  mtbfHours: positiveField(
    'mtbfHours',
    'Mean time between failures',
    'MTBF',
    'hours, whole job',
    'hours',
    MAX_MTBF_HOURS,
  ),
  checkpointWriteMinutes: positiveField(
    'checkpointWriteMinutes',
    'Checkpoint write time',
    'checkpoint write time',
    'minutes',
    'minutes',
    MAX_CHECKPOINT_WRITE_MINUTES,
  ),
  zeroStage: {
    id: 'zeroStage',
    label: 'ZeRO stage',
    name: 'ZeRO stage',
    unit: '',
    input: 'select',
    options: ZERO_OPTIONS,
    optional: false,
    accepted: 'a stage from 0 to 3',
    parse: (raw) =>
      /^[0-3]$/.test(raw.trim())
        ? { ok: true, value: Number(raw.trim()) }
        : invalid('ZeRO stage', raw, 'a stage from 0 (plain data parallelism) to 3'),
    accepts: (value) => isWholeIn(value, 0, 3),
    valueRange: 'a whole number from 0 (plain data parallelism) to 3',
    format: (value) => String(value),
  },
  tensorParallel: wholeField(
    'tensorParallel',
    'Tensor parallel',
    'tensor-parallel degree',
    'ways',
    'ways',
    MAX_GPU_COUNT,
  ),
  pipelineParallel: wholeField(
    'pipelineParallel',
    'Pipeline parallel',
    'pipeline-parallel degree',
    'stages',
    'stages',
    MAX_GPU_COUNT,
  ),
  dataParallel: wholeField(
    'dataParallel',
    'Data parallel',
    'data-parallel degree',
    'replicas',
    'replicas',
    MAX_GPU_COUNT,
  ),
};

/**
 * The timeline target of the new-lesson form, in days. The what-if panel has no timeline field,
 * but the form parses this one with the same number rules as the panel's fields.
 */
export const TIMELINE_FIELD_SPEC: FieldSpec<'timelineDays'> = {
  id: 'timelineDays',
  label: 'Timeline',
  name: 'timeline',
  unit: 'days',
  input: 'text',
  optional: true,
  accepted: `${TIMELINE_RANGE}, or empty for no timeline`,
  parse: (raw) => {
    if (raw.trim() === '') return { ok: true, value: undefined };
    const days = parsePlainNumber(raw);
    if (days === undefined || days < MIN_TIMELINE_DAYS || days > MAX_TIMELINE_DAYS)
      return invalid('timeline', raw, `${TIMELINE_RANGE}, such as 30, or empty for no timeline`);
    return { ok: true, value: days };
  },
  accepts: (value) => isNumberIn(value, MIN_TIMELINE_DAYS, MAX_TIMELINE_DAYS),
  valueRange: `${TIMELINE_RANGE}, or null for no timeline`,
  format: (value) => trimNumber(Number(value)),
};

/**
 * Parses `raw` as the value of field `id`. Returns the value in quantity units, or a message
 * such as `invalid GPU count "4k": expected a whole number of GPUs from 1 to 1,000,000`.
 */
export function parseField(id: ScenarioFieldId, raw: string): FieldParse {
  return FIELD_SPECS[id].parse(raw);
}

/** Formats a field's value as its input shows it: 1.75e11 → "175B", 0.4 → "40". */
export function formatField(id: ScenarioFieldId, value: ScenarioValue): string {
  return FIELD_SPECS[id].format(value);
}

/**
 * Checks a value in quantity units, as a saved scenario's edits hold it, against field `id`'s
 * range. `null` clears an optional field. Returns undefined for a valid value, else a message such
 * as `invalid GPU count 0: expected a whole number of GPUs from 1 to 1,000,000`.
 */
export function checkFieldValue(id: ScenarioFieldId, value: unknown): string | undefined {
  const spec = FIELD_SPECS[id];
  if (value === null) {
    return spec.optional
      ? undefined
      : `invalid ${spec.name} null: only an optional field (budget, uptime target) can be cleared`;
  }
  if (spec.accepts(value)) return undefined;
  return `invalid ${spec.name} ${JSON.stringify(value) ?? String(value)}: expected ${spec.valueRange}`;
}

function countField(
  id: ScenarioFieldId,
  label: string,
  name: string,
  noun: string,
  minimum: number,
): FieldSpec {
  const accepted = `a number of ${noun} from ${formatSuffixed(minimum)} to ${formatSuffixed(MAX_COUNT)}, such as 70B or 1.4T`;
  return {
    id,
    label,
    name,
    unit: noun,
    input: 'text',
    optional: false,
    accepted,
    parse: (raw) => {
      const count = parseSuffixedNumber(raw.replaceAll(',', ''));
      if (count === undefined || count < minimum || count > MAX_COUNT)
        return invalid(name, raw, accepted);
      return { ok: true, value: count };
    },
    accepts: (value) => isNumberIn(value, minimum, MAX_COUNT),
    valueRange: `a number of ${noun} from ${scientific(minimum)} to ${scientific(MAX_COUNT)}`,
    format: (value) => formatSuffixed(Number(value)),
  };
}

function wholeField(
  id: ScenarioFieldId,
  label: string,
  name: string,
  unit: string,
  noun: string,
  maximum: number,
): FieldSpec {
  const accepted = `a whole number of ${noun} from 1 to ${maximum.toLocaleString('en-US')}`;
  return {
    id,
    label,
    name,
    unit,
    input: 'text',
    optional: false,
    accepted,
    accepts: (value) => isWholeIn(value, 1, maximum),
    valueRange: accepted,
    parse: (raw) => {
      const text = raw.trim().replaceAll(',', '');
      const count = /^\d+$/.test(text) ? Number(text) : undefined;
      if (count === undefined || count < 1 || count > maximum) return invalid(name, raw, accepted);
      return { ok: true, value: count };
    },
    format: (value) => String(value),
  };
}

function positiveField(
  id: ScenarioFieldId,
  label: string,
  name: string,
  unit: string,
  noun: string,
  maximum: number,
): FieldSpec {
  const accepted = `a number of ${noun} above 0 and at most ${maximum.toLocaleString('en-US')}`;
  return {
    id,
    label,
    name,
    unit,
    input: 'text',
    optional: false,
    accepted,
    accepts: (value) => isNumberIn(value, 0, maximum, { excludeLow: true }),
    valueRange: accepted,
    parse: (raw) => {
      const value = parsePlainNumber(raw);
      if (value === undefined || value <= 0 || value > maximum) return invalid(name, raw, accepted);
      return { ok: true, value };
    },
    format: (value) => trimNumber(Number(value)),
  };
}

/** Returns whether `value` is a finite number from `low` to `high` (above `low` with `excludeLow`). */
function isNumberIn(
  value: unknown,
  low: number,
  high: number,
  { excludeLow = false }: { excludeLow?: boolean } = {},
): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  return (excludeLow ? value > low : value >= low) && value <= high;
}

/** Writes a power of ten as JSON would accept it: 1e16 → "1e16". */
function scientific(value: number): string {
  return value.toExponential().replace('e+', 'e');
}

/** Returns whether `value` is a whole number from `low` to `high`. */
function isWholeIn(value: unknown, low: number, high: number): value is number {
  return Number.isInteger(value) && (value as number) >= low && (value as number) <= high;
}

/** Builds the error for a value that does not parse: `invalid <name> "<raw>": expected <form>`. */
function invalid(name: string, raw: string, expected: string): FieldParse {
  return { ok: false, message: `invalid ${name} "${raw}": expected ${expected}` };
}

/** Converts a percentage to a fraction as the problem parser does: 99.9 → 0.999, not 0.9990000000000001. */
function percentToFraction(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}

/** Reads "40", "2.5" or "1e3". Returns undefined for anything else, including "" and "4k". */
function parsePlainNumber(raw: string): number | undefined {
  const match = NUMBER_TEXT.exec(raw.trim());
  if (match === null) return undefined;
  const value = Number(match[0]);
  return Number.isFinite(value) ? value : undefined;
}

/** Reads "175B", "1.4T", "500k", "7e9" or "70000000000". Suffixes are decimal (B = 1e9). */
function parseSuffixedNumber(raw: string): number | undefined {
  const match = SUFFIXED_NUMBER_TEXT.exec(raw.trim());
  if (match === null) return undefined;
  const base = Number(match[1]) * 10 ** Number(match[2] ?? 0);
  const value = base * (match[3] === undefined ? 1 : SUFFIX_SCALE[match[3].toLowerCase()]);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Formats a count with a k/M/B/T suffix and up to four significant digits, so that the input
 * text parses back to the same value for any value a learner typed: 1.75e11 → "175B".
 */
function formatSuffixed(value: number): string {
  const scales: ReadonlyArray<[number, string]> = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [scale, suffix] of scales) {
    if (Math.abs(value) >= scale) return `${trimNumber(value / scale)}${suffix}`;
  }
  return trimNumber(value);
}

/** Prints a number with at most four significant digits and no trailing zeros: 2.350 → "2.35". */
function trimNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}
