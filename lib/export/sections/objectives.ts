/** The lesson's objectives in the export. */

import { escapeHtml } from '../escape';

/** Returns the objectives section, or an empty string when the lesson has none. */
export function renderObjectives(objectives: readonly string[]): string {
  if (objectives.length === 0) return '';
  return [
    '<section id="objectives" aria-labelledby="objectives-heading">',
    '<h2 id="objectives-heading">What you will be able to do</h2>',
    renderObjectiveList(objectives),
    '</section>',
  ].join('\n');
}

/** Returns the objectives as a list, which the what-if script swaps for an edited scenario's. */
export function renderObjectiveList(objectives: readonly string[]): string {
  return `<ul>${objectives.map((objective) => `<li>${escapeHtml(objective)}</li>`).join('')}</ul>`;
}
