import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { analyzeProblem, type Estimates } from '@/lib/analysis';
import type { Lesson } from '@/lib/lessons/types';
import { analyseStored, type SavedScenario } from '@/lib/whatif/saved';
import { launchBrowser } from '../helpers/browser';
import { PROJECT_ROOT } from '../helpers/cli';
import { openOffline, policyViolations, type OfflinePage } from '../helpers/offline';
import { startApp, type RunningApp } from '../helpers/server';
import {
  clippedChartLabels,
  estimatesFor,
  formatted,
  headline,
  WHATIF_PROBLEM,
} from '../helpers/whatif';

const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-results');
const SCENARIO_NAME = 'Twice the GPUs, on A10Gs';
/** The saved scenario's edits, as the panel keeps them after the two edits below. */
const SCENARIO_EDITS = { gpuCount: 512, gpuModel: 'A10G' };
/** Estimates whose saved and original values the side-by-side checks compare. */
const COMPARED_KEYS: ReadonlyArray<keyof Estimates> = [
  'memoryPerGpuZero2Bytes',
  'memoryPerGpuZero3Bytes',
  'trainingDays',
  'costUsd',
];

/** Reads one cell's value of a side-by-side table row. */
function comparedValue(table: Locator, key: keyof Estimates, column: string) {
  return table
    .locator(`[data-compare-estimate="${key}"] [data-column="${column}"] [data-value]`)
    .textContent();
}

/** Checks that a side-by-side table shows the saved scenario as the analyser recomputes it. */
async function expectSavedComparison(table: Locator, lesson: Lesson) {
  const saved = analyseStored({ stated: lesson.analysis.quantities, edits: SCENARIO_EDITS });
  const original = lesson.analysis.estimates;
  for (const key of COMPARED_KEYS) {
    await expect(comparedValue(table, key, 'saved')).resolves.toBe(formatted(saved.estimates, key));
    await expect(comparedValue(table, key, 'original')).resolves.toBe(formatted(original, key));
  }
  // The same scenario typed as a problem gives the same figures.
  await expect(comparedValue(table, 'memoryPerGpuZero3Bytes', 'saved')).resolves.toBe(
    formatted(estimatesFor(512, 'A10G'), 'memoryPerGpuZero3Bytes'),
  );
  await expect(
    table
      .locator(
        '[data-compare-estimate="memoryPerGpuZero2Bytes"] [data-column="saved"] [data-limit]',
      )
      .textContent(),
  ).resolves.toBe("▲ Over the A10G's 24.0 GB by 331 GB");
  await expect(
    table
      .locator(
        '[data-compare-estimate="memoryPerGpuZero3Bytes"] [data-column="saved"] [data-delta]',
      )
      .textContent(),
  ).resolves.toBe('−5.47 GB (−50%)');
}

describe('learner saves what-if scenarios and takes the panel offline', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let lesson: Lesson;
  let lessonUrl: string;
  let folder: string;
  let fileUrl: string;
  let offline: OfflinePage;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    folder = mkdtempSync(join(tmpdir(), 'infra-learn-whatif-export-'));
    const response = await fetch(`${app.baseUrl}/api/lessons`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ problem: WHATIF_PROBLEM }),
    });
    expect(response.status).toBe(201);
    lesson = (await response.json()) as Lesson;
    lessonUrl = `${app.baseUrl}/lessons/${lesson.id}`;
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(lessonUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  describe('on the lesson page', () => {
    it('saves the edited scenario under a name', async () => {
      await expect(page.getByTestId('scenario-save').isDisabled()).resolves.toBe(true);
      await page.getByTestId('whatif-gpuCount').fill('512');
      await page.getByTestId('whatif-gpuModel').selectOption('A10G');
      await page.getByTestId('scenario-name').fill(SCENARIO_NAME);
      await page.getByTestId('scenario-save').click();

      const item = page.locator('[data-saved-scenario]');
      await item.waitFor();
      await expect(item.locator('[data-saved-name]').textContent()).resolves.toBe(SCENARIO_NAME);
      await expect(page.getByTestId('scenario-name').inputValue()).resolves.toBe('');
    });

    it('lists the saved scenario after a reload', async () => {
      await page.reload();
      await expect(page.locator('[data-saved-scenario]').count()).resolves.toBe(1);
      await expect(page.locator('[data-saved-name]').textContent()).resolves.toBe(SCENARIO_NAME);
      const listed = await fetch(`${app.baseUrl}/api/lessons/${lesson.id}/scenarios`);
      const { scenarios } = (await listed.json()) as { scenarios: SavedScenario[] };
      expect(scenarios.map((scenario) => scenario.scenario.edits)).toEqual([SCENARIO_EDITS]);
    });

    it('compares the saved scenario side by side with the original', async () => {
      await page.locator('[data-saved-compare]').click();
      const table = page.getByTestId('scenario-comparison');
      await expectSavedComparison(table, lesson);
      // Nothing is edited after the reload, so there is no current-edit column.
      await expect(table.locator('[data-column="current"]').count()).resolves.toBe(0);

      await page.getByTestId('whatif-gpuCount').fill('1024');
      const current = estimatesFor(1024, 'A100');
      await expect(comparedValue(table, 'memoryPerGpuZero3Bytes', 'current')).resolves.toBe(
        formatted(current, 'memoryPerGpuZero3Bytes'),
      );
      await page.getByTestId('whatif-reset').click();
    });

    it('loads the saved scenario into the panel', async () => {
      await page.locator('[data-saved-load]').click();
      await expect(page.getByTestId('whatif-gpuCount').inputValue()).resolves.toBe('512');
      await expect(page.getByTestId('whatif-gpuModel').inputValue()).resolves.toBe('A10G');
      const figures = await headline(page);
      expect(figures.memory).toBe(formatted(estimatesFor(512, 'A10G'), figures.memoryKey));
      await page.getByTestId('whatif-reset').click();
    });
  });

  describe('in the exported file, offline', () => {
    beforeAll(async () => {
      const response = await fetch(`${app.baseUrl}/api/lessons/${lesson.id}/export?audio=0`);
      expect(response.status).toBe(200);
      const filePath = join(folder, 'lesson.html');
      writeFileSync(filePath, await response.text());
      fileUrl = pathToFileURL(filePath).href;
      offline = await openOffline(browser, fileUrl, 'light');
      await offline.page.waitForSelector('html[data-whatif="ready"]');
    });

    it('seeds the panel from the problem and the defaults', async () => {
      const file = offline.page;
      const original = analyzeProblem(WHATIF_PROBLEM).estimates;
      await expect(file.getByTestId('whatif-gpuCount').inputValue()).resolves.toBe('256');
      await expect(file.getByTestId('whatif-gpuModel').inputValue()).resolves.toBe('A100 80GB');
      await expect(file.getByTestId('whatif-mfu').inputValue()).resolves.toBe('40');
      const figures = await headline(file);
      expect(figures.memoryKey).toBe('memoryPerGpuZero3Bytes');
      expect(figures.memory).toBe(formatted(original, 'memoryPerGpuZero3Bytes'));
      expect(figures.days).toBe(formatted(original, 'trainingDays'));
      expect(figures.cost).toBe(formatted(original, 'costUsd'));
      await expect(file.getByTestId('whatif-reset').isDisabled()).resolves.toBe(true);
      await expect(file.locator('[data-chart]').count()).resolves.toBe(5);
    });

    it('recomputes the figures for a GPU count', async () => {
      const file = offline.page;
      await file.getByTestId('whatif-gpuCount').fill('512');
      const expected = estimatesFor(512, 'A100');
      const figures = await headline(file);
      expect(figures.memory).toBe(formatted(expected, figures.memoryKey));
      expect(figures.days).toBe(formatted(expected, 'trainingDays'));
      expect(figures.cost).toBe(formatted(expected, 'costUsd'));
      await expect(file.getByTestId('whatif-memory-delta').textContent()).resolves.toBe(
        '−5.47 GB (−50%)',
      );
      await expect(
        file.locator('[data-estimate="memoryPerGpuZero3Bytes"] td').first().textContent(),
      ).resolves.toBe(formatted(expected, 'memoryPerGpuZero3Bytes'));
    });

    it('recomputes the figures for a GPU model and flags the memory limit', async () => {
      const file = offline.page;
      await file.getByTestId('whatif-gpuModel').selectOption('A10G');
      const expected = estimatesFor(512, 'A10G');
      const figures = await headline(file);
      expect(figures.memory).toBe(formatted(expected, figures.memoryKey));
      expect(figures.days).toBe(formatted(expected, 'trainingDays'));
      expect(figures.cost).toBe(formatted(expected, 'costUsd'));

      const zero2 = file.locator('[data-whatif-estimate="memoryPerGpuZero2Bytes"]');
      await expect(zero2.locator('[data-column="scenario"]').textContent()).resolves.toBe(
        formatted(expected, 'memoryPerGpuZero2Bytes'),
      );
      await expect(zero2.locator('[data-column="original"]').textContent()).resolves.toBe(
        formatted(lesson.analysis.estimates, 'memoryPerGpuZero2Bytes'),
      );
      await expect(zero2.locator('[data-limit="gpu-memory"]').textContent()).resolves.toBe(
        "▲ Over the A10G's 24.0 GB by 331 GB",
      );
      await file.waitForSelector('[data-whatif-root][data-text-edited="true"]');
      await expect(
        file.locator('[data-chart="memory-per-gpu"] [data-limit-line="gpu-memory"]').count(),
      ).resolves.toBe(1);
      await expect(file.getByTestId('whatif-panel').textContent()).resolves.not.toContain('NaN');
    });

    it('updates the numbers quoted in cards and roles', async () => {
      const file = offline.page;
      const expected = estimatesFor(512, 'A10G');
      const zeroCard = file.locator('[data-card-id]').filter({ hasText: 'ZeRO Optimizer' });
      await expect(zeroCard.textContent()).resolves.toContain(
        `so ZeRO-3 brings them to ${formatted(expected, 'memoryPerGpuZero3Bytes')} per GPU`,
      );
      await zeroCard.click();
      const conceptId = await zeroCard.getAttribute('data-card-id');
      const applied = file.locator(`#card-back-${conceptId} [data-whatif-applied="edited"]`);
      await expect(applied.textContent()).resolves.toContain(
        `ZeRO-3 is the lowest stage that fits: ${formatted(expected, 'memoryPerGpuZero3Bytes')} of 24.0 GB`,
      );
      await expect(applied.locator('table').count()).resolves.toBe(1);

      await file.getByRole('tab', { name: 'Cost Officer' }).click();
      const costPanel = file.locator('#role-panel-cost-officer');
      await expect(costPanel.isVisible()).resolves.toBe(true);
      await expect(costPanel.textContent()).resolves.toContain(formatted(expected, 'costUsd'));
      await expect(costPanel.textContent()).resolves.not.toContain('$16.3M');
      await expect(file.locator('#objectives').textContent()).resolves.not.toContain('NaN');
    });

    it('flags bad input inline and keeps the last valid figures', async () => {
      const file = offline.page;
      await file.getByTestId('whatif-gpuCount').fill('4k');
      await expect(file.getByTestId('whatif-gpuCount-error').textContent()).resolves.toBe(
        'Invalid GPU count "4k": expected a whole number of GPUs from 1 to 1,000,000.',
      );
      await expect(file.getByTestId('whatif-gpuCount').getAttribute('aria-invalid')).resolves.toBe(
        'true',
      );
      await expect(file.getByTestId('whatif-memory').textContent()).resolves.toBe(
        formatted(estimatesFor(512, 'A10G'), 'memoryPerGpuZero3Bytes'),
      );
    });

    it('takes edits from the keyboard', async () => {
      const file = offline.page;
      const flippedBefore = await file.locator('[data-card-id][data-flipped="true"]').count();
      await file.getByTestId('whatif-gpuCount').focus();
      await file.keyboard.press('Control+A');
      await file.keyboard.type('1024');
      await expect(file.getByTestId('whatif-memory').textContent()).resolves.toBe(
        formatted(estimatesFor(1024, 'A10G'), 'memoryPerGpuZero3Bytes'),
      );
      // F types into the field instead of flipping every card, and Enter submits nothing.
      await file.keyboard.press('f');
      await file.keyboard.press('Enter');
      await expect(file.locator('[data-card-id][data-flipped="true"]').count()).resolves.toBe(
        flippedBefore,
      );
      await file.keyboard.press('Backspace');
      // Tab reaches the next field, and arrow keys pick another GPU in the select.
      await file.getByTestId('whatif-gpuModel').focus();
      await file.keyboard.press('ArrowUp');
      await expect(file.getByTestId('whatif-gpuModel').inputValue()).resolves.toBe('L40S');
      await expect(file.getByTestId('whatif-memory').textContent()).resolves.toBe(
        formatted(estimatesFor(1024, 'L40S'), 'memoryPerGpuZero3Bytes'),
      );
      await file.keyboard.press('Tab');
      await expect(
        file.evaluate(() => document.activeElement?.getAttribute('data-testid')),
      ).resolves.toBe('whatif-gpuCount');
    });

    it('compares the saved scenario with the original and the current edit', async () => {
      const file = offline.page;
      const saved = file.locator('[data-saved-scenario]');
      await expect(saved.locator('.saved-name').textContent()).resolves.toBe(SCENARIO_NAME);
      await saved.locator('summary').click();
      const table = saved.getByTestId('scenario-comparison');
      await expectSavedComparison(table, lesson);
      await expect(comparedValue(table, 'memoryPerGpuZero3Bytes', 'current')).resolves.toBe(
        formatted(estimatesFor(1024, 'L40S'), 'memoryPerGpuZero3Bytes'),
      );

      await saved.locator('[data-saved-load]').click();
      await expect(file.getByTestId('whatif-gpuCount').inputValue()).resolves.toBe('512');
      await expect(file.getByTestId('whatif-gpuModel').inputValue()).resolves.toBe('A10G');
      await expect(file.getByTestId('whatif-memory').textContent()).resolves.toBe(
        formatted(estimatesFor(512, 'A10G'), 'memoryPerGpuZero3Bytes'),
      );
    });

    it('restores the original on reset', async () => {
      const file = offline.page;
      await file.getByTestId('whatif-reset').click();
      const original = lesson.analysis.estimates;
      const figures = await headline(file);
      expect(figures.memory).toBe(formatted(original, 'memoryPerGpuZero3Bytes'));
      expect(figures.cost).toBe(formatted(original, 'costUsd'));
      await expect(file.getByTestId('whatif-gpuCount').inputValue()).resolves.toBe('256');
      await expect(file.getByTestId('whatif-memory-delta').count()).resolves.toBe(0);
      await file.waitForSelector('[data-whatif-root][data-text-edited="false"]');
      await expect(file.locator('[data-whatif-applied="edited"]').count()).resolves.toBe(0);
      await expect(file.locator('[data-whatif-note]').count()).resolves.toBe(0);
      await expect(file.locator('#role-panel-cost-officer').textContent()).resolves.toContain(
        '$16.3M',
      );
    });

    it('keeps every chart label inside its chart', async () => {
      const file = offline.page;
      // Intervals swept up to about 17 hours put the longest interval tick near the right edge.
      await file.getByTestId('whatif-mtbfHours').fill('68.27');
      await file.getByTestId('whatif-checkpointWriteMinutes').fill('2');
      const lostWork = file.locator('[data-chart="lost-work"]');
      await expect
        .poll(() => lostWork.locator('li').allTextContents())
        .toContain('Current: Young optimum, 2.1 h → 66.0 min');
      await expect(lostWork.locator('svg text').allTextContents()).resolves.toEqual(
        expect.arrayContaining(['30 min', '1 h', '2 h', '4 h', '8 h', '16 h']),
      );
      await expect(clippedChartLabels(file)).resolves.toEqual([]);
      await file.getByTestId('whatif-reset').click();
    });

    it('says an impossible layout is not valid', async () => {
      const file = offline.page;
      await file.getByTestId('whatif-pipelineParallel').fill('1000');
      const fix =
        'Tensor × pipeline parallel is 1 × 1000 = 1000, more than the 256 GPUs: lower a degree or add GPUs.';
      await expect(file.getByTestId('whatif-layout-invalid').textContent()).resolves.toBe(
        `This layout is not valid. ${fix}`,
      );
      const figures = await headline(file);
      expect(figures.memory).toBe('not valid');
      expect(figures.days).toBe('not valid');
      expect(figures.cost).toBe('not valid');
      await expect(file.locator('[data-testid$="-delta"]').count()).resolves.toBe(0);
      await expect(
        file.locator('#whatif-input-pipelineParallel-help').textContent(),
      ).resolves.toContain(fix);
      await file.getByTestId('whatif-reset').click();
      await expect(file.getByTestId('whatif-layout-invalid').count()).resolves.toBe(0);
    });

    it('renders the panel in dark mode', async () => {
      const dark = await openOffline(browser, fileUrl, 'dark');
      await dark.page.waitForSelector('html[data-whatif="ready"]');
      await dark.page.getByTestId('whatif-gpuModel').selectOption('A10G');
      await dark.page.waitForSelector('[data-whatif-root][data-text-edited="true"]');
      await dark.page.getByTestId('whatif-panel').screenshot({
        path: join(SCREENSHOT_DIR, 'whatif-export-dark.png'),
      });
      const colours = await dark.page.evaluate(() => {
        const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
        return {
          body: style('body').backgroundColor,
          input: style('[data-testid="whatif-gpuCount"]').backgroundColor,
          limit: style('[data-limit]').color,
        };
      });
      expect(colours.body).toBe('rgb(2, 6, 23)');
      expect(colours.input).toBe('rgb(15, 23, 42)');
      expect(colours.limit).toBe('rgb(253, 164, 175)');
      expect(dark.blocked).toEqual([]);
      expect(dark.errors).toEqual([]);
      await dark.context.close();
    });

    it('made no network request and broke no policy', async () => {
      expect(offline.blocked).toEqual([]);
      expect(offline.requested).toEqual([]);
      await expect(policyViolations(offline.page)).resolves.toEqual([]);
      expect(offline.errors).toEqual([]);
      await offline.context.close();
    });
  });

  describe('back on the lesson page', () => {
    it('deletes the saved scenario', async () => {
      await page.locator('[data-saved-delete]').click();
      await page.locator('[data-saved-scenario]').waitFor({ state: 'detached' });
      await page.reload();
      await expect(page.locator('[data-saved-scenario]').count()).resolves.toBe(0);
      const listed = await fetch(`${app.baseUrl}/api/lessons/${lesson.id}/scenarios`);
      await expect(listed.json()).resolves.toEqual({ scenarios: [] });
    });
  });
});
