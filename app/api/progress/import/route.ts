import { NextResponse } from 'next/server';

import { getRepository } from '@/lib/db/client';
import { PROGRESS_FILE_MAX_BYTES } from '@/lib/progress/transfer';
import { failureResponse, readJsonBody } from '@/lib/server/http';
import { methodHandlers } from '@/lib/server/methods';
import { importProgress, readLearnerKey } from '@/lib/server/progress';

export const dynamic = 'force-dynamic';

export const { OPTIONS, GET, HEAD, PUT, PATCH, DELETE } = methodHandlers(['POST']);

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
    return failureResponse(error, {
      outcome: 'the progress was not imported',
      internalMessage: 'the progress could not be imported; nothing was changed',
      logMessage: 'importing progress failed',
    });
  }
}
