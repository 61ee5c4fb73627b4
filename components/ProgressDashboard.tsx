'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';

import { formatInterval } from '@/lib/progress/format';
import type { ProgressSummary, StatusCounts } from '@/lib/progress/summary';
import type { WeakReason } from '@/lib/progress/weak';
import { progressFetch } from './ProgressApi';
import { ForecastChart, MasteryChart, ReviewsChart } from './ProgressCharts';
import { ProgressTransfer } from './ProgressTransfer';

const REASON_TEXT: Readonly<Record<WeakReason, string>> = {
  lapses: 'forgotten twice or more',
  'low-retrievability': 'recall has faded (overdue)',
  'recent-again-or-hard': 'rated again or hard recently',
};

const STATUS_LABELS: readonly { status: keyof StatusCounts; label: string }[] = [
  { status: 'mastered', label: 'Mastered' },
  { status: 'review', label: 'In review' },
  { status: 'learning', label: 'Learning' },
  { status: 'new', label: 'New' },
];

type Load =
  | { phase: 'loading' }
  | { phase: 'failed'; message: string }
  | { phase: 'ready'; summary: ProgressSummary };

async function fetchSummary(): Promise<Load> {
  // getTimezoneOffset is UTC minus local time; the API takes local time minus UTC.
  const utcOffsetMinutes = -new Date().getTimezoneOffset();
  try {
    const summary = await progressFetch<ProgressSummary>(
      `/api/progress?utcOffsetMinutes=${utcOffsetMinutes}`,
    );
    return { phase: 'ready', summary };
  } catch (error) {
    return { phase: 'failed', message: (error as Error).message };
  }
}

/** Renders the progress page: status counts, the three charts, weak concepts, export and import. */
export function ProgressDashboard() {
  const [load, setLoad] = useState<Load>({ phase: 'loading' });

  const refresh = useCallback(async () => setLoad(await fetchSummary()), []);

  useEffect(() => {
    // The learner key lives in localStorage, so progress can only be fetched in the browser.
    let active = true;
    void fetchSummary().then((next) => {
      if (active) setLoad(next);
    });
    return () => {
      active = false;
    };
  }, []);

  if (load.phase === 'loading')
    return <p className="text-slate-600 dark:text-slate-400">Loading your progress…</p>;
  if (load.phase === 'failed') {
    return (
      <p
        role="alert"
        className="rounded bg-rose-50 p-3 text-sm text-rose-900 dark:bg-rose-950 dark:text-rose-100"
      >
        Your progress could not be loaded: {load.message}
      </p>
    );
  }

  const { summary } = load;
  const generatedMs = Date.parse(summary.generatedAt);
  return (
    <div className="space-y-10" data-testid="progress-dashboard">
      <section aria-label="Totals" className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {STATUS_LABELS.map(({ status, label }) => (
          <div
            key={status}
            className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
          >
            <p className="text-xs uppercase tracking-wide text-slate-500">{label}</p>
            <p className="text-2xl font-semibold" data-total={status}>
              {summary.totals[status]}
            </p>
          </div>
        ))}
        <div className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
          <p className="text-xs uppercase tracking-wide text-slate-500">Due now</p>
          <p className="text-2xl font-semibold">
            <Link href="/review" className="text-blue-700 underline dark:text-blue-400">
              {summary.dueNow}
            </Link>
          </p>
          {summary.nextDueAt && (
            <p className="text-xs text-slate-500">
              next in {formatInterval(generatedMs, Date.parse(summary.nextDueAt))}
            </p>
          )}
        </div>
      </section>

      <section aria-labelledby="mastery-heading">
        <h2 id="mastery-heading" className="mb-2 text-lg font-semibold">
          Mastery by domain
        </h2>
        <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">
          Mastered means the scheduler expects you to recall the concept with at least 90%
          probability three weeks after your last review.
        </p>
        <MasteryChart byDomain={summary.byDomain} />
      </section>

      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading" className="mb-2 text-lg font-semibold">
          Reviews per day
        </h2>
        <ReviewsChart days={summary.reviewsPerDay} />
      </section>

      <section aria-labelledby="forecast-heading">
        <h2 id="forecast-heading" className="mb-2 text-lg font-semibold">
          Due in the next 30 days
        </h2>
        <ForecastChart days={summary.forecast} />
      </section>

      <section aria-labelledby="weak-heading">
        <h2 id="weak-heading" className="mb-2 text-lg font-semibold">
          Weak concepts
        </h2>
        {summary.weak.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            None right now. A concept shows up here when you forget it twice, its recall fades below
            80%, or you last rated it again or hard in the past two weeks.
          </p>
        ) : (
          <ul className="space-y-2" aria-label="Weak concepts">
            {summary.weak.map((entry) => (
              <li
                key={entry.conceptId}
                className="rounded border border-slate-200 p-3 dark:border-slate-800"
                data-weak={entry.conceptId}
              >
                <Link
                  href={`/concepts/${entry.conceptId}`}
                  className="font-medium text-blue-700 underline dark:text-blue-400"
                >
                  {entry.title}
                </Link>{' '}
                <span className="text-xs uppercase tracking-wide text-slate-500">
                  {entry.domain}
                </span>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {entry.reasons.map((reason) => REASON_TEXT[reason]).join('; ')} · recall now{' '}
                  {Math.round(entry.retrievability * 100)}%
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <ProgressTransfer onImported={() => void refresh()} />
    </div>
  );
}
