/**
 * The what-if panel's inputs in the export, with the same labels, units, origins and test hooks
 * as the lesson page's. The file is built with every field at its original value. After an edit
 * the what-if script swaps only each field's help line, so the input being typed in keeps focus.
 */

import { FIELD_SPECS, formatField } from '../../whatif/fields';
import { capitalise, FIELD_GROUPS, originText } from '../../whatif/presentation';
import type { Scenario, ScenarioField } from '../../whatif/scenario';
import type { ScenarioWarning } from '../../whatif/warnings';
import { escapeHtml } from '../escape';

/** A field as the panel shows it: the value, the typed text, and any error or warning. */
export interface FieldView {
  field: ScenarioField;
  /** Text the learner typed, currentText instead of the formatted value while present. */
  input?: string;
  error?: string;
  warning?: string;
}

/** Returns the panel's form: the fields in their groups, at the scenario's values. */
export function renderFieldsForm(scenario: Scenario, warnings: readonly ScenarioWarning[]): string {
  const groups = FIELD_GROUPS.map((group) => {
    const fields = group.fields.map((id) =>
      renderField({
        field: scenario.fields[id],
        warning: warnings.find((warning) => warning.fields.includes(id))?.message,
      }),
    );
    return [
      '<fieldset>',
      `<legend>${escapeHtml(group.title)}</legend>`,
      `<div class="whatif-grid">${fields.join('')}</div>`,
      '</fieldset>',
    ].join('');
  });
  return `<form class="whatif-form" novalidate data-whatif-form>${groups.join('\n')}</form>`;
}

/**
 * Returns one labelled input or select with its unit and help line. Test hook:
 * `data-testid="whatif-<field id>"` on the control, as on the lesson page.
 */
export function renderField(view: FieldView): string {
  const { field } = view;
  const spec = FIELD_SPECS[field.id];
  const inputId = `whatif-input-${field.id}`;
  const helpId = `${inputId}-help`;
  const unit = spec.unit ? ` <span class="unit">(${escapeHtml(spec.unit)})</span>` : '';
  const currentText = displayText(view);
  const common = `id="${inputId}" data-testid="whatif-${field.id}" data-field="${field.id}" aria-describedby="${helpId}"`;

  let control: string;
  if (spec.input === 'select') {
    const options = [
      ...(field.value === undefined ? [{ value: '', label: 'Not stated' }] : []),
      ...(spec.options ?? []),
    ].map(
      (option) =>
        `<option value="${escapeHtml(option.value)}"${option.value === currentText ? ' selected' : ''}>${escapeHtml(option.label)}</option>`,
    );
    control = `<select ${common}>${options.join('')}</select>`;
  } else {
    const inputMode = field.id === 'budgetUsd' ? 'text' : 'decimal';
    const placeholder = spec.optional ? ' placeholder="none"' : '';
    control = `<input ${common} type="text" inputmode="${inputMode}" autocomplete="off" spellcheck="false" value="${escapeHtml(currentText)}"${placeholder}${view.error ? ' aria-invalid="true"' : ''}>`;
  }

  return [
    `<div class="whatif-field" data-origin="${field.origin}">`,
    `<label for="${inputId}">${escapeHtml(spec.label)}${unit}</label>`,
    control,
    `<p id="${helpId}" class="whatif-help" aria-live="polite">${renderFieldHelp(view)}</p>`,
    '</div>',
  ].join('');
}

/**
 * Returns the help line under a field: its error, else where its value comes from, then any
 * warning that involves it. Test hook: `data-testid="whatif-<field id>-error"` on the error.
 */
export function renderFieldHelp({ field, error, warning }: FieldView): string {
  const parts: string[] = [];
  if (error) {
    parts.push(
      `<span class="whatif-error" data-testid="whatif-${field.id}-error">${escapeHtml(capitalise(error))}.</span>`,
    );
  } else {
    const className = field.origin === 'edited' ? 'origin edited' : 'origin';
    parts.push(`<span class="${className}">${escapeHtml(originText(field))}</span>`);
  }
  if (warning && !error) {
    parts.push(`<span class="whatif-warning">${escapeHtml(capitalise(warning))}.</span>`);
  }
  return parts.join('');
}

/** Returns the text a field's control shows: what the learner typed, else the formatted value. */
export function displayText({ field, input }: FieldView): string {
  if (input !== undefined) return input;
  return field.value === undefined ? '' : formatField(field.id, field.value);
}
