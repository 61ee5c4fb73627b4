/**
 * The exported file's what-if script: the lesson page's scenario panel with no framework and no
 * network. It reads the lesson's analysis and text inputs from the file. On each edit it
 * recomputes every estimate with `lib/whatif`, the analyser's own code. It then redraws the panel,
 * "The numbers", the cards, the objectives and the roles with the renderers that built the file.
 *
 * `scripts/build-export-bundle.ts` bundles it into `lib/export/whatif-bundle.ts`, which the file
 * inlines after the core runtime, under the same CSP hash.
 *
 * Test hooks match the lesson page's, on the panel: `data-edited`, `data-text-edited` (true once
 * the deferred text has caught up with an edit), `data-recompute-ms` (input event to figures
 * drawn, in ms) and `data-recompute-count`. `data-whatif="ready"` on `<html>` marks the start.
 */

import type { Analysis } from '../../analysis/types';
import { buildCharts } from '../../whatif/charts';
import { compare } from '../../whatif/compare';
import { FIELD_SPECS, SCENARIO_FIELD_IDS, type ScenarioFieldId } from '../../whatif/fields';
import { rebuildLessonText } from '../../whatif/lesson-text';
import {
  isEdited,
  recompute,
  resetScenario,
  scenarioFromAnalysis,
  setField,
  withEdits,
  type Scenario,
} from '../../whatif/scenario';
import { rebuildReasons, type SelectionModel } from '../../whatif/selection';
import { scenarioWarnings, type ScenarioWarning } from '../../whatif/warnings';
import { renderSavedComparison } from '../sections/saved-scenarios';
import { renderScenarioCharts } from '../sections/scenario-charts';
import { WHATIF_DATA_ID, type WhatIfExportData } from '../sections/whatif';
import { displayText, renderFieldHelp, type FieldView } from '../sections/whatif-fields';
import { renderFigures } from '../sections/whatif-figures';
import { required, setMarkup } from './dom';
import { createLessonSync } from './lesson-sync';

/** One field's elements in the panel. */
interface FieldElements {
  control: HTMLInputElement | HTMLSelectElement;
  wrapper: Element;
  help: Element;
  /** The help markup last drawn, so an unchanged line is not redrawn. */
  helpHtml: string;
}

start();

function start(): void {
  const root = document.querySelector<HTMLElement>('[data-whatif-root]');
  const source = document.getElementById(WHATIF_DATA_ID);
  if (root === null || !(source instanceof HTMLTemplateElement)) return;
  const data = JSON.parse(source.content.textContent ?? '') as WhatIfExportData;
  const original = data.analysis;
  const { textSource } = data;

  // Reasons depend only on each card's own topics and the analysis signals, so the lesson's cards
  // are enough to rewrite them. Text relevance, which ranks the whole catalogue, plays no part.
  const selectionModel: SelectionModel = {
    concepts: textSource.cards.map(({ conceptId, title, level, domain, tags }) => ({
      id: conceptId,
      title,
      level,
      domain,
      tags,
      prereqIds: [],
    })),
    textScores: {},
  };

  const form = required<HTMLFormElement>(root, '[data-whatif-form]');
  const reset = required<HTMLButtonElement>(root, '[data-testid="whatif-reset"]');
  const errorLine = required<HTMLElement>(root, '[data-whatif-errors]');
  const figures = required<HTMLElement>(root, '[data-whatif-figures]');
  const charts = required<HTMLElement>(root, '[data-whatif-charts]');
  const savedTables = new Map(
    Array.from(root.querySelectorAll('[data-saved-scenario]')).map((details) => [
      details.getAttribute('data-saved-scenario') ?? '',
      required<HTMLElement>(details, '[data-saved-table]'),
    ]),
  );
  const fields = {} as Record<ScenarioFieldId, FieldElements>;
  for (const id of SCENARIO_FIELD_IDS) {
    const control = required<HTMLInputElement | HTMLSelectElement>(form, `[data-field="${id}"]`);
    const help = required<Element>(root, `#whatif-input-${id}-help`);
    fields[id] = { control, wrapper: control.parentElement ?? root, help, helpHtml: '' };
  }
  const lesson = createLessonSync(document, textSource);

  let scenario: Scenario = scenarioFromAnalysis(original);
  let inputs: Partial<Record<ScenarioFieldId, string>> = {};
  let errors: Partial<Record<ScenarioFieldId, string>> = {};
  let shownAnalysis: Analysis = original;
  let figuresHtml = '';
  let pendingFollowers: ReturnType<typeof setTimeout> | undefined;
  let commits = 0;

  /** Draws the fields and the figures in the same task as the edit, as the page commits them. */
  const update = (startedMs: number) => {
    const edited = isEdited(scenario);
    const analysis = edited ? recompute(scenario) : original;
    const warnings = scenarioWarnings(analysis);
    drawFields(warnings);

    const html = renderFigures(original, analysis, compare(original, analysis));
    if (html !== figuresHtml) {
      setMarkup(figures, html);
      figuresHtml = html;
    }
    if (analysis !== shownAnalysis) lesson.showNumbers(edited ? analysis : undefined);
    shownAnalysis = analysis;

    const errorCount = SCENARIO_FIELD_IDS.filter((id) => errors[id] !== undefined).length;
    errorLine.textContent = errorSummary(errorCount);
    reset.disabled = !edited && errorCount === 0;
    root.dataset.edited = edited ? 'true' : 'false';

    commits += 1;
    root.dataset.recomputeMs = (performance.now() - startedMs).toFixed(2);
    root.dataset.recomputeCount = String(commits);

    // Charts, lesson text and the saved comparisons follow in a later task, so typing stays quick.
    if (pendingFollowers !== undefined) clearTimeout(pendingFollowers);
    pendingFollowers = setTimeout(() => drawFollowers(edited ? analysis : undefined), 0);
  };

  const drawFields = (warnings: readonly ScenarioWarning[]) => {
    for (const id of SCENARIO_FIELD_IDS) {
      const elements = fields[id];
      const view: FieldView = {
        field: scenario.fields[id],
        input: inputs[id],
        error: errors[id],
        warning: warnings.find((warning) => warning.fields.includes(id))?.message,
      };
      elements.wrapper.setAttribute('data-origin', view.field.origin);
      const helpHtml = renderFieldHelp(view);
      if (helpHtml !== elements.helpHtml) {
        setMarkup(elements.help, helpHtml);
        elements.helpHtml = helpHtml;
      }
      if (view.error) elements.control.setAttribute('aria-invalid', 'true');
      else elements.control.removeAttribute('aria-invalid');
      if (view.input === undefined) showValue(elements.control, displayText(view));
    }
  };

  const drawFollowers = (edited: Analysis | undefined) => {
    pendingFollowers = undefined;
    const analysis = edited ?? original;
    setMarkup(charts, renderScenarioCharts(buildCharts(analysis)));
    for (const saved of data.saved) {
      const table = savedTables.get(saved.id);
      if (table) setMarkup(table, renderSavedComparison(original, saved, edited));
    }
    lesson.showText(
      edited === undefined
        ? undefined
        : {
            analysis: edited,
            text: rebuildLessonText(textSource, edited),
            reasons: rebuildReasons(
              selectionModel,
              textSource.problemText,
              textSource.concepts,
              original,
              edited,
            ),
          },
    );
    root.dataset.textEdited = edited === undefined ? 'false' : 'true';
  };

  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('input', (event) => {
    const id = (event.target as Element).getAttribute('data-field') as ScenarioFieldId | null;
    if (id === null || !(id in fields)) return;
    const startedMs = performance.now();
    const raw = fields[id].control.value;
    const parsed = FIELD_SPECS[id].parse(raw);
    inputs = { ...inputs, [id]: raw };
    if (parsed.ok) {
      errors = withoutKey(errors, id);
      // A cleared optional field removes the stated target rather than restoring it.
      scenario = setField(scenario, id, parsed.value ?? null);
    } else {
      errors = { ...errors, [id]: parsed.message };
    }
    update(startedMs);
  });
  reset.addEventListener('click', () => {
    const startedMs = performance.now();
    inputs = {};
    errors = {};
    scenario = resetScenario(scenario);
    update(startedMs);
  });
  root.addEventListener('click', (event) => {
    const button = (event.target as Element).closest('[data-saved-load]');
    const saved = data.saved.find((entry) => entry.id === button?.getAttribute('data-saved-load'));
    if (saved === undefined) return;
    const startedMs = performance.now();
    inputs = {};
    errors = {};
    scenario = withEdits(scenario.stated, saved.scenario.edits);
    update(startedMs);
  });

  document.documentElement.setAttribute('data-whatif', 'ready');
}

/** Shows `text` in a control unless it already does, so the caret of a focused field stays put. */
function showValue(control: HTMLInputElement | HTMLSelectElement, text: string): void {
  if (control instanceof HTMLSelectElement) {
    const blank = control.querySelector('option[value=""]');
    if (text !== '' && blank !== null) blank.remove();
    if (text === '' && blank === null) control.prepend(new Option('Not stated', ''));
  }
  if (control.value !== text) control.value = text;
}

function errorSummary(count: number): string {
  if (count === 0) return '';
  const subject = count === 1 ? 'One field does' : `${count} fields do`;
  return `${subject} not parse, so the figures use ${count === 1 ? 'its' : 'their'} last valid value.`;
}

function withoutKey<T extends object>(record: T, key: keyof T): T {
  const copy = { ...record };
  delete copy[key];
  return copy;
}
