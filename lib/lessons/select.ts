/**
 * Concept selection: picks the 6 to 8 concepts a lesson teaches from the ranking, each with a
 * reason the learner can check against the problem.
 *
 * The pick is greedy. A candidate loses half its score for each earlier pick that the same signal
 * led through the same topic. So a problem whose model states do not fit gets ZeRO and pipeline
 * parallelism rather than ZeRO, FSDP and the distributed optimizer. Each pick raises its unmastered prerequisites that the problem also
 * touches, so the lesson does not lean on a foundation the learner lacks. Same input, same
 * lesson: every tie breaks by rank and then by id.
 */

import type { Analysis } from '../analysis/types';
import type { Concept } from '../knowledge/types';
import { indexCatalogue, searchConcepts } from './catalogue-index';
import {
  DEFAULT_RANKING_WEIGHTS,
  normaliseTextScores,
  rankConcepts,
  type LearnerContext,
  type RankingWeights,
  type ScoredConcept,
} from './ranking';
import { explainSelection } from './reasons';
import { deriveSignals } from './signals';
import { buildProblemQuery, tokenizeProblem } from './text';
import type { LessonConcept } from './types';

/** A ranked concept as picked for the lesson, with the prerequisite boost it received. */
export interface PickedConcept extends ScoredConcept {
  prerequisiteBoost: number;
  /** Ids of picked concepts that list this one as a prerequisite, when it was raised for them. */
  prerequisiteOf: string[];
}

export const MIN_CONCEPTS = 6;
export const MAX_CONCEPTS = 8;

/** Best-ranked concepts the greedy pick considers, besides prerequisites it raises. */
const CANDIDATE_POOL = 40;
/** Query terms kept from one problem, because more only slow the search down. */
const MAX_QUERY_TERMS = 160;

/**
 * Selects the 6 to 8 concepts of a lesson, in teaching order (a prerequisite before the concepts
 * that need it), each with a one-line reason. Returns fewer only when the catalogue has fewer than
 * six concepts.
 */
export function selectConcepts(
  problemText: string,
  analysis: Analysis,
  concepts: readonly Concept[],
  learner?: LearnerContext,
  weights: RankingWeights = DEFAULT_RANKING_WEIGHTS,
): LessonConcept[] {
  const index = indexCatalogue(concepts);
  const tokens = tokenizeProblem(problemText);
  const query = buildProblemQuery(tokens, MAX_QUERY_TERMS);
  const ranked = rankConcepts(index, query, deriveSignals(problemText, analysis), learner, weights);
  const picked = pickConcepts(ranked, learner, weights);

  return orderForTeaching(picked).map((concept) => ({
    id: concept.concept.id,
    title: concept.concept.title,
    domain: concept.concept.domain,
    level: concept.concept.level,
    reason: explainSelection(concept, { tokens, query, index, learner, weights }),
  }));
}

/**
 * Returns each concept's text relevance to the problem as selection scores it: BM25 divided by
 * the best match, from 0 to 1, for the concepts that match at all.
 */
export function problemTextScores(
  problemText: string,
  concepts: readonly Concept[],
): Map<string, number> {
  const index = indexCatalogue(concepts);
  const query = buildProblemQuery(tokenizeProblem(problemText), MAX_QUERY_TERMS);
  return normaliseTextScores(searchConcepts(index, query.terms));
}

/**
 * Picks the lesson greedily from the ranking. Takes six concepts, then up to two more whose
 * score (with prerequisite boost) keeps at least `optionalShareOfTop` of the top score.
 */
export function pickConcepts(
  ranked: readonly ScoredConcept[],
  learner: LearnerContext | undefined,
  weights: RankingWeights = DEFAULT_RANKING_WEIGHTS,
): PickedConcept[] {
  const mastered = new Set(learner?.masteredConceptIds ?? []);
  const rankedById = new Map(ranked.map((entry) => [entry.concept.id, entry]));
  // Only candidates and the prerequisites they raise get a mutable copy. The rest stay untouched.
  const picks = new Map<string, PickedConcept>();
  const candidate = (id: string): PickedConcept | undefined => {
    const existing = picks.get(id);
    if (existing !== undefined) return existing;
    const entry = rankedById.get(id);
    if (entry === undefined) return undefined;
    const created: PickedConcept = { ...entry, prerequisiteBoost: 0, prerequisiteOf: [] };
    picks.set(id, created);
    return created;
  };

  const pool = new Set(ranked.slice(0, CANDIDATE_POOL).map((entry) => entry.concept.id));
  const topScore = ranked[0]?.score ?? 0;
  const picksPerKey = new Map<string, number>();
  const chosen: PickedConcept[] = [];
  const chosenIds = new Set<string>();

  while (chosen.length < MAX_CONCEPTS) {
    const optional = chosen.length >= MIN_CONCEPTS;
    const floor = optional ? weights.optionalShareOfTop * topScore : Number.NEGATIVE_INFINITY;
    let best: { entry: PickedConcept; value: number } | undefined;

    for (const id of pool) {
      const entry = candidate(id);
      if (entry === undefined) continue;
      const total = entry.score + entry.prerequisiteBoost;
      if (optional && (total === 0 || total < floor)) continue;
      const value = total * diversityFactor(entry, picksPerKey, weights);
      if (best === undefined || isBetter(value, entry, best)) best = { entry, value };
    }
    if (best === undefined) break;

    const pick = best.entry;
    pool.delete(pick.concept.id);
    chosen.push(pick);
    chosenIds.add(pick.concept.id);
    countLeadingKey(pick, picksPerKey, weights);
    raisePrerequisites(pick, { candidate, pool, chosenIds, mastered, topScore, weights });
  }
  return chosen;
}

function isBetter(
  value: number,
  entry: PickedConcept,
  best: { entry: PickedConcept; value: number },
): boolean {
  if (value !== best.value) return value > best.value;
  return entry.rank < best.entry.rank;
}

/** Returns the share of a candidate's score left after earlier picks with the same leading topic. */
function diversityFactor(
  entry: ScoredConcept,
  picksPerKey: ReadonlyMap<string, number>,
  weights: RankingWeights,
): number {
  const key = leadingKey(entry, weights);
  if (key === undefined) return 1;
  return (1 - weights.topicDiversity) ** (picksPerKey.get(key) ?? 0);
}

function countLeadingKey(
  entry: ScoredConcept,
  picksPerKey: Map<string, number>,
  weights: RankingWeights,
): void {
  const key = leadingKey(entry, weights);
  if (key !== undefined) picksPerKey.set(key, (picksPerKey.get(key) ?? 0) + 1);
}

/**
 * Returns the signal and topic behind a score, as "signal/topic", when the signal outweighs the
 * text match.
 */
function leadingKey(entry: ScoredConcept, weights: RankingWeights): string | undefined {
  const best = entry.bestSignal;
  if (best === undefined) return undefined;
  if (weights.signal * best.contribution < weights.text * entry.text) return undefined;
  return `${best.signal.id}/${best.target.topic}`;
}

/**
 * Raises each unmastered prerequisite of a pick that the problem also makes relevant, in
 * proportion to the pick's score, and lets it join the pool.
 */
function raisePrerequisites(
  pick: PickedConcept,
  context: {
    candidate: (id: string) => PickedConcept | undefined;
    pool: Set<string>;
    chosenIds: ReadonlySet<string>;
    mastered: ReadonlySet<string>;
    topScore: number;
    weights: RankingWeights;
  },
): void {
  const { candidate, pool, chosenIds, mastered, topScore, weights } = context;
  if (topScore === 0 || pick.score === 0) return;

  for (const prereqId of pick.concept.prereqIds) {
    const prerequisite = candidate(prereqId);
    if (prerequisite === undefined || mastered.has(prereqId) || !prerequisite.relevant) continue;
    if (chosenIds.has(prereqId)) continue;
    prerequisite.prerequisiteOf.push(pick.concept.id);
    const boost = weights.prerequisite * (pick.score / topScore);
    prerequisite.prerequisiteBoost = Math.min(
      weights.maxPrerequisite,
      prerequisite.prerequisiteBoost + boost,
    );
    pool.add(prereqId);
  }
}

/** Orders the picks so each prerequisite inside the lesson precedes its dependents, else by pick order. */
function orderForTeaching(picked: readonly PickedConcept[]): PickedConcept[] {
  const inLesson = new Set(picked.map((entry) => entry.concept.id));
  const placed = new Set<string>();
  const ordered: PickedConcept[] = [];
  const remaining = [...picked];

  while (remaining.length > 0) {
    // Takes the earliest pick whose prerequisites in the lesson are placed. A cycle takes the first.
    let nextIndex = remaining.findIndex((entry) =>
      entry.concept.prereqIds.every((id) => !inLesson.has(id) || placed.has(id)),
    );
    if (nextIndex === -1) nextIndex = 0;
    const [next] = remaining.splice(nextIndex, 1);
    ordered.push(next);
    placed.add(next.concept.id);
  }
  return ordered;
}
