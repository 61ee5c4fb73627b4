import { NextResponse } from 'next/server';

import { getRepository } from '@/lib/db/client';
import { buildGraph, prerequisitePath } from '@/lib/knowledge/graph';
import type { Concept } from '@/lib/knowledge/types';
import { LEARNER_KEY_HEADER } from '@/lib/progress/learner-key';
import { failureResponse } from '@/lib/server/http';
import { methodHandlers } from '@/lib/server/methods';
import { loadLearnerContext, readLearnerKey } from '@/lib/server/progress';
import { findConcept } from '../find-concept';

export const dynamic = 'force-dynamic';

export const { OPTIONS, POST, PUT, PATCH, DELETE } = methodHandlers(['GET']);

/**
 * Returns a concept's prerequisite path: every ancestor in learning-plan order (each after all
 * of its own prerequisites), the edges among them and the concept, and its direct dependents.
 * With the learner's `x-learner-key` header, `plan` leaves out the ancestors the learner has
 * mastered and `masteredIds` names them; without it, `plan` is every ancestor.
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  try {
    const learnerKey = request.headers.has(LEARNER_KEY_HEADER) ? readLearnerKey(request) : null;
    const { concept, concepts } = await findConcept(id);
    const byId = new Map(concepts.map((candidate) => [candidate.id, candidate]));
    const path = prerequisitePath(buildGraph(concepts), concept.id);
    const mastered = learnerKey
      ? new Set(
          (await loadLearnerContext(await getRepository(), learnerKey, Date.now()))
            .masteredConceptIds,
        )
      : new Set<string>();
    const reference = (conceptId: string) => toReference(byId.get(conceptId)!);
    return NextResponse.json({
      concept: toReference(concept),
      ancestors: path.plan.map(reference),
      plan: path.plan.filter((ancestor) => !mastered.has(ancestor)).map(reference),
      masteredIds: path.plan.filter((ancestor) => mastered.has(ancestor)),
      edges: path.edges,
      dependents: path.dependents.map(reference),
    });
  } catch (error) {
    return failureResponse(error, {
      outcome: 'the prerequisite path could not be read',
      logMessage: 'reading a concept path failed',
      logFields: { conceptId: id.slice(0, 80) },
    });
  }
}

function toReference({ id, title, level, domain }: Concept) {
  return { id, title, level, domain };
}
