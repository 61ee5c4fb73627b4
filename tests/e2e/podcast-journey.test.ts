import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openRepository } from '@/lib/db/client';
import { Mp3StreamEncoder } from '@/lib/podcast/audio/mp3-encoder';
import { writePodcastScript } from '@/lib/podcast/script';

import { launchBrowser } from '../helpers/browser';
import { PROJECT_ROOT } from '../helpers/cli';
import { startApp, type RunningApp } from '../helpers/server';
import { lessonFor, seedExamples } from '../unit/podcast/fixtures';

const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-results');
/** The stub provider still encodes a full-length episode; allow for a busy two-core machine. */
const GENERATION_TIMEOUT_MS = 240_000;
/** Problem text that would run script if any of it reached the page as HTML. */
const HOSTILE_PROBLEM =
  'Train 7B on 8 A100s <script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> ' +
  '[link](javascript:window.__xss=3) <svg onload="window.__xss = 4"></svg> %%{init: {}}%%';
/** A seek lands on the chapter start; playback may have moved on a little when it is read. */
const SEEK_TOLERANCE_S = 1.5;

interface PodcastJson {
  durationMs: number;
  chapters: { title: string; startMs: number }[];
}

async function audioState(page: Page) {
  return page.getByTestId('podcast-audio').evaluate((element) => {
    const audio = element as HTMLAudioElement;
    return {
      currentTime: audio.currentTime,
      duration: audio.duration,
      paused: audio.paused,
      playbackRate: audio.playbackRate,
      readyState: audio.readyState,
    };
  });
}

async function activeChapters(page: Page): Promise<string[]> {
  return page
    .locator('[data-chapter-index][data-active="true"]')
    .evaluateAll((buttons) =>
      buttons.map((button) => button.getAttribute('data-chapter-index') ?? ''),
    );
}

describe('learner listens to the lesson podcast', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let lessonId: string;
  let podcast: PodcastJson;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp({ TTS_PROVIDER: 'stub' }), launchBrowser()]);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });

    const response = await fetch(`${app.baseUrl}/api/lessons`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ problem: seedExamples[0].problem }),
    });
    expect(response.status).toBe(201);
    lessonId = ((await response.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it(
    'generates the podcast from the lesson page',
    async () => {
      await page.goto(`${app.baseUrl}/lessons/${lessonId}`);
      await page.getByRole('button', { name: 'Generate podcast' }).click();
      await page
        .getByRole('progressbar', { name: 'Generating the podcast' })
        .waitFor({ timeout: 30_000 });
      await page.locator('#podcast-heading').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'podcast-generating.png') });

      await page.waitForURL(/\/podcasts\/[0-9a-f-]{36}$/, { timeout: GENERATION_TIMEOUT_MS });
      const podcastId = page.url().split('/').at(-1);
      podcast = (await (
        await fetch(`${app.baseUrl}/api/podcasts/${podcastId}`)
      ).json()) as PodcastJson;
      expect(podcast.chapters.length).toBeGreaterThanOrEqual(10);

      await page.waitForFunction(
        () =>
          ((document.querySelector('[data-testid="podcast-audio"]') as HTMLAudioElement)
            ?.readyState ?? 0) >= 1,
      );
      const { duration } = await audioState(page);
      // With the LAME Info tag Chromium drops the encoder delay and padding, so the element's
      // duration matches the stored one; 100 ms allows for about three 36 ms MP3 frames.
      expect(Math.abs(duration * 1000 - podcast.durationMs)).toBeLessThan(100);
    },
    GENERATION_TIMEOUT_MS + 30_000,
  );

  it('plays from the first chapter', async () => {
    expect(await activeChapters(page)).toEqual(['0']);
    await page.locator('[data-chapter-index="0"]').click();
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="podcast-audio"]') as HTMLAudioElement).currentTime >
        0.3,
      undefined,
      { timeout: 15_000 },
    );
    expect((await audioState(page)).paused).toBe(false);
    await page.screenshot({
      path: join(SCREENSHOT_DIR, 'podcast-player-light.png'),
      fullPage: false,
    });
  });

  it('jumps to a chapter and highlights it', async () => {
    const target = 4;
    const startS = podcast.chapters[target].startMs / 1000;
    await page.locator(`[data-chapter-index="${target}"]`).click();

    const { currentTime } = await audioState(page);
    expect(currentTime).toBeGreaterThanOrEqual(startS - 0.05);
    expect(currentTime).toBeLessThan(startS + SEEK_TOLERANCE_S);
    expect(await activeChapters(page)).toEqual([String(target)]);
    await expect(
      page.locator(`[data-chapter-index="${target}"]`).getAttribute('aria-current'),
    ).resolves.toBe('true');

    // Playback continues inside the chapter, and the highlight stays with it.
    await page.waitForFunction(
      (from) =>
        (document.querySelector('[data-testid="podcast-audio"]') as HTMLAudioElement).currentTime >
        from + 0.5,
      currentTime,
      { timeout: 15_000 },
    );
    expect(await activeChapters(page)).toEqual([String(target)]);
  });

  it('highlights the chapter that playback reaches', async () => {
    const next = 6;
    // Seek just before chapter 6 through the audio element, as dragging the slider would.
    await page.getByTestId('podcast-audio').evaluate(
      (element, seconds) => {
        (element as HTMLAudioElement).currentTime = seconds;
      },
      podcast.chapters[next].startMs / 1000 - 0.4,
    );
    await page.waitForFunction(
      (index) =>
        document.querySelector(`[data-chapter-index="${index}"]`)?.getAttribute('data-active') ===
        'true',
      next,
      { timeout: 15_000 },
    );
    expect(await activeChapters(page)).toEqual([String(next)]);
  });

  it('changes the playback speed', async () => {
    await page.getByLabel('Speed').selectOption('1.5');
    expect((await audioState(page)).playbackRate).toBe(1.5);
  });

  it('links the show notes to the lesson cards', async () => {
    const links = await page
      .getByTestId('show-notes')
      .locator(`a[href^="/lessons/${lessonId}#card-"]`)
      .count();
    expect(links).toBeGreaterThanOrEqual(6);
  });

  it('looks right in dark mode', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({
      path: join(SCREENSHOT_DIR, 'podcast-player-dark.png'),
      fullPage: false,
    });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({
      path: join(SCREENSHOT_DIR, 'podcast-player-full.png'),
      fullPage: true,
    });
  });

  it('shows hostile problem text as text', async () => {
    const lesson = lessonFor(HOSTILE_PROBLEM, [], '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a');
    const script = writePodcastScript(lesson);
    const encoder = new Mp3StreamEncoder();
    encoder.write(new Int16Array(16_000));
    const repository = openRepository(app.databaseUrl);
    try {
      await repository.insertLesson(lesson);
      await repository.insertPodcast({
        id: lesson.id,
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
      await repository.completePodcast(lesson.id, {
        audio: encoder.finish(),
        mimeType: 'audio/mpeg',
        durationMs: 1_000,
        chapters: script.chapters.map((chapter) => ({ title: chapter.title, startMs: 0 })),
        provider: 'stub',
      });
    } finally {
      await repository.close();
    }

    await page.goto(`${app.baseUrl}/podcasts/${lesson.id}`);
    await page.locator('summary', { hasText: 'Script' }).click();
    await expect(
      page.evaluate(() => (window as { __xss?: number }).__xss),
    ).resolves.toBeUndefined();
    await expect(
      page.locator('main script, main img[src="x"], main svg[onload]').count(),
    ).resolves.toBe(0);
    await expect(page.locator('main a[href^="javascript:"]').count()).resolves.toBe(0);
    await expect(
      page.getByText('<script>window.__xss = 1</script>').count(),
    ).resolves.toBeGreaterThan(0);
  });
});
