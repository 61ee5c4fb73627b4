/** The flip cards of the export: front as a toggle button, back with the applied section, body and quiz. */

import type { QuizQuestion } from '../../knowledge/types';
import type { Lesson, LessonCard } from '../../lessons/types';
import { escapeHtml, toIdFragment } from '../escape';
import { renderMarkdown } from '../markdown';

/** A card image the export inlines: a base64 data URI of a raster or SVG image, nothing else. */
const INLINE_IMAGE = /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=\s]+$/;

/** Returns the cards section: every card of the lesson in order, each with its quiz. */
export function renderCardsSection(lesson: Lesson): string {
  const reasons = new Map(lesson.concepts.map((concept) => [concept.id, concept.reason]));
  const cards = lesson.cards.map((card, index) =>
    renderCard(card, index, lesson.cards.length, reasons.get(card.conceptId) ?? ''),
  );
  return [
    '<section id="cards" aria-labelledby="cards-heading">',
    `<h2 id="cards-heading">The concepts that matter (${lesson.cards.length})</h2>`,
    '<p class="hint">Click a card or press Enter to flip it; <kbd>F</kbd> flips all; arrow keys move between cards. <button type="button" class="link-button" data-flip-all>Flip all</button></p>',
    '<ol class="cards" aria-label="Concept cards">',
    ...cards,
    '</ol>',
    '</section>',
  ].join('\n');
}

function renderCard(card: LessonCard, index: number, total: number, reason: string): string {
  const id = toIdFragment(card.conceptId);
  const { front, back } = card;
  const tags = front.tags.map((tag) => `<span class="tag">${escapeHtml(tag)}</span>`).join('');
  const images = card.images
    .filter((image) => INLINE_IMAGE.test(image))
    .map((image) => `<img class="card-image" src="${escapeHtml(image)}" alt="">`);
  const applied = back.applied
    ? `<section class="applied markdown" aria-label="In your problem" data-whatif-applied="stored">${renderMarkdown(back.applied)}</section>`
    : '';

  return [
    `<li id="card-${id}" class="card"><article>`,
    `<button type="button" class="flip-card" data-card-id="${escapeHtml(card.conceptId)}" data-flipped="false" aria-pressed="false" aria-controls="card-back-${id}">`,
    `<span class="sr-only" data-flip-state>Card ${index + 1} of ${total}, showing the front. </span>`,
    `<span class="card-meta">${escapeHtml(front.domain)} · ${escapeHtml(front.level)}</span>`,
    `<span class="card-title">${escapeHtml(front.title)}</span>`,
    `<span class="card-summary">${escapeHtml(front.summary)}</span>`,
    `<span class="card-why"><strong>Why it matters here:</strong> <span data-whatif-reason="${escapeHtml(card.conceptId)}">${escapeHtml(front.whyItMatters || reason)}</span></span>`,
    tags ? `<span class="tags">${tags}</span>` : '',
    '<span class="card-state" aria-hidden="true" data-flip-cue>Flip for the explanation and quiz.</span>',
    '</button>',
    `<div id="card-back-${id}" class="card-back" hidden>`,
    applied,
    `<div class="markdown">${renderMarkdown(back.body, back.diagrams)}</div>`,
    ...images,
    renderQuiz(id, card.quiz),
    '</div>',
    '</article></li>',
  ].join('\n');
}

function renderQuiz(cardId: string, questions: QuizQuestion[]): string {
  if (questions.length === 0) return '';
  const items = questions.map((question, questionIndex) => {
    const name = `quiz-${cardId}-${questionIndex}`;
    const options = question.options.map(
      (option, optionIndex) =>
        `<label><input type="radio" name="${name}" value="${optionIndex}" data-correct="${optionIndex === question.correctIndex}"> <span>${escapeHtml(option)}</span></label>`,
    );
    return [
      `<fieldset class="quiz-question" data-quiz="${cardId}-${questionIndex}">`,
      `<legend>${questionIndex + 1}. ${escapeHtml(question.question)}</legend>`,
      ...options,
      '<button type="button" class="quiz-check" data-quiz-check>Check answer</button>',
      '<div class="quiz-feedback" role="status" data-quiz-feedback></div>',
      `<p class="quiz-explanation" data-quiz-explanation hidden>${escapeHtml(question.explanation)}</p>`,
      '</fieldset>',
    ].join('\n');
  });
  return [
    '<section class="quiz" aria-label="Quiz">',
    '<h3>Check yourself</h3>',
    ...items,
    '</section>',
  ].join('\n');
}
