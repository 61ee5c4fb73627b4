'use client';

import { FIELD_SPECS, formatField, type ScenarioFieldId } from '@/lib/whatif/fields';
import { capitalise, originText } from '@/lib/whatif/presentation';
import type { ScenarioField } from '@/lib/whatif/scenario';

export interface WhatIfFieldProps {
  field: ScenarioField;
  /** Text the learner typed, shown instead of the formatted value while present. */
  input: string | undefined;
  error: string | undefined;
  /** A warning that involves this field and others, such as degrees that exceed the GPUs. */
  warning: string | undefined;
  onInput: (id: ScenarioFieldId, raw: string) => void;
}

/**
 * Renders one labelled scenario input with its unit, where its value comes from, and an inline error that
 * names the typed value and the accepted range. Test hook: `data-testid="whatif-<field id>"` on
 * the input or select.
 */
export function WhatIfField({ field, input, error, warning, onInput }: WhatIfFieldProps) {
  const spec = FIELD_SPECS[field.id];
  const inputId = `whatif-input-${field.id}`;
  const helpId = `${inputId}-help`;
  const displayText =
    input ?? (field.value === undefined ? '' : formatField(field.id, field.value));
  const inputClass = `mt-1 w-full rounded border bg-white px-2 py-1 font-mono text-sm dark:bg-slate-900 ${
    error ? 'border-rose-600 dark:border-rose-400' : 'border-slate-300 dark:border-slate-700'
  }`;
  const origin = originText(field);

  return (
    <div data-origin={field.origin}>
      <label htmlFor={inputId} className="block text-sm font-medium">
        {spec.label}
        {spec.unit && <span className="font-normal text-slate-500"> ({spec.unit})</span>}
      </label>
      {spec.input === 'select' ? (
        <select
          id={inputId}
          data-testid={`whatif-${field.id}`}
          value={displayText}
          onChange={(event) => onInput(field.id, event.target.value)}
          aria-describedby={helpId}
          className={inputClass}
        >
          {field.value === undefined && <option value="">Not stated</option>}
          {spec.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={inputId}
          data-testid={`whatif-${field.id}`}
          type="text"
          inputMode={field.id === 'budgetUsd' ? 'text' : 'decimal'}
          autoComplete="off"
          spellCheck={false}
          value={displayText}
          placeholder={spec.optional ? 'none' : ''}
          onChange={(event) => onInput(field.id, event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={helpId}
          className={inputClass}
        />
      )}
      <p id={helpId} className="mt-0.5 text-xs" aria-live="polite">
        {error ? (
          <span
            className="text-rose-700 dark:text-rose-300"
            data-testid={`whatif-${field.id}-error`}
          >
            {capitalise(error)}.
          </span>
        ) : (
          <span
            className={
              field.origin === 'edited'
                ? 'font-medium text-blue-700 dark:text-blue-300'
                : 'text-slate-500 dark:text-slate-400'
            }
          >
            {origin}
          </span>
        )}
        {warning && !error && (
          <span className="block text-amber-700 dark:text-amber-300">{capitalise(warning)}.</span>
        )}
      </p>
    </div>
  );
}
