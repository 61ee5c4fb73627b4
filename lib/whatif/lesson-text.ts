/**
 * Rebuilds the parts of a lesson that quote estimates (each card's "in your problem" section, the
 * objectives, the six roles and their disagreements) for an edited analysis, with the same
 * `lib/lessons` builders the server used. The concepts stay those of the stored lesson, and only
 * the numbers and what follows from them change.
 */

import type { Analysis } from '../analysis/types';
import type { Concept, Domain, Level } from '../knowledge/types';
import { buildAppliedForCards } from '../lessons/applied';
import { buildDisagreements } from '../lessons/disagreements';
import { buildObjectives } from '../lessons/objectives';
import { buildRoles, createRoleContext } from '../lessons/roles';
import { conceptTopics, type TopicId } from '../lessons/topics';
import type { Disagreement, LessonConcept, RoleAnalysis } from '../lessons/types';

/** A card's concept as the text builders read it: title, tags and the front's metadata. */
export interface LessonTextCard {
  conceptId: string;
  title: string;
  level: Level;
  domain: Domain;
  tags: string[];
  summary: string;
}

/** The stored lesson's parts that the builders read, small enough to send to the browser. */
export interface LessonTextSource {
  /** The problem and its constraints joined by newlines, as lesson generation reads them. */
  problemText: string;
  concepts: LessonConcept[];
  /** Cards in lesson order. */
  cards: LessonTextCard[];
}

/** The estimate-quoting parts of a lesson. `applied` is in card order. */
export interface LessonText {
  applied: string[];
  objectives: string[];
  roles: RoleAnalysis[];
  disagreements: Disagreement[];
}

interface PreparedSource {
  topicsById: Map<string, ReadonlyMap<TopicId, number>>;
  byId: Map<string, Concept>;
}

const prepared = new WeakMap<LessonTextSource, PreparedSource>();

/** Returns the source's estimate-quoting text rebuilt for `analysis`. */
export function rebuildLessonText(source: LessonTextSource, analysis: Analysis): LessonText {
  const { topicsById, byId } = prepare(source);
  const index = { topicsById, byId };
  const applied = buildAppliedForCards(
    source.cards.map((card) => topicsById.get(card.conceptId) ?? new Map()),
    analysis,
  );
  const roleContext = createRoleContext(analysis, source.concepts, index);
  return {
    applied,
    objectives: buildObjectives(source.concepts, analysis, index),
    roles: buildRoles(analysis, source.concepts, index),
    disagreements: buildDisagreements(roleContext, source.problemText),
  };
}

/** Works out each card's topics once per source, as the catalogue index does on the server. */
function prepare(source: LessonTextSource): PreparedSource {
  const cached = prepared.get(source);
  if (cached !== undefined) return cached;

  const topicsById = new Map<string, ReadonlyMap<TopicId, number>>();
  const byId = new Map<string, Concept>();
  for (const card of source.cards) {
    topicsById.set(card.conceptId, conceptTopics(card));
    byId.set(card.conceptId, {
      id: card.conceptId,
      title: card.title,
      summary: card.summary,
      level: card.level,
      domain: card.domain,
      tags: card.tags,
      prereqIds: [],
      resources: [],
      quiz: [],
      body: '',
      diagrams: [],
    });
  }
  const result = { topicsById, byId };
  prepared.set(source, result);
  return result;
}
