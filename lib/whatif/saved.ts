/**
 * Saved scenarios: a scenario's plain data kept with its lesson under a name, and the side-by-side
 * comparison of several scenarios with the original, one column per scenario, built from the same
 * `compare` rows the panel shows.
 */

import type { Analysis } from '../analysis/types';
import {
  compare,
  COMPARED_ESTIMATES,
  type EstimateComparison,
  type EstimateKey,
  type LimitMarker,
} from './compare';
import { isEdited, recompute, type Scenario } from './scenario';

/** Maximum length of a scenario name, in characters. */
export const MAX_SCENARIO_NAME_CHARS = 80;

/** A scenario as it is stored: the lesson's stated quantities and the learner's edits. */
export type StoredScenario = Pick<Scenario, 'stated' | 'edits'>;

/** A scenario saved with a lesson. */
export interface SavedScenario {
  id: string;
  lessonId: string;
  name: string;
  scenario: StoredScenario;
  /** ISO 8601 time the scenario was saved. */
  createdAt: string;
}

/** One scenario to compare with the original: a column of the side-by-side table. */
export interface ScenarioColumn {
  id: string;
  label: string;
  analysis: Analysis;
}

/** One scenario's value of an estimate, with its change from the original and limits crossed. */
export interface SideBySideCell {
  /** Formatted value; undefined when the scenario has no such estimate. */
  text: string | undefined;
  changed: boolean;
  /** "+1.20 GB"; empty when nothing changed. */
  deltaText: string;
  /** "+25%"; empty when nothing changed or the original is 0. */
  deltaPercentText: string;
  limits: LimitMarker[];
}

/** One estimate across the original and every compared scenario. */
export interface SideBySideRow {
  key: EstimateKey;
  label: string;
  original: { text: string | undefined; limits: LimitMarker[] };
  /** One cell per column, in column order. */
  cells: SideBySideCell[];
}

/** Returns the analysis of a stored scenario, recomputed with the analyser's own code. */
export function analyseStored(scenario: StoredScenario): Analysis {
  return recompute(scenario);
}

/** Returns whether a stored scenario changes anything against its stated quantities. */
export function storedIsEdited(scenario: StoredScenario): boolean {
  return isEdited({ ...scenario, fields: {} as Scenario['fields'] });
}

/**
 * Compares each column's estimates with the original's, in the analysis panel's order. An
 * estimate that neither the original nor any column has is left out.
 */
export function compareSideBySide(
  original: Analysis,
  columns: readonly ScenarioColumn[],
): SideBySideRow[] {
  const byColumn = columns.map(
    (column) => new Map(compare(original, column.analysis).map((row) => [row.key, row])),
  );
  const rows: SideBySideRow[] = [];
  for (const [key, label] of COMPARED_ESTIMATES) {
    const present = byColumn.map((rowsByKey) => rowsByKey.get(key));
    const first = present.find((row): row is EstimateComparison => row !== undefined);
    if (first === undefined) continue;
    rows.push({
      key,
      label,
      original: { text: first.originalText, limits: first.originalLimits },
      cells: present.map(cellOf),
    });
  }
  return rows;
}

function cellOf(row: EstimateComparison | undefined): SideBySideCell {
  if (row === undefined) {
    return { text: undefined, changed: false, deltaText: '', deltaPercentText: '', limits: [] };
  }
  return {
    text: row.editedText,
    changed: row.changed,
    deltaText: row.deltaText,
    deltaPercentText: row.deltaPercentText,
    limits: row.limits,
  };
}
