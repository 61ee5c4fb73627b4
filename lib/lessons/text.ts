/**
 * Text processing shared by the concept index and the problem query: tokenizing, stop words, a
 * light English stemmer and a few field synonyms, so "checkpoints", "checkpointing" and
 * "checkpoint" meet at one term.
 */

/** A word of the problem text with the index term it produces. */
export interface ProblemToken {
  /** The word as the learner wrote it, case kept. */
  word: string;
  /** The stemmed term, or null for a stop word or a bare number. */
  term: string | null;
}

/** Splits on anything that is not a letter or a digit, so "all-reduce" gives "all" and "reduce". */
const WORD_SEPARATOR = /[^\p{L}\p{N}]+/u;

/** Numbers, with or without a unit suffix ("175b", "80gb", "8k"), which carry no topic. */
const NUMBER_TERM = /^\d[\d.,]*(?:k|m|b|t|x|gb|gib|tb|pb|mb|s|ms|h|min|w|kw|gbps|tflops?)?$/;

/** Common English words and problem-statement filler that would match every concept body. */
const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before ' +
    'being below between both but by can could did do does doing down during each few for from ' +
    'further had has have having he her here hers him his how i if in into is it its itself just ' +
    'me more most my no nor not now of off on once only or other our ours out over own same she ' +
    'should so some such than that the their theirs them then there these they this those through ' +
    'to too under until up very was we were what when where which while who whom why will with ' +
    'would you your yours us let lets get gets got make makes made use used using want wants need ' +
    'needs one two three many much like even still though although around across per via each ' +
    'every may might must shall we re ve ll don doesn isn aren t s d m within without plus upon ' +
    'onto along among towards toward either neither whether yet else etc eg ie'
  ).split(' '),
);

/**
 * Words so common in training-infrastructure problems that they name no topic: almost every
 * concept mentions a model, training and GPUs. "CLIP" is here because in a problem it names the
 * model far more often than gradient clipping. Dropped from the problem query only, never from
 * the index.
 */
const QUERY_STOP_WORDS = new Set(
  'model models train training trained trains gpu gpus clip parameter parameters param params design implement system infrastructure job jobs run runs running step steps time take takes setup'.split(
    ' ',
  ),
);

/**
 * Query-side synonyms, written as plain words and stemmed at load: a learner's word and the terms
 * the catalogue uses for it. An entry adds terms and never removes the learner's word.
 */
const SYNONYM_WORDS: ReadonlyArray<[word: string, synonyms: string]> = [
  ['oom', 'memory'],
  ['preemptible', 'preemption spot'],
  ['interrupted', 'preemption'],
  ['freezes', 'hang'],
  ['frozen', 'hang'],
  ['stuck', 'hang'],
  ['crash', 'failure fault'],
  ['failure', 'fail fault'],
  ['fails', 'failure fault'],
  ['budget', 'cost'],
  ['money', 'cost'],
  ['cheap', 'cost'],
  ['uptime', 'fault availability'],
  ['recover', 'fault restart'],
  ['resume', 'restart'],
  ['nan', 'divergence stability'],
  ['diverge', 'stability'],
  ['multimodal', 'vision'],
  ['clip', 'contrastive vision'],
];

const SYNONYMS: ReadonlyMap<string, readonly string[]> = new Map(
  SYNONYM_WORDS.map(([word, synonyms]) => [stemOrWord(word), synonyms.split(' ').map(stemOrWord)]),
);

/** Splits text into lowercase words. */
export function splitWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(WORD_SEPARATOR)
    .filter((word) => word.length > 0);
}

/**
 * Reduces a lowercase word to its index term: drops stop words and bare numbers (returns null),
 * then strips a plural and up to two derivational suffixes. The same function runs on the catalogue and
 * on the problem, so odd stems ("schedul") still meet.
 */
export function stemWord(word: string): string | null {
  if (word.length < 2 || STOP_WORDS.has(word) || NUMBER_TERM.test(word)) return null;

  // Two passes, so "recovering" and "recover" both reach "recov".
  let stem = stripPlural(word);
  stem = stripSuffix(stripSuffix(stem));
  if (stem.length >= 5 && stem.endsWith('e') && !stem.endsWith('ee')) stem = stem.slice(0, -1);
  return stem;
}

/**
 * Tokenizes the problem, keeping each word beside its term so reasons can quote the learner. Words
 * of `QUERY_STOP_WORDS` get no term.
 */
export function tokenizeProblem(text: string): ProblemToken[] {
  const tokens: ProblemToken[] = [];
  for (const word of text.split(WORD_SEPARATOR)) {
    if (word.length === 0) continue;
    const lower = word.toLowerCase();
    tokens.push({ word, term: QUERY_STOP_WORDS.has(lower) ? null : stemWord(lower) });
  }
  return tokens;
}

/** Query terms of a problem, with the problem term each one came from. */
export interface ProblemQuery {
  terms: string[];
  /** For each query term, the problem term that produced it: itself, or the word it is a synonym of. */
  origin: Map<string, string>;
}

/**
 * Builds the query of a problem: its distinct terms in order of appearance plus their synonyms,
 * capped at `maxTerms` so 4,000 characters of noise cannot make the search slow.
 */
export function buildProblemQuery(tokens: readonly ProblemToken[], maxTerms: number): ProblemQuery {
  const origin = new Map<string, string>();
  for (const token of tokens) {
    if (origin.size >= maxTerms) break;
    if (token.term === null || origin.has(token.term)) continue;
    origin.set(token.term, token.term);
    for (const synonym of SYNONYMS.get(token.term) ?? []) {
      if (!origin.has(synonym)) origin.set(synonym, token.term);
    }
  }
  const terms = [...origin.keys()].slice(0, maxTerms);
  return { terms, origin };
}

/**
 * Returns up to `maxPhrases` phrases of the problem whose terms are all in `matchedTerms`, longest
 * runs first and then in order of appearance: ["spot instances", "throughput"]. Adjacent matched
 * words form one phrase.
 */
export function quoteMatchedPhrases(
  tokens: readonly ProblemToken[],
  matchedTerms: ReadonlySet<string>,
  maxPhrases: number,
): string[] {
  const phrases: { text: string; words: number; start: number }[] = [];
  const seen = new Set<string>();
  let run: string[] = [];
  let runStart = 0;

  const closeRun = (): void => {
    if (run.length === 0) return;
    const text = run.join(' ');
    if (!seen.has(text.toLowerCase())) {
      seen.add(text.toLowerCase());
      phrases.push({ text, words: run.length, start: runStart });
    }
    run = [];
  };

  tokens.forEach((token, index) => {
    const matched = token.term !== null && matchedTerms.has(token.term);
    if (!matched) {
      closeRun();
      return;
    }
    if (run.length === 0) runStart = index;
    run.push(token.word);
  });
  closeRun();

  return phrases
    .sort((a, b) => b.words - a.words || a.start - b.start)
    .slice(0, maxPhrases)
    .sort((a, b) => a.start - b.start)
    .map((phrase) => phrase.text);
}

/** Joins items as an English list: "a", "a and b", "a, b and c". */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function stemOrWord(word: string): string {
  return stemWord(word) ?? word;
}

function stripPlural(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Strips the first matching derivational suffix when enough of the word remains. */
function stripSuffix(word: string): string {
  const rules: ReadonlyArray<[suffix: string, minLength: number]> = [
    ['ation', 9],
    ['ism', 9],
    ['ition', 9],
    ['ible', 8],
    ['able', 8],
    ['ing', 6],
    ['ion', 8],
    ['ed', 5],
    ['er', 7],
    ['y', 7],
  ];
  for (const [suffix, minLength] of rules) {
    if (word.length >= minLength && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}
