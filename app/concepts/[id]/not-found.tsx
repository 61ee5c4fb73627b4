'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** Longest requested id the page repeats back, because a longer path segment is no concept id. */
const MAX_SHOWN_ID_CHARS = 64;

/** Returns the concept id from a `/concepts/<id>` path, or undefined when there is none to show. */
function requestedId(pathname: string | null): string | undefined {
  const match = /^\/concepts\/([^/]+)\/?$/.exec(pathname ?? '');
  if (!match) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
  return id.length <= MAX_SHOWN_ID_CHARS ? id : undefined;
}

/**
 * Renders the 404 page of `/concepts/<id>`. Next.js gives a not-found page no route parameters,
 * so the id comes from the path. React renders it as text, never as markup.
 */
export default function ConceptNotFound() {
  const id = requestedId(usePathname());
  return (
    <section className="space-y-4" data-testid="concept-not-found">
      <h1 className="text-2xl font-bold">Concept not found</h1>
      <p className="text-slate-700 dark:text-slate-300">
        {id === undefined ? (
          'There is no concept at this address. Find it in the list or the graph.'
        ) : (
          <>
            There is no concept with the id <code className="font-mono">{id}</code>. Check the
            address, or find the concept in the list or the graph.
          </>
        )}
      </p>
      <ul className="ml-5 list-disc space-y-1">
        <li>
          <Link href="/concepts" className="text-blue-700 underline dark:text-blue-400">
            Browse all concepts
          </Link>
        </li>
        <li>
          <Link href="/graph" className="text-blue-700 underline dark:text-blue-400">
            Explore the concept graph
          </Link>
        </li>
      </ul>
    </section>
  );
}
