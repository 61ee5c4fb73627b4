/**
 * Flip cards, one per selected concept in lesson order. The front carries the concept's metadata
 * and why it matters here. The back carries the body, the section that applies the concept to
 * this problem's numbers and the pre-rendered diagrams, and the card carries the concept's quiz.
 */

import type { Analysis } from '../analysis/types';
import { buildAppliedForCards } from './applied';
import type { CatalogueIndex } from './catalogue-index';
import type { LessonCard, LessonConcept } from './types';

/** Most quiz questions per card. The shipped catalogue has 3 or 4 per concept. */
const MAX_QUIZ_QUESTIONS = 4;

/**
 * Builds the cards of a lesson, one per selected concept, numbered from 0. No two cards' applied
 * sections repeat a block or a bullet.
 */
export function buildCards(
  selected: readonly LessonConcept[],
  analysis: Analysis,
  index: CatalogueIndex,
): LessonCard[] {
  const concepts = selected.flatMap((lessonConcept) => {
    const concept = index.byId.get(lessonConcept.id);
    return concept === undefined ? [] : [{ lessonConcept, concept }];
  });
  const applied = buildAppliedForCards(
    concepts.map(({ concept }) => index.topicsById.get(concept.id) ?? new Map()),
    analysis,
  );

  const cards: LessonCard[] = [];
  for (const { lessonConcept, concept } of concepts) {
    cards.push({
      conceptId: concept.id,
      position: cards.length,
      front: {
        title: concept.title,
        level: concept.level,
        domain: concept.domain,
        tags: [...concept.tags],
        summary: concept.summary,
        whyItMatters: lessonConcept.reason,
      },
      back: {
        body: concept.body,
        applied: applied[cards.length],
        diagrams: [...concept.diagrams],
      },
      quiz: concept.quiz.slice(0, MAX_QUIZ_QUESTIONS).map((question) => ({
        ...question,
        options: [...question.options],
      })),
      images: [],
    });
  }
  return cards;
}
