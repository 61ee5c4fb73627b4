import type { EstimateComparison } from '@/lib/whatif/compare';
import { changeText } from '@/lib/whatif/presentation';

import { WhatIfLimit } from './WhatIfLimit';

export interface WhatIfResultsProps {
  comparisons: EstimateComparison[];
}

/**
 * Renders every estimate of the scenario beside the original, with the change and any limit crossed.
 * Test hook: each row carries `data-whatif-estimate="<estimate key>"` and, when its value moved,
 * `data-changed="true"`.
 */
export function WhatIfResults({ comparisons }: WhatIfResultsProps) {
  return (
    <table className="w-full text-left text-sm" data-testid="whatif-results">
      <caption className="sr-only">
        Estimates for this scenario against the original problem
      </caption>
      <thead>
        <tr className="border-b border-slate-200 dark:border-slate-800">
          <th scope="col" className="py-2 pr-3">
            Estimate
          </th>
          <th scope="col" className="py-2 pr-3">
            Scenario
          </th>
          <th scope="col" className="py-2 pr-3">
            Original
          </th>
          <th scope="col" className="py-2 pr-3">
            Change
          </th>
          <th scope="col" className="py-2">
            Limit
          </th>
        </tr>
      </thead>
      <tbody>
        {comparisons.map((row) => (
          <tr
            key={row.key}
            data-whatif-estimate={row.key}
            data-changed={row.changed ? 'true' : 'false'}
            className={`border-b border-slate-100 align-top dark:border-slate-800 ${
              row.changed ? 'bg-blue-50/60 dark:bg-blue-950/40' : ''
            }`}
          >
            <th scope="row" className="py-1.5 pr-3 font-normal">
              {row.label}
            </th>
            <td className="py-1.5 pr-3 font-mono" data-column="scenario">
              {row.editedText ?? 'not estimated'}
            </td>
            <td
              className="py-1.5 pr-3 font-mono text-slate-600 dark:text-slate-400"
              data-column="original"
            >
              {row.originalText ?? 'not estimated'}
            </td>
            <td className="py-1.5 pr-3 font-mono" data-column="change">
              {row.changed ? changeText(row) : <span className="text-slate-400">no change</span>}
            </td>
            <td className="py-1.5 text-xs" data-column="limit">
              <WhatIfLimit limits={row.limits} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
