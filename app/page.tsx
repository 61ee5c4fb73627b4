import Link from 'next/link';

import { isLearningEnabled, LEARNING_DISABLED_MESSAGE } from '@/lib/config';
import { getRepository } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const enabled = isLearningEnabled();
  const conceptCount = enabled ? await (await getRepository()).countConcepts() : 0;

  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight">AI Infrastructure Learning System</h1>
        <p className="max-w-3xl text-lg text-slate-700 dark:text-slate-300">
          Bring a real training-infrastructure problem, such as &ldquo;train a 175B model on 256
          A100s with 99.9% uptime under $500k&rdquo;. The system works out its numbers (memory per
          GPU under ZeRO, training FLOPs, days, cost, checkpoint interval), picks the concepts that
          matter for it, and teaches them with cards that apply each concept to your numbers.
        </p>
      </section>

      {enabled ? (
        <section aria-labelledby="parts" className="space-y-3">
          <h2 id="parts" className="text-xl font-semibold">
            What you can use
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2">
            <li className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
              <Link
                href="/lessons/new"
                className="font-medium text-blue-700 hover:underline dark:text-blue-400"
              >
                Build a lesson from your problem
              </Link>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                The numbers worked out with their formulas and sources, 6 to 8 concept cards applied
                to those numbers, and six expert views with where they disagree.
              </p>
            </li>
            <li className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
              <Link
                href="/concepts"
                className="font-medium text-blue-700 hover:underline dark:text-blue-400"
              >
                Concept catalogue
              </Link>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                <span data-testid="concept-count">{conceptCount}</span> concepts across training,
                compute, networking, data, storage, reliability and cost, each with its sources and
                a quiz.
              </p>
            </li>
            <li className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
              <span className="font-medium">Command line</span>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                <code>npx infra-learn analyze &quot;&lt;problem&gt;&quot;</code> works out the
                numbers of a problem; <code>npx infra-learn concepts</code> lists the catalogue.
              </p>
            </li>
          </ul>
        </section>
      ) : (
        <p
          role="status"
          className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          {LEARNING_DISABLED_MESSAGE}
        </p>
      )}
    </div>
  );
}
