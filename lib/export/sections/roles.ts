/** The six expert views of the export as tabs, and where the roles disagree. */

import type { Disagreement, RoleAnalysis } from '../../lessons/types';
import { escapeHtml, toIdFragment } from '../escape';
import { roleTitle } from '../../presentation/labels';

/** Returns the roles section: a tab per role, the first one selected, then the disagreements. */
export function renderRolesSection(roles: RoleAnalysis[], disagreements: Disagreement[]): string {
  const tabs = roles.map((role, index) => {
    const id = toIdFragment(role.role);
    const selected = index === 0;
    return `<button type="button" role="tab" id="role-tab-${id}" aria-selected="${selected}" aria-controls="role-panel-${id}" tabindex="${selected ? 0 : -1}">${escapeHtml(roleTitle(role.role))}</button>`;
  });
  const panels = roles.map((role, index) => {
    const id = toIdFragment(role.role);
    return [
      `<div role="tabpanel" id="role-panel-${id}" aria-labelledby="role-tab-${id}" tabindex="0"${index === 0 ? '' : ' hidden'}>`,
      `<h3 class="role-print-title">${escapeHtml(roleTitle(role.role))}</h3>`,
      `<p>${escapeHtml(role.view)}</p>`,
      renderList('Evidence', role.evidence),
      renderList('Risks', role.risks),
      renderList('Trade-offs', role.tradeoffs),
      renderList('Actions', role.actions),
      '</div>',
    ].join('\n');
  });

  return [
    '<section id="roles" aria-labelledby="roles-heading">',
    '<h2 id="roles-heading">Six expert views</h2>',
    roles.length > 0 ? `<div role="tablist" aria-label="Expert roles">${tabs.join('')}</div>` : '',
    ...panels,
    renderDisagreements(disagreements),
    '</section>',
  ].join('\n');
}

function renderList(title: string, items: string[]): string {
  if (items.length === 0) return '';
  const entries = items.map((item) => `<li>${escapeHtml(item)}</li>`).join('');
  return `<h4>${escapeHtml(title)}</h4><ul>${entries}</ul>`;
}

function renderDisagreements(disagreements: Disagreement[]): string {
  if (disagreements.length === 0) return '';
  const items = disagreements.map((item) =>
    [
      '<li>',
      `<div class="versus">${escapeHtml(roleTitle(item.roles[0]))} vs ${escapeHtml(roleTitle(item.roles[1]))}</div>`,
      `<p>${escapeHtml(item.tension)}</p>`,
      `<p class="muted">Settled by: ${escapeHtml(item.settledBy)}</p>`,
      '</li>',
    ].join(''),
  );
  return [
    '<section class="disagreements" aria-labelledby="disagreements-heading">',
    '<h3 id="disagreements-heading">Where the roles disagree</h3>',
    `<ul>${items.join('')}</ul>`,
    '</section>',
  ].join('\n');
}
