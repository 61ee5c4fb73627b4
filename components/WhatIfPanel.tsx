'use client';

import { useMemo, type ReactNode } from 'react';

import { SCENARIO_FIELD_IDS, type ScenarioFieldId } from '@/lib/whatif/fields';
import { FIELD_GROUPS } from '@/lib/whatif/presentation';
import { scenarioToLessonRequest } from '@/lib/whatif/rewrite';

import { ScenarioCharts } from './ScenarioCharts';
import { WhatIfField } from './WhatIfField';
import { WhatIfHeadline } from './WhatIfHeadline';
import { WhatIfLessonChange } from './WhatIfLessonChange';
import { useWhatIf } from './WhatIfProvider';
import { WhatIfResults } from './WhatIfResults';

/**
 * Renders the what-if panel: the scenario's inputs, seeded from the problem and the analyser's defaults,
 * the headline figures with their change, the lesson change an edit would cause, every estimate
 * against the original, the charts, then `children` (the saved scenarios). Everything recomputes
 * in the browser on each keystroke. Must sit inside a `WhatIfProvider`.
 */
export function WhatIfPanel({ children }: { children?: ReactNode }) {
  const whatIf = useWhatIf();
  const scenario = whatIf?.scenario;
  const context = whatIf?.wordContext;
  const request = useMemo(
    () => (scenario && context ? scenarioToLessonRequest(scenario, context) : undefined),
    [scenario, context],
  );
  if (whatIf === undefined || request === undefined) return null;

  const warningFor = (id: ScenarioFieldId) =>
    whatIf.warnings.find((warning) => warning.fields.includes(id))?.message;
  const errorCount = SCENARIO_FIELD_IDS.filter((id) => whatIf.errors[id] !== undefined).length;

  return (
    <section
      aria-labelledby="whatif-heading"
      className="space-y-5 rounded-xl border border-slate-200 p-4 dark:border-slate-800"
      data-testid="whatif-panel"
      data-edited={whatIf.edited ? 'true' : 'false'}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <h2 id="whatif-heading" className="text-xl font-semibold">
            What if?
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Change a number of your problem and every estimate, card and role below recomputes here
            in the browser with the same analyser.
          </p>
        </div>
        <button
          type="button"
          onClick={whatIf.reset}
          disabled={!whatIf.edited && errorCount === 0}
          data-testid="whatif-reset"
          className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Reset to original
        </button>
      </div>

      <form onSubmit={(event) => event.preventDefault()} noValidate className="space-y-4">
        {FIELD_GROUPS.map((group) => (
          <fieldset key={group.title}>
            <legend className="mb-1 text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
              {group.title}
            </legend>
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
              {group.fields.map((id) => (
                <WhatIfField
                  key={id}
                  field={whatIf.scenario.fields[id]}
                  input={whatIf.inputs[id]}
                  error={whatIf.errors[id]}
                  warning={warningFor(id)}
                  onInput={whatIf.setInput}
                />
              ))}
            </div>
          </fieldset>
        ))}
      </form>
      {errorCount > 0 && (
        <p className="text-sm text-rose-700 dark:text-rose-300">
          {errorCount === 1 ? 'One field does' : `${errorCount} fields do`} not parse, so the
          figures use {errorCount === 1 ? 'its' : 'their'} last valid value.
        </p>
      )}

      <WhatIfHeadline
        original={whatIf.original}
        analysis={whatIf.analysis}
        comparisons={whatIf.comparisons}
      />
      <WhatIfLessonChange change={whatIf.change} request={request} />

      <div className="space-y-2">
        <h3 className="font-medium">Every estimate against the original</h3>
        <div className="overflow-x-auto">
          <WhatIfResults comparisons={whatIf.comparisons} />
        </div>
      </div>

      <ScenarioCharts charts={whatIf.charts} />
      {children}
    </section>
  );
}
