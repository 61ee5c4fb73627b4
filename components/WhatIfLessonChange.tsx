'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import type { LessonChange } from '@/lib/whatif/selection';
import type { ScenarioLessonRequest } from '@/lib/whatif/rewrite';

import { ensureLearnerKey } from './ProgressApi';

export interface WhatIfLessonChangeProps {
  change: LessonChange;
  request: ScenarioLessonRequest;
}

/**
 * Names the concepts the scenario's numbers would bring into or drop from the lesson, and offers
 * to generate that lesson: posts the scenario, rewritten as problem text, to `POST /api/lessons`
 * and opens the new lesson. Test hook: `data-testid="whatif-lesson-change"`.
 */
export function WhatIfLessonChange({ change, request }: WhatIfLessonChangeProps) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!change.changes) return null;

  const generate = async () => {
    setPending(true);
    setError(null);
    try {
      const response = await fetch('/api/lessons', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...request, learnerKey: ensureLearnerKey() }),
      });
      const body = (await response.json()) as { id?: string; error?: { message: string } };
      if (!response.ok || !body.id) {
        setError(body.error?.message ?? `the request failed with HTTP status ${response.status}`);
        setPending(false);
        return;
      }
      router.push(`/lessons/${body.id}`);
    } catch (caught) {
      setError(`could not reach the server: ${(caught as Error).message}`);
      setPending(false);
    }
  };

  return (
    <div
      role="status"
      data-testid="whatif-lesson-change"
      className="space-y-2 rounded-lg border border-amber-400 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950"
    >
      <p className="font-medium">With these numbers the lesson would teach different concepts.</p>
      {change.entering.length > 0 && (
        <p>
          Would come in:{' '}
          <span data-testid="whatif-entering">
            {change.entering.map((concept) => concept.title).join(', ')}
          </span>
        </p>
      )}
      {change.leaving.length > 0 && (
        <p>
          Would leave:{' '}
          <span data-testid="whatif-leaving">
            {change.leaving.map((concept) => concept.title).join(', ')}
          </span>
        </p>
      )}
      <details>
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">
          The new lesson&apos;s problem
        </summary>
        <p className="mt-1 whitespace-pre-wrap font-mono text-xs">{request.problem}</p>
        {request.constraints.length > 0 && (
          <ul className="ml-5 list-disc font-mono text-xs">
            {request.constraints.map((constraint, index) => (
              <li key={index}>{constraint}</li>
            ))}
          </ul>
        )}
      </details>
      <button
        type="button"
        onClick={generate}
        disabled={pending}
        className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800 disabled:opacity-60 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-400"
      >
        {pending ? 'Generating…' : 'Generate a new lesson from this scenario'}
      </button>
      {error && (
        <p role="alert" className="text-rose-700 dark:text-rose-300">
          The lesson was not created: {error}
        </p>
      )}
    </div>
  );
}
