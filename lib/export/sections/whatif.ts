/**
 * The what-if panel of the export, built at the lesson's original numbers, and the data the
 * file's what-if script recomputes from. The script (`lib/export/browser/whatif-entry.ts`) runs
 * the same `lib/whatif` code as the lesson page and redraws the panel with the renderers here.
 */

import type { Analysis } from '../../analysis/types';
import type { Lesson } from '../../lessons/types';
import { buildCharts } from '../../whatif/charts';
import { compare } from '../../whatif/compare';
import type { LessonTextSource } from '../../whatif/lesson-text';
import { scenarioFromAnalysis } from '../../whatif/scenario';
import { scenarioWarnings } from '../../whatif/warnings';
import { escapeElementText } from '../escape';
import { renderSavedScenarios, type ExportedScenario } from './saved-scenarios';
import { renderScenarioCharts } from './scenario-charts';
import { renderFieldsForm } from './whatif-fields';
import { renderFigures } from './whatif-figures';

/** Id of the `<template>` that contains `WhatIfExportData` as JSON. */
export const WHATIF_DATA_ID = 'whatif-data';

/** Data the file's what-if script reads: the original analysis, the lesson's text inputs and the saved scenarios. */
export interface WhatIfExportData {
  analysis: Analysis;
  textSource: LessonTextSource;
  saved: ExportedScenario[];
}

/** Returns the script's data for a lesson, with the saved scenarios to compare. */
export function whatIfData(lesson: Lesson, saved: readonly ExportedScenario[]): WhatIfExportData {
  return {
    analysis: lesson.analysis,
    textSource: {
      problemText: [lesson.problem, ...lesson.constraints].join('\n'),
      concepts: lesson.concepts,
      cards: lesson.cards.map((card) => ({
        conceptId: card.conceptId,
        title: card.front.title,
        level: card.front.level,
        domain: card.front.domain,
        tags: card.front.tags,
        summary: card.front.summary,
      })),
    },
    saved: saved.map(({ id, name, createdAt, scenario }) => ({ id, name, createdAt, scenario })),
  };
}

/**
 * Returns the what-if section at the original numbers, followed by its data in a `<template>`,
 * whose content is inert: the browser neither shows nor runs it. Test hooks match the lesson
 * page's: `data-testid="whatif-panel"`, `data-whatif-root`, `data-edited`, `data-text-edited`.
 */
export function renderWhatIfSection(data: WhatIfExportData): string {
  const original = data.analysis;
  const scenario = scenarioFromAnalysis(original);
  const warnings = scenarioWarnings(original);
  const comparisons = compare(original, original);

  return [
    '<section id="whatif" class="whatif" aria-labelledby="whatif-heading" data-testid="whatif-panel" data-whatif-root data-edited="false" data-text-edited="false">',
    '<div class="whatif-top">',
    '<div><h2 id="whatif-heading">What if?</h2>',
    '<p class="muted">Change a number of your problem and every estimate, card and role in this file recomputes here in the browser with the same analyser, with no network.</p></div>',
    '<button type="button" class="button" data-testid="whatif-reset" disabled>Reset to original</button>',
    '</div>',
    renderFieldsForm(scenario, warnings),
    '<p class="whatif-errors" role="status" data-whatif-errors></p>',
    `<div data-whatif-figures>${renderFigures(original, original, comparisons)}</div>`,
    `<div data-whatif-charts>${renderScenarioCharts(buildCharts(original))}</div>`,
    `<div data-whatif-saved>${renderSavedScenarios(original, data.saved)}</div>`,
    '</section>',
    // Only `&`, `<` and `>` need escaping inside a template, so the JSON's quotes stay short.
    `<template id="${WHATIF_DATA_ID}">${escapeElementText(JSON.stringify(data))}</template>`,
  ].join('\n');
}
