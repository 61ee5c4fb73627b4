'use client';

import { useState, type FormEvent } from 'react';

import { MAX_SCENARIO_NAME_CHARS } from '@/lib/whatif/saved';

export interface ScenarioSaveFormProps {
  /** Whether the panel contains a scenario worth saving: edited, with every field valid. */
  canSave: boolean;
  /** Saves the scenario under `name`. Resolves to an error message, or to null on success. */
  onSave: (name: string) => Promise<string | null>;
}

/**
 * Renders the name field and button that save the panel's scenario with the lesson. Test hooks:
 * `data-testid="scenario-name"`, `"scenario-save"` and `"scenario-save-error"`.
 */
export function ScenarioSaveForm({ canSave, onSave }: ScenarioSaveFormProps) {
  const [name, setName] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const problem = await onSave(name.trim());
    setPending(false);
    if (problem === null) setName('');
    else setError(problem);
  };

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" noValidate>
      <label className="block text-sm font-medium">
        Save this scenario as
        <input
          type="text"
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={MAX_SCENARIO_NAME_CHARS}
          placeholder="512 × H100, no budget"
          data-testid="scenario-name"
          className="mt-1 block w-72 max-w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
        />
      </label>
      <button
        type="submit"
        disabled={!canSave || pending || name.trim() === ''}
        data-testid="scenario-save"
        className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-400"
      >
        {pending ? 'Saving…' : 'Save scenario'}
      </button>
      {!canSave && (
        <p className="w-full text-xs text-slate-500 dark:text-slate-400">
          Edit a field above, with every field valid, to save the scenario.
        </p>
      )}
      {error && (
        <p
          role="alert"
          className="w-full text-sm text-rose-700 dark:text-rose-300"
          data-testid="scenario-save-error"
        >
          The scenario was not saved: {error}
        </p>
      )}
    </form>
  );
}
