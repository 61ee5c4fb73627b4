'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';

import { formatInterval } from '@/lib/progress/format';
import type { RatingName } from '@/lib/progress/types';
import type { DueCard, DueCards, RatingResult } from '@/lib/server/progress';
import { Markdown } from './Markdown';
import { progressFetch, progressPost } from './ProgressApi';

/** Rating buttons in key order: key 1 is again, key 4 is easy. */
const RATINGS: readonly { rating: RatingName; label: string; key: string; className: string }[] = [
  { rating: 'again', label: 'Again', key: '1', className: 'bg-rose-700 hover:bg-rose-800' },
  { rating: 'hard', label: 'Hard', key: '2', className: 'bg-amber-700 hover:bg-amber-800' },
  { rating: 'good', label: 'Good', key: '3', className: 'bg-emerald-700 hover:bg-emerald-800' },
  { rating: 'easy', label: 'Easy', key: '4', className: 'bg-sky-700 hover:bg-sky-800' },
];

/** Maximum wait, in ms, after which the page still refetches the queue when the next card is due. */
const AUTO_REFRESH_MAX_MS = 60 * 60_000;

type Load =
  { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready'; due: DueCards };

async function fetchQueue(): Promise<Load> {
  try {
    return { phase: 'ready', due: await progressFetch<DueCards>('/api/review') };
  } catch (error) {
    return { phase: 'failed', message: (error as Error).message };
  }
}

/**
 * The review queue: due cards oldest first, one at a time. Space or Enter shows the answer;
 * keys 1 to 4 (or the buttons) rate it again, hard, good or easy.
 */
export function ReviewSession() {
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const [flipped, setFlipped] = useState(false);
  const [pending, setPending] = useState(false);
  const [lastRating, setLastRating] = useState<string | null>(null);
  const [reviewed, setReviewed] = useState(0);

  const refresh = useCallback(async () => {
    setLoad(await fetchQueue());
    setFlipped(false);
  }, []);

  useEffect(() => {
    // The learner key lives in localStorage, so the queue can only be fetched in the browser.
    let active = true;
    void fetchQueue().then((next) => {
      if (active) setLoad(next);
    });
    return () => {
      active = false;
    };
  }, []);

  const due = load.phase === 'ready' ? load.due : undefined;
  const card = due?.cards[0];

  useEffect(() => {
    if (!due || card || due.nextDueAt === null) return;
    const waitMs = Date.parse(due.nextDueAt) - Date.now();
    if (waitMs > AUTO_REFRESH_MAX_MS) return;
    const timer = setTimeout(() => void refresh(), Math.max(0, waitMs) + 1_000);
    return () => clearTimeout(timer);
  }, [due, card, refresh]);

  const rate = useCallback(
    async (rating: RatingName) => {
      if (!due || !card || pending) return;
      setPending(true);
      try {
        const result = await progressPost<RatingResult>('/api/review', {
          source: 'review',
          conceptId: card.conceptId,
          rating,
        });
        const next = formatInterval(Date.parse(result.reviewedAt), Date.parse(result.dueAt));
        setLastRating(`${card.title}: ${rating}, next review in ${next}.`);
        setReviewed((count) => count + 1);
        const rest = due.cards.slice(1);
        if (rest.length === 0) {
          await refresh();
        } else {
          setLoad({ phase: 'ready', due: { ...due, cards: rest, dueCount: due.dueCount - 1 } });
          setFlipped(false);
        }
      } catch (error) {
        setLastRating(`Not saved: ${(error as Error).message}`);
      } finally {
        setPending(false);
      }
    },
    [due, card, pending, refresh],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || !card) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if ((event.key === ' ' || event.key === 'Enter') && !flipped) {
        // A focused button activates itself on Space or Enter; do not flip twice.
        if (target?.closest('button, a')) return;
        event.preventDefault();
        setFlipped(true);
        return;
      }
      const choice = RATINGS.find((entry) => entry.key === event.key);
      if (choice && flipped) {
        event.preventDefault();
        void rate(choice.rating);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [card, flipped, rate]);

  if (load.phase === 'loading')
    return <p className="text-slate-600 dark:text-slate-400">Loading your due cards…</p>;
  if (load.phase === 'failed') {
    return (
      <p
        role="alert"
        className="rounded bg-rose-50 p-3 text-sm text-rose-900 dark:bg-rose-950 dark:text-rose-100"
      >
        The review queue could not be loaded: {load.message}
      </p>
    );
  }

  const loaded = load.due;
  return (
    <div className="space-y-4">
      <p
        className="text-sm text-slate-600 dark:text-slate-400"
        data-testid="review-remaining"
        aria-live="polite"
      >
        {loaded.dueCount === 1 ? '1 card left' : `${loaded.dueCount} cards left`}
        {reviewed > 0 && ` · ${reviewed} reviewed this session`}
        {card && loaded.nextDueAt && (
          <>
            {' · '}next due after these: <NextDue at={loaded.nextDueAt} now={loaded.now} />
          </>
        )}
      </p>
      {lastRating && (
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
          {lastRating}
        </p>
      )}
      {card ? (
        <ReviewCard
          card={card}
          flipped={flipped}
          pending={pending}
          onFlip={() => setFlipped(true)}
          onRate={rate}
          now={loaded.now}
        />
      ) : (
        <EmptyQueue nextDueAt={loaded.nextDueAt} now={loaded.now} reviewed={reviewed} />
      )}
    </div>
  );
}

function NextDue({ at, now }: { at: string; now: string }) {
  return (
    <time dateTime={at} data-testid="review-next-due">
      in {formatInterval(Date.parse(now), Date.parse(at))} ({new Date(at).toLocaleString()})
    </time>
  );
}

interface ReviewCardProps {
  card: DueCard;
  flipped: boolean;
  pending: boolean;
  now: string;
  onFlip: () => void;
  onRate: (rating: RatingName) => void;
}

function ReviewCard({ card, flipped, pending, now, onFlip, onRate }: ReviewCardProps) {
  return (
    <article
      className="rounded-xl border border-slate-200 shadow-sm dark:border-slate-800"
      data-review-card={card.conceptId}
      data-flipped={flipped ? 'true' : 'false'}
      aria-label={`Review card: ${card.title}`}
    >
      <div className="space-y-2 p-4">
        <p className="flex flex-wrap gap-2 text-xs uppercase tracking-wide text-slate-500">
          <span>{card.domain}</span>
          <span aria-hidden="true">·</span>
          <span>{card.level}</span>
          <span aria-hidden="true">·</span>
          <span>{card.status}</span>
        </p>
        <h2 className="text-xl font-semibold">{card.title}</h2>
        <p className="text-slate-700 dark:text-slate-300">
          Recall what this is, why it matters in a training cluster, and the numbers or settings you
          would reach for. Then show the answer and rate how well you did.
        </p>
        {!flipped && (
          <button
            type="button"
            onClick={onFlip}
            aria-pressed={false}
            className="rounded-lg bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800"
          >
            Show answer <kbd className="ml-1 text-xs opacity-80">Space</kbd>
          </button>
        )}
      </div>
      {flipped && (
        <div className="space-y-4 border-t border-slate-200 p-4 dark:border-slate-800">
          <p className="font-medium">{card.summary}</p>
          <Markdown source={card.body} diagrams={card.diagrams} />
          <p className="text-sm">
            <Link
              href={`/concepts/${card.conceptId}`}
              className="text-blue-700 underline dark:text-blue-400"
            >
              Open the concept page
            </Link>
          </p>
          <div
            className="sticky bottom-0 flex flex-wrap gap-2 bg-white py-2 dark:bg-slate-950"
            role="group"
            aria-label="Rate your recall"
          >
            {RATINGS.map((entry) => (
              <button
                key={entry.rating}
                type="button"
                disabled={pending}
                onClick={() => onRate(entry.rating)}
                data-rating={entry.rating}
                className={`rounded-lg px-4 py-2 text-sm font-medium text-white disabled:opacity-60 ${entry.className}`}
              >
                <kbd className="mr-1 text-xs opacity-80">{entry.key}</kbd> {entry.label}
                <span className="ml-1 text-xs opacity-80">
                  {formatInterval(Date.parse(now), Date.parse(card.preview[entry.rating]))}
                </span>
              </button>
            ))}
          </div>
        </div>
      )}
    </article>
  );
}

function EmptyQueue({
  nextDueAt,
  now,
  reviewed,
}: {
  nextDueAt: string | null;
  now: string;
  reviewed: number;
}) {
  return (
    <section
      className="rounded-xl border border-slate-200 p-6 dark:border-slate-800"
      data-testid="review-empty"
    >
      <h2 className="text-lg font-semibold">
        {reviewed > 0 ? 'All caught up.' : 'Nothing is due.'}
      </h2>
      {nextDueAt ? (
        <p className="mt-2 text-slate-700 dark:text-slate-300">
          The next card is due <NextDue at={nextDueAt} now={now} />. This page checks again by
          itself when that is within the hour.
        </p>
      ) : (
        <p className="mt-2 text-slate-700 dark:text-slate-300">
          No card is scheduled yet. Answer the quizzes or grade yourself on a{' '}
          <Link href="/lessons/new" className="text-blue-700 underline dark:text-blue-400">
            lesson
          </Link>
          , and the concepts come back here when they are due.
        </p>
      )}
      <p className="mt-2 text-sm">
        <Link href="/progress" className="text-blue-700 underline dark:text-blue-400">
          See your progress
        </Link>
      </p>
    </section>
  );
}
