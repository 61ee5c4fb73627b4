import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildLessonExport } from '@/lib/export';
import type { ExportPodcast } from '@/lib/export/types';
import type { Lesson } from '@/lib/lessons/types';
import { launchBrowser } from '../helpers/browser';
import { openOffline, policyViolations } from '../helpers/offline';
import { PROJECT_ROOT } from '../helpers/cli';
import {
  buildStubPodcast,
  buildTestLesson,
  REFERENCE_PROBLEM,
} from '../unit/export/lesson-fixtures';

const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-results');
/** How far the audio may be from a chapter's start right after a seek, in seconds. */
const SEEK_TOLERANCE_S = 0.5;

function attribute(page: Page, selector: string, name: string): Promise<string | null> {
  return page.locator(selector).first().getAttribute(name);
}

describe('learner studies an exported lesson offline', () => {
  let folder: string;
  let fileUrl: string;
  let lesson: Lesson;
  let podcast: ExportPodcast;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let blocked: string[];
  let requested: string[];
  let errors: string[];

  beforeAll(async () => {
    lesson = buildTestLesson(REFERENCE_PROBLEM, ['400 Gb/s InfiniBand']);
    [podcast, browser] = await Promise.all([buildStubPodcast(lesson), launchBrowser()]);
    folder = mkdtempSync(join(tmpdir(), 'infra-learn-export-'));
    const filePath = join(folder, buildLessonExport(lesson).fileName);
    writeFileSync(filePath, buildLessonExport(lesson, { podcast }).html);
    fileUrl = pathToFileURL(filePath).href;
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    ({ context, page, blocked, requested, errors } = await openOffline(browser, fileUrl, 'light'));
  });
  afterAll(async () => {
    await browser?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('loads its runtime under its own Content-Security-Policy', async () => {
    await expect(attribute(page, 'html', 'data-runtime')).resolves.toBe('ready');
    await expect(page.getByTestId('lesson-problem').textContent()).resolves.toBe(REFERENCE_PROBLEM);
    await expect(page.locator('figure.diagram svg').count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'export-light.png') });
  });

  it('flips a card by click, Enter and Space', async () => {
    const first = page.locator('[data-card-id]').first();
    const backId = (await first.getAttribute('aria-controls')) ?? '';
    await first.click();
    await expect(first.getAttribute('data-flipped')).resolves.toBe('true');
    await expect(first.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.locator(`#${backId}`).isVisible()).resolves.toBe(true);

    await first.focus();
    await page.keyboard.press('Enter');
    await expect(first.getAttribute('data-flipped')).resolves.toBe('false');
    await expect(page.locator(`#${backId}`).isVisible()).resolves.toBe(false);
    await page.keyboard.press(' ');
    await expect(first.getAttribute('data-flipped')).resolves.toBe('true');
  });

  it('moves between cards with the arrow keys', async () => {
    await page.locator('[data-card-id]').first().focus();
    await page.keyboard.press('ArrowRight');
    const focusedIndex = await page.evaluate(() =>
      [...document.querySelectorAll('[data-card-id]')].indexOf(document.activeElement as Element),
    );
    expect(focusedIndex).toBe(1);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    const wrappedIndex = await page.evaluate(() =>
      [...document.querySelectorAll('[data-card-id]')].indexOf(document.activeElement as Element),
    );
    expect(wrappedIndex).toBe(lesson.cards.length - 1);
  });

  it('flips every card with F, and back with F again', async () => {
    await page.locator('h1').click();
    await page.keyboard.press('f');
    const flippedStates = await page
      .locator('[data-card-id]')
      .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-flipped')));
    expect(flippedStates).toEqual(lesson.cards.map(() => 'true'));
    await expect(page.locator('.card-back:visible').count()).resolves.toBe(lesson.cards.length);

    await page.keyboard.press('F');
    const frontStates = await page
      .locator('[data-card-id]')
      .evaluateAll((cards) => cards.map((card) => card.getAttribute('aria-pressed')));
    expect(frontStates).toEqual(lesson.cards.map(() => 'false'));
  });

  it('answers a quiz question with feedback', async () => {
    await page.locator('[data-card-id]').first().click();
    const question = page.locator('[data-quiz]').first();
    const status = question.getByRole('status');
    const wrong = question.locator('input[data-correct="false"]').first();
    await wrong.check();
    await expect(status.textContent()).resolves.toBe('');
    await question.getByRole('button', { name: 'Check answer' }).click();
    await expect(status.textContent()).resolves.toMatch(/^Not quite\./);
    await question.locator('input[data-correct="true"]').check();
    await question.getByRole('button', { name: 'Check answer' }).click();
    const feedback = await question.getByRole('status').textContent();
    expect(feedback).toMatch(/^Correct on a later try\. /);
    expect(feedback).toContain(lesson.cards[0].quiz[0].explanation);
  });

  it('moves between quiz options by arrow key without grading', async () => {
    const question = page.locator('[data-quiz]').nth(1);
    const status = question.getByRole('status');
    await question.locator('input').first().focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(status.textContent()).resolves.toBe('');
    await page.keyboard.press('Enter');
    await expect(status.textContent()).resolves.toMatch(/^(Not quite|Correct)\./);
  });

  it('ignores F while a quiz option has focus', async () => {
    const flippedBefore = await attribute(page, '[data-card-id]', 'data-flipped');
    await page.locator('[data-quiz] input').first().focus();
    await page.keyboard.press('f');
    await expect(attribute(page, '[data-card-id]', 'data-flipped')).resolves.toBe(flippedBefore);
  });

  it('switches role tabs by click and arrow key', async () => {
    await page.getByRole('tab', { name: 'SRE' }).click();
    await expect(
      page.getByRole('tab', { name: 'SRE' }).getAttribute('aria-selected'),
    ).resolves.toBe('true');
    await expect(page.locator('#role-panel-sre').isVisible()).resolves.toBe(true);
    await expect(page.locator('#role-panel-architect').isVisible()).resolves.toBe(false);
    await page.keyboard.press('ArrowRight');
    await expect(
      page.getByRole('tab', { name: 'Cost Officer' }).getAttribute('aria-selected'),
    ).resolves.toBe('true');
    await expect(page.locator('#role-panel-cost-officer').textContent()).resolves.toMatch(/\$500k/);
  });

  it('plays the podcast from a chapter it seeks to', async () => {
    const chapterIndex = 2;
    const startS = podcast.chapters[chapterIndex].startMs / 1000;
    expect(startS).toBeGreaterThan(1);

    await page.locator(`[data-chapter-index="${chapterIndex}"]`).click();
    const audio = page.locator('[data-podcast-audio]');
    await page.waitForFunction(
      (minimumS) => {
        const element = document.querySelector('audio');
        return element !== null && !element.paused && element.currentTime > minimumS;
      },
      startS + 0.2,
      { timeout: 10_000 },
    );
    const state = await audio.evaluate((element: HTMLAudioElement) => ({
      currentS: element.currentTime,
      durationS: element.duration,
      paused: element.paused,
    }));
    expect(state.paused).toBe(false);
    expect(state.currentS).toBeGreaterThanOrEqual(startS - SEEK_TOLERANCE_S);
    expect(state.currentS).toBeLessThan(startS + 5);
    expect(state.durationS).toBeCloseTo(podcast.durationMs / 1000, 0);
    await expect(
      attribute(page, `[data-chapter-index="${chapterIndex}"]`, 'aria-current'),
    ).resolves.toBe('true');
    await expect(attribute(page, '[data-chapter-index="0"]', 'data-active')).resolves.toBe('false');
    await audio.evaluate((element: HTMLAudioElement) => element.pause());
  });

  it('links show notes to the cards in the file', async () => {
    const firstId = lesson.cards[0].conceptId;
    await page.locator(`.show-notes a[href="#card-${firstId}"]`).click();
    await expect(page.evaluate(() => window.location.hash)).resolves.toBe(`#card-${firstId}`);
  });

  it('prints every card back and every role', async () => {
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.card-back:visible').count()).resolves.toBe(lesson.cards.length);
    await expect(page.locator('[role="tabpanel"]:visible').count()).resolves.toBe(
      lesson.roles.length,
    );
    await expect(page.locator('.player').isVisible()).resolves.toBe(false);
    await page.emulateMedia({ media: 'screen' });
  });

  it('renders in dark mode', async () => {
    const dark = await openOffline(browser, fileUrl, 'dark');
    const background = await dark.page.evaluate(
      () => getComputedStyle(document.body).backgroundColor,
    );
    expect(background).toBe('rgb(2, 6, 23)');
    await dark.page.locator('[data-card-id]').nth(1).click();
    await dark.page.locator('[data-card-id]').nth(1).scrollIntoViewIfNeeded();
    await dark.page.waitForTimeout(300);
    await dark.page.screenshot({ path: join(SCREENSHOT_DIR, 'export-dark.png') });
    expect(dark.blocked).toEqual([]);
    await dark.context.close();
  });

  it('made no network request and broke no policy', async () => {
    const violations = await policyViolations(page);
    expect(blocked).toEqual([]);
    expect(requested).toEqual([]);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
