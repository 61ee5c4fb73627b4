import Link from 'next/link';

import { getRepository } from '@/lib/db/client';
import { DOMAIN_NAMES, DOMAINS } from '@/lib/knowledge/types';

export const dynamic = 'force-dynamic';

export default async function ConceptsPage() {
  const concepts = await (await getRepository()).listConcepts();

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Concept catalogue</h1>
      <p className="text-slate-600 dark:text-slate-400">{concepts.length} concepts by domain.</p>
      {DOMAINS.map((domain) => {
        const inDomain = concepts.filter((concept) => concept.domain === domain);
        if (inDomain.length === 0) return null;
        return (
          <section key={domain} aria-labelledby={`domain-${domain}`}>
            <h2 id={`domain-${domain}`} className="mb-2 text-lg font-semibold">
              {DOMAIN_NAMES[domain]}{' '}
              <span className="text-sm font-normal text-slate-500">({inDomain.length})</span>
            </h2>
            <ul className="grid gap-2 sm:grid-cols-2">
              {inDomain.map((concept) => (
                <li
                  key={concept.id}
                  className="rounded border border-slate-200 p-3 dark:border-slate-800"
                >
                  <Link
                    href={`/concepts/${concept.id}`}
                    className="font-medium text-blue-700 hover:underline dark:text-blue-400"
                  >
                    {concept.title}
                  </Link>
                  <div className="text-xs uppercase tracking-wide text-slate-500">
                    {concept.level}
                  </div>
                  <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
                    {concept.summary}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
