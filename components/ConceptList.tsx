'use client';

import { clusters, type ConceptGraph, type ConceptSummary } from '@/lib/knowledge/graph';
import { DOMAIN_NAMES } from '@/lib/knowledge/types';
import { DOMAIN_COLORS, LevelIcon } from './GraphLegend';

export interface ConceptListProps {
  id: string;
  /** The concepts the filters leave, the same ones the graph shows. */
  concepts: readonly ConceptSummary[];
  graph: ConceptGraph;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/**
 * The graph's concepts as a list grouped by domain: the keyboard and screen-reader way to
 * explore the graph. Each entry is a button that selects the concept, as a click on its node does.
 */
export function ConceptList({ id, concepts, graph, selectedId, onSelect }: ConceptListProps) {
  const byId = new Map(concepts.map((concept) => [concept.id, concept]));

  return (
    <section aria-labelledby={`${id}-title`} id={id} data-testid="concept-list">
      <h2 id={`${id}-title`} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
        List view{' '}
        <span className="text-sm font-normal text-slate-500">({concepts.length} concepts)</span>
      </h2>
      {concepts.length === 0 && (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          No concept matches these filters. Clear a filter to see more.
        </p>
      )}
      <div className="mt-2 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {clusters([...concepts]).map(({ domain, conceptIds }) => (
          <section key={domain} aria-labelledby={`${id}-${domain}`}>
            <h3 id={`${id}-${domain}`} className="flex items-center gap-2 text-sm font-semibold">
              <span
                aria-hidden="true"
                className="inline-block h-3 w-3 rounded-sm"
                style={{ backgroundColor: DOMAIN_COLORS[domain] }}
              />
              {DOMAIN_NAMES[domain]}{' '}
              <span className="font-normal text-slate-500">({conceptIds.length})</span>
            </h3>
            <ul className="mt-1 space-y-0.5">
              {conceptIds.map((conceptId) => {
                const concept = byId.get(conceptId)!;
                const prereqCount = graph.prereqs.get(conceptId)?.length ?? 0;
                const dependentCount = graph.dependents.get(conceptId)?.length ?? 0;
                return (
                  <li key={conceptId}>
                    <button
                      type="button"
                      data-concept-id={conceptId}
                      aria-pressed={conceptId === selectedId}
                      onClick={() => onSelect(conceptId)}
                      className="flex w-full items-start gap-2 rounded px-2 py-1 text-left text-sm hover:bg-slate-100 aria-pressed:bg-amber-100 dark:hover:bg-slate-800 dark:aria-pressed:bg-amber-900/40"
                    >
                      <span className="mt-0.5 text-slate-500">
                        <LevelIcon level={concept.level} />
                      </span>
                      <span>
                        <span className="font-medium">{concept.title}</span>
                        <span className="block text-xs text-slate-500">
                          {concept.level} · {prereqCount} prerequisite
                          {prereqCount === 1 ? '' : 's'} · {dependentCount} dependent
                          {dependentCount === 1 ? '' : 's'}
                        </span>
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}
