'use client';

import { useRef, useState, type KeyboardEvent } from 'react';

import type { Disagreement, RoleAnalysis } from '@/lib/lessons/types';
import { roleTitle } from '@/lib/presentation/labels';

import { useWhatIf } from './WhatIfProvider';

export interface RoleTabsProps {
  roles: RoleAnalysis[];
  disagreements: Disagreement[];
}

/**
 * Tabs for the six expert roles (arrow keys, Home and End move between tabs). Inside a
 * `WhatIfProvider` with an edited scenario, the roles and disagreements are those rebuilt for the
 * scenario's numbers.
 */
export function RoleTabs({
  roles: storedRoles,
  disagreements: storedDisagreements,
}: RoleTabsProps) {
  const whatIf = useWhatIf();
  const roles = whatIf?.textEdited ? whatIf.text.roles : storedRoles;
  const disagreements = whatIf?.textEdited ? whatIf.text.disagreements : storedDisagreements;
  const [active, setActive] = useState(0);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const moves: Record<string, number> = {
      ArrowRight: active + 1,
      ArrowLeft: active - 1,
      Home: 0,
      End: roles.length - 1,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = (moves[event.key] + roles.length) % roles.length;
    setActive(next);
    tabs.current[next]?.focus();
  };

  return (
    <div>
      <div
        role="tablist"
        aria-label="Expert roles"
        className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-800"
      >
        {roles.map((role, index) => (
          <button
            key={role.role}
            ref={(element) => {
              tabs.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`role-tab-${role.role}`}
            aria-selected={index === active}
            aria-controls={`role-panel-${role.role}`}
            tabIndex={index === active ? 0 : -1}
            onClick={() => setActive(index)}
            onKeyDown={onKeyDown}
            className={`rounded-t px-3 py-2 text-sm ${index === active ? 'border-b-2 border-blue-600 font-semibold' : 'text-slate-600 dark:text-slate-400'}`}
          >
            {roleTitle(role.role)}
          </button>
        ))}
      </div>
      {roles.map((role, index) => (
        <div
          key={role.role}
          role="tabpanel"
          id={`role-panel-${role.role}`}
          aria-labelledby={`role-tab-${role.role}`}
          hidden={index !== active}
          tabIndex={0}
          className="space-y-3 py-4"
        >
          <p className="text-slate-800 dark:text-slate-200">{role.view}</p>
          <RoleList title="Evidence" items={role.evidence} />
          <RoleList title="Risks" items={role.risks} />
          <RoleList title="Trade-offs" items={role.tradeoffs} />
          <RoleList title="Actions" items={role.actions} />
        </div>
      ))}
      {disagreements.length > 0 && (
        <section aria-labelledby="disagreements" className="mt-4">
          <h3 id="disagreements" className="font-semibold">
            Where the roles disagree
          </h3>
          <ul className="mt-2 space-y-2 text-sm">
            {disagreements.map((item, index) => (
              <li key={index} className="rounded border border-slate-200 p-3 dark:border-slate-800">
                <div className="font-medium">
                  {roleTitle(item.roles[0])} vs {roleTitle(item.roles[1])}
                </div>
                <p>{item.tension}</p>
                <p className="text-slate-600 dark:text-slate-400">Settled by: {item.settledBy}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function RoleList({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <div>
      <h4 className="text-sm font-semibold uppercase tracking-wide text-slate-500">{title}</h4>
      <ul className="ml-5 list-disc text-sm">
        {items.map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </ul>
    </div>
  );
}
