import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ConceptMetadata } from '@/lib/knowledge/types';
import { LEARNER_KEY_STORAGE } from '@/lib/progress/learner-key';
import { launchBrowser } from '../helpers/browser';
import { PROJECT_ROOT } from '../helpers/cli';
import { startApp, type RunningApp } from '../helpers/server';

const CONCEPTS = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'content', 'concepts.json'), 'utf8'),
) as ConceptMetadata[];
const PROBLEM =
  'Design infrastructure to train a 175B parameter GPT model across 256 A100 GPUs with 99.9% uptime and cost under $500k.';

/** Returns the catalogue's quiz of a concept. */
function quizOf(conceptId: string) {
  const concept = CONCEPTS.find((entry) => entry.id === conceptId);
  if (!concept) throw new Error(`content/concepts.json has no concept ${conceptId}`);
  return concept.quiz;
}

/** Returns the text of a question's feedback region, empty until an answer is checked. */
function feedbackOf(question: Locator): Promise<string> {
  return question.getByRole('status').innerText();
}

describe('learner answers quizzes by keyboard', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  describe('on a concept page', () => {
    let page: Page;
    const quiz = quizOf('c002');

    beforeAll(async () => {
      page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await page.goto(`${app.baseUrl}/concepts/c002`);
    });
    afterAll(async () => {
      await page?.close();
    });

    it('says its answers are not recorded', async () => {
      await expect(page.locator('[data-quiz-mode="c002"]').innerText()).resolves.toContain(
        'Answers here are for practice and are not recorded.',
      );
    });

    it('offers each question as a named radio group', async () => {
      for (const [index, question] of quiz.entries()) {
        const group = page.getByRole('group', { name: `${index + 1}. ${question.question}` });
        await expect(group.getByRole('radio').count()).resolves.toBe(question.options.length);
        await expect(group.getByRole('button', { name: 'Check answer' }).count()).resolves.toBe(1);
      }
    });

    it('moves between options with arrow keys without grading', async () => {
      const question = page.locator('[data-quiz="c002-2"]');
      const radios = question.getByRole('radio');
      await radios.first().focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');

      await expect(radios.nth(2).isChecked()).resolves.toBe(true);
      await expect(feedbackOf(question)).resolves.toBe('');
      for (let option = 0; option < quiz[2].options.length; option += 1) {
        await expect(radios.nth(option).isDisabled(), `option ${option}`).resolves.toBe(false);
      }
      await page.keyboard.press('ArrowUp');
      await expect(radios.nth(1).isChecked()).resolves.toBe(true);
      await expect(feedbackOf(question)).resolves.toBe('');
    });

    it('grades the chosen option on Enter, one try at a time', async () => {
      const question = page.locator('[data-quiz="c002-2"]');
      const radios = question.getByRole('radio');
      const correct = quiz[2].correctIndex;
      const wrong = correct === 1 ? 2 : 1;

      await radios.nth(wrong).focus();
      await page.keyboard.press('Space');
      await expect(feedbackOf(question)).resolves.toBe('');
      await page.keyboard.press('Enter');
      await expect(feedbackOf(question)).resolves.toBe(
        'Not quite. Try once more, or read the card back again.',
      );
      await expect(radios.nth(wrong).isDisabled()).resolves.toBe(true);

      await radios.nth(correct).focus();
      await page.keyboard.press('Enter');
      await expect(feedbackOf(question)).resolves.toBe(
        `Correct on a later try. ${quiz[2].explanation}`,
      );
      await expect(radios.nth(correct).isDisabled()).resolves.toBe(true);
    });

    it('asks for a choice when Check answer finds none', async () => {
      const question = page.locator('[data-quiz="c002-0"]');
      await question.getByRole('button', { name: 'Check answer' }).click();
      await expect(feedbackOf(question)).resolves.toBe(
        'No option chosen. Choose one, then check it.',
      );
      await question.getByRole('radio').nth(quiz[0].correctIndex).check();
      await question.getByRole('button', { name: 'Check answer' }).click();
      await expect(feedbackOf(question)).resolves.toBe(`Correct. ${quiz[0].explanation}`);
    });
  });

  it('stores one lesson quiz rating, never on arrow keys', async () => {
    const learnerKey = randomUUID();
    const created = await fetch(`${app.baseUrl}/api/lessons`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ problem: PROBLEM }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.addInitScript(
      ([name, key]) => window.localStorage.setItem(name, key),
      [LEARNER_KEY_STORAGE, learnerKey],
    );
    const ratingPosts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/review') {
        ratingPosts.push(request.postData() ?? '');
      }
    });
    await page.goto(`${app.baseUrl}/lessons/${id}`);
    const card = page.locator('[data-card-id]').first();
    const conceptId = (await card.getAttribute('data-card-id'))!;
    await card.click();
    await expect(page.locator(`[data-quiz-mode="${conceptId}"]`).innerText()).resolves.toContain(
      'Answering every question saves one rating of this concept for your reviews.',
    );

    const quiz = quizOf(conceptId);
    const questions = page.locator(`[data-quiz^="${conceptId}-"]`);
    await expect(questions.count()).resolves.toBe(quiz.length);
    for (const [index, question] of quiz.entries()) {
      const radios = questions.nth(index).getByRole('radio');
      await radios.first().focus();
      for (let step = 0; step < question.options.length; step += 1) {
        await page.keyboard.press('ArrowDown');
      }
      await expect(feedbackOf(questions.nth(index))).resolves.toBe('');
    }
    expect(ratingPosts).toEqual([]);

    for (const [index, question] of quiz.entries()) {
      await questions.nth(index).getByRole('radio').nth(question.correctIndex).check();
      await questions.nth(index).getByRole('button', { name: 'Check answer' }).click();
    }
    await expect(page.locator(`[data-quiz-saved="${conceptId}"]`).innerText()).resolves.toMatch(
      /^Quiz saved as good\. Next review in 10 min\.$/,
    );
    expect(ratingPosts).toHaveLength(1);
    expect(JSON.parse(ratingPosts[0])).toEqual({
      source: 'quiz',
      conceptId,
      answers: quiz.map(() => ({ correct: true, attempts: 1, hintUsed: false })),
    });
    await page.close();
  }, 60_000);
});
