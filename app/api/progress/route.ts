import { NextResponse } from 'next/server';

import { getRepository } from '@/lib/db/client';
import { summaryQuerySchema } from '@/lib/progress/input';
import { failureResponse, parseWith } from '@/lib/server/http';
import { methodHandlers } from '@/lib/server/methods';
import { readLearnerKey, summarizeLearner } from '@/lib/server/progress';

export const dynamic = 'force-dynamic';

export const { OPTIONS, POST, PUT, PATCH, DELETE } = methodHandlers(['GET']);

/**
 * Returns the learner's progress summary: status counts by domain, reviews per day, the 30-day
 * due forecast and the weak concepts. `?utcOffsetMinutes=` sets the local day boundaries.
 */
export async function GET(request: Request) {
  try {
    const learnerKey = readLearnerKey(request);
    const query = parseWith(
      summaryQuerySchema,
      Object.fromEntries(new URL(request.url).searchParams),
    );
    const summary = await summarizeLearner(
      await getRepository(),
      learnerKey,
      Date.now(),
      query.utcOffsetMinutes,
    );
    return NextResponse.json(summary, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return failureResponse(error, {
      outcome: 'the progress summary could not be read',
      logMessage: 'summarising progress failed',
    });
  }
}
