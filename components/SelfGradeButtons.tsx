'use client';

import { useState } from 'react';

import { formatInterval } from '@/lib/progress/format';
import type { RatingName } from '@/lib/progress/types';
import { progressPost } from './ProgressApi';

/** The four self-grades, with what each one means to the learner. */
const GRADES: readonly { rating: RatingName; label: string; hint: string; className: string }[] = [
  {
    rating: 'again',
    label: 'Again',
    hint: 'I could not recall it',
    className:
      'border-rose-400 text-rose-800 hover:bg-rose-50 dark:text-rose-200 dark:hover:bg-rose-950',
  },
  {
    rating: 'hard',
    label: 'Hard',
    hint: 'I recalled it with effort',
    className:
      'border-amber-400 text-amber-800 hover:bg-amber-50 dark:text-amber-200 dark:hover:bg-amber-950',
  },
  {
    rating: 'good',
    label: 'Good',
    hint: 'I recalled it',
    className:
      'border-emerald-500 text-emerald-800 hover:bg-emerald-50 dark:text-emerald-200 dark:hover:bg-emerald-950',
  },
  {
    rating: 'easy',
    label: 'Easy',
    hint: 'I knew it at once',
    className:
      'border-sky-500 text-sky-800 hover:bg-sky-50 dark:text-sky-200 dark:hover:bg-sky-950',
  },
];

export interface SelfGradeButtonsProps {
  conceptId: string;
}

interface RatingResponse {
  rating: RatingName;
  reviewedAt: string;
  dueAt: string;
}

/**
 * Again, Hard, Good and Easy buttons on a lesson card's back. They take one rating per page view:
 * after a stored rating every button is disabled and the chosen one is marked. The server also
 * rejects a second rating of a card within 10 minutes unless it is due, and the message shown then
 * gives the time the card can be rated again.
 */
export function SelfGradeButtons({ conceptId }: SelfGradeButtonsProps) {
  const [message, setMessage] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [pending, setPending] = useState(false);
  const [recorded, setRecorded] = useState<RatingName | null>(null);

  const grade = async (rating: RatingName) => {
    if (recorded !== null || pending) return;
    setPending(true);
    try {
      const result = await progressPost<RatingResponse>('/api/review', {
        source: 'self-grade',
        conceptId,
        rating,
      });
      const next = formatInterval(Date.parse(result.reviewedAt), Date.parse(result.dueAt));
      setRecorded(result.rating);
      setFailed(false);
      setMessage(`Saved ${result.rating}. Next review in ${next}.`);
    } catch (error) {
      setFailed(true);
      setMessage(`Not saved: ${(error as Error).message}`);
    } finally {
      setPending(false);
    }
  };

  return (
    <section
      aria-label="Grade yourself"
      className="mt-4 rounded-lg border border-slate-200 p-3 dark:border-slate-800"
      data-self-grade={conceptId}
      data-recorded={recorded ?? undefined}
    >
      <h3 className="text-sm font-semibold">How well did you know this?</h3>
      <div className="mt-2 flex flex-wrap gap-2">
        {GRADES.map((entry) => {
          const chosen = recorded === entry.rating;
          return (
            <button
              key={entry.rating}
              type="button"
              disabled={pending || recorded !== null}
              title={entry.hint}
              onClick={() => grade(entry.rating)}
              className={`rounded border px-3 py-1 text-sm font-medium disabled:opacity-60 ${chosen ? 'ring-2 ring-current ring-offset-1 disabled:opacity-100 dark:ring-offset-slate-950' : ''} ${entry.className}`}
            >
              {entry.label}
              {chosen && <span className="sr-only"> (saved)</span>}
            </button>
          );
        })}
      </div>
      <p
        role="status"
        className={`mt-2 text-sm ${failed ? 'text-rose-700 dark:text-rose-300' : 'text-slate-600 dark:text-slate-400'}`}
      >
        {message}
        {recorded !== null && ' This page takes one rating per card.'}
      </p>
    </section>
  );
}
