import { LEARNER_KEY_HEADER } from '@/lib/progress/learner-key';

interface ProgressFileBody {
  progress: {
    conceptId: string;
    card: { state: string; stability: number; lastRating: string | null };
  }[];
}

/**
 * Gives learner `learnerKey` mastered cards for `conceptIds` through the app's own API: one
 * self-graded review each, then an export whose cards are edited to 30 days of stability in
 * review (mastered from 21 days) and imported back.
 */
export async function masterConcepts(
  baseUrl: string,
  learnerKey: string,
  conceptIds: readonly string[],
): Promise<void> {
  const headers = { 'content-type': 'application/json', [LEARNER_KEY_HEADER]: learnerKey };
  for (const conceptId of conceptIds) {
    const review = await fetch(`${baseUrl}/api/review`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ source: 'self-grade', conceptId, rating: 'good' }),
    });
    if (!review.ok) throw new Error(`rating ${conceptId} failed: HTTP ${review.status}`);
  }
  const exported = await fetch(`${baseUrl}/api/progress/export`, { headers });
  const file = (await exported.json()) as ProgressFileBody;
  for (const entry of file.progress) {
    entry.card = { ...entry.card, state: 'review', stability: 30, lastRating: 'good' };
  }
  const imported = await fetch(`${baseUrl}/api/progress/import`, {
    method: 'POST',
    headers,
    body: JSON.stringify(file),
  });
  if (!imported.ok) {
    throw new Error(`importing mastered cards failed: ${await imported.text()}`);
  }
}
