import type { Metadata } from 'next';
import Link from 'next/link';

import { getRepository } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Lessons' };

/** Maximum length of the search text, in characters. */
const MAX_QUERY_CHARS = 200;

type PageProps = { searchParams: Promise<{ q?: string | string[] }> };

export default async function LessonsPage({ searchParams }: PageProps) {
  const raw = (await searchParams).q;
  const query = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, MAX_QUERY_CHARS) ?? '';
  const lessons = await (await getRepository()).listLessons({ query, limit: 100 });

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-bold">Lessons</h1>
        <Link
          href="/lessons/new"
          className="rounded-lg bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
        >
          New lesson
        </Link>
      </div>
      <form role="search" className="flex gap-2" action="/lessons">
        <label htmlFor="lesson-search" className="sr-only">
          Search lessons by problem text
        </label>
        <input
          id="lesson-search"
          name="q"
          type="search"
          defaultValue={query}
          maxLength={MAX_QUERY_CHARS}
          placeholder="Search problems, e.g. ZeRO or 175B"
          className="w-full max-w-md rounded-lg border border-slate-300 bg-white px-3 py-1.5 dark:border-slate-700 dark:bg-slate-900"
        />
        <button
          type="submit"
          className="rounded-lg border border-slate-300 px-3 py-1.5 dark:border-slate-700"
        >
          Search
        </button>
      </form>
      {lessons.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">
          {query
            ? `No lesson's problem contains "${query}".`
            : 'No lessons yet: build the first one from your problem.'}
        </p>
      ) : (
        <ol className="space-y-3" aria-label="Lessons, newest first">
          {lessons.map((lesson) => (
            <li
              key={lesson.id}
              className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
            >
              <Link
                href={`/lessons/${lesson.id}`}
                className="font-medium text-blue-700 hover:underline dark:text-blue-400"
              >
                {lesson.problem.length > 160 ? `${lesson.problem.slice(0, 160)}…` : lesson.problem}
              </Link>
              <p className="mt-1 text-xs text-slate-500">
                <time dateTime={lesson.createdAt}>
                  {lesson.createdAt.slice(0, 16).replace('T', ' ')} UTC
                </time>{' '}
                · {lesson.conceptTitles.join(', ')}
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
