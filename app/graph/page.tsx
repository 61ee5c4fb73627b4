import type { Metadata } from 'next';
import { headers } from 'next/headers';

import { GraphVisualization } from '@/components/GraphVisualization';
import { getRepository } from '@/lib/db/client';
import { toConceptSummary } from '@/lib/knowledge/graph';
import { DOMAINS, LEVELS, type Domain, type Level } from '@/lib/knowledge/types';
import { getLogger } from '@/lib/logger';
import { getCatalogue } from '@/lib/server/catalogue';
import type { GraphPositions } from '@/components/graph-elements';
import { graphPreviewScript } from '@/components/graph-preview-script';
import { graphPositions } from './positions';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Concept graph' };

type PageProps = {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/**
 * Renders the knowledge-graph explorer. The `domain` and `level` parameters (repeated or
 * comma-separated) and `concept` set the first view. Values that name no domain, level or concept
 * are ignored.
 */
export default async function GraphPage({ searchParams }: PageProps) {
  const [concepts, params, requestHeaders] = await Promise.all([
    getCatalogue(await getRepository()),
    searchParams,
    headers(),
  ]);
  const conceptParam = listParam(params.concept)[0];
  const initialConceptId = concepts.some((concept) => concept.id === conceptParam)
    ? conceptParam
    : null;

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
      <GraphVisualization
        concepts={concepts.map(toConceptSummary)}
        positions={positions}
        initialDomains={listParam(params.domain).filter((value): value is Domain =>
          (DOMAINS as readonly string[]).includes(value),
        )}
        initialLevels={listParam(params.level).filter((value): value is Level =>
          (LEVELS as readonly string[]).includes(value),
        )}
        initialConceptId={initialConceptId}
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

function listParam(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  return [...new Set(values.flatMap((entry) => entry.split(',')).map((entry) => entry.trim()))];
}
