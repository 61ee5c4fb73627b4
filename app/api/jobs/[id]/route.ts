import { NextResponse } from 'next/server';

import { getLogger } from '@/lib/logger';
import { getJobQueue, isJobId, QueueUnavailableError, toJobView } from '@/lib/queue';
import { ApiError, errorResponse, failureResponse } from '@/lib/server/http';
import { methodHandlers } from '@/lib/server/methods';

export const dynamic = 'force-dynamic';

export const { OPTIONS, POST, PUT, PATCH, DELETE } = methodHandlers(['GET']);

/** Seconds a client should wait before asking again while Redis is unreachable. */
const RETRY_AFTER_S = 5;

/** Returns a job's state, progress (0 to 100) and result link or error. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  if (!isJobId(id)) {
    return errorResponse(
      new ApiError(
        400,
        'INVALID_INPUT',
        `invalid job id "${id.slice(0, 80)}": expected a job kind, a hyphen and 32 hex digits, as returned when the job was started`,
        'id',
      ),
    );
  }
  try {
    const status = await (await getJobQueue()).getJob(id);
    if (!status) return errorResponse(new ApiError(404, 'NOT_FOUND', `no job with id "${id}"`));
    return NextResponse.json(toJobView(status), { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    if (error instanceof QueueUnavailableError) {
      getLogger().warn({ err: error, jobId: id }, 'reading a job failed: Redis is unreachable');
      const response = errorResponse(
        new ApiError(503, 'QUEUE_UNAVAILABLE', 'the job store is unreachable; try again shortly'),
      );
      response.headers.set('retry-after', String(RETRY_AFTER_S));
      return response;
    }
    return failureResponse(error, {
      outcome: 'the job could not be read',
      logMessage: 'reading a job failed',
      logFields: { jobId: id },
    });
  }
}
