import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';

import { formatBytes, formatUsd } from '@/lib/analysis/format';
import { splitSentences } from '@/lib/podcast/prose';
import {
  CHAPTER_PAUSE_MS,
  LINE_PAUSE_MS,
  RECALL_PAUSE_MS,
  writePodcastScript,
} from '@/lib/podcast/script';

import { firstSeedLesson, lessonFor, seedExamples } from './fixtures';

const lesson = firstSeedLesson();
const script = writePodcastScript(lesson);
const { estimates } = lesson.analysis;

function chapter(id: string) {
  const found = script.chapters.find((entry) => entry.id === id);
  if (!found) throw new Error(`no chapter ${id}`);
  return found;
}

function spoken(id: string): string {
  return chapter(id)
    .lines.map((line) => line.text)
    .join('\n');
}

describe('writePodcastScript structure', () => {
  it('orders opening, problem, a chapter per card, roles and recap', () => {
    const ids = script.chapters.map((entry) => entry.id);
    expect(ids).toEqual([
      'opening',
      'problem',
      ...lesson.cards.map((card) => `card-${card.conceptId}`),
      'roles',
      'recap',
    ]);
  });

  it('titles each card chapter after its card', () => {
    const cardTitles = script.chapters
      .filter((entry) => entry.kind === 'card')
      .map((entry) => entry.title);
    expect(cardTitles).toEqual(lesson.cards.map((card) => card.front.title));
  });

  it('alternates two speakers in every chapter', () => {
    for (const entry of script.chapters) {
      const speakers = new Set(entry.lines.map((line) => line.speaker));
      expect(speakers, entry.id).toEqual(new Set(['host', 'expert']));
    }
  });

  it('ends each card chapter with a recall question answered after a pause', () => {
    for (const entry of script.chapters.filter((candidate) => candidate.kind === 'card')) {
      const [question, answer] = entry.lines.slice(-2);
      expect(question.recall, entry.id).toBe('question');
      expect(question.speaker).toBe('host');
      expect(question.pauseAfterMs).toBe(RECALL_PAUSE_MS);
      expect(answer.recall).toBe('answer');
      expect(answer.speaker).toBe('expert');
    }
  });

  it('answers the recall question with the correct quiz option', () => {
    const card = lesson.cards[0];
    const answer = chapter(`card-${card.conceptId}`).lines.at(-1);
    const quiz = card.quiz[0];
    expect(answer?.text).toContain(`The answer: ${quiz.options[quiz.correctIndex]}`);
  });

  it('pauses between lines and longer between chapters', () => {
    for (const entry of script.chapters) {
      const last = entry.lines.at(-1);
      expect(last?.pauseAfterMs, entry.id).toBeGreaterThanOrEqual(CHAPTER_PAUSE_MS);
      for (const line of entry.lines.slice(0, -1)) {
        expect([LINE_PAUSE_MS, RECALL_PAUSE_MS]).toContain(line.pauseAfterMs);
      }
    }
  });

  it('gives the same script for the same lesson', () => {
    expect(writePodcastScript(lesson)).toEqual(script);
  });
});

describe('writePodcastScript numbers', () => {
  it('quotes the key estimates with the format helpers', () => {
    const text = spoken('problem');
    expect(text).toContain(formatBytes(estimates.modelStateBytes?.value ?? NaN));
    expect(text).toContain(formatBytes(estimates.memoryPerGpuZero3Bytes?.value ?? NaN));
    expect(text).toContain(formatUsd(estimates.costUsd?.value ?? NaN));
    expect(text).toContain('3.67e24 FLOPs');
  });

  it('compares the cost with the stated budget', () => {
    expect(spoken('problem')).toContain('over the $500k budget by $15.8M');
  });

  it('states the quantities the problem gives', () => {
    expect(spoken('problem')).toContain(
      'It states a 175B-parameter model, 256 A100 80GB GPUs, a $500k budget and a 99.9% uptime target.',
    );
  });

  it('skips the assumptions under the applied numbers', () => {
    const cost = spoken('card-c031');
    expect(cost).toContain('Cost: $16.3M.');
    expect(cost).not.toContain('pricegpu.pages.dev');
    expect(cost).not.toContain('MFU 0.4');
  });

  it('reads applied numbers without their formulas', () => {
    const checkpoint = spoken('card-c019');
    expect(checkpoint).toContain('Full training state: 2.45 TB.');
    expect(checkpoint).not.toContain('14 B/param × 1.75e11');
  });

  it('reads a number once when several cards repeat it', () => {
    const [first, second] = lesson.cards;
    const repeated = {
      ...lesson,
      cards: [first, { ...second, back: { ...second.back, applied: first.back.applied } }],
    };
    const chapters = writePodcastScript(repeated).chapters.filter((entry) => entry.kind === 'card');
    const numbersLine = (index: number) => {
      const lines = chapters[index].lines;
      const question = lines.findIndex((line) => line.text === 'And with our numbers?');
      return question === -1 ? undefined : lines[question + 1].text;
    };
    const firstSentences = splitSentences(numbersLine(0) ?? '');
    expect(firstSentences.length).toBeGreaterThan(0);
    for (const sentence of splitSentences(numbersLine(1) ?? '')) {
      expect(firstSentences).not.toContain(sentence);
    }
  });

  it('says so when the problem states no numbers', () => {
    const wordy = writePodcastScript(
      lessonFor('Our training runs keep failing at night and nobody knows why.'),
    );
    const problem = wordy.chapters.find((entry) => entry.id === 'problem');
    expect(problem?.lines.map((line) => line.text).join(' ')).toContain('It states no numbers');
  });
});

describe('writePodcastScript show notes', () => {
  const notes = script.showNotes;

  it('links every concept to its card in the lesson', () => {
    expect(notes.concepts.map((concept) => concept.url)).toEqual(
      lesson.cards.map((card) => `/lessons/${lesson.id}#card-${card.conceptId}`),
    );
  });

  it('gives each concept a one-line summary', () => {
    for (const concept of notes.concepts) {
      expect(concept.summary.length, concept.id).toBeGreaterThan(20);
      expect(concept.summary.length, concept.id).toBeLessThanOrEqual(200);
      expect(concept.summary, concept.id).not.toContain('\n');
    }
  });

  it('lists the key estimates with working and source', () => {
    const cost = notes.estimates.find((estimate) => estimate.key === 'costUsd');
    expect(cost?.value).toBe('$16.3M');
    expect(cost?.formula).toBe(estimates.costUsd?.formula);
    expect(cost?.source).toBe(estimates.costUsd?.source);
    expect(notes.estimates.map((estimate) => estimate.key)).toContain('memoryPerGpuZero3Bytes');
  });

  it('gives the sources behind each chapter numbers', () => {
    const byChapter = new Map(notes.sources.map((entry) => [entry.chapterId, entry.sources]));
    expect(byChapter.get('problem')).toContain(estimates.trainingFlops?.source);
    expect(byChapter.get('card-c031')).toContain(estimates.costUsd?.source);
    expect(byChapter.get('card-c019')).toContain(estimates.checkpointBytes?.source);
    expect(byChapter.has('opening')).toBe(false);
  });
});

describe('writePodcastScript Markdown', () => {
  it('has a heading per chapter and a label per line', () => {
    const headings = script.markdown.split('\n').filter((line) => line.startsWith('## '));
    expect(headings.slice(0, 3)).toEqual([
      '## 1. Opening',
      '## 2. The problem and its numbers',
      '## 3. Cost Modeling',
    ]);
    expect(script.markdown).toContain('**Host:** Welcome to your lesson podcast.');
    expect(script.markdown).toContain('*(4 s pause to think of your answer)*');
  });

  it('shows hostile problem text as text', () => {
    const hostile =
      'Train 7B <script>alert(1)</script><img src=x onerror="alert(2)"> [link](javascript:alert(3)) on 8 A100s';
    const markdown = writePodcastScript(lessonFor(hostile)).markdown;
    const html = renderToStaticMarkup(
      createElement(ReactMarkdown, { remarkPlugins: [remarkGfm] }, markdown),
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('cuts a long problem when read aloud', () => {
    const long = `${seedExamples[0].problem} ${'The cluster also serves inference traffic during the day. '.repeat(12)}`;
    const opening = writePodcastScript(lessonFor(long)).chapters[0].lines[0].text;
    expect(opening).toContain('The full text is on the lesson page.');
    expect(opening.length).toBeLessThan(long.length);
  });
});
