import { NextResponse } from 'next/server';

import { getRepository } from '@/lib/db/client';
import { failureResponse, parseWith, readJsonBody } from '@/lib/server/http';
import { methodHandlers } from '@/lib/server/methods';
import {
  listSavedScenarios,
  saveLessonScenario,
  scenarioRequestSchema,
} from '@/lib/server/scenarios';

export const dynamic = 'force-dynamic';

export const { OPTIONS, PUT, PATCH, DELETE } = methodHandlers(['GET', 'POST']);

type RouteContext = { params: Promise<{ id: string }> };

/** Returns the lesson's saved what-if scenarios, oldest first: `{ scenarios: [...] }`. */
export async function GET(_request: Request, context: RouteContext) {
  const { id } = await context.params;
  try {
    const scenarios = await listSavedScenarios(await getRepository(), id);
    return NextResponse.json({ scenarios });
  } catch (error) {
    return failureResponse(error, {
      outcome: 'the saved scenarios could not be read',
      logMessage: 'listing saved scenarios failed',
      logFields: { lessonId: id },
    });
  }
}

/**
 * Saves a what-if scenario with the lesson: `{ name, scenario: { stated?, edits } }`, with edits
 * in quantity units. Returns 201 with the saved scenario, or 409 when the lesson already has a
 * scenario of that name (ignoring case and surrounding spaces) or is at its cap.
 */
export async function POST(request: Request, context: RouteContext) {
  const { id } = await context.params;
  try {
    const input = parseWith(scenarioRequestSchema, await readJsonBody(request));
    const saved = await saveLessonScenario(await getRepository(), id, input);
    return NextResponse.json(saved, { status: 201 });
  } catch (error) {
    return failureResponse(error, {
      outcome: 'the scenario was not saved',
      logMessage: 'saving a scenario failed',
      logFields: { lessonId: id },
    });
  }
}
