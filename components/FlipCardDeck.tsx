'use client';

import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';

export interface FlipCardItem {
  /** Concept id; the card's anchor is `card-<id>`. */
  id: string;
  title: string;
  front: ReactNode;
  back: ReactNode;
}

export interface FlipCardDeckProps {
  cards: FlipCardItem[];
}

/**
 * Flip cards with keyboard support: click, Enter or Space flips the focused card, F flips all
 * (all to the back unless every card already shows it), and the arrow keys move between cards.
 * The flip control carries `data-flipped` and `aria-pressed`.
 */
export function FlipCardDeck({ cards }: FlipCardDeckProps) {
  const [flipped, setFlipped] = useState<Record<string, boolean>>({});
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const flipAll = useCallback(() => {
    setFlipped((current) => {
      const allFlipped = cards.every((card) => current[card.id]);
      return Object.fromEntries(cards.map((card) => [card.id, !allFlipped]));
    });
  }, [cards]);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'f' && event.key !== 'F') return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      event.preventDefault();
      flipAll();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [flipAll]);

  const moveFocus = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = (index + step + cards.length) % cards.length;
    buttons.current[next]?.focus();
  };

  return (
    <div>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        Click a card or press Enter to flip it; <kbd>F</kbd> flips all; arrow keys move between
        cards.{' '}
        <button type="button" onClick={flipAll} className="underline">
          Flip all
        </button>
      </p>
      <ol className="space-y-4" aria-label="Concept cards">
        {cards.map((card, index) => {
          const isFlipped = Boolean(flipped[card.id]);
          const backId = `card-back-${card.id}`;
          return (
            <li key={card.id} id={`card-${card.id}`} className="scroll-mt-4">
              <article className="rounded-xl border border-slate-200 shadow-sm dark:border-slate-800">
                <button
                  type="button"
                  ref={(element) => {
                    buttons.current[index] = element;
                  }}
                  className="flip-card w-full rounded-xl p-4 text-left focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500"
                  data-card-id={card.id}
                  data-flipped={isFlipped ? 'true' : 'false'}
                  aria-pressed={isFlipped}
                  aria-controls={backId}
                  onClick={() =>
                    setFlipped((current) => ({ ...current, [card.id]: !current[card.id] }))
                  }
                  onKeyDown={(event) => moveFocus(event, index)}
                >
                  <span className="sr-only">
                    Card {index + 1} of {cards.length},{' '}
                    {isFlipped ? 'showing the back' : 'showing the front'}.{' '}
                  </span>
                  <span className={`flip-face block ${isFlipped ? 'flip-face-back' : ''}`}>
                    {card.front}
                  </span>
                </button>
                <div
                  id={backId}
                  hidden={!isFlipped}
                  className="border-t border-slate-200 p-4 dark:border-slate-800"
                >
                  {card.back}
                </div>
              </article>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
