import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openRepository } from '@/lib/db/client';
import { Mp3StreamEncoder } from '@/lib/podcast/audio/mp3-encoder';
import { writePodcastScript } from '@/lib/podcast/script';
import {
  ACCEPTED_TEXTS,
  HOSTILE_QUERY_VALUES,
  SCRIPT_INJECTION_TEXTS,
} from '../fixtures/hostile/corpus';
import { launchBrowser } from '../helpers/browser';
import { startApp, type RunningApp } from '../helpers/server';
import { fillPattern, PAGES } from './support';

/** Page loads and a podcast insert on a busy two-core machine. */
const BROWSER_TEST_TIMEOUT_MS = 60_000;
/** Time for a payload that waits on an event (animation begin, image error) to fire, in ms. */
const SETTLE_MS = 300;

/** What the init script records in each page: the canary and any policy violations. */
type Probe = { __pwned?: unknown; __violations: string[] };

/** Elements that exist only if text became markup. */
const INJECTED_ELEMENTS =
  'main script, main iframe, main object, main embed, main base, main img[src="x"], ' +
  'main [onerror], main [onload], main [onmouseover], main [ontoggle], main [onbegin], ' +
  'main a[href^="javascript:" i], main a[href^="data:" i], main a[href^="vbscript:" i]';

/** Query values that would run script if a page reflected them as markup. */
const REFLECTED_VALUES = HOSTILE_QUERY_VALUES.filter((value) => /[<>]|javascript:/.test(value));

/** Every script payload of the corpus in one problem and at most 12 constraints. */
const COMBINED = {
  problem: SCRIPT_INJECTION_TEXTS.map((text, index) =>
    index === 0 ? text.problem : text.problem.replace(/^Train a 7B model[^<%"[{`\n]*/, ''),
  )
    .join('\n')
    .slice(0, 4000),
  constraints: SCRIPT_INJECTION_TEXTS.flatMap((text) => text.constraints).slice(0, 12),
};

describe('hostile text in a real browser', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let folder: string;
  const dialogs: string[] = [];
  const lessonIds = new Map<string, string>();
  let combinedLessonId: string;

  async function postLesson(problem: string, constraints: string[]): Promise<string> {
    const response = await fetch(`${app.baseUrl}/api/lessons`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ problem, constraints }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    folder = mkdtempSync(join(tmpdir(), 'infra-learn-security-'));
    for (const text of ACCEPTED_TEXTS) {
      lessonIds.set(text.name, await postLesson(text.problem, text.constraints));
    }
    combinedLessonId = await postLesson(COMBINED.problem, COMBINED.constraints);

    context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    await context.addInitScript(() => {
      const probe = window as unknown as Probe;
      probe.__violations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        probe.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    context.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** Reads the probe after the page had time to run anything it was going to run. */
  async function readProbe(page: Page) {
    await page.waitForTimeout(SETTLE_MS);
    return page.evaluate(() => {
      const { __pwned, __violations } = window as unknown as Probe;
      return { pwned: __pwned ?? null, violations: __violations };
    });
  }

  async function expectNothingRan(page: Page, label: string) {
    const probe = await readProbe(page);
    expect(probe.pwned, `${label}: canary`).toBeNull();
    expect(probe.violations, `${label}: policy violations`).toEqual([]);
    expect(dialogs, `${label}: dialogs`).toEqual([]);
    await expect(page.locator(INJECTED_ELEMENTS).count(), label).resolves.toBe(0);
  }

  it.each(ACCEPTED_TEXTS.map((text) => [text.name, text]))(
    'lesson page shows %s as text and runs none of it',
    async (name, text) => {
      const page = await context.newPage();
      await page.goto(`${app.baseUrl}/lessons/${lessonIds.get(name)}`);
      await page.locator('[data-card-id]').first().waitFor();
      await expect(page.getByTestId('lesson-problem').textContent()).resolves.toBe(
        text.problem.trim(),
      );

      // Use the page the way a learner does, so handlers bound to hover, focus or toggle fire.
      await page.keyboard.press('f');
      await page.getByTestId('lesson-problem').hover();
      await page.getByTestId('lesson-problem').click();
      await page.mouse.move(5, 5);
      await expectNothingRan(page, name);
      await page.close();
    },
  );

  it('podcast page of the combined attack runs none of it', async () => {
    const repository = openRepository(app.databaseUrl);
    const podcastId = randomUUID();
    try {
      const lesson = await repository.getLesson(combinedLessonId);
      if (!lesson) throw new Error(`lesson ${combinedLessonId} is missing`);
      const script = writePodcastScript(lesson);
      const encoder = new Mp3StreamEncoder();
      encoder.write(new Int16Array(16_000));
      // The stub provider would take minutes to voice the whole episode on two cores. The
      // script and show notes contain the text, and they are what a generated podcast stores.
      await repository.insertPodcast({
        id: podcastId,
        lessonId: lesson.id,
        status: 'generating',
        script: script.markdown,
        mimeType: null,
        durationMs: null,
        chapters: [],
        showNotes: script.showNotes,
        provider: null,
        error: null,
        createdAt: new Date().toISOString(),
      });
      await repository.completePodcast(podcastId, {
        audio: encoder.finish(),
        mimeType: 'audio/mpeg',
        durationMs: 1_000,
        chapters: script.chapters.map((chapter) => ({ title: chapter.title, startMs: 0 })),
        provider: 'stub',
      });
    } finally {
      await repository.close();
    }

    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/podcasts/${podcastId}`);
    await page.locator('summary', { hasText: 'Script' }).click();
    for (const link of await page.locator('main a').all()) {
      if (await link.isVisible()) await link.hover();
    }
    await expectNothingRan(page, 'podcast page');
    await expect(
      page.getByText('window.__pwned', { exact: false }).count(),
    ).resolves.toBeGreaterThan(0);
    await page.close();
  });

  it('export of the combined attack, downloaded from the app, runs none of it', async () => {
    const response = await fetch(`${app.baseUrl}/api/lessons/${combinedLessonId}/export`);
    expect(response.status).toBe(200);
    const filePath = join(folder, 'combined.html');
    writeFileSync(filePath, await response.text());
    const fileUrl = pathToFileURL(filePath).href;

    const blocked: string[] = [];
    const page = await context.newPage();
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === fileUrl) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    await page.goto(fileUrl);
    await page.keyboard.press('f');
    for (const item of await page.locator('.constraints li').all()) await item.hover();
    await expectNothingRan(page, 'export');
    await expect(page.getByTestId('lesson-problem').textContent()).resolves.toBe(
      COMBINED.problem.trim(),
    );
    expect(blocked).toEqual([]);
    await page.close();
  });

  it.each([
    ['new-lesson form', (value: string) => `/lessons/new?problem=${encodeURIComponent(value)}`],
    ['lesson search', (value: string) => `/lessons?q=${encodeURIComponent(value)}`],
    [
      'graph view',
      (value: string) =>
        `/graph?concept=${encodeURIComponent(value)}&domain=${encodeURIComponent(value)}`,
    ],
  ])('%s keeps hostile query text inert', async (label, pathFor) => {
    const page = await context.newPage();
    for (const value of REFLECTED_VALUES) {
      await page.goto(`${app.baseUrl}${pathFor(value)}`);
      await expectNothingRan(page, `${label} with ${value}`);
    }
    await page.close();
  });

  it.each([...PAGES.map((page) => page.pattern), '/no/such/page'])(
    'page %s runs its own scripts under its policy',
    async (pattern) => {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const id = pattern.startsWith('/concepts') ? 'c001' : combinedLessonId;
      await page.goto(`${app.baseUrl}${fillPattern(pattern, { id })}`);
      // Next.js sets window.next once its client runtime has started, which needs every script.
      await page.waitForFunction(
        () => typeof (window as { next?: { version?: string } }).next?.version === 'string',
      );
      const probe = await readProbe(page);
      expect(probe.violations, pattern).toEqual([]);
      expect(errors, pattern).toEqual([]);
      await page.close();
    },
  );

  it('lesson page policy stops a handler injected into the page', async () => {
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/lessons/${combinedLessonId}`);
    await page.locator('[data-card-id]').first().waitFor();
    // What a DOM injection bug would do: add markup with an inline handler.
    await page.evaluate(() => {
      document.body.insertAdjacentHTML(
        'beforeend',
        '<img src="data:," onload="window.__pwned = \'handler\'" alt="">',
      );
    });
    const probe = await readProbe(page);
    expect(probe.pwned).toBeNull();
    expect(probe.violations.some((entry) => entry.startsWith('script-src'))).toBe(true);
    await page.close();
  });
});
