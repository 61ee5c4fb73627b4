'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';

import { progressFetch, storedLearnerKey } from './ProgressApi';

export interface LearningPlanProps {
  conceptId: string;
  /** Every prerequisite of the concept, each after all of its own prerequisites. */
  plan: readonly { id: string; title: string }[];
}

/** State of the learner's mastered prerequisites, as read from the server. */
export type MasteredPrerequisites =
  | { kind: 'none' }
  | { kind: 'loaded'; masteredIds: ReadonlySet<string> }
  | { kind: 'failed'; message: string };

/**
 * Returns which prerequisites of a concept the learner has mastered, read from
 * `GET /api/concepts/<id>/path` when `enabled` and this browser already has a learner key.
 * Until then, and without a key, the kind is `none`.
 */
export function useMasteredPrerequisites(
  conceptId: string,
  enabled: boolean,
): MasteredPrerequisites {
  const [progress, setProgress] = useState<MasteredPrerequisites>({ kind: 'none' });

  useEffect(() => {
    if (!enabled || storedLearnerKey() === undefined) return;
    let cancelled = false;
    progressFetch<{ masteredIds: string[] }>(
      `/api/concepts/${encodeURIComponent(conceptId)}/path`,
    ).then(
      (body) => {
        if (!cancelled) setProgress({ kind: 'loaded', masteredIds: new Set(body.masteredIds) });
      },
      (error: unknown) => {
        if (!cancelled) setProgress({ kind: 'failed', message: (error as Error).message });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [conceptId, enabled]);

  return progress;
}

/**
 * Lists the prerequisites to study before a concept, in an order that respects every edge. The
 * server renders every prerequisite. When this browser has a learner key, the list then leaves
 * out the ones the learner has mastered and names them.
 */
export function LearningPlan({ conceptId, plan }: LearningPlanProps) {
  const progress = useMasteredPrerequisites(conceptId, plan.length > 0);

  if (plan.length === 0) return <p className="text-slate-500">Nothing to study first.</p>;

  const mastered = progress.kind === 'loaded' ? progress.masteredIds : new Set<string>();
  const toStudy = plan.filter((entry) => !mastered.has(entry.id));
  const skipped = plan.filter((entry) => mastered.has(entry.id));
  return (
    <div data-testid="learning-plan" data-progress={progress.kind} className="space-y-2">
      {toStudy.length === 0 ? (
        <p>You have mastered every prerequisite, so you can start on this concept directly.</p>
      ) : (
        <ol className="ml-5 list-decimal">
          {toStudy.map((entry) => (
            <li key={entry.id} data-concept-id={entry.id}>
              <ConceptLink {...entry} />
            </li>
          ))}
        </ol>
      )}
      {skipped.length > 0 && (
        <p className="text-slate-600 dark:text-slate-400" data-testid="learning-plan-skipped">
          Left out because you have mastered {skipped.length === 1 ? 'it' : 'them'}:{' '}
          {skipped.map((entry, index) => (
            <span key={entry.id}>
              {index > 0 && ', '}
              <ConceptLink {...entry} />
            </span>
          ))}
          .
        </p>
      )}
      {progress.kind === 'failed' && (
        <p role="status" className="text-amber-800 dark:text-amber-300">
          Your progress could not be read ({progress.message}), so every prerequisite is listed.
        </p>
      )}
    </div>
  );
}

function ConceptLink({ id, title }: { id: string; title: string }) {
  return (
    <Link href={`/concepts/${id}`} className="text-blue-700 underline dark:text-blue-400">
      {title}
    </Link>
  );
}
