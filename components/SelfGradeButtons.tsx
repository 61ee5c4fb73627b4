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

/** Again, Hard, Good and Easy buttons on a lesson card's back; each click stores one review. */
export function SelfGradeButtons({ conceptId }: SelfGradeButtonsProps) {
  const [message, setMessage] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [pending, setPending] = useState(false);

  const grade = async (rating: RatingName) => {
    setPending(true);
    try {
      const result = await progressPost<RatingResponse>('/api/review', {
        source: 'self-grade',
        conceptId,
        rating,
      });
      const next = formatInterval(Date.parse(result.reviewedAt), Date.parse(result.dueAt));
      setFailed(false);
      setMessage(`Saved ${rating}. Next review in ${next}.`);
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
    >
      <h3 className="text-sm font-semibold">How well did you know this?</h3>
      <div className="mt-2 flex flex-wrap gap-2">
        {GRADES.map((entry) => (
          <button
            key={entry.rating}
            type="button"
            disabled={pending}
            title={entry.hint}
            onClick={() => grade(entry.rating)}
            className={`rounded border px-3 py-1 text-sm font-medium disabled:opacity-60 ${entry.className}`}
          >
            {entry.label}
          </button>
        ))}
      </div>
      {message && (
        <p
          role="status"
          className={`mt-2 text-sm ${failed ? 'text-rose-700 dark:text-rose-300' : 'text-slate-600 dark:text-slate-400'}`}
        >
          {message}
        </p>
      )}
    </section>
  );
}
