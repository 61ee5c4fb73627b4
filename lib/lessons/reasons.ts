/**
 * One-line reasons for selected concepts. A reason names what put the concept in the lesson,
 * which is either a signal fact with its numbers or the problem's own words that matched the
 * concept. A note comes first when the learner's weak reviews or a dependent in the lesson raised it.
 */

import type { CatalogueIndex, TextMatch } from './catalogue-index';
import type { LearnerContext, RankingWeights, ScoredConcept } from './ranking';
import type { PickedConcept } from './select';
import { signalReason } from './signals';
import { joinAnd, quoteMatchedPhrases, type ProblemQuery, type ProblemToken } from './text';

/** Everything a reason may draw on besides the concept's own scores. */
export interface ReasonContext {
  tokens: readonly ProblemToken[];
  query: ProblemQuery;
  index: CatalogueIndex;
  learner: LearnerContext | undefined;
  weights: RankingWeights;
}

/** Phrases of the problem quoted in a text reason. */
const MAX_QUOTED_PHRASES = 3;

/** Writes the one-line reason for a selected concept from what put it in the lesson. */
export function explainSelection(picked: PickedConcept, context: ReasonContext): string {
  const { index, learner, weights } = context;
  const parts: string[] = [];
  if (picked.weakBoost > 0) parts.push('Weak in your reviews and relevant here.');

  const ownScore = weights.text * picked.text + weights.signal * picked.signal;
  if (picked.prerequisiteBoost > 0 && picked.prerequisiteBoost >= ownScore / 2) {
    const titles = picked.prerequisiteOf.map((id) => index.byId.get(id)?.title ?? id);
    const unmastered =
      learner?.masteredConceptIds === undefined ? '' : ', and you have not mastered it yet';
    parts.push(`Foundation for ${joinAnd(titles)} in this lesson${unmastered}.`);
  }

  parts.push(ownReason(picked, context) ?? foundationReason(picked, index));
  return parts.join(' ');
}

/** Returns the reason from the concept's own relevance: its strongest signal, or the words it matched. */
function ownReason(scored: ScoredConcept, context: ReasonContext): string | undefined {
  const { weights } = context;
  const signalPart =
    scored.bestSignal === undefined ? 0 : weights.signal * scored.bestSignal.contribution;
  const textPart = weights.text * scored.text;
  const textReason = describeTextMatch(scored.textMatch, context);

  if (scored.bestSignal !== undefined && (signalPart >= textPart || textReason === undefined)) {
    return signalReason(scored.bestSignal.signal, scored.bestSignal.target);
  }
  return textReason;
}

function describeTextMatch(
  match: TextMatch | undefined,
  context: ReasonContext,
): string | undefined {
  if (match === undefined) return undefined;
  const headline = match.headlineTerms.size > 0;
  const terms = headline ? match.headlineTerms : match.terms;
  const problemTerms = new Set<string>();
  for (const term of terms) problemTerms.add(context.query.origin.get(term) ?? term);

  const phrases = quoteMatchedPhrases(context.tokens, problemTerms, MAX_QUOTED_PHRASES);
  if (phrases.length === 0) return undefined;
  const quoted = joinAnd(phrases.map((phrase) => `"${phrase}"`));
  return headline
    ? `The problem mentions ${quoted}, the subject of this concept.`
    : `The problem mentions ${quoted}, which this concept explains.`;
}

function foundationReason(scored: ScoredConcept, index: CatalogueIndex): string {
  const dependents = index.dependentCountById.get(scored.concept.id) ?? 0;
  if (dependents === 0) {
    return 'No word of the problem matched a concept closely, so this one fills the lesson in catalogue order.';
  }
  return `No word of the problem matched a concept closely, so the lesson starts from this foundation of ${dependents} other concepts.`;
}
