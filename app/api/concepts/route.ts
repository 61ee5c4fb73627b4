import { NextResponse } from 'next/server';

import { getRepository } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

/** Lists the catalogue without bodies and quizzes, which `/api/concepts/[id]` returns. */
export async function GET() {
  const concepts = await (await getRepository()).listConcepts();
  return NextResponse.json({
    concepts: concepts.map(
      ({ body: _body, quiz: _quiz, diagrams: _diagrams, ...summary }) => summary,
    ),
  });
}
