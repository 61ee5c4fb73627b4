import { NextResponse } from 'next/server';

import { getLogger } from '@/lib/logger';
import { ApiError, errorResponse } from '@/lib/server/http';
import { findConcept } from './find-concept';

export const dynamic = 'force-dynamic';

/** Returns one concept with its body, quiz and rendered diagrams. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  try {
    const { concept } = await findConcept(id);
    return NextResponse.json(concept);
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    getLogger().error({ err: error, conceptId: id.slice(0, 80) }, 'reading a concept failed');
    return errorResponse(new ApiError(500, 'INTERNAL', 'the concept could not be read'));
  }
}
