'use client';

import { formatEstimate } from '@/lib/analysis/format';
import type { Analysis, Estimate } from '@/lib/analysis/types';
import { describeQuantity, ESTIMATE_LABELS } from '@/lib/presentation/labels';

import { useWhatIf } from './WhatIfProvider';

export interface AnalysisPanelProps {
  analysis: Analysis;
}

/**
 * Renders a problem's numbers: the stated quantities, then each estimate with its working. Inside
 * a `WhatIfProvider` with an edited scenario it shows the scenario's numbers, with a note.
 */
export function AnalysisPanel({ analysis: stored }: AnalysisPanelProps) {
  const whatIf = useWhatIf();
  const edited = whatIf?.edited === true;
  const analysis = edited ? whatIf.analysis : stored;
  const estimates = analysis.estimates as Record<string, Estimate<unknown> | undefined>;
  const rows = ESTIMATE_LABELS.filter(([key]) => estimates[key]);
  const quantities = Object.entries(analysis.quantities);

  return (
    <section
      aria-labelledby="analysis-heading"
      className="space-y-4"
      data-testid="analysis-panel"
      data-edited={edited ? 'true' : 'false'}
    >
      <h2 id="analysis-heading" className="text-xl font-semibold">
        The numbers
      </h2>
      {edited && (
        <p className="rounded bg-blue-50 px-3 py-1.5 text-sm text-blue-900 dark:bg-blue-950 dark:text-blue-200">
          Showing your what-if scenario. Reset it in the What if? panel to see the problem as
          stated.
        </p>
      )}
      {quantities.length > 0 ? (
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
          {quantities.map(([key, value]) => {
            const [label, text] = describeQuantity(key, value);
            return (
              <div
                key={key}
                data-quantity={key}
                className="flex justify-between gap-2 border-b border-slate-100 py-1 dark:border-slate-800"
              >
                <dt className="text-slate-500">{label}</dt>
                <dd className="font-mono">{text}</dd>
              </div>
            );
          })}
        </dl>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          The problem states no numbers the analyser could read, so the lesson is chosen by its
          text.
        </p>
      )}
      {rows.length > 0 && (
        <table className="w-full text-left text-sm" data-testid="estimates">
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-800">
              <th scope="col" className="py-2 pr-4">
                Estimate
              </th>
              <th scope="col" className="py-2 pr-4">
                Value
              </th>
              <th scope="col" className="py-2">
                How
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([key, label]) => {
              const estimate = estimates[key]!;
              return (
                <tr
                  key={key}
                  data-estimate={key}
                  className="border-b border-slate-100 align-top dark:border-slate-800"
                >
                  <th scope="row" className="py-2 pr-4 font-normal">
                    {label}
                  </th>
                  <td className="py-2 pr-4 font-mono whitespace-nowrap">
                    {formatEstimate(estimate)}
                  </td>
                  <td className="py-2">
                    <details>
                      <summary className="cursor-pointer text-slate-600 dark:text-slate-400">
                        {estimate.formula}
                      </summary>
                      <ul className="ml-5 mt-1 list-disc text-xs text-slate-600 dark:text-slate-400">
                        {estimate.assumptions.map((assumption, index) => (
                          <li key={index}>{assumption}</li>
                        ))}
                        <li>Source: {estimate.source}</li>
                      </ul>
                    </details>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {analysis.notes.length > 0 && (
        <details className="text-sm text-slate-600 dark:text-slate-400">
          <summary className="cursor-pointer">
            Notes from the analyser ({analysis.notes.length})
          </summary>
          <ul className="ml-5 mt-1 list-disc">
            {analysis.notes.map((note, index) => (
              <li key={index}>{note}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
