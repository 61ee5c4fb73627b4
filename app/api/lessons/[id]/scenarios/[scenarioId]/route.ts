import { getRepository } from '@/lib/db/client';
import { getLogger } from '@/lib/logger';
import { ApiError, databaseApiError, errorResponse } from '@/lib/server/http';
import { deleteSavedScenario } from '@/lib/server/scenarios';

export const dynamic = 'force-dynamic';

/** Deletes one of the lesson's saved scenarios. Returns 204, or 404 when there is no such one. */
export async function DELETE(
  _request: Request,
  context: { params: Promise<{ id: string; scenarioId: string }> },
) {
  const { id, scenarioId } = await context.params;
  try {
    await deleteSavedScenario(await getRepository(), id, scenarioId);
    return new Response(null, { status: 204 });
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    const outcome = 'the scenario was not deleted';
    const databaseError = databaseApiError(error, outcome);
    getLogger().error(
      { err: error, lessonId: id, scenarioId, code: databaseError?.code },
      'deleting a saved scenario failed',
    );
    return errorResponse(databaseError ?? new ApiError(500, 'INTERNAL', outcome));
  }
}
