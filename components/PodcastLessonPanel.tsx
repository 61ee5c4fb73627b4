import { PodcastGenerateButton } from '@/components/PodcastGenerateButton';
import { formatClock } from '@/lib/podcast/clock';
import type { PodcastRecord } from '@/lib/podcast/types';

export interface PodcastLessonPanelProps {
  lessonId: string;
  /** The lesson's podcasts, newest first. */
  podcasts: PodcastRecord[];
}

/** Shows the lesson page's podcast section: links to the ready episodes and the "Generate" button. */
export function PodcastLessonPanel({ lessonId, podcasts }: PodcastLessonPanelProps) {
  const ready = podcasts.filter((podcast) => podcast.status === 'ready');
  return (
    <section aria-labelledby="podcast-heading" className="space-y-3">
      <h2 id="podcast-heading" className="text-xl font-semibold">
        Podcast
      </h2>
      {ready.length > 0 ? (
        <ul className="space-y-1 text-sm">
          {ready.map((podcast) => (
            <li key={podcast.id}>
              <a
                href={`/podcasts/${podcast.id}`}
                className="font-medium text-blue-700 underline dark:text-blue-300"
              >
                Listen ({formatClock(podcast.durationMs ?? 0)}, {podcast.provider} voices)
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Listen to this lesson as a conversation between a host and an expert, with a chapter per
          concept.
        </p>
      )}
      <PodcastGenerateButton lessonId={lessonId} />
    </section>
  );
}
