/** The analysis panel of the export: the stated quantities, then each estimate with its working. */

import { formatEstimate } from '../../analysis/format';
import type { Analysis, Estimate } from '../../analysis/types';
import { escapeHtml } from '../escape';
import { describeQuantity, ESTIMATE_LABELS } from '../../presentation/labels';

/**
 * Returns the "The numbers" section for an analysis. With `scenario`, a note states that the
 * figures are the learner's what-if scenario, as the what-if script renders them after an edit.
 */
export function renderAnalysisSection(
  analysis: Analysis,
  { scenario = false }: { scenario?: boolean } = {},
): string {
  const estimates = analysis.estimates as Record<string, Estimate<unknown> | undefined>;
  const rows = ESTIMATE_LABELS.filter(([key]) => estimates[key]);
  const quantities = Object.entries(analysis.quantities);
  const parts: string[] = [
    '<section id="numbers" aria-labelledby="numbers-heading">',
    '<h2 id="numbers-heading">The numbers</h2>',
  ];
  if (scenario) {
    parts.push(
      '<p class="whatif-note" data-whatif-note>Showing your what-if scenario. Reset it in the What if? panel to see the problem as stated.</p>',
    );
  }

  if (quantities.length > 0) {
    parts.push('<dl class="quantities">');
    for (const [key, value] of quantities) {
      const [label, text] = describeQuantity(key, value);
      parts.push(
        `<div data-quantity="${escapeHtml(key)}"><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(text)}</dd></div>`,
      );
    }
    parts.push('</dl>');
  } else {
    parts.push(
      '<p class="muted">The problem states no numbers the analyser could read, so the lesson is chosen by its text.</p>',
    );
  }

  if (rows.length > 0) {
    parts.push(
      '<table data-testid="estimates"><thead><tr><th scope="col">Estimate</th><th scope="col">Value</th><th scope="col">How</th></tr></thead><tbody>',
    );
    for (const [key, label] of rows) parts.push(renderEstimateRow(key, label, estimates[key]!));
    parts.push('</tbody></table>');
  }

  if (analysis.notes.length > 0) {
    parts.push(
      `<details class="notes"><summary>Notes from the analyser (${analysis.notes.length})</summary><ul>`,
      ...analysis.notes.map((note) => `<li>${escapeHtml(note)}</li>`),
      '</ul></details>',
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

function renderEstimateRow(key: string, label: string, estimate: Estimate<unknown>): string {
  const working = [
    ...estimate.assumptions.map((assumption) => `<li>${escapeHtml(assumption)}</li>`),
    `<li>Source: ${escapeHtml(estimate.source)}</li>`,
  ].join('');
  return [
    `<tr data-estimate="${escapeHtml(key)}">`,
    `<th scope="row">${escapeHtml(label)}</th>`,
    `<td class="value">${escapeHtml(formatEstimate(estimate))}</td>`,
    `<td><details><summary>${escapeHtml(estimate.formula)}</summary><ul>${working}</ul></details></td>`,
    '</tr>',
  ].join('');
}
