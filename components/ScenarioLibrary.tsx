'use client';

import { useMemo, useState } from 'react';

import { SCENARIO_FIELD_IDS } from '@/lib/whatif/fields';
import {
  analyseStored,
  compareSideBySide,
  type SavedScenario,
  type ScenarioColumn,
} from '@/lib/whatif/saved';

import { ScenarioComparison } from './ScenarioComparison';
import { ScenarioSaveForm } from './ScenarioSaveForm';
import { useWhatIf } from './WhatIfProvider';

export interface ScenarioLibraryProps {
  lessonId: string;
  /** The lesson's saved scenarios when the page was rendered, oldest first. */
  initial: SavedScenario[];
}

/**
 * Renders the scenarios saved with the lesson: a form that saves the panel's scenario, and a list
 * where each one can be compared side by side with the original (and the current edit), loaded
 * into the panel, or deleted. Saving and deleting go through `/api/lessons/[id]/scenarios`. Test
 * hooks: `data-saved-scenario="<id>"` on each item, with buttons `data-saved-compare`,
 * `data-saved-load` and `data-saved-delete`.
 */
export function ScenarioLibrary({ lessonId, initial }: ScenarioLibraryProps) {
  const whatIf = useWhatIf();
  const [saved, setSaved] = useState(initial);
  const [comparedId, setComparedId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const compared = saved.find((scenario) => scenario.id === comparedId);
  const original = whatIf?.original;
  const current = whatIf?.edited ? whatIf.analysis : undefined;
  const table = useMemo(() => {
    if (compared === undefined || original === undefined) return undefined;
    const columns: ScenarioColumn[] = [
      { id: 'saved', label: compared.name, analysis: analyseStored(compared.scenario) },
    ];
    if (current !== undefined) {
      columns.push({ id: 'current', label: 'Current edit', analysis: current });
    }
    return { columns, rows: compareSideBySide(original, columns) };
  }, [compared, original, current]);

  if (whatIf === undefined) return null;
  const hasErrors = SCENARIO_FIELD_IDS.some((id) => whatIf.errors[id] !== undefined);
  const base = `/api/lessons/${encodeURIComponent(lessonId)}/scenarios`;

  const save = async (name: string): Promise<string | null> => {
    const { stated, edits } = whatIf.scenario;
    const result = await sendJson(base, 'POST', { name, scenario: { stated, edits } });
    if (!result.ok) return result.message;
    const created = result.body as SavedScenario;
    setSaved((current) => [...current, created]);
    setComparedId(created.id);
    return null;
  };

  const remove = async (scenario: SavedScenario) => {
    setError(null);
    const result = await sendJson(`${base}/${encodeURIComponent(scenario.id)}`, 'DELETE');
    if (!result.ok) {
      setError(`“${scenario.name}” was not deleted: ${result.message}`);
      return;
    }
    setSaved((current) => current.filter((entry) => entry.id !== scenario.id));
    if (comparedId === scenario.id) setComparedId(null);
  };

  const buttonClass =
    'rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-slate-700 dark:hover:bg-slate-800';

  return (
    <section aria-labelledby="saved-scenarios-heading" className="space-y-3">
      <h3 id="saved-scenarios-heading" className="font-medium">
        Saved scenarios ({saved.length})
      </h3>
      <ScenarioSaveForm canSave={whatIf.edited && !hasErrors} onSave={save} />
      {saved.length > 0 && (
        <ul className="space-y-1 text-sm" data-testid="saved-scenarios">
          {saved.map((scenario) => (
            <li
              key={scenario.id}
              data-saved-scenario={scenario.id}
              className="flex flex-wrap items-center gap-2"
            >
              <span className="font-medium" data-saved-name="">
                {scenario.name}
              </span>
              <span className="text-xs text-slate-500 dark:text-slate-400">
                saved {scenario.createdAt.slice(0, 10)}
              </span>
              <button
                type="button"
                className={buttonClass}
                aria-pressed={comparedId === scenario.id}
                data-saved-compare=""
                onClick={() => setComparedId(comparedId === scenario.id ? null : scenario.id)}
              >
                Compare
              </button>
              <button
                type="button"
                className={buttonClass}
                data-saved-load=""
                onClick={() => whatIf.loadEdits(scenario.scenario.edits)}
              >
                Load into the panel
              </button>
              <button
                type="button"
                className={buttonClass}
                data-saved-delete=""
                aria-label={`Delete “${scenario.name}”`}
                onClick={() => void remove(scenario)}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
      {table && (
        <div className="overflow-x-auto">
          <ScenarioComparison rows={table.rows} columns={table.columns} />
        </div>
      )}
    </section>
  );
}

type SendResult = { ok: true; body: unknown } | { ok: false; message: string };

/** Sends a request with an optional JSON body. Returns the parsed reply or the API's error. */
async function sendJson(url: string, method: string, body?: unknown): Promise<SendResult> {
  try {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (response.ok) return { ok: true, body: parsed };
    const message = (parsed as { error?: { message?: string } } | undefined)?.error?.message;
    return {
      ok: false,
      message: message ?? `the request failed with HTTP status ${response.status}`,
    };
  } catch (caught) {
    return { ok: false, message: `could not reach the server: ${(caught as Error).message}` };
  }
}
