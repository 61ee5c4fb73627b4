import { getRepository } from '@/lib/db/client';
import type { Concept } from '@/lib/knowledge/types';
import { getCatalogue } from '@/lib/server/catalogue';
import { ApiError } from '@/lib/server/http';

/** Concept ids as the catalogue defines them: `c` and at least three digits. */
const CONCEPT_ID_PATTERN = /^c\d{3,}$/;

/**
 * Returns the concept with this id and the catalogue it belongs to.
 * @throws ApiError 404 for a malformed or unknown id.
 */
export async function findConcept(id: string): Promise<{ concept: Concept; concepts: Concept[] }> {
  if (!CONCEPT_ID_PATTERN.test(id)) throw notFound(id);
  const concepts = await getCatalogue(await getRepository());
  const concept = concepts.find((candidate) => candidate.id === id);
  if (!concept) throw notFound(id);
  return { concept, concepts };
}

function notFound(id: string): ApiError {
  return new ApiError(
    404,
    'NOT_FOUND',
    `no concept with id "${id.slice(0, 80)}": ids look like c001, and GET /api/concepts lists them`,
  );
}
