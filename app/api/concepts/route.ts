import { NextResponse } from 'next/server';
import { z } from 'zod';

import { getRepository } from '@/lib/db/client';
import { filterConcepts, toConceptSummary } from '@/lib/knowledge/graph';
import { DOMAINS, LEVELS } from '@/lib/knowledge/types';
import { getCatalogue } from '@/lib/server/catalogue';
import { ApiError, failureResponse } from '@/lib/server/http';
import { methodHandlers } from '@/lib/server/methods';

export const dynamic = 'force-dynamic';

export const { OPTIONS, POST, PUT, PATCH, DELETE } = methodHandlers(['GET']);

/** Longest accepted `q`, in characters. */
const MAX_QUERY_LENGTH = 200;

const QUERY_PARAMETERS = ['domain', 'level', 'q'] as const;

const listQuerySchema = z.object({
  domain: z.array(
    z.enum(DOMAINS, {
      error: (issue) => `expected one of ${DOMAINS.join(', ')}, got "${String(issue.input)}"`,
    }),
  ),
  level: z.array(
    z.enum(LEVELS, {
      error: (issue) => `expected one of ${LEVELS.join(', ')}, got "${String(issue.input)}"`,
    }),
  ),
  q: z
    .array(
      z.string().trim().max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`),
    )
    .max(1, 'give at most one q'),
});

/**
 * Lists the catalogue without bodies and quizzes, which `/api/concepts/[id]` returns.
 * `domain` and `level` may repeat or hold comma-separated values, and a concept matches when it
 * has any of them. `q` keeps concepts whose id, title or a tag contains it, best match first.
 */
export async function GET(request: Request) {
  try {
    const filter = parseListQuery(new URL(request.url).searchParams);
    const concepts = await getCatalogue(await getRepository());
    return NextResponse.json({ concepts: filterConcepts(concepts, filter).map(toConceptSummary) });
  } catch (error) {
    return failureResponse(error, {
      outcome: 'the concept catalogue could not be read',
      logMessage: 'listing concepts failed',
    });
  }
}

/** @throws ApiError 400 naming the first unknown or invalid query parameter. */
function parseListQuery(params: URLSearchParams) {
  for (const name of params.keys()) {
    if (!(QUERY_PARAMETERS as readonly string[]).includes(name)) {
      throw new ApiError(
        400,
        'INVALID_INPUT',
        `unknown query parameter "${name.slice(0, 80)}": expected ${QUERY_PARAMETERS.join(', ')}`,
        name.slice(0, 80),
      );
    }
  }

  // Empty entries, as in `?domain=` or `?level=beginner,`, filter on nothing.
  const values = (name: string) =>
    params
      .getAll(name)
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter((value) => value !== '');
  const result = listQuerySchema.safeParse({
    domain: values('domain'),
    level: values('level'),
    q: params.getAll('q'),
  });
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = String(issue.path[0]);
    throw new ApiError(400, 'INVALID_INPUT', `${field}: ${issue.message}`, field);
  }

  return { domains: result.data.domain, levels: result.data.level, query: result.data.q[0] };
}
