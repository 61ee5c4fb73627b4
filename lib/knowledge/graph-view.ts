import { DOMAINS, LEVELS, type Domain, type Level } from './types';

/** The graph page's view: the domain and level filters and the selected concept. */
export interface GraphView {
  domains: Domain[];
  levels: Level[];
  conceptId: string | null;
}

/** Query parameters as Next.js passes them to a page, or as `URLSearchParams` of the address. */
type QueryParams =
  Pick<URLSearchParams, 'getAll'> | Readonly<Record<string, string | string[] | undefined>>;

/**
 * Reads the graph page's view from its query: `domain` and `level` (repeated or comma-separated)
 * and `concept`. Values that name no domain, level or known concept are left out, so a stale or
 * mistyped link still opens the graph.
 */
export function readGraphView(query: QueryParams, conceptIds: ReadonlySet<string>): GraphView {
  const conceptId = listParam(query, 'concept')[0];
  return {
    domains: listParam(query, 'domain').filter((value): value is Domain =>
      (DOMAINS as readonly string[]).includes(value),
    ),
    levels: listParam(query, 'level').filter((value): value is Level =>
      (LEVELS as readonly string[]).includes(value),
    ),
    conceptId: conceptId !== undefined && conceptIds.has(conceptId) ? conceptId : null,
  };
}

/** Returns the query string of a view, without the leading `?`, or '' for the default view. */
export function graphViewQuery(view: GraphView): string {
  const params = new URLSearchParams();
  for (const domain of view.domains) params.append('domain', domain);
  for (const level of view.levels) params.append('level', level);
  if (view.conceptId) params.set('concept', view.conceptId);
  return params.toString();
}

function listParam(query: QueryParams, name: string): string[] {
  const raw =
    'getAll' in query && typeof query.getAll === 'function'
      ? query.getAll(name)
      : (query as Readonly<Record<string, string | string[] | undefined>>)[name];
  if (raw === undefined) return [];
  const values = Array.isArray(raw) ? raw : [raw];
  return [...new Set(values.flatMap((entry) => entry.split(',')).map((entry) => entry.trim()))];
}
