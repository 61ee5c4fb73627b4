import { NextResponse } from 'next/server';

import { getRepository } from '@/lib/db/client';
import { getLogger } from '@/lib/logger';
import { summaryQuerySchema } from '@/lib/progress/input';
import { ApiError, errorResponse, parseWith } from '@/lib/server/http';
import { readLearnerKey, summarizeLearner } from '@/lib/server/progress';

export const dynamic = 'force-dynamic';

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
    if (error instanceof ApiError) return errorResponse(error);
    getLogger().error({ err: error }, 'summarising progress failed');
    return errorResponse(new ApiError(500, 'INTERNAL', 'the progress summary could not be read'));
  }
}
