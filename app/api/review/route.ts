import { NextResponse } from 'next/server';

import { getRepository } from '@/lib/db/client';
import { dueQuerySchema, rateRequestSchema } from '@/lib/progress/input';
import { getLogger } from '@/lib/logger';
import { ApiError, errorResponse, parseWith, readJsonBody } from '@/lib/server/http';
import { listDueCards, rateConcept, readLearnerKey } from '@/lib/server/progress';

export const dynamic = 'force-dynamic';

/** Progress is private to its learner key, so no cache may keep it. */
const NO_STORE = { 'cache-control': 'no-store' };

/** Returns the learner's due cards, oldest due first (`?limit=` from 1 to 100, default 50). */
export async function GET(request: Request) {
  try {
    const learnerKey = readLearnerKey(request);
    const query = parseWith(dueQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
    const due = await listDueCards(await getRepository(), learnerKey, Date.now(), query.limit);
    return NextResponse.json(due, { headers: NO_STORE });
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    getLogger().error({ err: error }, 'listing due cards failed');
    return errorResponse(new ApiError(500, 'INTERNAL', 'the due cards could not be read'));
  }
}

/**
 * Rates a concept for the learner: `{ source: "review" | "self-grade", conceptId, rating }` or
 * `{ source: "quiz", conceptId, answers }`. Returns the new schedule and any graph credit.
 */
export async function POST(request: Request) {
  try {
    const learnerKey = readLearnerKey(request);
    const input = parseWith(rateRequestSchema, await readJsonBody(request));
    const result = await rateConcept(await getRepository(), learnerKey, input, Date.now());
    return NextResponse.json(result, { headers: NO_STORE });
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    getLogger().error({ err: error }, 'rating a concept failed');
    return errorResponse(
      new ApiError(500, 'INTERNAL', 'the rating could not be stored; nothing was changed'),
    );
  }
}
