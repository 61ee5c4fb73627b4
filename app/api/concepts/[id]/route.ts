import { NextResponse } from 'next/server';

import { failureResponse } from '@/lib/server/http';
import { methodHandlers } from '@/lib/server/methods';
import { findConcept } from './find-concept';

export const dynamic = 'force-dynamic';

export const { OPTIONS, POST, PUT, PATCH, DELETE } = methodHandlers(['GET']);

/** Returns one concept with its body, quiz and rendered diagrams. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  try {
    const { concept } = await findConcept(id);
    return NextResponse.json(concept);
  } catch (error) {
    return failureResponse(error, {
      outcome: 'the concept could not be read',
      logMessage: 'reading a concept failed',
      logFields: { conceptId: id.slice(0, 80) },
    });
  }
}
