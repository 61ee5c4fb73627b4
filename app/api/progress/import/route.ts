import { NextResponse } from 'next/server';

import { getRepository } from '@/lib/db/client';
import { getLogger } from '@/lib/logger';
import { PROGRESS_FILE_MAX_BYTES } from '@/lib/progress/transfer';
import { ApiError, errorResponse, readJsonBody } from '@/lib/server/http';
import { importProgress, readLearnerKey } from '@/lib/server/progress';

export const dynamic = 'force-dynamic';

/**
 * Replaces the learner's progress and review log with an exported file (the JSON body). A file
 * with any problem changes nothing and gets a 400 naming the first problem's path.
 */
export async function POST(request: Request) {
  try {
    const learnerKey = readLearnerKey(request);
    const file = await readJsonBody(request, PROGRESS_FILE_MAX_BYTES);
    const result = await importProgress(await getRepository(), learnerKey, file);
    return NextResponse.json(result, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    getLogger().error({ err: error }, 'importing progress failed');
    return errorResponse(
      new ApiError(500, 'INTERNAL', 'the progress could not be imported; nothing was changed'),
    );
  }
}
