import { NextResponse } from 'next/server';

import { getRepository } from '@/lib/db/client';
import { getLogger } from '@/lib/logger';
import { ApiError, errorResponse } from '@/lib/server/http';
import { exportProgress, readLearnerKey } from '@/lib/server/progress';

export const dynamic = 'force-dynamic';

/** Returns the learner's progress and review log as a versioned JSON file to download. */
export async function GET(request: Request) {
  try {
    const learnerKey = readLearnerKey(request);
    const nowMs = Date.now();
    const file = await exportProgress(await getRepository(), learnerKey, nowMs);
    const date = new Date(nowMs).toISOString().slice(0, 10);
    return NextResponse.json(file, {
      headers: {
        'cache-control': 'no-store',
        'content-disposition': `attachment; filename="infra-learn-progress-${date}.json"`,
      },
    });
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    getLogger().error({ err: error }, 'exporting progress failed');
    return errorResponse(new ApiError(500, 'INTERNAL', 'the progress could not be exported'));
  }
}
