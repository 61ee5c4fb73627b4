import { NextResponse } from 'next/server';

import { getRepository } from '@/lib/db/client';
import { failureResponse } from '@/lib/server/http';
import { methodHandlers } from '@/lib/server/methods';
import { exportProgress, readLearnerKey } from '@/lib/server/progress';

export const dynamic = 'force-dynamic';

export const { OPTIONS, POST, PUT, PATCH, DELETE } = methodHandlers(['GET']);

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
    return failureResponse(error, {
      outcome: 'the progress could not be exported',
      logMessage: 'exporting progress failed',
    });
  }
}
