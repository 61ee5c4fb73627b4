'use client';

import { useState, type FormEvent } from 'react';

import { searchConcepts, type ConceptSummary } from '@/lib/knowledge/graph';

/** How many further matches the search offers below the box. */
const MAX_SUGGESTIONS = 6;

export interface GraphSearchProps {
  /** Concepts the filters leave; the search picks among these. */
  visibleConcepts: readonly ConceptSummary[];
  allConcepts: readonly ConceptSummary[];
  /** Selects the concept and centres the graph on it. */
  onFound: (id: string) => void;
  onClearFilters: () => void;
}

/**
 * Search box that finds a concept by id, title or tag. Enter picks the best match; the other
 * matches are offered as buttons. The outcome is announced in a live region.
 */
export function GraphSearch({
  visibleConcepts,
  allConcepts,
  onFound,
  onClearFilters,
}: GraphSearchProps) {
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<{ message: string; hiddenMatches: boolean } | null>(null);
  const matches = query.trim() === '' ? [] : searchConcepts(visibleConcepts, query);

  const choose = (concept: ConceptSummary) => {
    onFound(concept.id);
    setStatus({ message: `Centred on ${concept.title} (${concept.id}).`, hiddenMatches: false });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (query.trim() === '') return;
    if (matches.length > 0) {
      choose(matches[0]);
      return;
    }
    const hidden = searchConcepts(allConcepts, query).length;
    setStatus(
      hidden > 0
        ? {
            message: `${hidden} concept${hidden === 1 ? '' : 's'} matching "${query.trim()}" ${hidden === 1 ? 'is' : 'are'} hidden by the filters.`,
            hiddenMatches: true,
          }
        : {
            message: `No concept title or tag contains "${query.trim()}".`,
            hiddenMatches: false,
          },
    );
  };

  return (
    <form role="search" onSubmit={submit} className="text-sm">
      <label htmlFor="graph-search" className="block font-medium">
        Find a concept
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id="graph-search"
          type="search"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setStatus(null);
          }}
          placeholder="Title or tag, e.g. ZeRO or nccl"
          autoComplete="off"
          maxLength={200}
          aria-describedby="graph-search-status"
          className="w-full min-w-0 rounded-lg border border-slate-300 bg-white px-3 py-1.5 dark:border-slate-700 dark:bg-slate-900"
        />
        <button
          type="submit"
          className="rounded-lg bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-slate-300"
        >
          Find
        </button>
      </div>
      <p
        id="graph-search-status"
        aria-live="polite"
        className="mt-1 min-h-5 text-slate-600 dark:text-slate-400"
      >
        {status?.message}
        {status?.hiddenMatches && (
          <>
            {' '}
            <button type="button" onClick={onClearFilters} className="underline">
              Clear filters
            </button>
          </>
        )}
      </p>
      {matches.length > 1 && (
        <ul aria-label="Matching concepts" className="mt-1 flex flex-wrap gap-1">
          {matches.slice(0, MAX_SUGGESTIONS).map((concept) => (
            <li key={concept.id}>
              <button
                type="button"
                onClick={() => choose(concept)}
                className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
              >
                {concept.title}
              </button>
            </li>
          ))}
          {matches.length > MAX_SUGGESTIONS && (
            <li className="px-1 text-xs text-slate-500">
              and {matches.length - MAX_SUGGESTIONS} more
            </li>
          )}
        </ul>
      )}
    </form>
  );
}
