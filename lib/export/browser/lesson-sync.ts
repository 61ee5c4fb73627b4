/**
 * Shows an edited scenario's numbers in the rest of the exported lesson: "The numbers", the
 * objectives, each card's "why it matters here" and "in your problem", and the six roles with
 * their disagreements. Each part is drawn by the renderer that built the file, from text that
 * `lib/whatif` rebuilt with the lesson builders. The parts as built are kept, so a reset puts
 * them back exactly.
 */

import type { Analysis } from '../../analysis/types';
import type { LessonText, LessonTextSource } from '../../whatif/lesson-text';
import { renderAppliedMarkdown } from '../applied-markdown';
import { toIdFragment } from '../escape';
import { renderAnalysisSection } from '../sections/analysis';
import { renderObjectiveList } from '../sections/objectives';
import { renderRolesSection } from '../sections/roles';
import { parseElement, parseNodes } from './dom';

/** The parts of the lesson that quote the scenario's numbers. */
export interface EditedLesson {
  analysis: Analysis;
  text: LessonText;
  /** Each card's "why it matters here", by concept id. */
  reasons: Record<string, string>;
}

/** Swaps the lesson's number-quoting parts between the file as built and an edited scenario. */
export interface LessonSync {
  /** Shows the figures of an edited scenario in "The numbers", or the original with undefined. */
  showNumbers(analysis: Analysis | undefined): void;
  /** Shows an edited scenario's text in the objectives, cards and roles, or the original. */
  showText(edited: EditedLesson | undefined): void;
}

/** A container whose children are swapped, with the children it was built with. */
interface Slot {
  element: Element;
  original: Node[];
}

/** Returns the sync for the lesson in `doc`, whose cards are in `source.cards` order. */
export function createLessonSync(doc: Document, source: LessonTextSource): LessonSync {
  const numbers = slot(doc.getElementById('numbers'));
  const objectives = slot(doc.querySelector('#objectives ul'));
  const reasons = new Map(
    Array.from(doc.querySelectorAll('[data-whatif-reason]')).map((element) => [
      element.getAttribute('data-whatif-reason') ?? '',
      { element, original: element.textContent ?? '' },
    ]),
  );
  const cardBacks = source.cards.map((card) => {
    const back = doc.getElementById(`card-back-${toIdFragment(card.conceptId)}`);
    return { back, original: back?.querySelector(':scope > .applied') ?? null };
  });
  const roles = doc.getElementById('roles');
  const rolePanels = new Map(
    Array.from(doc.querySelectorAll('[role="tabpanel"]')).map((panel) => [panel.id, slot(panel)!]),
  );
  const originalDisagreements = roles?.querySelector('.disagreements') ?? null;

  return {
    showNumbers(analysis) {
      if (numbers === undefined) return;
      if (analysis === undefined) return restore(numbers);
      const section = parseElement(renderAnalysisSection(analysis, { scenario: true }));
      if (section !== null) numbers.element.replaceChildren(...Array.from(section.childNodes));
    },

    showText(edited) {
      if (edited === undefined) {
        if (objectives) restore(objectives);
        for (const { element, original } of reasons.values()) element.textContent = original;
        cardBacks.forEach(({ back, original }) => back && swapApplied(back, original));
        rolePanels.forEach(restore);
        if (roles) swapDisagreements(roles, originalDisagreements);
        return;
      }

      const { text } = edited;
      objectives?.element.replaceChildren(...parseNodes(renderObjectiveList(text.objectives)));
      for (const [conceptId, { element, original }] of reasons) {
        element.textContent = edited.reasons[conceptId] ?? original;
      }
      cardBacks.forEach(({ back }, position) => {
        if (back) swapApplied(back, editedApplied(text.applied[position] ?? ''));
      });
      const rendered = parseElement(renderRolesSection(text.roles, text.disagreements));
      for (const panel of rendered?.querySelectorAll('[role="tabpanel"]') ?? []) {
        rolePanels.get(panel.id)?.element.replaceChildren(...Array.from(panel.childNodes));
      }
      if (roles) swapDisagreements(roles, rendered?.querySelector('.disagreements') ?? null);
    },
  };
}

function slot(element: Element | null): Slot | undefined {
  return element === null ? undefined : { element, original: Array.from(element.childNodes) };
}

function restore({ element, original }: Slot): void {
  element.replaceChildren(...original);
}

/** Returns an edited "in your problem" section, labelled as such, or null for empty text. */
function editedApplied(markdown: string): Element | null {
  if (markdown === '') return null;
  return parseElement(
    `<section class="applied markdown edited" aria-label="In your problem" data-whatif-applied="edited"><p class="applied-label">With your what-if numbers</p>${renderAppliedMarkdown(markdown)}</section>`,
  );
}

/** Puts `section` (or nothing) where a card back's applied section goes: before everything else. */
function swapApplied(back: Element, section: Element | null): void {
  const current = back.querySelector(':scope > .applied');
  if (current === section) return;
  current?.remove();
  if (section !== null) back.prepend(section);
}

function swapDisagreements(roles: Element, section: Element | null): void {
  const current = roles.querySelector('.disagreements');
  if (current === section) return;
  current?.remove();
  if (section !== null) roles.append(section);
}
