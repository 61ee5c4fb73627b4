import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { Markdown } from '@/components/Markdown';
import { PodcastPending } from '@/components/PodcastPending';
import { PodcastPlayer } from '@/components/PodcastPlayer';
import { PodcastShowNotes } from '@/components/PodcastShowNotes';
import { getRepository } from '@/lib/db/client';
import type { PodcastRecord } from '@/lib/podcast/types';
import { isLessonId } from '@/lib/server/lessons';

export const dynamic = 'force-dynamic';

type PageProps = { params: Promise<{ id: string }> };

async function loadPodcast(id: string): Promise<PodcastRecord | undefined> {
  if (!isLessonId(id)) return undefined;
  return (await getRepository()).getPodcast(id);
}

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const podcast = await loadPodcast((await params).id);
  return { title: podcast ? `Podcast: ${podcast.showNotes.title}` : 'Podcast not found' };
}

export default async function PodcastPage({ params }: PageProps) {
  const podcast = await loadPodcast((await params).id);
  if (!podcast) notFound();

  return (
    <div className="space-y-10">
      <header className="space-y-2">
        <p className="text-sm uppercase tracking-wide text-slate-500">Lesson podcast</p>
        <h1 className="text-2xl font-bold" data-testid="podcast-title">
          {podcast.showNotes.title}
        </h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {podcast.provider ? `Voices by ${podcast.provider}. ` : ''}
          <a href={podcast.showNotes.lessonUrl} className="underline">
            Open the lesson
          </a>
        </p>
      </header>

      {podcast.status === 'ready' && (
        <PodcastPlayer
          audioUrl={`/api/podcasts/${podcast.id}/audio`}
          chapters={podcast.chapters}
          durationMs={podcast.durationMs ?? 0}
        />
      )}
      {podcast.status === 'generating' && <PodcastPending />}
      {podcast.status === 'failed' && (
        <p
          role="alert"
          className="rounded-lg bg-rose-50 p-4 text-rose-900 dark:bg-rose-950 dark:text-rose-100"
        >
          The audio could not be generated: {podcast.error}. Generate the podcast again from the
          lesson page.
        </p>
      )}

      <PodcastShowNotes showNotes={podcast.showNotes} />

      <section aria-labelledby="script-heading">
        <details className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <summary id="script-heading" className="cursor-pointer text-lg font-semibold">
            Script
          </summary>
          <Markdown source={withoutTitle(podcast.script)} className="mt-4" />
        </details>
      </section>
    </div>
  );
}

/** Drops the script's top-level heading, which repeats the page title. */
function withoutTitle(script: string): string {
  return script.replace(/^# .*\n+/, '');
}
