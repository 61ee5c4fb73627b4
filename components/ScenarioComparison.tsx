import type { ScenarioColumn, SideBySideCell, SideBySideRow } from '@/lib/whatif/saved';
import { changeText } from '@/lib/whatif/presentation';

import { WhatIfLimit } from './WhatIfLimit';

export interface ScenarioComparisonProps {
  rows: SideBySideRow[];
  /** The compared scenarios, in the order of each row's cells. */
  columns: ReadonlyArray<Pick<ScenarioColumn, 'id' | 'label'>>;
}

/**
 * Renders a side-by-side table: every estimate of the original problem, then of each scenario with
 * its change and any limit crossed. Test hooks, as in the offline export:
 * `data-testid="scenario-comparison"`, `data-compare-estimate="<estimate key>"` on each row, and
 * `data-column="original"` or the column's id on each cell.
 */
export function ScenarioComparison({ rows, columns }: ScenarioComparisonProps) {
  return (
    <table className="w-full text-left text-sm" data-testid="scenario-comparison">
      <caption className="sr-only">
        Estimates of the original problem and of {columns.map((column) => column.label).join(', ')}
      </caption>
      <thead>
        <tr className="border-b border-slate-200 dark:border-slate-800">
          <th scope="col" className="py-2 pr-3">
            Estimate
          </th>
          <th scope="col" className="py-2 pr-3">
            Original
          </th>
          {columns.map((column) => (
            <th key={column.id} scope="col" className="py-2 pr-3">
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.key}
            data-compare-estimate={row.key}
            className="border-b border-slate-100 align-top dark:border-slate-800"
          >
            <th scope="row" className="py-1.5 pr-3 font-normal">
              {row.label}
            </th>
            <td className="py-1.5 pr-3" data-column="original">
              <span className="font-mono text-slate-600 dark:text-slate-400" data-value="">
                {row.original.text ?? 'not estimated'}
              </span>
              <WhatIfLimit limits={row.original.limits} />
            </td>
            {row.cells.map((cell, index) => (
              <td key={columns[index].id} className="py-1.5 pr-3" data-column={columns[index].id}>
                <ComparisonCell cell={cell} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ComparisonCell({ cell }: { cell: SideBySideCell }) {
  return (
    <>
      <span className="font-mono" data-value="">
        {cell.text ?? 'not estimated'}
      </span>
      {cell.changed && (
        <span className="block font-mono text-xs text-slate-600 dark:text-slate-400" data-delta="">
          {changeText(cell)}
        </span>
      )}
      <WhatIfLimit limits={cell.limits} />
    </>
  );
}
