import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildLessonExport } from '@/lib/export';
import type { Lesson } from '@/lib/lessons/types';
import { launchBrowser } from '../helpers/browser';
import {
  buildStubPodcast,
  buildTestLesson,
  HOSTILE_CONSTRAINTS,
  HOSTILE_PROBLEM,
} from '../unit/export/lesson-fixtures';

type Probe = { __canary?: unknown; __violations: string[] };

describe('export of a lesson whose problem is an attack', () => {
  let folder: string;
  let fileUrl: string;
  let lesson: Lesson;
  let browser: Browser;
  let page: Page;
  const blocked: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    lesson = buildTestLesson(HOSTILE_PROBLEM, HOSTILE_CONSTRAINTS);
    const [podcast, launched] = await Promise.all([buildStubPodcast(lesson, 2), launchBrowser()]);
    browser = launched;
    folder = mkdtempSync(join(tmpdir(), 'infra-learn-hostile-'));
    const filePath = join(folder, 'hostile.html');
    writeFileSync(filePath, buildLessonExport(lesson, { podcast }).html);
    fileUrl = pathToFileURL(filePath).href;

    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === fileUrl) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.addInitScript(() => {
      const probe = window as unknown as Probe;
      probe.__violations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        probe.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    await page.goto(fileUrl);
  });
  afterAll(async () => {
    await browser?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('shows the problem and constraints as the text they are', async () => {
    await expect(page.getByTestId('lesson-problem').textContent()).resolves.toBe(lesson.problem);
    const constraints = await page.locator('.constraints li').allTextContents();
    expect(constraints).toEqual(lesson.constraints);
    await expect(page.title()).resolves.toMatch(/^Lesson: Train 7B on 8 A100 GPUs <script>/);
  });

  it('holds no element that the text tried to create', async () => {
    await expect(page.locator('script').count()).resolves.toBe(1);
    await expect(
      page.locator('body iframe, body img, body base, body foreignObject').count(),
    ).resolves.toBe(0);
    await expect(page.locator('head meta[http-equiv="refresh"], body meta').count()).resolves.toBe(
      0,
    );
    await expect(
      page.locator('a[href^="javascript:"], [onerror], [onload], [onmouseover]').count(),
    ).resolves.toBe(0);
  });

  it('runs none of its script while the learner uses the page', async () => {
    await page.keyboard.press('f');
    await page
      .locator('details')
      .evaluateAll((all) =>
        all.forEach((details) => ((details as HTMLDetailsElement).open = true)),
      );
    for (const link of await page.locator('main a').all()) {
      if (await link.isVisible()) await link.click();
    }
    const problem = page.getByTestId('lesson-problem');
    await problem.hover();
    await problem.click();
    for (const item of await page.locator('.constraints li').all()) await item.hover();
    await page.locator('[data-chapter-index="1"]').click();
    await page.locator('[data-podcast-audio]').evaluate((audio: HTMLAudioElement) => audio.pause());
    await page.waitForTimeout(1_200);

    const probe = await page.evaluate(() => {
      const { __canary, __violations } = window as unknown as Probe;
      return { canary: __canary ?? null, violations: __violations };
    });
    expect(probe.canary).toBeNull();
    expect(probe.violations).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('made no network request', () => {
    expect(blocked).toEqual([]);
  });
});
