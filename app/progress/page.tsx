import type { Metadata } from 'next';

import { ProgressDashboard } from '@/components/ProgressDashboard';

export const metadata: Metadata = { title: 'Progress' };

export default function ProgressPage() {
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">Your progress</h1>
        <p className="text-slate-600 dark:text-slate-400">
          Every quiz answer, self-grade and review updates a spaced-repetition schedule (FSRS) for
          the concept. Weak concepts come back in review and rank higher in your next lesson when
          they matter to its problem.
        </p>
      </header>
      <ProgressDashboard />
    </div>
  );
}
