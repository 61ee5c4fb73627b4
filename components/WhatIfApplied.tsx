'use client';

import { lazy, Suspense, useEffect, type ReactNode } from 'react';

import { useWhatIf } from './WhatIfProvider';

const loadRenderer = () => import('./WhatIfMarkdownRenderer');
const WhatIfMarkdownRenderer = lazy(loadRenderer);

export interface WhatIfAppliedProps {
  /** The card's position in the lesson, which indexes the rebuilt applied sections. */
  position: number;
  /** Whether the stored card has an applied section. */
  stored: boolean;
  /** The stored section, rendered on the server. */
  children: ReactNode;
}

/**
 * Renders a card's "in your problem" section: the stored one, or once the learner edits the scenario, the
 * same builder's text for the edited numbers. Test hook: `data-whatif-applied="edited"` on a
 * section rebuilt in the browser.
 */
export function WhatIfApplied({ position, stored, children }: WhatIfAppliedProps) {
  const whatIf = useWhatIf();

  useEffect(() => {
    // Fetch the Markdown renderer while the browser is idle, so the first edit finds it loaded.
    const idle = window.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 1));
    idle(() => void loadRenderer());
  }, []);

  if (!whatIf?.textEdited) {
    return stored ? <AppliedSection>{children}</AppliedSection> : null;
  }
  const text = whatIf.text.applied[position] ?? '';
  if (text === '') return null;
  return (
    <AppliedSection edited>
      <Suspense fallback={<p className="whitespace-pre-wrap text-sm">{text}</p>}>
        <WhatIfMarkdownRenderer source={text} />
      </Suspense>
    </AppliedSection>
  );
}

function AppliedSection({ edited = false, children }: { edited?: boolean; children: ReactNode }) {
  return (
    <section
      aria-label="In your problem"
      data-whatif-applied={edited ? 'edited' : 'stored'}
      className="rounded-lg bg-blue-50 p-3 dark:bg-blue-950"
    >
      {edited && (
        <p className="mb-1 text-xs font-medium uppercase tracking-wide text-blue-800 dark:text-blue-300">
          With your what-if numbers
        </p>
      )}
      {children}
    </section>
  );
}
