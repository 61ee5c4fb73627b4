/**
 * Show notes of a lesson podcast: each concept with a one-line summary and a link to its card,
 * the key estimates, and the sources behind each chapter's numbers.
 */

import type { Lesson } from '../lessons/types';
import { estimatesQuotedIn, keyEstimates, sourcesOf, spokenNumberGroups } from './key-numbers';
import { leadingSentences } from './prose';
import type { ScriptChapter, ShowNotes, ShowNoteSources } from './types';

/** Maximum episode title length, in characters, before it is cut at a word. */
const MAX_TITLE_CHARS = 90;
/** Maximum concept summary length in the notes, in characters of whole sentences. */
const MAX_SUMMARY_CHARS = 200;

/** Returns the episode title: the start of the problem, cut at a word. */
export function podcastTitle(lesson: Lesson): string {
  const problem = lesson.problem.replace(/\s+/g, ' ').trim();
  if (problem.length <= MAX_TITLE_CHARS) return problem;
  const cut = problem.slice(0, MAX_TITLE_CHARS);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > 40 ? cut.slice(0, lastSpace) : cut).replace(/[,;:.]$/, '')}…`;
}

/** Returns the link from the show notes to a concept's card in the lesson page. */
export function cardUrl(lessonId: string, conceptId: string): string {
  return `/lessons/${lessonId}#card-${conceptId}`;
}

/** Builds the show notes for a lesson and the chapters of its script. */
export function buildShowNotes(
  lesson: Lesson,
  chapters: ScriptChapter[],
  title: string,
): ShowNotes {
  const { analysis } = lesson;
  return {
    title,
    lessonId: lesson.id,
    lessonUrl: `/lessons/${lesson.id}`,
    concepts: lesson.cards.map((card) => ({
      id: card.conceptId,
      title: card.front.title,
      summary: leadingSentences(card.front.summary, MAX_SUMMARY_CHARS),
      url: cardUrl(lesson.id, card.conceptId),
    })),
    estimates: keyEstimates(analysis),
    sources: chapters
      .map((chapter) => chapterSources(lesson, chapter))
      .filter((entry): entry is ShowNoteSources => entry !== undefined && entry.sources.length > 0),
  };
}

/** Traces the numbers one chapter quotes back to the sources of their estimates. */
function chapterSources(lesson: Lesson, chapter: ScriptChapter): ShowNoteSources | undefined {
  const { analysis } = lesson;
  let text: string;
  switch (chapter.kind) {
    case 'problem': {
      const keys = spokenNumberGroups(analysis).flatMap((group) => group.keys);
      return {
        chapterId: chapter.id,
        chapterTitle: chapter.title,
        sources: sourcesOf(keys, analysis),
      };
    }
    case 'card': {
      const card = lesson.cards.find((candidate) => candidate.conceptId === chapter.conceptId);
      text = card?.back.applied ?? '';
      break;
    }
    case 'roles':
      text = lesson.roles.flatMap((role) => [role.view, ...role.evidence]).join('\n');
      break;
    default:
      return undefined;
  }
  const keys = estimatesQuotedIn(text, analysis);
  return { chapterId: chapter.id, chapterTitle: chapter.title, sources: sourcesOf(keys, analysis) };
}
