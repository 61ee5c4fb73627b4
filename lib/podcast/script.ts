/**
 * The podcast script writer. It turns a lesson into a conversation between a host and an
 * expert: an opening, the problem and its numbers, and a chapter per card that ends with a
 * recall question. A round-up of the six roles and a recap close the episode. Pure: the same
 * lesson gives the same script.
 */

import { formatCount, formatPercent, formatUsd } from '../analysis/format';
import type { Quantities } from '../analysis/types';
import type { Lesson, LessonCard, RoleAnalysis, RoleId } from '../lessons/types';
import { defaultAssumptions, spokenNumberGroups } from './key-numbers';
import {
  asSentence,
  firstParagraph,
  leadingSentences,
  plainText,
  splitSentences,
  withoutFormulas,
} from './prose';
import { renderScriptMarkdown } from './script-markdown';
import { buildShowNotes, podcastTitle } from './show-notes';
import type { PodcastScript, ScriptChapter, ScriptLine, Speaker } from './types';

/** Silence between two lines of the same chapter, in ms. */
export const LINE_PAUSE_MS = 350;
/** Silence after a chapter's last line, in ms. */
export const CHAPTER_PAUSE_MS = 1_000;
/** Silence after a recall question, long enough to think of the answer, in ms. */
export const RECALL_PAUSE_MS = 4_000;

/** Maximum problem length the host reads aloud, in characters; the rest is on the lesson page. */
const MAX_SPOKEN_PROBLEM_CHARS = 400;
/** Maximum length of a concept explanation, in characters of whole sentences. */
const MAX_EXPLANATION_CHARS = 320;
/** Maximum length of the explanation after a recall answer, in characters of whole sentences. */
const MAX_ANSWER_CHARS = 200;
/** Applied-number lines read per card. */
const MAX_APPLIED_LINES = 3;
/** Default assumptions named in the problem chapter; the lesson page lists them all. */
const MAX_SPOKEN_DEFAULTS = 4;
/** Disagreements between roles read in the round-up. */
const MAX_DISAGREEMENTS = 2;
/** Objectives repeated in the recap. */
const MAX_RECAP_OBJECTIVES = 2;

const ROLE_TITLES: Record<RoleId, string> = {
  architect: 'the infrastructure architect',
  'data-lead': 'the data lead',
  'training-engineer': 'the training engineer',
  sre: 'the SRE',
  'cost-officer': 'the cost officer',
  'red-team': 'the red team',
};

/** Writes the podcast script of a lesson, with its Markdown and show notes. */
export function writePodcastScript(lesson: Lesson): PodcastScript {
  const chapters: ScriptChapter[] = [
    openingChapter(lesson),
    problemChapter(lesson),
    ...cardChapters(lesson),
    rolesChapter(lesson),
    recapChapter(lesson),
  ].filter((chapter) => chapter.lines.length > 0);

  for (const chapter of chapters) {
    const last = chapter.lines[chapter.lines.length - 1];
    last.pauseAfterMs = Math.max(last.pauseAfterMs, CHAPTER_PAUSE_MS);
  }

  const title = podcastTitle(lesson);
  const showNotes = buildShowNotes(lesson, chapters, title);
  return { chapters, showNotes, markdown: renderScriptMarkdown(title, chapters, showNotes) };
}

function openingChapter(lesson: Lesson): ScriptChapter {
  const titles = lesson.cards.map((card) => card.front.title);
  const constraints = lesson.constraints.map((constraint) => asSentence(plainText(constraint)));
  const lines = [
    line(
      'host',
      `Welcome to your lesson podcast. I'm the host, and with me is an infrastructure expert. ` +
        `Today's problem: ${spokenProblem(lesson.problem)}`,
    ),
  ];
  if (constraints.length > 0) {
    lines.push(
      line(
        'host',
        `It comes with ${countWord(constraints.length, 'constraint')}. ${constraints.join(' ')}`,
      ),
    );
  }
  const plan =
    titles.length > 0
      ? `After that we go through the ${countWord(titles.length, 'concept')} that matter most here: ${joinAnd(titles)}.`
      : 'No concept cards were chosen for this problem, so we stay with the numbers.';
  lines.push(
    line(
      'expert',
      `Thanks. We'll work out the numbers first. ${plan} Then six roles give their view, and we finish with a recap.`,
    ),
  );
  return { id: 'opening', kind: 'opening', title: 'Opening', lines };
}

function problemChapter(lesson: Lesson): ScriptChapter {
  const { analysis } = lesson;
  const stated = statedQuantities(analysis.quantities);
  const lines: ScriptLine[] = [
    line('host', "Let's start with the numbers. What does the problem state?"),
  ];

  lines.push(
    line(
      'expert',
      stated.length > 0
        ? `It states ${joinAnd(stated)}.`
        : 'It states no numbers I can work with, so the concepts were chosen from its words alone.',
    ),
  );

  const groups = spokenNumberGroups(analysis);
  for (const group of groups) {
    lines.push(line('host', group.question));
    lines.push(line('expert', group.sentences.join(' ')));
  }

  const defaults = defaultAssumptions(
    analysis,
    groups.flatMap((group) => group.keys),
  ).map(withoutFormulas);
  if (defaults.length > 0) {
    const spoken = defaults.slice(0, MAX_SPOKEN_DEFAULTS);
    const more = defaults.length > spoken.length ? ', among others' : '';
    lines.push(line('host', 'Which of these numbers rest on assumptions?'));
    lines.push(
      line(
        'expert',
        `They are estimates. Where the problem is silent, the lesson assumes defaults: ${spoken.join('; ')}${more}. Change any of them and the numbers move.`,
      ),
    );
  }
  return { id: 'problem', kind: 'problem', title: 'The problem and its numbers', lines };
}

/** Builds one chapter per card; a number already read in an earlier card is not read again. */
function cardChapters(lesson: Lesson): ScriptChapter[] {
  const spokenNumbers = new Set<string>();
  return lesson.cards.map((card, index) => cardChapter(lesson, card, index, spokenNumbers));
}

function cardChapter(
  lesson: Lesson,
  card: LessonCard,
  index: number,
  spokenNumbers: Set<string>,
): ScriptChapter {
  const title = card.front.title;
  const reason = lesson.concepts.find((concept) => concept.id === card.conceptId)?.reason ?? '';
  const whyItMatters = card.front.whyItMatters || reason;
  const lines: ScriptLine[] = [
    line(
      'host',
      `Concept ${index + 1} of ${lesson.cards.length}: ${title}. Why does it matter for this problem?`,
    ),
    line(
      'expert',
      [asSentence(whyItMatters), asSentence(card.front.summary)].filter(Boolean).join(' '),
    ),
  ];

  const explanation = withoutLeadIn(
    leadingSentences(firstParagraph(card.back.body), MAX_EXPLANATION_CHARS),
  );
  if (explanation !== '') {
    lines.push(line('host', 'How does it work?'));
    lines.push(line('expert', explanation));
  }

  const applied = appliedSentences(card.back.applied, spokenNumbers);
  if (applied.length > 0) {
    lines.push(line('host', 'And with our numbers?'));
    lines.push(line('expert', applied.join(' ')));
  }

  const recall = recallLines(card);
  lines.push(...recall);
  return { id: `card-${card.conceptId}`, kind: 'card', title, conceptId: card.conceptId, lines };
}

/** Builds the recall question and its answer from the card's first quiz question. */
function recallLines(card: LessonCard): ScriptLine[] {
  const question = card.quiz[0];
  if (!question) {
    return [
      {
        ...line('host', `Before we move on: in one sentence, what is ${card.front.title}?`),
        pauseAfterMs: RECALL_PAUSE_MS,
        recall: 'question',
      },
      { ...line('expert', asSentence(card.front.summary)), recall: 'answer' },
    ];
  }
  const answer = question.options[question.correctIndex] ?? '';
  const explanation = leadingSentences(plainText(question.explanation), MAX_ANSWER_CHARS);
  return [
    {
      ...line(
        'host',
        `Recall question before we move on. ${plainText(question.question)} Take a moment.`,
      ),
      pauseAfterMs: RECALL_PAUSE_MS,
      recall: 'question',
    },
    {
      ...line('expert', `The answer: ${asSentence(plainText(answer))} ${explanation}`.trim()),
      recall: 'answer',
    },
  ];
}

function rolesChapter(lesson: Lesson): ScriptChapter {
  if (lesson.roles.length === 0)
    return { id: 'roles', kind: 'roles', title: 'Six expert views', lines: [] };

  const lines: ScriptLine[] = [
    line(
      'host',
      `Now ${countWord(lesson.roles.length, 'role')} look at the same plan. What do they say?`,
    ),
  ];
  for (const role of lesson.roles) lines.push(line('expert', roleSummary(role)));

  const disagreements = lesson.disagreements.slice(0, MAX_DISAGREEMENTS);
  if (disagreements.length > 0) {
    lines.push(line('host', 'Where do they pull against each other?'));
    for (const disagreement of disagreements) {
      const [first, second] = disagreement.roles.map((role) => ROLE_TITLES[role] ?? role);
      lines.push(
        line(
          'expert',
          `Between ${first} and ${second}: ${asSentence(withoutFormulas(disagreement.tension))} ` +
            `What settles it: ${asSentence(withoutFormulas(disagreement.settledBy))}`,
        ),
      );
    }
  }
  return { id: 'roles', kind: 'roles', title: 'Six expert views', lines };
}

function roleSummary(role: RoleAnalysis): string {
  const name = ROLE_TITLES[role.role] ?? role.role;
  return `For ${name}: ${asSentence(withoutFormulas(role.view))}`;
}

function recapChapter(lesson: Lesson): ScriptChapter {
  const groups = spokenNumberGroups(lesson.analysis);
  const headline = groups.map((group) => group.sentences[0]).slice(0, 3);
  const objectives = lesson.objectives
    .slice(0, MAX_RECAP_OBJECTIVES)
    .map((objective) => asSentence(plainText(objective)));
  const titles = lesson.cards.map((card) => card.front.title);

  const lines: ScriptLine[] = [line('host', "Let's recap.")];
  const summary: string[] = [];
  if (headline.length > 0) summary.push(`The numbers: ${headline.join(' ')}`);
  if (titles.length > 0) summary.push(`The concepts: ${joinAnd(titles)}.`);
  if (objectives.length > 0)
    summary.push(`You should now be able to do this. ${objectives.join(' ')}`);
  if (summary.length > 0) lines.push(line('expert', summary.join(' ')));
  lines.push(
    line(
      'host',
      'Thanks for listening. The show notes link every concept back to its card in the lesson, with the sources behind each number.',
    ),
  );
  return { id: 'recap', kind: 'recap', title: 'Recap', lines };
}

/**
 * Reads the card's applied section as sentences: bullet lines without their formulas, skipping
 * any in `spokenNumbers` and adding the ones it returns.
 */
function appliedSentences(applied: string, spokenNumbers: Set<string>): string[] {
  const bullets: string[] = [];
  let inAssumptions = false;
  for (const raw of applied.split('\n')) {
    const text = raw.trim();
    // "Assumptions:" lists the defaults behind the numbers; the problem chapter names them.
    if (/^\**assumptions\b/i.test(text)) inAssumptions = true;
    else if (/^\*\*.+\*\*$/.test(text)) inAssumptions = false;
    if (inAssumptions || !/^[-*] /.test(text)) continue;
    bullets.push(plainText(text.replace(/^[-*] /, '')));
  }
  const numbers = bullets.filter((text) => !/\(default\b/i.test(text));
  const sentences: string[] = [];
  for (const bullet of numbers) {
    const sentence = asSentence(withoutFormulas(bullet));
    if (sentence === '' || spokenNumbers.has(sentence)) continue;
    spokenNumbers.add(sentence);
    sentences.push(sentence);
    if (sentences.length === MAX_APPLIED_LINES) break;
  }
  return sentences;
}

/** Returns the stated quantities as short noun phrases: "a 175B-parameter model". */
function statedQuantities(quantities: Quantities): string[] {
  const phrases: string[] = [];
  if (quantities.parameters !== undefined) {
    phrases.push(`a ${formatCount(quantities.parameters)}-parameter model`);
  }
  if (quantities.tokens !== undefined)
    phrases.push(`${formatCount(quantities.tokens)} training tokens`);
  if (quantities.gpuCount !== undefined) {
    const model = quantities.gpuModel ? ` ${quantities.gpuModel}` : '';
    phrases.push(`${quantities.gpuCount}${model} GPUs`);
  } else if (quantities.gpuModel) {
    phrases.push(`${quantities.gpuModel} GPUs`);
  }
  if (quantities.budgetUsd !== undefined)
    phrases.push(`a ${formatUsd(quantities.budgetUsd)} budget`);
  if (quantities.uptimeTarget !== undefined) {
    phrases.push(`a ${formatPercent(quantities.uptimeTarget)} uptime target`);
  }
  if (quantities.recoveryMinutes !== undefined) {
    phrases.push(`recovery within ${quantities.recoveryMinutes} minutes`);
  }
  if (quantities.maxLostProgressMinutes !== undefined) {
    phrases.push(`at most ${quantities.maxLostProgressMinutes} minutes of lost progress`);
  }
  if (quantities.throughput !== undefined) {
    phrases.push(`a throughput of ${quantities.throughput.value} ${quantities.throughput.unit}`);
  }
  if (quantities.sequenceLength !== undefined) {
    phrases.push(`a context of ${formatCount(quantities.sequenceLength)} tokens`);
  }
  if (quantities.timelineDays !== undefined)
    phrases.push(`${quantities.timelineDays} days to train`);
  return phrases;
}

/** Returns the problem as the host reads it: whole sentences up to the spoken limit. */
function spokenProblem(problem: string): string {
  const text = plainText(problem);
  if (text.length <= MAX_SPOKEN_PROBLEM_CHARS) return asSentence(text);
  const lead =
    splitSentences(text).length > 1 ? leadingSentences(text, MAX_SPOKEN_PROBLEM_CHARS) : '';
  const spoken = lead !== '' ? lead : `${text.slice(0, MAX_SPOKEN_PROBLEM_CHARS).trimEnd()}…`;
  return `${asSentence(spoken)} The full text is on the lesson page.`;
}

/** Drops a last sentence that only introduces a list the podcast does not read ("…holds:"). */
function withoutLeadIn(text: string): string {
  const sentences = splitSentences(text);
  while (sentences.length > 1 && /:$/.test(sentences[sentences.length - 1])) sentences.pop();
  const result = sentences.join(' ');
  return /:$/.test(result) ? '' : result;
}

function line(speaker: Speaker, text: string): ScriptLine {
  return { speaker, text: text.trim(), pauseAfterMs: LINE_PAUSE_MS };
}

function countWord(count: number, noun: string): string {
  const words = [
    'no',
    'one',
    'two',
    'three',
    'four',
    'five',
    'six',
    'seven',
    'eight',
    'nine',
    'ten',
  ];
  const number = words[count] ?? String(count);
  return `${number} ${noun}${count === 1 ? '' : 's'}`;
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
