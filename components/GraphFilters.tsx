'use client';

import { DOMAIN_NAMES, LEVELS, type Domain, type Level } from '@/lib/knowledge/types';
import { DOMAIN_COLORS, LevelIcon } from './GraphLegend';

export interface GraphFiltersProps {
  /** Domains present in the catalogue, with how many concepts each has. */
  domainCounts: readonly { domain: Domain; count: number }[];
  domains: readonly Domain[];
  levels: readonly Level[];
  onDomainsChange: (domains: Domain[]) => void;
  onLevelsChange: (levels: Level[]) => void;
}

/**
 * Domain and level checkboxes. Nothing checked in a group means no filter on it, so checking
 * one domain shows only that domain.
 */
export function GraphFilters({
  domainCounts,
  domains,
  levels,
  onDomainsChange,
  onLevelsChange,
}: GraphFiltersProps) {
  const toggle = <T extends string>(list: readonly T[], value: T, checked: boolean): T[] =>
    checked ? [...list, value] : list.filter((item) => item !== value);
  const filtered = domains.length > 0 || levels.length > 0;

  return (
    <div className="space-y-3 text-sm">
      <fieldset>
        <legend className="font-medium">
          Domains{' '}
          <span className="font-normal text-slate-500">(none checked shows every domain)</span>
        </legend>
        <div className="mt-1 flex flex-wrap gap-1.5">
          {domainCounts.map(({ domain, count }) => (
            <label
              key={domain}
              className="flex cursor-pointer items-center gap-1.5 rounded-full border border-slate-300 px-2.5 py-0.5 capitalize has-checked:border-slate-900 has-checked:bg-slate-900 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-blue-600 dark:border-slate-700 dark:has-checked:border-slate-100 dark:has-checked:bg-slate-100 dark:has-checked:text-slate-900"
            >
              <input
                type="checkbox"
                name="domain"
                value={domain}
                checked={domains.includes(domain)}
                onChange={(event) => onDomainsChange(toggle(domains, domain, event.target.checked))}
                className="sr-only"
              />
              <span
                aria-hidden="true"
                className="inline-block h-2.5 w-2.5 rounded-full"
                style={{ backgroundColor: DOMAIN_COLORS[domain] }}
              />
              {DOMAIN_NAMES[domain]}
              <span className="text-xs opacity-70">{count}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-end gap-4">
        <fieldset>
          <legend className="font-medium">
            Levels <span className="font-normal text-slate-500">(none checked shows all)</span>
          </legend>
          <div className="mt-1 flex flex-wrap gap-1.5">
            {LEVELS.map((level) => (
              <label
                key={level}
                className="flex cursor-pointer items-center gap-1.5 rounded-full border border-slate-300 px-2.5 py-0.5 capitalize has-checked:border-slate-900 has-checked:bg-slate-900 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-blue-600 dark:border-slate-700 dark:has-checked:border-slate-100 dark:has-checked:bg-slate-100 dark:has-checked:text-slate-900"
              >
                <input
                  type="checkbox"
                  name="level"
                  value={level}
                  checked={levels.includes(level)}
                  onChange={(event) => onLevelsChange(toggle(levels, level, event.target.checked))}
                  className="sr-only"
                />
                <LevelIcon level={level} />
                {level}
              </label>
            ))}
          </div>
        </fieldset>
        {filtered && (
          <button
            type="button"
            onClick={() => {
              onDomainsChange([]);
              onLevelsChange([]);
            }}
            className="rounded border border-slate-300 px-2.5 py-0.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}
