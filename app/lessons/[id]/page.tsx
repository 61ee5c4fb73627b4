import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { AnalysisPanel } from '@/components/AnalysisPanel';
import { FlipCardDeck } from '@/components/FlipCardDeck';
import { Markdown } from '@/components/Markdown';
import { PodcastLessonPanel } from '@/components/PodcastLessonPanel';
import { Quiz } from '@/components/Quiz';
import { RoleTabs } from '@/components/RoleTabs';
import { ScenarioLibrary } from '@/components/ScenarioLibrary';
import { SelfGradeButtons } from '@/components/SelfGradeButtons';
import { WhatIfApplied } from '@/components/WhatIfApplied';
import { WhatIfObjectives } from '@/components/WhatIfObjectives';
import { WhatIfPanel } from '@/components/WhatIfPanel';
import { WhatIfProvider } from '@/components/WhatIfProvider';
import { WhatIfReason } from '@/components/WhatIfReason';
import { getRepository } from '@/lib/db/client';
import type { Lesson } from '@/lib/lessons/types';
import { getCatalogue } from '@/lib/server/catalogue';
import { isLessonId } from '@/lib/server/lessons';
import type { LessonTextSource } from '@/lib/whatif/lesson-text';
import { buildSelectionModel } from '@/lib/whatif/selection-model';
import { wordContext } from '@/lib/whatif/word-context';

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
  const repository = await getRepository();

  // What the browser needs to recompute the lesson's numbers and text for a what-if scenario.
  const problemText = [lesson.problem, ...lesson.constraints].join('\n');
  const textSource: LessonTextSource = {
    problemText,
    concepts: lesson.concepts,
    cards: lesson.cards.map((card) => ({
      conceptId: card.conceptId,
      title: card.front.title,
      level: card.front.level,
      domain: card.front.domain,
      tags: card.front.tags,
      summary: card.front.summary,
    })),
  };
  const selectionModel = buildSelectionModel(problemText, await getCatalogue(repository));

  const cards = lesson.cards.map((card, position) => {
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
            <strong>Why it matters here:</strong>{' '}
            <WhatIfReason
              conceptId={card.conceptId}
              stored={card.front.whyItMatters || reason || ''}
            />
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
          <WhatIfApplied position={position} stored={card.back.applied !== ''}>
            {card.back.applied && <Markdown source={card.back.applied} />}
          </WhatIfApplied>
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
    <WhatIfProvider
      analysis={lesson.analysis}
      storedText={{
        applied: lesson.cards.map((card) => card.back.applied),
        objectives: lesson.objectives,
        roles: lesson.roles,
        disagreements: lesson.disagreements,
      }}
      textSource={textSource}
      selectionModel={selectionModel}
      wordContext={wordContext(lesson.problem, lesson.constraints)}
    >
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
        podcasts={await repository.listPodcasts(lesson.id)}
      />

      <AnalysisPanel analysis={lesson.analysis} />

      <WhatIfPanel>
        <ScenarioLibrary
          lessonId={lesson.id}
          initial={await repository.listLessonScenarios(lesson.id)}
        />
      </WhatIfPanel>

      <section aria-labelledby="objectives-heading">
        <h2 id="objectives-heading" className="text-xl font-semibold">
          What you will be able to do
        </h2>
        <WhatIfObjectives objectives={lesson.objectives} />
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
    </WhatIfProvider>
  );
}
