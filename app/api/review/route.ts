import { NextResponse } from 'next/server';

import { getRepository } from '@/lib/db/client';
import { dueQuerySchema, rateRequestSchema } from '@/lib/progress/input';
import { failureResponse, parseWith, readJsonBody } from '@/lib/server/http';
import { methodHandlers } from '@/lib/server/methods';
import { listDueCards, rateConcept, readLearnerKey } from '@/lib/server/progress';

export const dynamic = 'force-dynamic';

export const { OPTIONS, PUT, PATCH, DELETE } = methodHandlers(['GET', 'POST']);

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
    return failureResponse(error, {
      outcome: 'the due cards could not be read',
      logMessage: 'listing due cards failed',
    });
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
    return failureResponse(error, {
      outcome: 'the rating was not stored',
      internalMessage: 'the rating could not be stored; nothing was changed',
      logMessage: 'rating a concept failed',
    });
  }
}
