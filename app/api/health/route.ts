import { NextResponse } from 'next/server';

import { getRepository } from '@/lib/db/client';
import { getLogger } from '@/lib/logger';

export const dynamic = 'force-dynamic';

/** Reports whether the database responds, for start-up checks and load balancers. */
export async function GET() {
  try {
    const repository = await getRepository();
    return NextResponse.json({
      status: 'ok',
      database: repository.kind,
      concepts: await repository.countConcepts(),
    });
  } catch (error) {
    getLogger().error({ err: error }, 'health check failed');
    return NextResponse.json({ status: 'error', message: 'database unavailable' }, { status: 503 });
  }
}
