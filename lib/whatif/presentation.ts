/**
 * Words and groupings of the what-if panel that the lesson page and the offline export both show,
 * so the two read the same: field groups, headline figures, where a value comes from, and how a
 * change is written.
 */

import type { EstimateComparison, HeadlineId } from './compare';
import type { ScenarioFieldId } from './fields';
import type { FieldOrigin, ScenarioField } from './scenario';
import type { ScenarioWarning } from './warnings';

/** Fields in the order the panel groups them: model, hardware, money, reliability, layout. */
export const FIELD_GROUPS: ReadonlyArray<{ title: string; fields: readonly ScenarioFieldId[] }> = [
  { title: 'Model and data', fields: ['parameters', 'tokens', 'mfu'] },
  { title: 'Hardware', fields: ['gpuModel', 'gpuCount'] },
  { title: 'Money', fields: ['pricePerGpuHourUsd', 'budgetUsd'] },
  { title: 'Reliability', fields: ['uptimeTarget', 'mtbfHours', 'checkpointWriteMinutes'] },
  {
    title: 'Parallelism',
    fields: ['zeroStage', 'tensorParallel', 'pipelineParallel', 'dataParallel'],
  },
];

/** The three figures an edit moves most, in the order the panel shows them. */
export const HEADLINES: ReadonlyArray<{ id: HeadlineId; title: string }> = [
  { id: 'memory', title: 'Model states per GPU' },
  { id: 'days', title: 'Training time' },
  { id: 'cost', title: 'Cost' },
];

/** Text of each headline figure, in place of its value, while the layout cannot run. */
export const INVALID_LAYOUT_FIGURE = 'not valid';

/**
 * Returns the sentence the headline shows in place of its changes while the layout cannot run,
 * with the warning that names the fix.
 */
export function invalidLayoutText(warning: Pick<ScenarioWarning, 'message'>): string {
  return `This layout is not valid. ${capitalise(warning.message)}.`;
}

/** Name of the parallelism behind each per-GPU model-state estimate, for the memory headline. */
export const STAGE_NAMES: Readonly<Record<string, string>> = {
  memoryPerGpuDdpBytes: 'plain data parallel',
  memoryPerGpuZero1Bytes: 'ZeRO-1',
  memoryPerGpuZero2Bytes: 'ZeRO-2',
  memoryPerGpuZero3Bytes: 'ZeRO-3',
};

/** Text under a field for each origin of its value. */
export const ORIGIN_TEXT: Readonly<Record<FieldOrigin, string>> = {
  stated: 'From your problem',
  edited: 'Changed',
  assumed: 'Assumed',
  absent: 'Not stated',
};

/** Returns the line under a field: the source of an assumed value, or the origin in words. */
export function originText(field: ScenarioField): string {
  return field.origin === 'assumed' && field.note ? field.note : ORIGIN_TEXT[field.origin];
}

/** Returns the change column of a comparison row: "−5.47 GB (−50%)", or "changed" with no delta. */
export function changeText(
  row: Pick<EstimateComparison, 'deltaText' | 'deltaPercentText'>,
): string {
  if (row.deltaText === '') return 'changed';
  return row.deltaPercentText === '' ? row.deltaText : `${row.deltaText} (${row.deltaPercentText})`;
}

/** Returns `text` with its first character upper-cased, for messages shown as sentences. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
