/**
 * Ranking of a catalogue for one problem. A concept's score adds four parts. The first is BM25
 * relevance of the problem text, divided by the best match so it runs from 0 to 1. Then come the
 * analysis signals that name its topics, a small prior for foundational concepts, and a boost
 * when the learner finds it weak and the problem makes it relevant.
 */

import type { Concept, Level } from '../knowledge/types';
import { searchConcepts, type CatalogueIndex, type TextMatch } from './catalogue-index';
import type { Signal, SignalTarget } from './signals';
import type { ProblemQuery } from './text';

/** The learner's review history, as far as selection uses it. */
export interface LearnerContext {
  /** Concepts the learner reviews poorly, raised when the problem makes them relevant. */
  weakConceptIds?: readonly string[];
  /** Concepts the learner has mastered, which are never added only as a prerequisite. */
  masteredConceptIds?: readonly string[];
}

/** A concept's score with its parts, for selection and for tests that explain a ranking. */
export interface ScoredConcept {
  concept: Concept;
  /** Position in the ranking, from 0. */
  rank: number;
  /** BM25 score divided by the best score of this query, 0 to 1. */
  text: number;
  /** Signal contributions: the strongest plus a share of the others, capped. */
  signal: number;
  /** Level and foundation prior, 0 for a concept the problem does not make relevant. */
  prior: number;
  weakBoost: number;
  /** Score before any prerequisite boost. */
  score: number;
  /** Whether text or signals make the concept relevant to the problem at all. */
  relevant: boolean;
  /** The signal and target that contributed most, if any. */
  bestSignal?: { signal: Signal; target: SignalTarget; contribution: number };
  textMatch?: TextMatch;
}

/** Weights of the ranking and selection. `DEFAULT_RANKING_WEIGHTS` documents each default. */
export interface RankingWeights {
  text: number;
  signal: number;
  maxSignal: number;
  secondarySignalShare: number;
  levelPrior: Readonly<Record<Level, number>>;
  foundationPerDependent: number;
  maxFoundation: number;
  weak: number;
  relevantText: number;
  prerequisite: number;
  maxPrerequisite: number;
  optionalShareOfTop: number;
  topicDiversity: number;
}

export const DEFAULT_RANKING_WEIGHTS: RankingWeights = {
  /** Multiplies BM25 relevance divided by the best score of the query (0 to 1). */
  text: 0.7,
  /** Multiplies the signal contributions (strength × target weight × topic strength). */
  signal: 1.3,
  /** Cap on the combined signal contributions, so a concept every signal names cannot run away. */
  maxSignal: 2,
  /**
   * Share of each further signal's contribution added to the strongest one: a concept that
   * several facts point to ranks higher, but loose tag matches cannot pile up to outrank a
   * concept that one fact names in its title.
   */
  secondarySignalShare: 0.5,
  /**
   * Added to a relevant concept by level: a lesson teaches foundations before specialisms, so
   * between two equally relevant concepts the more foundational one wins.
   */
  levelPrior: { beginner: 0.1, intermediate: 0.05, advanced: 0 },
  /**
   * Added to a relevant concept per concept that lists it as a prerequisite, up to
   * `maxFoundation`: ZeRO, which FSDP builds on, is taught before FSDP when both fit.
   */
  foundationPerDependent: 0.03,
  maxFoundation: 0.15,
  /** Added to a weak concept that the problem makes relevant. */
  weak: 0.6,
  /** Normalised text relevance a concept needs to count as relevant without a signal. */
  relevantText: 0.12,
  /** Added to an unmastered prerequisite of a pick, times the pick's score over the top score. */
  prerequisite: 0.35,
  maxPrerequisite: 0.7,
  /** Beyond the sixth concept, a concept joins only with at least this share of the top score. */
  optionalShareOfTop: 0.3,
  /** Fraction of a candidate's score lost per earlier pick led by the same signal and topic. */
  topicDiversity: 0.5,
};

/**
 * Scores every concept for a problem and returns them best first. Ties break by id, except among
 * concepts with no relevance at all, which come as foundations: most dependents first, then
 * level, then id.
 */
export function rankConcepts(
  index: CatalogueIndex,
  query: ProblemQuery,
  signals: readonly Signal[],
  learner?: LearnerContext,
  weights: RankingWeights = DEFAULT_RANKING_WEIGHTS,
): ScoredConcept[] {
  const matches = searchConcepts(index, query.terms);
  return rankByTextScores(index, normaliseTextScores(matches), signals, learner, weights, matches);
}

/** The parts of a catalogue index that scoring needs, without the search index itself. */
export type RankingCatalogue = Pick<
  CatalogueIndex,
  'concepts' | 'topicsById' | 'dependentCountById'
>;

/**
 * Divides each BM25 score by the best score of the query, so text relevance runs from 0 to 1.
 * Returns an empty map when nothing matched.
 */
export function normaliseTextScores(matches: ReadonlyMap<string, TextMatch>): Map<string, number> {
  let bestText = 0;
  for (const match of matches.values()) bestText = Math.max(bestText, match.score);
  const scores = new Map<string, number>();
  if (bestText === 0) return scores;
  for (const [id, match] of matches) scores.set(id, match.score / bestText);
  return scores;
}

/**
 * Scores every concept from text relevance already divided by the best match (0 to 1, absent
 * for no match) and the signals, and returns them best first, as `rankConcepts` does. Needs no
 * search index, so the what-if panel can rank in the browser with relevance the server computed.
 */
export function rankByTextScores(
  catalogue: RankingCatalogue,
  textScores: ReadonlyMap<string, number>,
  signals: readonly Signal[],
  learner?: LearnerContext,
  weights: RankingWeights = DEFAULT_RANKING_WEIGHTS,
  matches?: ReadonlyMap<string, TextMatch>,
): ScoredConcept[] {
  const weak = new Set(learner?.weakConceptIds ?? []);

  const scored = catalogue.concepts.map((concept): ScoredConcept => {
    const text = textScores.get(concept.id) ?? 0;
    const { signal, bestSignal } = scoreSignals(catalogue, concept.id, signals, weights);
    const relevant = text >= weights.relevantText || signal > 0;
    const weakBoost = relevant && weak.has(concept.id) ? weights.weak : 0;
    const dependents = catalogue.dependentCountById.get(concept.id) ?? 0;
    const foundation = Math.min(weights.maxFoundation, weights.foundationPerDependent * dependents);
    const prior = relevant ? weights.levelPrior[concept.level] + foundation : 0;
    return {
      concept,
      rank: 0,
      text,
      signal,
      prior,
      weakBoost,
      score: weights.text * text + weights.signal * signal + prior + weakBoost,
      relevant,
      bestSignal,
      textMatch: matches?.get(concept.id),
    };
  });
  const ranked = sortByScore(scored, catalogue);
  ranked.forEach((entry, position) => {
    entry.rank = position;
  });
  return ranked;
}

function scoreSignals(
  index: RankingCatalogue,
  conceptId: string,
  signals: readonly Signal[],
  weights: RankingWeights,
): { signal: number; bestSignal?: ScoredConcept['bestSignal'] } {
  const topics = index.topicsById.get(conceptId);
  if (topics === undefined || topics.size === 0) return { signal: 0 };

  // Each signal counts once, through the target that fits the concept best.
  const contributions: number[] = [];
  let bestSignal: ScoredConcept['bestSignal'];
  for (const signal of signals) {
    let best: { target: SignalTarget; contribution: number } | undefined;
    for (const target of signal.targets) {
      const topicStrength = topics.get(target.topic);
      if (topicStrength === undefined) continue;
      const contribution = signal.strength * target.weight * topicStrength;
      if (best === undefined || contribution > best.contribution) best = { target, contribution };
    }
    if (best === undefined) continue;
    contributions.push(best.contribution);
    if (bestSignal === undefined || best.contribution > bestSignal.contribution) {
      bestSignal = { signal, ...best };
    }
  }
  if (contributions.length === 0) return { signal: 0 };

  const strongest = Math.max(...contributions);
  const rest = contributions.reduce((sum, value) => sum + value, 0) - strongest;
  const combined = strongest + weights.secondarySignalShare * rest;
  return { signal: Math.min(weights.maxSignal, combined), bestSignal };
}

const LEVEL_ORDER: Readonly<Record<Level, number>> = { beginner: 0, intermediate: 1, advanced: 2 };

function sortByScore(scored: ScoredConcept[], index: RankingCatalogue): ScoredConcept[] {
  return scored.sort((a, b) => {
    if (b.score !== a.score) return b.score - a.score;
    if (a.score === 0) {
      const dependents =
        (index.dependentCountById.get(b.concept.id) ?? 0) -
        (index.dependentCountById.get(a.concept.id) ?? 0);
      if (dependents !== 0) return dependents;
      const level = LEVEL_ORDER[a.concept.level] - LEVEL_ORDER[b.concept.level];
      if (level !== 0) return level;
    }
    return compareIds(a.concept.id, b.concept.id);
  });
}

/** Compares concept ids as strings, the tie-breaker that keeps every ranking deterministic. */
export function compareIds(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
