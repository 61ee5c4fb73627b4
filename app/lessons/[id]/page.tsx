import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { AnalysisPanel } from '@/components/AnalysisPanel';
import { FlipCardDeck } from '@/components/FlipCardDeck';
import { Markdown } from '@/components/Markdown';
import { PodcastLessonPanel } from '@/components/PodcastLessonPanel';
import { Quiz } from '@/components/Quiz';
import { RoleTabs } from '@/components/RoleTabs';
import { SelfGradeButtons } from '@/components/SelfGradeButtons';
import { getRepository } from '@/lib/db/client';
import type { Lesson } from '@/lib/lessons/types';
import { isLessonId } from '@/lib/server/lessons';

export const dynamic = 'force-dynamic';

type PageProps = { params: Promise<{ id: string }> };

async function loadLesson(id: string): Promise<Lesson | undefined> {
  if (!isLessonId(id)) return undefined;
  return (await getRepository()).getLesson(id);
}

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const lesson = await loadLesson((await params).id);
  return { title: lesson ? `Lesson: ${lesson.problem.slice(0, 60)}` : 'Lesson not found' };
}

export default async function LessonPage({ params }: PageProps) {
  const lesson = await loadLesson((await params).id);
  if (!lesson) notFound();

  const cards = lesson.cards.map((card) => {
    const reason = lesson.concepts.find((concept) => concept.id === card.conceptId)?.reason;
    return {
      id: card.conceptId,
      title: card.front.title,
      front: (
        <span className="block space-y-2">
          <span className="flex flex-wrap items-center gap-2 text-xs uppercase tracking-wide text-slate-500">
            <span>{card.front.domain}</span>
            <span aria-hidden="true">·</span>
            <span>{card.front.level}</span>
          </span>
          <span className="block text-lg font-semibold">{card.front.title}</span>
          <span className="block text-slate-700 dark:text-slate-300">{card.front.summary}</span>
          <span className="block text-sm">
            <strong>Why it matters here:</strong> {card.front.whyItMatters || reason}
          </span>
          <span className="flex flex-wrap gap-1">
            {card.front.tags.map((tag) => (
              <span
                key={tag}
                className="rounded bg-slate-100 px-2 py-0.5 text-xs dark:bg-slate-800"
              >
                {tag}
              </span>
            ))}
          </span>
        </span>
      ),
      back: (
        <div className="space-y-4">
          {card.back.applied && (
            <section
              aria-label="In your problem"
              className="rounded-lg bg-blue-50 p-3 dark:bg-blue-950"
            >
              <Markdown source={card.back.applied} />
            </section>
          )}
          <Markdown source={card.back.body} diagrams={card.back.diagrams} />
          {card.images.map((image, index) =>
            image.startsWith('data:image/') ? (
              // eslint-disable-next-line @next/next/no-img-element -- inline data URI from content
              <img key={index} src={image} alt="" className="max-w-full" />
            ) : null,
          )}
          <Quiz conceptId={card.conceptId} questions={card.quiz} recordRating />
          <SelfGradeButtons conceptId={card.conceptId} />
        </div>
      ),
    };
  });

  return (
    <div className="space-y-10">
      <header className="space-y-3">
        <p className="text-sm uppercase tracking-wide text-slate-500">Lesson</p>
        <h1 className="text-2xl font-bold whitespace-pre-wrap" data-testid="lesson-problem">
          {lesson.problem}
        </h1>
        {lesson.constraints.length > 0 && (
          <ul
            className="ml-5 list-disc text-slate-700 dark:text-slate-300"
            aria-label="Constraints"
          >
            {lesson.constraints.map((constraint, index) => (
              <li key={index}>{constraint}</li>
            ))}
          </ul>
        )}
        <nav aria-label="Lesson actions" className="flex flex-wrap gap-3 text-sm">
          <a href={`/api/lessons/${lesson.id}`} className="underline">
            Lesson JSON
          </a>
          <a
            href={`/api/lessons/${lesson.id}/export`}
            download
            className="underline"
            data-testid="export-html"
          >
            Export HTML
          </a>
        </nav>
      </header>

      <PodcastLessonPanel
        lessonId={lesson.id}
        podcasts={await (await getRepository()).listPodcasts(lesson.id)}
      />

      <AnalysisPanel analysis={lesson.analysis} />

      <section aria-labelledby="objectives-heading">
        <h2 id="objectives-heading" className="text-xl font-semibold">
          What you will be able to do
        </h2>
        <ul className="ml-5 mt-2 list-disc">
          {lesson.objectives.map((objective, index) => (
            <li key={index}>{objective}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="concepts-heading">
        <h2 id="concepts-heading" className="mb-3 text-xl font-semibold">
          The concepts that matter ({lesson.cards.length})
        </h2>
        <FlipCardDeck cards={cards} />
      </section>

      <section aria-labelledby="roles-heading">
        <h2 id="roles-heading" className="mb-3 text-xl font-semibold">
          Six expert views
        </h2>
        <RoleTabs roles={lesson.roles} disagreements={lesson.disagreements} />
      </section>
    </div>
  );
}
