import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { analyzeProblem } from '@/lib/analysis';

import { launchBrowser } from '../helpers/browser';
import { PROJECT_ROOT } from '../helpers/cli';
import { startApp, type RunningApp } from '../helpers/server';
import {
  clippedChartLabels,
  estimatesFor,
  formatted,
  headline,
  WHATIF_PROBLEM,
} from '../helpers/whatif';

const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-results');
describe('learner asks what if on a lesson', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let lessonUrl: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const response = await fetch(`${app.baseUrl}/api/lessons`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ problem: WHATIF_PROBLEM }),
    });
    expect(response.status).toBe(201);
    lessonUrl = `${app.baseUrl}/lessons/${((await response.json()) as { id: string }).id}`;
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(lessonUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('seeds the panel from the problem and the defaults', async () => {
    const original = analyzeProblem(WHATIF_PROBLEM).estimates;
    await expect(page.getByTestId('whatif-gpuCount').inputValue()).resolves.toBe('256');
    await expect(page.getByTestId('whatif-gpuModel').inputValue()).resolves.toBe('A100 80GB');
    await expect(page.getByTestId('whatif-parameters').inputValue()).resolves.toBe('175B');
    await expect(page.getByTestId('whatif-mfu').inputValue()).resolves.toBe('40');
    await expect(
      page.getByLabel('MFU (% of peak)').locator('xpath=..').getAttribute('data-origin'),
    ).resolves.toBe('assumed');
    const figures = await headline(page);
    expect(figures.memoryKey).toBe('memoryPerGpuZero3Bytes');
    expect(figures.memory).toBe(formatted(original, 'memoryPerGpuZero3Bytes'));
    expect(figures.days).toBe(formatted(original, 'trainingDays'));
    expect(figures.cost).toBe(formatted(original, 'costUsd'));
    await expect(page.getByTestId('whatif-reset').isDisabled()).resolves.toBe(true);
  });

  it('recomputes figures for a GPU count', async () => {
    await page.getByTestId('whatif-gpuCount').fill('512');
    const expected = estimatesFor(512, 'A100');
    const figures = await headline(page);
    expect(figures.memory).toBe(formatted(expected, figures.memoryKey));
    expect(figures.memory).toBe('5.47 GB');
    expect(figures.days).toBe(formatted(expected, 'trainingDays'));
    expect(figures.cost).toBe(formatted(expected, 'costUsd'));
    await expect(page.getByTestId('whatif-memory-delta').textContent()).resolves.toBe(
      '−5.47 GB (−50%)',
    );
    await expect(page.getByTestId('whatif-days-delta').textContent()).resolves.toContain('(−50%)');
    // The numbers panel shows the scenario too.
    await expect(
      page.locator('[data-estimate="memoryPerGpuZero3Bytes"] td').first().textContent(),
    ).resolves.toBe('5.47 GB');
  });

  it('flags memory over a 24 GB GPU', async () => {
    await page.getByTestId('whatif-gpuModel').selectOption('A10G');
    const expected = estimatesFor(512, 'A10G');
    const figures = await headline(page);
    expect(figures.memory).toBe(formatted(expected, figures.memoryKey));
    expect(figures.days).toBe(formatted(expected, 'trainingDays'));
    expect(figures.cost).toBe(formatted(expected, 'costUsd'));

    const zero2 = page.locator('[data-whatif-estimate="memoryPerGpuZero2Bytes"]');
    await expect(zero2.locator('[data-column="scenario"]').textContent()).resolves.toBe(
      formatted(expected, 'memoryPerGpuZero2Bytes'),
    );
    await expect(zero2.locator('[data-limit="gpu-memory"]').textContent()).resolves.toBe(
      "▲ Over the A10G's 24.0 GB by 331 GB",
    );
    await expect(
      page.locator('[data-chart="memory-per-gpu"] [data-limit-line="gpu-memory"]').count(),
    ).resolves.toBe(1);
    await expect(page.getByTestId('whatif-panel').textContent()).resolves.not.toContain('NaN');
  });

  it('updates the cards and roles that quote the numbers', async () => {
    await page.waitForSelector('[data-whatif-root][data-text-edited="true"]');
    const expected = estimatesFor(512, 'A10G');
    const zeroCard = page.locator('[data-card-id]').filter({ hasText: 'ZeRO Optimizer' });
    await expect(zeroCard.textContent()).resolves.toContain(
      `so ZeRO-3 brings them to ${formatted(expected, 'memoryPerGpuZero3Bytes')} per GPU`,
    );
    const conceptId = await zeroCard.getAttribute('data-card-id');
    await zeroCard.click();
    const applied = page.locator(`#card-${conceptId} [data-whatif-applied="edited"]`);
    await applied.waitFor();
    await expect(applied.textContent()).resolves.toContain(
      `ZeRO-3 is the lowest stage that fits: ${formatted(expected, 'memoryPerGpuZero3Bytes')} of 24.0 GB`,
    );

    await page.getByRole('tab', { name: 'Cost Officer' }).click();
    const costPanel = page.locator('#role-panel-cost-officer');
    await expect(costPanel.textContent()).resolves.toContain(formatted(expected, 'costUsd'));
    await expect(costPanel.textContent()).resolves.not.toContain('$16.3M');
  });

  it('flags bad input inline and keeps the last valid figures', async () => {
    await page.getByTestId('whatif-gpuCount').fill('4k');
    await expect(page.getByTestId('whatif-gpuCount-error').textContent()).resolves.toBe(
      'Invalid GPU count "4k": expected a whole number of GPUs from 1 to 1,000,000.',
    );
    await expect(page.getByTestId('whatif-gpuCount').getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
    await expect(page.getByTestId('whatif-memory').textContent()).resolves.toBe(
      formatted(estimatesFor(512, 'A10G'), 'memoryPerGpuZero3Bytes'),
    );
    for (const panel of ['whatif-panel', 'analysis-panel']) {
      await expect(page.getByTestId(panel).textContent()).resolves.not.toContain('NaN');
    }
  });

  it('takes edits from the keyboard', async () => {
    await page.getByTestId('whatif-gpuCount').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1024');
    await expect(page.getByTestId('whatif-memory').textContent()).resolves.toBe(
      formatted(estimatesFor(1024, 'A10G'), 'memoryPerGpuZero3Bytes'),
    );
    // F types into the field instead of flipping every card.
    await page.keyboard.press('f');
    await expect(page.locator('[data-card-id][data-flipped="true"]').count()).resolves.toBe(1);
    await page.keyboard.press('Backspace');
  });

  it('saves a dark-mode screenshot of the panel', async () => {
    const dark = await browser.newPage({
      viewport: { width: 1100, height: 900 },
      colorScheme: 'dark',
    });
    await dark.goto(lessonUrl);
    await dark.getByTestId('whatif-gpuModel').selectOption('A10G');
    await dark.waitForSelector('[data-whatif-root][data-text-edited="true"]');
    await dark.getByTestId('whatif-panel').screenshot({
      path: join(SCREENSHOT_DIR, 'whatif-dark.png'),
    });
    const background = await dark
      .locator('body')
      .evaluate((body) => getComputedStyle(body).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    await dark.close();
  });

  it('restores the original on reset', async () => {
    await page.getByTestId('whatif-reset').click();
    const original = analyzeProblem(WHATIF_PROBLEM).estimates;
    const figures = await headline(page);
    expect(figures.memory).toBe(formatted(original, 'memoryPerGpuZero3Bytes'));
    expect(figures.days).toBe(formatted(original, 'trainingDays'));
    expect(figures.cost).toBe(formatted(original, 'costUsd'));
    await expect(page.getByTestId('whatif-gpuCount').inputValue()).resolves.toBe('256');
    await expect(page.getByTestId('whatif-gpuModel').inputValue()).resolves.toBe('A100 80GB');
    await expect(page.getByTestId('whatif-memory-delta').count()).resolves.toBe(0);
    await page.waitForSelector('[data-whatif-root][data-text-edited="false"]');
    await expect(page.locator('[data-whatif-applied="edited"]').count()).resolves.toBe(0);
  });

  it('keeps every chart label inside its chart', async () => {
    // A 68.27-hour MTBF and 2-minute saves sweep intervals up to about 17 hours, so the longest
    // interval tick sits near the right edge.
    const intervalTicks = ['30 min', '1 h', '2 h', '4 h', '8 h', '16 h'];
    for (const colorScheme of ['light', 'dark'] as const) {
      const view = await browser.newPage({ viewport: { width: 1100, height: 900 }, colorScheme });
      await view.goto(lessonUrl);
      await view.getByTestId('whatif-mtbfHours').fill('68.27');
      await view.getByTestId('whatif-checkpointWriteMinutes').fill('2');
      const lostWork = view.locator('[data-chart="lost-work"]');
      await expect
        .poll(() => lostWork.locator('li').allTextContents())
        .toContain('Current: Young optimum, 2.1 h → 66.0 min');
      await expect(lostWork.locator('svg text').allTextContents()).resolves.toEqual(
        expect.arrayContaining(intervalTicks),
      );
      await expect(clippedChartLabels(view)).resolves.toEqual([]);
      // Limit lines keep the panel's three significant digits ("80.0 GB"), but ticks drop the zeros.
      const ticks = view.locator('[data-chart] svg text:not([data-limit-line] text)');
      const tickTexts = await ticks.allTextContents();
      expect(tickTexts.filter((text) => /\b1 days\b|\.0+\b|k min/.test(text))).toEqual([]);
      await view.locator('[data-chart]').first().scrollIntoViewIfNeeded();
      await view
        .locator('[data-chart]')
        .first()
        .locator('xpath=..')
        .screenshot({
          path: join(SCREENSHOT_DIR, `whatif-charts-${colorScheme}.png`),
        });
      await view.close();
    }
  });

  it('says an impossible layout is not valid', async () => {
    await page.getByTestId('whatif-pipelineParallel').fill('1000');
    const fix =
      'Tensor × pipeline parallel is 1 × 1000 = 1000, more than the 256 GPUs: lower a degree or add GPUs.';
    await expect(page.getByTestId('whatif-layout-invalid').textContent()).resolves.toBe(
      `This layout is not valid. ${fix}`,
    );
    const figures = await headline(page);
    expect(figures.memory).toBe('not valid');
    expect(figures.days).toBe('not valid');
    expect(figures.cost).toBe('not valid');
    await expect(page.locator('[data-testid$="-delta"]').count()).resolves.toBe(0);
    await expect(
      page.locator('[data-layout-valid]').getAttribute('data-layout-valid'),
    ).resolves.toBe('false');
    // The warning beside the field still names the fix.
    await expect(
      page.locator('#whatif-input-pipelineParallel-help').textContent(),
    ).resolves.toContain(fix);

    await page.getByTestId('whatif-pipelineParallel').fill('8');
    await expect(page.getByTestId('whatif-layout-invalid').count()).resolves.toBe(0);
    await expect(page.getByTestId('whatif-memory').textContent()).resolves.not.toBe('not valid');
    await page.getByTestId('whatif-reset').click();
  });

  it('generates a new lesson when the numbers change the concepts', async () => {
    await page.getByTestId('whatif-budgetUsd').fill('');
    await page.getByTestId('whatif-uptimeTarget').fill('');
    const change = page.getByTestId('whatif-lesson-change');
    await change.waitFor();
    await expect(change.textContent()).resolves.toContain('would teach different concepts');
    await page.getByRole('button', { name: 'Generate a new lesson from this scenario' }).click();
    await page.waitForURL(
      (url) => url.href !== lessonUrl && /\/lessons\/[0-9a-f-]{36}$/.test(url.href),
    );
    await expect(page.getByTestId('lesson-problem').textContent()).resolves.toBe(
      'Train a 175B-parameter model on 256 A100 80GB GPUs.',
    );
    // The new lesson reads the same numbers the scenario showed.
    await expect(page.getByTestId('whatif-gpuCount').inputValue()).resolves.toBe('256');
    await expect(page.getByTestId('whatif-budgetUsd').inputValue()).resolves.toBe('');
  });
});
