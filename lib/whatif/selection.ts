/**
 * "Would the lesson change?": re-runs concept selection's ranking and greedy pick in the browser
 * for an edited analysis, and names the concepts that would enter or leave the lesson.
 *
 * Selection adds text relevance (BM25 over the catalogue, which the browser does not have) to
 * signals from the analysis. The server computes the text relevance of the lesson's problem once
 * and sends it with a slim catalogue (`SelectionModel`). The browser then derives the signals of
 * both analyses and ranks and picks with the same `lib/lessons` code for each. Both predictions
 * use the same text and no learner history, so a difference comes from the numbers alone.
 */

import type { Analysis } from '../analysis/types';
import type { Concept, Domain, Level } from '../knowledge/types';
import { rankByTextScores, type RankingCatalogue, type ScoredConcept } from '../lessons/ranking';
import { pickConcepts } from '../lessons/select';
import { deriveSignals, signalReason } from '../lessons/signals';
import { conceptTopics, type TopicId } from '../lessons/topics';
import type { LessonConcept } from '../lessons/types';

/** The catalogue fields that ranking reads. */
export interface SelectionConcept {
  id: string;
  title: string;
  level: Level;
  domain: Domain;
  tags: string[];
  prereqIds: string[];
}

/**
 * Inputs for re-running selection in the browser for one problem text: the slim catalogue and
 * each matching concept's text relevance (BM25 over the best match, 0 to 1).
 */
export interface SelectionModel {
  concepts: SelectionConcept[];
  textScores: Record<string, number>;
}

/** A concept that would enter or leave the lesson. */
export interface ConceptChange {
  id: string;
  title: string;
}

/** The predicted effect of an edit on the lesson's concepts. */
export interface LessonChange {
  /** Whether the edited numbers select a different set of concepts. */
  changes: boolean;
  entering: ConceptChange[];
  leaving: ConceptChange[];
}

interface PreparedModel {
  catalogue: RankingCatalogue;
  textScores: Map<string, number>;
  titles: Map<string, string>;
  /** Rankings already computed, per analysis object and problem text. */
  rankings: WeakMap<Analysis, { problemText: string; ranked: ScoredConcept[] }>;
}

const prepared = new WeakMap<SelectionModel, PreparedModel>();

/**
 * Returns the ids of the concepts selection would pick for the problem text and analysis, in
 * pick order (not teaching order), with no learner history.
 */
export function predictConceptIds(
  model: SelectionModel,
  problemText: string,
  analysis: Analysis,
): string[] {
  return pickConcepts(rank(model, problemText, analysis), undefined).map(
    (entry) => entry.concept.id,
  );
}

/**
 * Compares the concepts selected for the original and the edited analysis of the same problem
 * text, and names those that would enter or leave, in pick order.
 */
export function lessonChange(
  model: SelectionModel,
  problemText: string,
  original: Analysis,
  edited: Analysis,
): LessonChange {
  const before = predictConceptIds(model, problemText, original);
  const after = predictConceptIds(model, problemText, edited);
  const { titles } = prepare(model);
  const describe = (id: string): ConceptChange => ({ id, title: titles.get(id) ?? id });

  const entering = after.filter((id) => !before.includes(id)).map(describe);
  const leaving = before.filter((id) => !after.includes(id)).map(describe);
  return { changes: entering.length > 0 || leaving.length > 0, entering, leaving };
}

/**
 * Rewrites the reasons of the lesson's concepts for the edited analysis, keyed by concept id. A
 * reason that quotes the concept's strongest signal (a fact with its numbers, written by
 * `signalReason`) gets that sentence written again from the same signal of the edited analysis.
 * Reasons from the problem's words, and reasons whose signal the edit removed, stay as stored.
 */
export function rebuildReasons(
  model: SelectionModel,
  problemText: string,
  concepts: readonly LessonConcept[],
  original: Analysis,
  edited: Analysis,
): Record<string, string> {
  const before = new Map(
    rank(model, problemText, original).map((entry) => [entry.concept.id, entry]),
  );
  const after = new Map(rank(model, problemText, edited).map((entry) => [entry.concept.id, entry]));
  const reasons: Record<string, string> = {};
  for (const concept of concepts) {
    const old = before.get(concept.id)?.bestSignal;
    const now = after.get(concept.id)?.bestSignal;
    reasons[concept.id] = concept.reason;
    if (old === undefined || now === undefined) continue;
    const oldSentence = signalReason(old.signal, old.target);
    if (concept.reason.includes(oldSentence)) {
      reasons[concept.id] = concept.reason.replace(
        oldSentence,
        signalReason(now.signal, now.target),
      );
    }
  }
  return reasons;
}

/** Ranks the catalogue for a problem text and analysis, once per analysis object. */
function rank(model: SelectionModel, problemText: string, analysis: Analysis): ScoredConcept[] {
  const prepared = prepare(model);
  const cached = prepared.rankings.get(analysis);
  if (cached !== undefined && cached.problemText === problemText) return cached.ranked;
  const ranked = rankByTextScores(
    prepared.catalogue,
    prepared.textScores,
    deriveSignals(problemText, analysis),
  );
  prepared.rankings.set(analysis, { problemText, ranked });
  return ranked;
}

/** Builds the ranking catalogue of a model once: concepts, topics and dependent counts. */
function prepare(model: SelectionModel): PreparedModel {
  const cached = prepared.get(model);
  if (cached !== undefined) return cached;

  const concepts: Concept[] = model.concepts.map((concept) => ({
    ...concept,
    summary: '',
    resources: [],
    quiz: [],
    body: '',
    diagrams: [],
  }));
  const topicsById = new Map<string, ReadonlyMap<TopicId, number>>();
  const dependentCountById = new Map<string, number>();
  for (const concept of concepts) {
    topicsById.set(concept.id, conceptTopics(concept));
    for (const prereqId of concept.prereqIds) {
      dependentCountById.set(prereqId, (dependentCountById.get(prereqId) ?? 0) + 1);
    }
  }

  const result: PreparedModel = {
    catalogue: { concepts, topicsById, dependentCountById },
    textScores: new Map(Object.entries(model.textScores)),
    titles: new Map(model.concepts.map((concept) => [concept.id, concept.title])),
    rankings: new WeakMap(),
  };
  prepared.set(model, result);
  return result;
}
