import type { LimitMarker } from '@/lib/whatif/compare';
import { capitalise } from '@/lib/whatif/presentation';

export interface WhatIfLimitProps {
  limits: LimitMarker[];
}

/** Renders the limits an estimate crosses as warning lines. Test hook: `data-limit="<kind>"`. */
export function WhatIfLimit({ limits }: WhatIfLimitProps) {
  if (limits.length === 0) return null;
  return (
    <ul className="space-y-0.5">
      {limits.map((limit) => (
        <li
          key={limit.kind}
          data-limit={limit.kind}
          className="font-medium text-rose-700 dark:text-rose-300"
        >
          <span aria-hidden="true">▲ </span>
          {capitalise(limit.message)}
        </li>
      ))}
    </ul>
  );
}
