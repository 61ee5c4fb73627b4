'use client';

import { useWhatIf } from './WhatIfProvider';

export interface WhatIfReasonProps {
  conceptId: string;
  /** The stored "why it matters here", shown until the scenario is edited. */
  stored: string;
}

/** Renders a card's "why it matters here", with its numbers rewritten for an edited scenario. */
export function WhatIfReason({ conceptId, stored }: WhatIfReasonProps) {
  const whatIf = useWhatIf();
  const reason = whatIf?.textEdited ? (whatIf.reasons[conceptId] ?? stored) : stored;
  return <span data-whatif-reason={conceptId}>{reason}</span>;
}
