import { NextResponse } from 'next/server';

import { getRepository } from '@/lib/db/client';
import { getLogger } from '@/lib/logger';
import { ApiError, databaseApiError } from '@/lib/server/http';
import { methodHandlers } from '@/lib/server/methods';

export const dynamic = 'force-dynamic';

export const { OPTIONS, POST, PUT, PATCH, DELETE } = methodHandlers(['GET']);

/**
 * Reports whether the database responds, for start-up checks and load balancers: 200 with
 * `{ status: "ok", database, concepts }`, or a 5xx with `{ status: "error", error: { code,
 * message } }`. A database failure gets its mapped code (such as DATABASE_UNAVAILABLE), and any
 * other error gets 503 HEALTH_CHECK_FAILED.
 */
export async function GET() {
  try {
    const repository = await getRepository();
    return NextResponse.json(
      { status: 'ok', database: repository.kind, concepts: await repository.countConcepts() },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    const failure =
      databaseApiError(error, 'the health check failed') ??
      new ApiError(
        503,
        'HEALTH_CHECK_FAILED',
        'the health check failed: the database did not answer a count of the concepts. The ' +
          'server log has the cause; run `npm run db:migrate` if the tables are missing',
      );
    getLogger().error({ err: error, code: failure.code }, 'health check failed');
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (failure.retryAfterS !== undefined) headers['retry-after'] = String(failure.retryAfterS);
    return NextResponse.json(
      { status: 'error', error: { code: failure.code, message: failure.message } },
      { status: failure.status, headers },
    );
  }
}
