/**
 * A what-if scenario: the quantities the problem stated plus the learner's edits, and the
 * editable fields as the estimates use them. A field the problem left open shows the value the
 * analyser assumed (20 tokens per parameter, 40% MFU, the catalogue price, the Llama 3 failure
 * rate, ...), marked as assumed, and follows the other edits until the learner sets it.
 */

import { DEFAULTS } from '../analysis/defaults';
import { computeEstimates } from '../analysis/estimate';
import { findGpu } from '../analysis/gpus';
import type { Analysis, Quantities } from '../analysis/types';
import { SECONDS_PER_MINUTE } from '../analysis/units';
import {
  FIELD_SPECS,
  SCENARIO_FIELD_IDS,
  type ScenarioFieldId,
  type ScenarioValue,
} from './fields';

/**
 * Values set in the panel, in quantity units. `null` removes a stated value (a budget or uptime
 * target the learner clears). A field absent here keeps the problem's value or the default.
 */
export type ScenarioEdits = Partial<Record<ScenarioFieldId, ScenarioValue | null>>;

/**
 * Source of a field's value: the problem text, an edit, a default or derived estimate the
 * analyser used, or none (an optional target the problem does not state).
 */
export type FieldOrigin = 'stated' | 'edited' | 'assumed' | 'absent';

/** One editable field as the estimates use it. */
export interface ScenarioField {
  id: ScenarioFieldId;
  /** Value in quantity units, or undefined when the field is absent. */
  value: ScenarioValue | undefined;
  origin: FieldOrigin;
  /** Source of an assumed value, or the reason an edit has no effect. Empty otherwise. */
  note: string;
}

/**
 * A scenario as plain data, so it can be stored and replayed: the stated quantities and the
 * edits. `fields` is derived from both and recomputed by `setField` and `resetScenario`.
 */
export interface Scenario {
  stated: Quantities;
  edits: ScenarioEdits;
  fields: Record<ScenarioFieldId, ScenarioField>;
}

/** Keys dropped from the stated quantities when a field is edited, because the edit replaces them. */
const REPLACED_BY_EDIT: Partial<Record<ScenarioFieldId, ReadonlyArray<keyof Quantities>>> = {
  // The node count follows the new GPU count (GPUs per node stays), as `resolveInputs` derives it.
  gpuCount: ['nodes'],
  // A job MTBF replaces a per-node MTBF or a per-GPU failure rate.
  mtbfHours: ['mtbfHoursPerNode', 'failuresPerGpuHour'],
};

/** Builds the scenario of an analysis, with no edits: its fields are what the estimates used. */
export function scenarioFromAnalysis(analysis: Analysis): Scenario {
  const stated = { ...analysis.quantities };
  return { stated, edits: {}, fields: describeFields(stated, {}, analysis) };
}

/**
 * Returns a new scenario with field `id` set to `value` (in quantity units), or back to the
 * problem's own value when `value` is undefined. `null` clears an optional field.
 */
export function setField(
  scenario: Scenario,
  id: ScenarioFieldId,
  value: ScenarioValue | null | undefined,
): Scenario {
  const edits: ScenarioEdits = { ...scenario.edits };
  if (value === undefined) delete edits[id];
  else edits[id] = value;
  return withEdits(scenario.stated, edits);
}

/** Returns the scenario with every edit undone. */
export function resetScenario(scenario: Scenario): Scenario {
  return withEdits(scenario.stated, {});
}

/** Returns a scenario of the stated quantities with `edits` applied, its fields recomputed. */
export function withEdits(stated: Quantities, edits: ScenarioEdits): Scenario {
  const scenario: Scenario = { stated, edits, fields: {} as Scenario['fields'] };
  scenario.fields = describeFields(stated, edits, recompute(scenario));
  return scenario;
}

/** Returns whether the scenario changes anything: an edit whose value differs from the stated one. */
export function isEdited(scenario: Scenario): boolean {
  return SCENARIO_FIELD_IDS.some((id) => {
    if (!(id in scenario.edits)) return false;
    const edit = scenario.edits[id];
    return edit === null ? scenario.stated[id] !== undefined : edit !== scenario.stated[id];
  });
}

/**
 * Returns the quantities the estimates run on: the stated ones with each edit applied. An edit
 * that replaces other stated quantities drops them (a new GPU count drops a stated node count).
 */
export function scenarioQuantities(scenario: Pick<Scenario, 'stated' | 'edits'>): Quantities {
  const quantities: Record<string, unknown> = { ...scenario.stated };
  for (const id of SCENARIO_FIELD_IDS) {
    if (!(id in scenario.edits)) continue;
    const edit = scenario.edits[id];
    for (const key of REPLACED_BY_EDIT[id] ?? []) delete quantities[key];
    if (edit === null || edit === undefined) delete quantities[id];
    else quantities[id] = edit;
  }
  return quantities as Quantities;
}

const recomputed = new WeakMap<object, Analysis>();

/**
 * Recomputes every estimate for the scenario with the analyser's own `computeEstimates`, the code
 * `analyzeProblem` runs, and returns the resulting analysis. The notes list the defaults used.
 * Results are cached per scenario object, so calling it twice costs nothing.
 */
export function recompute(scenario: Pick<Scenario, 'stated' | 'edits'>): Analysis {
  const cached = recomputed.get(scenario);
  if (cached !== undefined) return cached;

  const quantities = scenarioQuantities(scenario);
  const { estimates, defaultsApplied } = computeEstimates(quantities);
  const analysis: Analysis = { quantities, estimates, notes: defaultsApplied };
  recomputed.set(scenario, analysis);
  return analysis;
}

/** Describes every field with the value the estimates in `analysis` used and where it came from. */
function describeFields(
  stated: Quantities,
  edits: ScenarioEdits,
  analysis: Analysis,
): Record<ScenarioFieldId, ScenarioField> {
  const quantities = analysis.quantities;
  const fields = {} as Record<ScenarioFieldId, ScenarioField>;
  for (const id of SCENARIO_FIELD_IDS) {
    const value = quantities[id];
    if (value !== undefined) {
      const origin: FieldOrigin = id in edits && edits[id] !== stated[id] ? 'edited' : 'stated';
      fields[id] = { id, value, origin, note: ignoredNote(id, quantities) };
      continue;
    }
    fields[id] = assumedField(id, analysis);
  }
  return fields;
}

/** Returns the value the analyser assumed for a field the quantities leave open. */
function assumedField(id: ScenarioFieldId, analysis: Analysis): ScenarioField {
  const { quantities, estimates } = analysis;
  const gpu = quantities.gpuModel === undefined ? undefined : findGpu(quantities.gpuModel);
  const absent: ScenarioField = { id, value: undefined, origin: 'absent', note: '' };
  const assumed = (value: number | undefined, note: string): ScenarioField =>
    value === undefined || !Number.isFinite(value)
      ? absent
      : { id, value, origin: 'assumed', note };

  switch (id) {
    case 'gpuCount':
      return assumed(
        quantities.nodes !== undefined && quantities.gpusPerNode !== undefined
          ? quantities.nodes * quantities.gpusPerNode
          : undefined,
        'From the stated nodes × GPUs per node',
      );
    case 'tokens':
      return assumed(
        estimates.trainingTokens?.value,
        `Not stated: ${DEFAULTS.tokensPerParameter.value} tokens per parameter (Chinchilla)`,
      );
    case 'mfu':
      return assumed(
        DEFAULTS.mfu.value,
        ignoredNote('mfu', quantities) || 'Not stated: 40%, the low end of large dense runs',
      );
    case 'pricePerGpuHourUsd':
      return assumed(
        gpu?.pricePerGpuHourUsd,
        `Not stated: the ${gpu?.id} reference price (${gpu?.priceAsOf}${gpu?.priceVerified ? '' : ', unverified'})`,
      );
    case 'mtbfHours':
      return assumed(estimates.jobMtbfHours?.value, mtbfNote(quantities));
    case 'checkpointWriteMinutes':
      return assumed(
        estimates.checkpointWriteSeconds === undefined
          ? undefined
          : estimates.checkpointWriteSeconds.value / SECONDS_PER_MINUTE,
        quantities.storageBytesPerSecond !== undefined
          ? 'From the checkpoint size over the stated storage bandwidth'
          : 'Not stated: the checkpoint size over about 0.98 GB/s per node (Llama 3 storage)',
      );
    case 'zeroStage':
      return assumed(
        estimates.parallelismLayout?.value.zeroStage,
        'Not stated: the stage of the layout that fits',
      );
    case 'tensorParallel':
    case 'pipelineParallel':
      return assumed(1, modelParallelNote(id, analysis));
    case 'dataParallel':
      return assumed(
        dataParallelDegree(quantities),
        'Not stated: the GPU count over tensor × pipeline parallel',
      );
    default:
      return absent;
  }
}

/** Returns the reason a stated MFU does not change the training time, or an empty string. */
function ignoredNote(id: ScenarioFieldId, quantities: Quantities): string {
  if (id !== 'mfu') return '';
  if (quantities.throughput !== undefined)
    return 'Training time comes from the stated throughput, so MFU does not change it';
  if (quantities.achievedFlopsPerGpu !== undefined)
    return 'Training time comes from the stated FLOP/s per GPU, so MFU does not change it';
  return '';
}

function mtbfNote(quantities: Quantities): string {
  if (quantities.mtbfHoursPerNode !== undefined)
    return 'From the stated per-node MTBF divided by the node count';
  if (quantities.failuresPerGpuHour !== undefined)
    return 'From the stated failure rate per GPU-hour times the GPU count';
  return 'Not stated: the Llama 3 failure rate per GPU times the GPU count';
}

function modelParallelNote(id: 'tensorParallel' | 'pipelineParallel', analysis: Analysis): string {
  const layout = analysis.estimates.parallelismLayout?.value;
  let suggested: number | undefined;
  if (layout !== undefined) suggested = id === 'tensorParallel' ? layout.tp : layout.pp;
  const base = 'Not stated: 1 in the per-GPU memory figures';
  return suggested === undefined || suggested === 1
    ? base
    : `${base}; the layout that fits uses ${suggested}`;
}

/** Returns the data-parallel degree as the estimators derive it: GPUs / (tp × pp), at least 1. */
function dataParallelDegree(quantities: Quantities): number | undefined {
  const gpuCount =
    quantities.gpuCount ??
    (quantities.nodes !== undefined && quantities.gpusPerNode !== undefined
      ? quantities.nodes * quantities.gpusPerNode
      : undefined);
  if (gpuCount === undefined) return undefined;
  const modelParallel = (quantities.tensorParallel ?? 1) * (quantities.pipelineParallel ?? 1);
  return Math.max(1, Math.floor(gpuCount / modelParallel));
}

/** Returns the label of a field, for messages that name one. */
export function fieldLabel(id: ScenarioFieldId): string {
  return FIELD_SPECS[id].label;
}
