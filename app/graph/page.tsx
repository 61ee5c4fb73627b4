import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';

import { GraphVisualization } from '@/components/GraphVisualization';
import { getRepository } from '@/lib/db/client';
import { toConceptSummary } from '@/lib/knowledge/graph';
import { getLogger } from '@/lib/logger';
import { getCatalogue } from '@/lib/server/catalogue';
import type { GraphPositions } from '@/components/graph-elements';
import { graphPreviewScript } from '@/components/graph-preview-script';
import { graphPositions } from './positions';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Concept graph' };

/**
 * Renders the knowledge-graph explorer. The explorer reads its view (the `domain` and `level`
 * filters and the selected `concept`) from the address itself, so Back restores it too.
 */
export default async function GraphPage() {
  const [concepts, requestHeaders] = await Promise.all([
    getCatalogue(await getRepository()),
    headers(),
  ]);

  let positions: GraphPositions | null = null;
  try {
    positions = graphPositions(concepts);
  } catch (error) {
    getLogger().error({ err: error }, 'laying out the concept graph failed; the browser will');
  }

  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">Concept graph</h1>
        <p className="text-slate-600 dark:text-slate-400">
          The {concepts.length} concepts of the knowledge base and what each builds on, grouped by
          domain. An arrow points from a prerequisite to the concept that needs it.
        </p>
      </header>
      <noscript>
        <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          The filters, search, zoom and the list below need JavaScript. Without it the graph can
          only be looked at; the{' '}
          <Link href="/concepts" className="underline">
            concept catalogue
          </Link>{' '}
          lists the same concepts with links.
        </p>
      </noscript>
      <GraphVisualization
        concepts={concepts.map(toConceptSummary)}
        positions={positions}
        previewScript={
          positions && (
            <script
              nonce={scriptNonce(requestHeaders.get('content-security-policy'))}
              dangerouslySetInnerHTML={{ __html: graphPreviewScript() }}
            />
          )
        }
      />
    </div>
  );
}

/** Returns the script nonce of the policy proxy.ts set on the request, if it set one. */
function scriptNonce(policy: string | null): string | undefined {
  return policy?.match(/'nonce-([^']+)'/)?.[1];
}
