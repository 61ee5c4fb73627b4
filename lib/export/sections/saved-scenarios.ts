/**
 * Saved scenarios in the export, read-only: each one opens to a side-by-side table of every
 * estimate for the original and the saved scenario, plus the panel's current edit once there is
 * one, with changes and limit markers. The markup and test hooks match the lesson page's.
 */

import type { Analysis } from '../../analysis/types';
import { capitalise, changeText } from '../../whatif/presentation';
import {
  analyseStored,
  compareSideBySide,
  type SavedScenario,
  type ScenarioColumn,
  type SideBySideCell,
  type SideBySideRow,
} from '../../whatif/saved';
import { escapeHtml } from '../escape';
import { renderLimits } from './whatif-figures';

/** A saved scenario as the export carries it: no lesson id, which the file already names. */
export type ExportedScenario = Omit<SavedScenario, 'lessonId'>;

/** Column id of the panel's current edit in a side-by-side table. */
export const CURRENT_COLUMN_ID = 'current';

/**
 * Returns the saved scenarios block, or an empty string when there is none. `current` is the
 * panel's edited analysis, shown as a third column, or undefined while nothing is edited.
 */
export function renderSavedScenarios(
  original: Analysis,
  saved: readonly ExportedScenario[],
  current?: Analysis,
): string {
  if (saved.length === 0) return '';
  const items = saved.map((scenario) =>
    [
      `<li><details class="saved-scenario" data-saved-scenario="${escapeHtml(scenario.id)}">`,
      `<summary><span class="saved-name">${escapeHtml(scenario.name)}</span> <span class="muted">saved ${escapeHtml(scenario.createdAt.slice(0, 10))}</span></summary>`,
      `<p><button type="button" class="button" data-saved-load="${escapeHtml(scenario.id)}">Load into the panel</button></p>`,
      `<div class="table-scroll" data-saved-table>${renderSavedComparison(original, scenario, current)}</div>`,
      '</details></li>',
    ].join(''),
  );
  return [
    '<div class="whatif-saved">',
    `<h3>Saved scenarios (${saved.length})</h3>`,
    '<p class="muted">Scenarios saved with this lesson. Open one to compare it with the original, or load it into the panel to change it further.</p>',
    `<ul class="saved-list">${items.join('')}</ul>`,
    '</div>',
  ].join('\n');
}

/** Returns the side-by-side table of one saved scenario against the original (and `current`). */
export function renderSavedComparison(
  original: Analysis,
  scenario: ExportedScenario,
  current?: Analysis,
): string {
  const columns: ScenarioColumn[] = [
    { id: 'saved', label: scenario.name, analysis: analyseStored(scenario.scenario) },
  ];
  if (current !== undefined) {
    columns.push({ id: CURRENT_COLUMN_ID, label: 'Current edit', analysis: current });
  }
  return renderSideBySide(compareSideBySide(original, columns), columns);
}

/**
 * Returns a side-by-side table: one row per estimate, the original first, then one column per
 * scenario with its change and limits. Test hooks: `data-compare-estimate="<estimate key>"` on each
 * row and `data-column="original"` or the column's id on each cell.
 */
export function renderSideBySide(
  rows: readonly SideBySideRow[],
  columns: readonly Pick<ScenarioColumn, 'id' | 'label'>[],
): string {
  const head = columns.map((column) => `<th scope="col">${escapeHtml(column.label)}</th>`).join('');
  const body = rows.map((row) => {
    const cells = row.cells.map(
      (cell, index) =>
        `<td data-column="${escapeHtml(columns[index].id)}">${renderCell(cell)}</td>`,
    );
    return [
      `<tr data-compare-estimate="${row.key}">`,
      `<th scope="row">${escapeHtml(row.label)}</th>`,
      `<td data-column="original"><span class="mono" data-value>${escapeHtml(row.original.text ?? 'not estimated')}</span>${renderLimits(row.original.limits)}</td>`,
      ...cells,
      '</tr>',
    ].join('');
  });
  return [
    '<table class="side-by-side" data-testid="scenario-comparison">',
    `<caption class="sr-only">${escapeHtml(capitalise(`estimates of the original problem and of ${columns.map((column) => column.label).join(', ')}`))}</caption>`,
    `<thead><tr><th scope="col">Estimate</th><th scope="col">Original</th>${head}</tr></thead>`,
    `<tbody>${body.join('')}</tbody>`,
    '</table>',
  ].join('');
}

function renderCell(cell: SideBySideCell): string {
  const value = `<span class="mono" data-value>${escapeHtml(cell.text ?? 'not estimated')}</span>`;
  const change = cell.changed
    ? `<span class="delta mono" data-delta>${escapeHtml(changeText(cell))}</span>`
    : '';
  return `${value}${change}${renderLimits(cell.limits)}`;
}
