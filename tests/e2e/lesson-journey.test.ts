import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchBrowser } from '../helpers/browser';
import { PROJECT_ROOT } from '../helpers/cli';
import { startApp, type RunningApp } from '../helpers/server';

const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-results');
const PROBLEM =
  'Design infrastructure to train a 175B parameter GPT model across 256 A100 GPUs with 99.9% uptime and cost under $500k.';
const HOSTILE =
  'Train 7B <script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> ' +
  '<a href="javascript:window.__xss = 3">link</a> <svg onload="window.__xss = 4"></svg> %%{init: {}}%%';

describe('learner builds and studies a lesson', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let lessonUrl: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('generates a lesson from the form', async () => {
    await page.goto(`${app.baseUrl}/lessons/new`);
    await page.getByLabel('Your problem').fill('too short');
    await expect(page.locator('#problem-help').textContent()).resolves.toContain(
      'must be 10 to 4000 characters; it has 9',
    );
    await page.getByRole('button', { name: 'Build my lesson' }).click();
    await expect(page.getByLabel('Your problem').getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
    expect(page.url()).toMatch(/\/lessons\/new$/);

    await page.getByLabel('Your problem').fill(PROBLEM);
    await page.getByLabel('New constraint').fill('400 Gb/s InfiniBand');
    await page.getByLabel('New constraint').press('Enter');
    await page.getByLabel('New constraint').fill('a constraint to remove');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('button', { name: 'Remove constraint: a constraint to remove' }).click();
    await page.getByLabel('Timeline (days)').fill('30');
    await page.getByRole('button', { name: 'Build my lesson' }).click();
    await page.waitForURL(/\/lessons\/[0-9a-f-]{36}$/);
    lessonUrl = page.url();
    await expect(page.getByTestId('lesson-problem').textContent()).resolves.toBe(PROBLEM);
    await expect(
      page.getByRole('list', { name: 'Constraints' }).locator('li').allTextContents(),
    ).resolves.toEqual(['400 Gb/s InfiniBand', 'timeline 30 days']);
    await expect(page.locator('[data-quantity="timelineDays"]').count()).resolves.toBe(1);
    const cardCount = await page.locator('[data-card-id]').count();
    expect(cardCount).toBeGreaterThanOrEqual(6);
    expect(cardCount).toBeLessThanOrEqual(8);
    await expect(page.locator('[data-estimate="memoryPerGpuZero3Bytes"]').count()).resolves.toBe(1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'lesson.png'), fullPage: false });
  });

  it('flips a card by click and by keyboard', async () => {
    const first = page.locator('[data-card-id]').first();
    await first.click();
    await expect(first.getAttribute('data-flipped')).resolves.toBe('true');
    await expect(first.getAttribute('aria-pressed')).resolves.toBe('true');
    await first.focus();
    await page.keyboard.press('Enter');
    await expect(first.getAttribute('data-flipped')).resolves.toBe('false');
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
  });

  it('flips every card with F', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('f');
    const states = await page
      .locator('[data-card-id]')
      .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-flipped')));
    expect(states.every((state) => state === 'true')).toBe(true);
    // At least one selected concept carries a pre-rendered Mermaid diagram, now on show.
    const diagram = page.locator('figure[role="img"] svg').first();
    await expect(diagram.isVisible()).resolves.toBe(true);
    await page.locator('[data-card-id]').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'lesson-flipped.png'), fullPage: false });
  });

  it('answers a quiz question with feedback', async () => {
    const question = page.locator('[data-quiz]').first();
    await question.locator('input[type="radio"]').first().check();
    await expect(question.getByRole('status').textContent()).resolves.toBe('');
    await question.getByRole('button', { name: 'Check answer' }).click();
    await expect(question.getByRole('status').textContent()).resolves.toMatch(
      /^(Correct\.|Not quite\.) /,
    );
  });

  it('switches role tabs by click and arrow key', async () => {
    await page.getByRole('tab', { name: 'SRE' }).click();
    await expect(
      page.getByRole('tab', { name: 'SRE' }).getAttribute('aria-selected'),
    ).resolves.toBe('true');
    await expect(page.locator('#role-panel-sre').isVisible()).resolves.toBe(true);
    await page.keyboard.press('ArrowRight');
    await expect(
      page.getByRole('tab', { name: 'Cost Officer' }).getAttribute('aria-selected'),
    ).resolves.toBe('true');
    const costText = await page.locator('#role-panel-cost-officer').textContent();
    expect(costText).toMatch(/\$500k/);
  });

  it('renders in dark mode', async () => {
    const dark = await browser.newPage({
      colorScheme: 'dark',
      viewport: { width: 1100, height: 900 },
    });
    await dark.goto(lessonUrl);
    await dark.getByRole('tab', { name: 'Cost Officer' }).click();
    await dark.locator('#role-panel-cost-officer').scrollIntoViewIfNeeded();
    await dark.screenshot({ path: join(SCREENSHOT_DIR, 'lesson-dark.png'), fullPage: false });
    await dark.close();
  });

  it('shows hostile problem text as inert text', async () => {
    const response = await fetch(`${app.baseUrl}/api/lessons`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        problem: HOSTILE,
        constraints: ['<b onmouseover="window.__xss=5">bold</b>'],
      }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const hostile = await browser.newPage();
    await hostile.goto(`${app.baseUrl}/lessons/${id}`);
    await hostile.locator('[data-card-id]').first().waitFor();
    await hostile.mouse.move(10, 10);
    await expect(hostile.getByTestId('lesson-problem').textContent()).resolves.toBe(HOSTILE);
    await expect(
      hostile.evaluate(() => (window as unknown as { __xss?: number }).__xss),
    ).resolves.toBeUndefined();
    await expect(
      hostile.locator('main script, main img[src="x"], main svg[onload]').count(),
    ).resolves.toBe(0);
    await hostile.close();
  });
});
