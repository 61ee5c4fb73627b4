'use client';

import { headlineKeys, type EstimateComparison } from '@/lib/whatif/compare';
import { HEADLINES, STAGE_NAMES } from '@/lib/whatif/presentation';
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
 * Test hooks: `data-testid="whatif-memory"`, `"whatif-days"`, `"whatif-cost"` on each figure, with
 * `data-estimate-key` naming the estimate, and `data-testid="whatif-<id>-delta"` on the change.
 */
export function WhatIfHeadline({ original, analysis, comparisons }: WhatIfHeadlineProps) {
  return (
    <dl className="grid gap-3 sm:grid-cols-3">
      {HEADLINES.map(({ id, title }) => {
        const { key, originalKey } = headlineKeys(id, original, analysis);
        const row = comparisons.find((comparison) => comparison.key === key);
        // The layout moved to another ZeRO stage: compare with the figure the learner saw.
        const stageMoved = originalKey !== key;
        const originalRow = comparisons.find((comparison) => comparison.key === originalKey);
        const over = (row?.limits.length ?? 0) > 0;
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
                {row?.editedText ?? 'not estimated'}
              </span>
              {stageMoved && (
                <span className="block text-sm text-slate-600 dark:text-slate-400">
                  was {originalRow?.originalText ?? 'not estimated'} under{' '}
                  {STAGE_NAMES[originalKey] ?? originalKey}; the layout that fits now uses{' '}
                  {STAGE_NAMES[key] ?? key}
                </span>
              )}
              {!stageMoved && row?.changed && (
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
              {row && <WhatIfLimit limits={row.limits} />}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
