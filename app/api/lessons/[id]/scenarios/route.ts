import { NextResponse } from 'next/server';

import { getRepository } from '@/lib/db/client';
import { getLogger } from '@/lib/logger';
import {
  ApiError,
  databaseApiError,
  errorResponse,
  parseWith,
  readJsonBody,
} from '@/lib/server/http';
import {
  listSavedScenarios,
  saveLessonScenario,
  scenarioRequestSchema,
} from '@/lib/server/scenarios';

export const dynamic = 'force-dynamic';

type RouteContext = { params: Promise<{ id: string }> };

/** Returns the lesson's saved what-if scenarios, oldest first: `{ scenarios: [...] }`. */
export async function GET(_request: Request, context: RouteContext) {
  const { id } = await context.params;
  try {
    const scenarios = await listSavedScenarios(await getRepository(), id);
    return NextResponse.json({ scenarios });
  } catch (error) {
    return failure(
      error,
      id,
      'the saved scenarios could not be read',
      'listing saved scenarios failed',
    );
  }
}

/**
 * Saves a what-if scenario with the lesson: `{ name, scenario: { stated?, edits } }`, with edits
 * in quantity units. Returns 201 with the saved scenario.
 */
export async function POST(request: Request, context: RouteContext) {
  const { id } = await context.params;
  try {
    const input = parseWith(scenarioRequestSchema, await readJsonBody(request));
    const saved = await saveLessonScenario(await getRepository(), id, input);
    return NextResponse.json(saved, { status: 201 });
  } catch (error) {
    return failure(error, id, 'the scenario was not saved', 'saving a scenario failed');
  }
}

function failure(error: unknown, lessonId: string, outcome: string, logMessage: string) {
  if (error instanceof ApiError) return errorResponse(error);
  const databaseError = databaseApiError(error, outcome);
  getLogger().error({ err: error, lessonId, code: databaseError?.code }, logMessage);
  return errorResponse(databaseError ?? new ApiError(500, 'INTERNAL', outcome));
}
