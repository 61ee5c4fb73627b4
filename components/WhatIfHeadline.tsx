'use client';

import { headlineKeys, type EstimateComparison } from '@/lib/whatif/compare';
import {
  HEADLINES,
  INVALID_LAYOUT_FIGURE,
  invalidLayoutText,
  STAGE_NAMES,
} from '@/lib/whatif/presentation';
import { invalidLayoutWarning } from '@/lib/whatif/warnings';
import type { Analysis } from '@/lib/analysis/types';

import { WhatIfLimit } from './WhatIfLimit';

export interface WhatIfHeadlineProps {
  original: Analysis;
  analysis: Analysis;
  comparisons: EstimateComparison[];
}

/**
 * Renders the three figures a what-if edit moves most: model states per GPU under the scenario's ZeRO
 * stage, training time and cost, each with the original value, the change and any limit crossed.
 * While the parallel degrees need more GPUs than the scenario has, a notice states that the layout is
 * not valid and names the fix, and each figure shows "not valid" and its original value, with no change.
 * Test hooks: `data-testid="whatif-memory"`, `"whatif-days"`, `"whatif-cost"` on each figure, with
 * `data-estimate-key` naming the estimate, `data-testid="whatif-<id>-delta"` on the change,
 * `data-testid="whatif-layout-invalid"` on the notice and `data-layout-valid` on the list.
 */
export function WhatIfHeadline({ original, analysis, comparisons }: WhatIfHeadlineProps) {
  const invalidLayout = invalidLayoutWarning(analysis);

  return (
    <div className="space-y-3">
      {invalidLayout && (
        <p
          data-testid="whatif-layout-invalid"
          className="rounded-lg border border-rose-400 bg-rose-50 p-3 text-sm text-rose-900 dark:border-rose-700 dark:bg-rose-950 dark:text-rose-100"
        >
          {invalidLayoutText(invalidLayout)}
        </p>
      )}
      <dl
        className="grid gap-3 sm:grid-cols-3"
        data-layout-valid={invalidLayout ? 'false' : 'true'}
      >
        {HEADLINES.map(({ id, title }) => {
          const { key, originalKey } = headlineKeys(id, original, analysis);
          const row = comparisons.find((comparison) => comparison.key === key);
          // The layout moved to another ZeRO stage: compare with the figure the learner saw.
          const stageMoved = originalKey !== key;
          const originalRow = comparisons.find((comparison) => comparison.key === originalKey);
          const over = !invalidLayout && (row?.limits.length ?? 0) > 0;
          return (
            <div
              key={id}
              className={`rounded-lg border p-3 ${
                over
                  ? 'border-rose-400 bg-rose-50 dark:border-rose-700 dark:bg-rose-950'
                  : 'border-slate-200 dark:border-slate-800'
              }`}
            >
              <dt className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
                {title}
                {id === 'memory' && STAGE_NAMES[key] ? `, ${STAGE_NAMES[key]}` : ''}
              </dt>
              <dd className="mt-1 space-y-1">
                <span
                  className="block font-mono text-xl font-semibold"
                  data-testid={`whatif-${id}`}
                  data-estimate-key={key}
                >
                  {invalidLayout ? INVALID_LAYOUT_FIGURE : (row?.editedText ?? 'not estimated')}
                </span>
                {invalidLayout && (
                  <span className="block text-sm text-slate-600 dark:text-slate-400">
                    was {originalRow?.originalText ?? 'not estimated'}
                    {stageMoved ? ` under ${STAGE_NAMES[originalKey] ?? originalKey}` : ''}
                  </span>
                )}
                {!invalidLayout && stageMoved && (
                  <span className="block text-sm text-slate-600 dark:text-slate-400">
                    was {originalRow?.originalText ?? 'not estimated'} under{' '}
                    {STAGE_NAMES[originalKey] ?? originalKey}; the layout that fits now uses{' '}
                    {STAGE_NAMES[key] ?? key}
                  </span>
                )}
                {!invalidLayout && !stageMoved && row?.changed && (
                  <span className="block text-sm text-slate-600 dark:text-slate-400">
                    was {row.originalText ?? 'not estimated'}
                    {row.deltaText && (
                      <>
                        {', '}
                        <span data-testid={`whatif-${id}-delta`} className="font-mono">
                          {row.deltaText}
                          {row.deltaPercentText && ` (${row.deltaPercentText})`}
                        </span>
                      </>
                    )}
                  </span>
                )}
                {row && !invalidLayout && <WhatIfLimit limits={row.limits} />}
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}
