import { createHash } from 'node:crypto';

import type { CardBack } from '../lessons/types';

/**
 * Column values of a `card_bodies` row: the body and diagrams that a card copies from its
 * concept. Every lesson that selects a concept shows the same text, about 30 kB a card with its
 * SVG diagrams, so lessons store it once and refer to it by `id`.
 */
export interface CardBodyRow {
  id: string;
  body: string;
  diagrams: string[];
}

/** The part of a card's back stored in `lesson_cards.back` when the rest is in `card_bodies`. */
export interface StoredCardBack {
  applied: string;
}

/** Bodies whose id is remembered; past this the memo starts again empty. */
const MAX_MEMOIZED_BODIES = 2_048;

/**
 * Ids of recent card bodies, keyed by the body text. Lessons built from the same catalogue share
 * the body and diagram strings, so a lookup hashes no text after a concept's first card.
 */
const memoizedIds = new Map<string, { diagrams: readonly string[]; id: string }>();

/**
 * Returns the id of a card body: the SHA-256, in hex, of the body and each diagram, each one
 * prefixed with its length so that no two different contents give the same input.
 */
export function cardBodyId(body: string, diagrams: readonly string[]): string {
  const memoized = memoizedIds.get(body);
  if (memoized && sameStrings(memoized.diagrams, diagrams)) return memoized.id;

  const hash = createHash('sha256');
  hash.update(`${body.length}:`).update(body);
  for (const diagram of diagrams) hash.update(`\n${diagram.length}:`).update(diagram);
  const id = hash.digest('hex');

  if (memoizedIds.size >= MAX_MEMOIZED_BODIES) memoizedIds.clear();
  memoizedIds.set(body, { diagrams: [...diagrams], id });
  return id;
}

/**
 * Rebuilds a card's back from its stored columns: the `back` JSON alone for cards stored before
 * `card_bodies` existed, or its `applied` section with the shared body and diagrams.
 */
export function joinCardBack(
  back: unknown,
  shared: { body: string; diagrams: string[] } | null,
): CardBack {
  if (shared === null) return back as CardBack;
  return {
    body: shared.body,
    applied: (back as StoredCardBack).applied,
    diagrams: shared.diagrams,
  };
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
