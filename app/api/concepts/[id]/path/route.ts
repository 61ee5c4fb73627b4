import { NextResponse } from 'next/server';

import { buildGraph, prerequisitePath } from '@/lib/knowledge/graph';
import type { Concept } from '@/lib/knowledge/types';
import { getLogger } from '@/lib/logger';
import { ApiError, errorResponse } from '@/lib/server/http';
import { findConcept } from '../find-concept';

export const dynamic = 'force-dynamic';

/**
 * Returns a concept's prerequisite path: every ancestor in learning-plan order (each after all
 * of its own prerequisites), the edges among them and the concept, and its direct dependents.
 */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  try {
    const { concept, concepts } = await findConcept(id);
    const byId = new Map(concepts.map((candidate) => [candidate.id, candidate]));
    const path = prerequisitePath(buildGraph(concepts), concept.id);
    const reference = (conceptId: string) => toReference(byId.get(conceptId)!);
    return NextResponse.json({
      concept: toReference(concept),
      ancestors: path.plan.map(reference),
      edges: path.edges,
      dependents: path.dependents.map(reference),
    });
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    getLogger().error({ err: error, conceptId: id.slice(0, 80) }, 'reading a concept path failed');
    return errorResponse(new ApiError(500, 'INTERNAL', 'the prerequisite path could not be read'));
  }
}

function toReference({ id, title, level, domain }: Concept) {
  return { id, title, level, domain };
}
