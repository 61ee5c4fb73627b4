/**
 * Search index over a concept catalogue: BM25 through MiniSearch over title, summary, tags and
 * body, plus each concept's topics and how many concepts depend on it. Built once per catalogue
 * array and cached by its identity, so a caller that keeps the same array pays for it once.
 */

import MiniSearch from 'minisearch';

import type { Concept } from '../knowledge/types';
import { conceptTopics, type TopicId } from './topics';
import { splitWords, stemWord } from './text';

/** Catalogue prepared for the lesson modules: the search index, topics and dependent counts. */
export interface CatalogueIndex {
  concepts: readonly Concept[];
  byId: ReadonlyMap<string, Concept>;
  /** Topic strengths per concept id (1 for a title match, 0.5 for a tag match). */
  topicsById: ReadonlyMap<string, ReadonlyMap<TopicId, number>>;
  /** Number of concepts that list each concept as a direct prerequisite. */
  dependentCountById: ReadonlyMap<string, number>;
  search: MiniSearch<IndexedConcept>;
}

/** Relevance of one concept to a query. */
export interface TextMatch {
  /** BM25 score summed over fields with their boosts. */
  score: number;
  /** Query terms found in the concept. */
  terms: Set<string>;
  /** Query terms found in the title or tags, the ones a learner can check at a glance. */
  headlineTerms: Set<string>;
}

interface IndexedConcept {
  id: string;
  title: string;
  summary: string;
  tags: string;
  body: string;
}

/**
 * Field boosts for BM25: a word in the title or tags names the concept's subject, while the body
 * mentions many neighbouring subjects in passing.
 */
const FIELD_BOOSTS = { title: 4, tags: 3, summary: 2, body: 1 } as const;

const indexCache = new WeakMap<readonly Concept[], CatalogueIndex>();

/** Returns the index of `concepts`, building it on first use of this array. */
export function indexCatalogue(concepts: readonly Concept[]): CatalogueIndex {
  const cached = indexCache.get(concepts);
  if (cached !== undefined) return cached;

  const index = buildIndex(concepts);
  indexCache.set(concepts, index);
  return index;
}

/** Scores every concept that contains at least one of `terms` (already stemmed), keyed by id. */
export function searchConcepts(
  index: CatalogueIndex,
  terms: readonly string[],
): Map<string, TextMatch> {
  const matches = new Map<string, TextMatch>();
  if (terms.length === 0) return matches;

  const results = index.search.search(terms.join(' '), {
    boost: FIELD_BOOSTS,
    combineWith: 'OR',
    tokenize: (query) => query.split(' '),
    processTerm: (term) => term,
  });
  for (const result of results) {
    const headlineTerms = new Set<string>();
    for (const [term, fields] of Object.entries(result.match)) {
      if (fields.includes('title') || fields.includes('tags')) headlineTerms.add(term);
    }
    matches.set(String(result.id), {
      score: result.score,
      terms: new Set(result.terms),
      headlineTerms,
    });
  }
  return matches;
}

function buildIndex(concepts: readonly Concept[]): CatalogueIndex {
  const search = new MiniSearch<IndexedConcept>({
    fields: ['title', 'summary', 'tags', 'body'],
    tokenize: (text) => splitWords(text),
    processTerm: (term) => stemWord(term),
  });
  search.addAll(
    concepts.map((concept) => ({
      id: concept.id,
      title: concept.title,
      summary: concept.summary,
      tags: concept.tags.join(' '),
      body: concept.body,
    })),
  );

  const topicsById = new Map<string, ReadonlyMap<TopicId, number>>();
  const dependentCountById = new Map<string, number>();
  for (const concept of concepts) {
    topicsById.set(concept.id, conceptTopics(concept));
    for (const prereqId of concept.prereqIds) {
      dependentCountById.set(prereqId, (dependentCountById.get(prereqId) ?? 0) + 1);
    }
  }

  return {
    concepts,
    byId: new Map(concepts.map((concept) => [concept.id, concept])),
    topicsById,
    dependentCountById,
    search,
  };
}
