/**
 * The what-if panel's figures in the export: the three headline figures and every estimate against
 * the original, with changes and limit markers. The markup and test hooks match the lesson page's
 * `WhatIfHeadline` and `WhatIfResults`.
 */

import type { Analysis } from '../../analysis/types';
import { headlineKeys, type EstimateComparison, type LimitMarker } from '../../whatif/compare';
import {
  capitalise,
  changeText,
  HEADLINES,
  INVALID_LAYOUT_FIGURE,
  invalidLayoutText,
  STAGE_NAMES,
} from '../../whatif/presentation';
import { invalidLayoutWarning } from '../../whatif/warnings';
import { escapeHtml } from '../escape';

/** Shown where an estimate is absent on one side. */
const NOT_ESTIMATED = 'not estimated';

/** Returns the headline figures and the full comparison table, as one block the script swaps. */
export function renderFigures(
  original: Analysis,
  analysis: Analysis,
  comparisons: EstimateComparison[],
): string {
  return [
    renderHeadline(original, analysis, comparisons),
    '<div class="whatif-results">',
    '<h3>Every estimate against the original</h3>',
    `<div class="table-scroll">${renderResults(comparisons)}</div>`,
    '</div>',
  ].join('\n');
}

/**
 * Returns the three headline figures: model states per GPU under the scenario's ZeRO stage,
 * training time and cost, each with the original, the change and any limit crossed. While the
 * layout cannot run, a notice names the fix and each figure reads "not valid" with no change, as
 * on the lesson page. Test hooks: `data-testid="whatif-memory"`, `"whatif-days"`, `"whatif-cost"`
 * with `data-estimate-key`, `data-testid="whatif-<id>-delta"` on the change,
 * `data-testid="whatif-layout-invalid"` on the notice and `data-layout-valid` on the list.
 */
export function renderHeadline(
  original: Analysis,
  analysis: Analysis,
  comparisons: EstimateComparison[],
): string {
  const invalidLayout = invalidLayoutWarning(analysis);
  const figures = HEADLINES.map(({ id, title }) => {
    const { key, originalKey } = headlineKeys(id, original, analysis);
    const row = comparisons.find((comparison) => comparison.key === key);
    const originalRow = comparisons.find((comparison) => comparison.key === originalKey);
    const over = !invalidLayout && (row?.limits.length ?? 0) > 0;
    const stage = id === 'memory' && STAGE_NAMES[key] ? `, ${STAGE_NAMES[key]}` : '';
    let was = '';
    if (invalidLayout) {
      const under = originalKey === key ? '' : ` under ${STAGE_NAMES[originalKey] ?? originalKey}`;
      was = `<span class="was">was ${escapeHtml((originalRow?.originalText ?? NOT_ESTIMATED) + under)}</span>`;
    } else if (originalKey !== key) {
      // The layout moved to another ZeRO stage: compare with the figure the learner saw.
      was = `<span class="was">was ${escapeHtml(originalRow?.originalText ?? NOT_ESTIMATED)} under ${escapeHtml(STAGE_NAMES[originalKey] ?? originalKey)}; the layout that fits now uses ${escapeHtml(STAGE_NAMES[key] ?? key)}</span>`;
    } else if (row?.changed) {
      const delta = row.deltaText
        ? `, <span class="mono" data-testid="whatif-${id}-delta">${escapeHtml(row.deltaText)}${row.deltaPercentText ? ` (${escapeHtml(row.deltaPercentText)})` : ''}</span>`
        : '';
      was = `<span class="was">was ${escapeHtml(row.originalText ?? NOT_ESTIMATED)}${delta}</span>`;
    }
    return [
      `<div class="headline${over ? ' over' : ''}">`,
      `<dt>${escapeHtml(title + stage)}</dt>`,
      '<dd>',
      `<span class="figure mono" data-testid="whatif-${id}" data-estimate-key="${key}">${escapeHtml(invalidLayout ? INVALID_LAYOUT_FIGURE : (row?.editedText ?? NOT_ESTIMATED))}</span>`,
      was,
      row && !invalidLayout ? renderLimits(row.limits) : '',
      '</dd>',
      '</div>',
    ].join('');
  });
  const notice = invalidLayout
    ? `<p class="layout-invalid" data-testid="whatif-layout-invalid">${escapeHtml(invalidLayoutText(invalidLayout))}</p>`
    : '';
  return `${notice}<dl class="whatif-headlines" data-layout-valid="${invalidLayout ? 'false' : 'true'}">${figures.join('')}</dl>`;
}

/**
 * Returns every estimate of the scenario beside the original. Test hooks: each row carries
 * `data-whatif-estimate="<estimate key>"` and `data-changed`, and each cell `data-column`.
 */
export function renderResults(comparisons: EstimateComparison[]): string {
  const rows = comparisons.map((row) =>
    [
      `<tr data-whatif-estimate="${row.key}" data-changed="${row.changed}"${row.changed ? ' class="changed"' : ''}>`,
      `<th scope="row">${escapeHtml(row.label)}</th>`,
      `<td class="mono" data-column="scenario">${escapeHtml(row.editedText ?? NOT_ESTIMATED)}</td>`,
      `<td class="mono muted" data-column="original">${escapeHtml(row.originalText ?? NOT_ESTIMATED)}</td>`,
      `<td class="mono" data-column="change">${row.changed ? escapeHtml(changeText(row)) : '<span class="muted">no change</span>'}</td>`,
      `<td class="limit-cell" data-column="limit">${renderLimits(row.limits)}</td>`,
      '</tr>',
    ].join(''),
  );
  return [
    '<table data-testid="whatif-results">',
    '<caption class="sr-only">Estimates for this scenario against the original problem</caption>',
    '<thead><tr><th scope="col">Estimate</th><th scope="col">Scenario</th><th scope="col">Original</th><th scope="col">Change</th><th scope="col">Limit</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody>`,
    '</table>',
  ].join('');
}

/** Returns the limits an estimate crosses as warning lines. Test hook: `data-limit="<kind>"`. */
export function renderLimits(limits: readonly LimitMarker[]): string {
  if (limits.length === 0) return '';
  const items = limits.map(
    (limit) =>
      `<li data-limit="${limit.kind}"><span aria-hidden="true">▲ </span>${escapeHtml(capitalise(limit.message))}</li>`,
  );
  return `<ul class="limits">${items.join('')}</ul>`;
}
