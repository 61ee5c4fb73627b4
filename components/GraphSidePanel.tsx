'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';

import type { ConceptPath, ConceptSummary } from '@/lib/knowledge/graph';
import { DOMAIN_NAMES } from '@/lib/knowledge/types';
import { DOMAIN_COLORS, LevelIcon } from './GraphLegend';
import { useMasteredPrerequisites } from './LearningPlan';
import { ResourceList } from '@/components/ResourceList';

export interface GraphSidePanelProps {
  concept: ConceptSummary | null;
  path: ConceptPath | null;
  byId: ReadonlyMap<string, ConceptSummary>;
  onSelect: (id: string) => void;
  onClose: () => void;
  /** Moves keyboard focus to the panel's heading when a concept opens. */
  focusOnOpen: boolean;
  /** True when the filters hide the concept on the graph and in the list. */
  hiddenByFilters: boolean;
  onClearFilters: () => void;
}

/**
 * Details of the selected concept: summary, level, domain, prerequisites, learning plan,
 * dependents, resources, and links to start a lesson or open the concept page. The data
 * attributes give browser tests the ids the panel lists.
 */
export function GraphSidePanel({
  concept,
  path,
  byId,
  onSelect,
  onClose,
  focusOnOpen,
  hiddenByFilters,
  onClearFilters,
}: GraphSidePanelProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const progress = useMasteredPrerequisites(
    concept?.id ?? '',
    concept !== null && (path?.plan.length ?? 0) > 0,
  );
  const mastered = progress.kind === 'loaded' ? progress.masteredIds : new Set<string>();

  useEffect(() => {
    if (concept && focusOnOpen) headingRef.current?.focus();
  }, [concept, focusOnOpen]);

  if (!concept || !path) {
    return (
      <aside
        aria-label="Selected concept"
        data-testid="graph-side-panel"
        data-concept-id=""
        className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400"
      >
        Select a concept on the graph or in the list view to see its prerequisite path, what builds
        on it and where to read more.
      </aside>
    );
  }

  const masteredCount = path.plan.filter((id) => mastered.has(id)).length;
  const problem = `Teach me ${concept.title} and how it applies when training a large model on a GPU cluster.`;
  const conceptButton = (id: string) => (
    <button
      type="button"
      onClick={() => onSelect(id)}
      className="block text-left text-blue-700 underline hover:text-blue-900 dark:text-blue-400 dark:hover:text-blue-300"
    >
      {byId.get(id)?.title ?? id}
    </button>
  );

  return (
    <aside
      aria-labelledby="graph-panel-title"
      data-testid="graph-side-panel"
      data-concept-id={concept.id}
      data-ancestor-ids={path.plan.join(',')}
      data-dependent-ids={path.dependents.join(',')}
      data-prereq-ids={concept.prereqIds.join(',')}
      className="space-y-4 rounded-lg border border-slate-200 p-4 text-sm dark:border-slate-800"
    >
      <header className="space-y-1">
        <div className="flex items-start justify-between gap-2">
          <p className="flex items-center gap-2 text-xs uppercase tracking-wide text-slate-500">
            <span
              aria-hidden="true"
              className="inline-block h-3 w-3 rounded-sm"
              style={{ backgroundColor: DOMAIN_COLORS[concept.domain] }}
            />
            <span>
              <span className="sr-only">Domain: </span>
              {DOMAIN_NAMES[concept.domain]}
            </span>
            <span aria-hidden="true">·</span>
            <span className="flex items-center gap-1">
              <LevelIcon level={concept.level} />
              <span className="sr-only">Level: </span>
              {concept.level}
            </span>
            <span aria-hidden="true">·</span>
            <span>{concept.id}</span>
          </p>
          <button
            type="button"
            onClick={onClose}
            aria-label="Close concept details"
            className="rounded px-1 text-lg leading-none text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800"
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
        <h2
          id="graph-panel-title"
          ref={headingRef}
          tabIndex={-1}
          className="text-lg font-semibold focus:outline-none"
        >
          {concept.title}
        </h2>
        <p className="text-slate-700 dark:text-slate-300">{concept.summary}</p>
        {hiddenByFilters && (
          <p
            data-testid="graph-panel-hidden"
            className="rounded bg-amber-50 p-2 text-amber-900 dark:bg-amber-950 dark:text-amber-100"
          >
            The filters hide this concept on the graph and in the list.{' '}
            <button type="button" onClick={onClearFilters} className="font-medium underline">
              Clear filters
            </button>
          </p>
        )}
      </header>

      <div className="flex flex-wrap gap-2">
        <Link
          href={`/lessons/new?problem=${encodeURIComponent(problem)}`}
          className="rounded-lg bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800"
        >
          Start a lesson on this
        </Link>
        <Link
          href={`/concepts/${concept.id}`}
          className="rounded-lg border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Open concept
        </Link>
      </div>

      <section aria-labelledby="graph-panel-prereqs">
        <h3 id="graph-panel-prereqs" className="font-semibold">
          Prerequisites
        </h3>
        {concept.prereqIds.length === 0 ? (
          <p className="text-slate-500">None: a starting point.</p>
        ) : (
          <ul className="ml-5 list-disc">
            {concept.prereqIds.map((id) => (
              <li key={id}>{conceptButton(id)}</li>
            ))}
          </ul>
        )}
      </section>

      {path.plan.length > concept.prereqIds.length && (
        <section aria-labelledby="graph-panel-plan">
          <h3 id="graph-panel-plan" className="font-semibold">
            Whole prerequisite path, in study order ({path.plan.length}
            {masteredCount > 0 && `, ${masteredCount} mastered`})
          </h3>
          <ol className="ml-5 list-decimal" data-testid="graph-panel-plan">
            {path.plan.map((id) => (
              <li key={id} data-concept-id={id} data-mastered={mastered.has(id) || undefined}>
                <span className="flex items-baseline gap-2">
                  {conceptButton(id)}
                  {mastered.has(id) && (
                    <span className="text-xs text-emerald-700 dark:text-emerald-400">mastered</span>
                  )}
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}

      <section aria-labelledby="graph-panel-dependents">
        <h3 id="graph-panel-dependents" className="font-semibold">
          Leads to
        </h3>
        {path.dependents.length === 0 ? (
          <p className="text-slate-500">No concept builds on this one yet.</p>
        ) : (
          <ul className="ml-5 list-disc">
            {path.dependents.map((id) => (
              <li key={id}>{conceptButton(id)}</li>
            ))}
          </ul>
        )}
      </section>

      {concept.resources.length > 0 && (
        <section aria-labelledby="graph-panel-resources">
          <h3 id="graph-panel-resources" className="font-semibold">
            Resources
          </h3>
          <ResourceList resources={concept.resources} />
        </section>
      )}
    </aside>
  );
}
