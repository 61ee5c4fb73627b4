import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { computeRating } from '@/lib/progress/rate';
import { DAY_MS } from '@/lib/progress/scheduler';
import { buildProgressFile } from '@/lib/progress/transfer';
import type { ConceptProgress, RatingName, ReviewLogEntry } from '@/lib/progress/types';
import { launchBrowser } from '../helpers/browser';
import { PROJECT_ROOT } from '../helpers/cli';
import { startApp, type RunningApp } from '../helpers/server';

const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-results');
const LEARNER_KEY = randomUUID();
const PROBLEM =
  'Design infrastructure to train a 175B parameter GPT model across 256 A100 GPUs with 99.9% uptime and cost under $500k.';

/**
 * Builds a progress file in which three concepts were learned days ago and are now overdue,
 * c009 the longest. c002 was forgotten once, so it also shows as weak.
 */
function overdueProgressFile(nowMs: number) {
  const history: {
    conceptId: string;
    level: 'beginner';
    ratings: RatingName[];
    startMs: number;
  }[] = [
    {
      conceptId: 'c009',
      level: 'beginner',
      ratings: ['good', 'good'],
      startMs: nowMs - 9 * DAY_MS,
    },
    {
      conceptId: 'c002',
      level: 'beginner',
      ratings: ['again', 'hard'],
      startMs: nowMs - 6 * DAY_MS,
    },
    {
      conceptId: 'c005',
      level: 'beginner',
      ratings: ['good', 'good'],
      startMs: nowMs - 5 * DAY_MS,
    },
  ];
  const rows: ConceptProgress[] = [];
  const logs: ReviewLogEntry[] = [];
  for (const { conceptId, level, ratings, startMs } of history) {
    let current = new Map<string, ConceptProgress>();
    ratings.forEach((rating, step) => {
      const change = computeRating(
        {
          concept: { id: conceptId, level, prereqIds: [] },
          rating,
          source: 'review',
          nowMs: startMs + step * 600_000,
        },
        current,
      );
      current = new Map(change.progress.map((row) => [row.conceptId, row]));
      logs.push(...change.logs);
    });
    rows.push(current.get(conceptId)!);
  }
  return buildProgressFile(rows, logs, nowMs);
}

describe('learner reviews due cards by keyboard and checks progress', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const imported = await fetch(`${app.baseUrl}/api/progress/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-learner-key': LEARNER_KEY },
      body: JSON.stringify(overdueProgressFile(Date.now())),
    });
    expect(imported.status).toBe(200);

    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.addInitScript((key) => {
      window.localStorage.setItem('infra-learn:learner-key', key);
    }, LEARNER_KEY);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the due cards oldest first', async () => {
    await page.goto(`${app.baseUrl}/review`);
    const card = page.locator('[data-review-card]');
    await card.waitFor();
    await expect(card.getAttribute('data-review-card')).resolves.toBe('c009');
    await expect(page.getByTestId('review-remaining').textContent()).resolves.toMatch(
      /^3 cards left/,
    );
    await expect(card.getAttribute('data-flipped')).resolves.toBe('false');
  });

  it('flips with Space and rates with the number keys', async () => {
    const card = page.locator('[data-review-card]');
    await page.keyboard.press('Space');
    await expect(card.getAttribute('data-flipped')).resolves.toBe('true');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'review-flipped.png'), fullPage: false });

    await page.keyboard.press('3');
    await page.locator('[data-review-card="c002"]').waitFor();
    await expect(page.getByTestId('review-remaining').textContent()).resolves.toMatch(
      /^2 cards left · 1 reviewed/,
    );
    await expect(page.locator('[data-review-card]').getAttribute('data-flipped')).resolves.toBe(
      'false',
    );

    // A rating key before the answer is shown does nothing.
    await page.keyboard.press('4');
    await expect(page.locator('[data-review-card]').getAttribute('data-review-card')).resolves.toBe(
      'c002',
    );

    await page.keyboard.press('Enter');
    await page.keyboard.press('1');
    await page.locator('[data-review-card="c005"]').waitFor();
    await page.keyboard.press('Space');
    await page.keyboard.press('4');
    await page.getByTestId('review-empty').waitFor();
    const empty = page.getByTestId('review-empty');
    await expect(empty.getByRole('heading').textContent()).resolves.toBe('All caught up.');
    await expect(empty.getByTestId('review-next-due').textContent()).resolves.toMatch(
      /^in (under a minute|1 min) \(/,
    );
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'review-done.png'), fullPage: false });
  });

  it('stored each keyboard rating as a review', async () => {
    const response = await fetch(`${app.baseUrl}/api/progress/export`, {
      headers: { 'x-learner-key': LEARNER_KEY },
    });
    const file = (await response.json()) as {
      reviewLogs: { conceptId: string; rating: string; source: string }[];
    };
    const reviews = file.reviewLogs
      .slice(-3)
      .map((entry) => [entry.conceptId, entry.rating, entry.source]);
    expect(reviews).toEqual([
      ['c009', 'good', 'review'],
      ['c002', 'again', 'review'],
      ['c005', 'easy', 'review'],
    ]);
  });

  it('shows progress charts and weak concepts in light and dark mode', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const view = await browser.newPage({ colorScheme, viewport: { width: 1100, height: 900 } });
      await view.addInitScript((key) => {
        window.localStorage.setItem('infra-learn:learner-key', key);
      }, LEARNER_KEY);
      await view.goto(`${app.baseUrl}/progress`);
      await view.getByTestId('progress-dashboard').waitFor();
      for (const chart of ['mastery', 'reviews', 'forecast']) {
        await view.locator(`[data-chart="${chart}"] .recharts-bar-rectangle`).first().waitFor();
      }
      await expect(view.locator('[data-weak="c002"] a').getAttribute('href')).resolves.toBe(
        '/concepts/c002',
      );
      await expect(view.locator('[data-total="new"]').textContent()).resolves.toBe('82');
      await view.screenshot({
        path: join(SCREENSHOT_DIR, `progress-${colorScheme}.png`),
        fullPage: true,
      });
      await view.close();
    }
  });

  // Generating and opening a lesson takes several seconds on a busy two-core machine.
  it('sends quiz answers and self-grades from lesson cards', async () => {
    await page.goto(`${app.baseUrl}/lessons/new`);
    await page.getByLabel('Your problem').fill(PROBLEM);
    await page.getByRole('button', { name: 'Build my lesson' }).click();
    await page.waitForURL(/\/lessons\/[0-9a-f-]{36}$/);
    const lessonUrl = page.url();
    // Cards this learner rated on the review page above are left out: they are not due again.
    const cardIds = await page
      .locator('[data-card-id]')
      .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-card-id')!));
    const [quizzed, graded] = cardIds.filter((id) => !['c009', 'c002', 'c005'].includes(id));
    await page.locator(`[data-card-id="${quizzed}"]`).click();

    const questions = page.locator(`[data-quiz^="${quizzed}-"]`);
    for (let index = 0; index < (await questions.count()); index += 1) {
      const question = questions.nth(index);
      const check = question.getByRole('button', { name: 'Check answer' });
      await question.getByRole('radio').first().check();
      await check.click();
      if (await check.isEnabled()) {
        await question.locator('input[type="radio"]:not([disabled])').first().check();
        await check.click();
      }
      await expect(check.isDisabled(), `question ${index + 1}`).resolves.toBe(true);
    }
    await expect(page.locator(`[data-quiz-saved="${quizzed}"]`).textContent()).resolves.toMatch(
      /Quiz saved as (again|hard|good)\. Next review in/,
    );

    // The quiz rated this card, so its self-grade is rejected until the card is due.
    const quizzedGrades = page.locator(`[data-self-grade="${quizzed}"]`);
    await quizzedGrades.getByRole('button', { name: 'Good' }).click();
    await expect
      .poll(() => quizzedGrades.getByRole('status').textContent())
      .toMatch(new RegExp(`^Not saved: concept ${quizzed} was already rated (again|hard|good) `));

    await page.locator(`[data-card-id="${graded}"]`).click();
    const grades = page.locator(`[data-self-grade="${graded}"]`);
    await grades.getByRole('button', { name: 'Easy' }).click();
    await expect
      .poll(() => grades.getByRole('status').textContent())
      .toBe('Saved easy. Next review in 8 days. This page takes one rating per card.');
    for (const label of ['Again', 'Hard', 'Good', 'Easy']) {
      await expect(grades.getByRole('button', { name: label }).isDisabled(), label).resolves.toBe(
        true,
      );
    }
    await expect(grades.getAttribute('data-recorded')).resolves.toBe('easy');

    // After a reload the buttons work again, and the server rejects the repeat.
    await page.goto(lessonUrl);
    await page.locator(`[data-card-id="${graded}"]`).click();
    await grades.getByRole('button', { name: 'Easy' }).click();
    await expect
      .poll(() => grades.getByRole('status').textContent())
      .toMatch(
        new RegExp(
          `^Not saved: concept ${graded} was already rated easy under a minute ago; rate it again in (10|9) min`,
        ),
      );

    const response = await fetch(`${app.baseUrl}/api/progress/export`, {
      headers: { 'x-learner-key': LEARNER_KEY },
    });
    const file = (await response.json()) as {
      progress: { conceptId: string; status: string }[];
      reviewLogs: { conceptId: string; source: string }[];
    };
    const sourcesOf = (conceptId: string) =>
      file.reviewLogs
        .filter((entry) => entry.conceptId === conceptId && entry.source !== 'graph-credit')
        .map((entry) => entry.source);
    expect(sourcesOf(quizzed)).toEqual(['quiz']);
    expect(sourcesOf(graded)).toEqual(['self-grade']);
    expect(file.progress.find((row) => row.conceptId === graded)?.status).toBe('review');
  }, 90_000);
});
