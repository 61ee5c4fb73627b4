import type { Metadata } from 'next';

import { ReviewSession } from '@/components/ReviewSession';

export const metadata: Metadata = { title: 'Review' };

export default function ReviewPage() {
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">Review</h1>
        <p className="text-slate-600 dark:text-slate-400">
          The concepts due for you, oldest first. Press <kbd>Space</kbd> to show the answer, then{' '}
          <kbd>1</kbd> again, <kbd>2</kbd> hard, <kbd>3</kbd> good or <kbd>4</kbd> easy.
        </p>
      </header>
      <ReviewSession />
    </div>
  );
}
