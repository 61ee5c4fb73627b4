import { getRepository } from '@/lib/db/client';
import { failureResponse } from '@/lib/server/http';
import { methodHandlers } from '@/lib/server/methods';
import { deleteSavedScenario } from '@/lib/server/scenarios';

export const dynamic = 'force-dynamic';

export const { OPTIONS, GET, HEAD, POST, PUT, PATCH } = methodHandlers(['DELETE']);

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
    return failureResponse(error, {
      outcome: 'the scenario was not deleted',
      logMessage: 'deleting a saved scenario failed',
      logFields: { lessonId: id, scenarioId },
    });
  }
}
