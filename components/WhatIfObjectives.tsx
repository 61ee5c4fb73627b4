'use client';

import { useWhatIf } from './WhatIfProvider';

export interface WhatIfObjectivesProps {
  /** The stored lesson's objectives, shown until the scenario is edited. */
  objectives: string[];
}

/** Renders the lesson's objectives, rebuilt with the scenario's numbers once the learner edits it. */
export function WhatIfObjectives({ objectives }: WhatIfObjectivesProps) {
  const whatIf = useWhatIf();
  const shown = whatIf?.textEdited ? whatIf.text.objectives : objectives;
  return (
    <ul className="ml-5 mt-2 list-disc">
      {shown.map((objective, index) => (
        <li key={index}>{objective}</li>
      ))}
    </ul>
  );
}
