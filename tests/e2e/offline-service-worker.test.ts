import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchBrowser } from '../helpers/browser';
import { startApp, type RunningApp } from '../helpers/server';
import { REFERENCE_PROBLEM } from '../unit/export/lesson-fixtures';

/** Cache name prefix of public/sw.js. */
const CACHE_PREFIX = 'infra-learn-';
/** Time for a test that loads pages through a cold production server, in ms. */
const PAGE_TEST_TIMEOUT_MS = 90_000;

function registrationCount(page: Page): Promise<number> {
  return page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length);
}

function cacheNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => caches.keys());
}

/** Waits until the service worker's page cache contains `url`. */
async function waitUntilKept(page: Page, url: string): Promise<void> {
  await page.waitForFunction(
    async (target) => (await caches.match(target, { ignoreVary: true })) !== undefined,
    url,
    { timeout: 15_000, polling: 200 },
  );
}

/** Turns the offline setting on and waits until the worker controls the page. */
async function turnOfflineCopiesOn(page: Page): Promise<void> {
  await page.getByTestId('offline-toggle').check();
  await page.waitForSelector('[data-testid="offline-toggle"][data-status="on"]');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 15_000,
  });
}

describe('learner keeps visited lessons for offline use', { timeout: PAGE_TEST_TIMEOUT_MS }, () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let lessonUrl: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    const response = await fetch(`${app.baseUrl}/api/lessons`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ problem: REFERENCE_PROBLEM }),
    });
    expect(response.status).toBe(201);
    lessonUrl = `${app.baseUrl}/lessons/${((await response.json()) as { id: string }).id}`;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('registers no service worker until the learner turns it on', async () => {
    const fresh = await browser.newContext();
    const page = await fresh.newPage();
    await page.goto(lessonUrl);
    await expect(page.getByTestId('offline-toggle').isChecked()).resolves.toBe(false);
    await page.waitForSelector('[data-testid="offline-toggle"][data-status="off"]');
    await expect(registrationCount(page)).resolves.toBe(0);
    await fresh.close();
  });

  it('unregisters the worker and deletes its copies when turned off', async () => {
    const other = await browser.newContext();
    const page = await other.newPage();
    await page.goto(`${app.baseUrl}/`);
    await turnOfflineCopiesOn(page);
    await waitUntilKept(page, `${app.baseUrl}/`);

    await page.getByTestId('offline-toggle').uncheck();
    await page.waitForFunction(
      async () => (await navigator.serviceWorker.getRegistrations()).length === 0,
    );
    // The worker deletes its caches on a stop message, after any store it has in flight.
    await page.waitForFunction(
      async (prefix) => (await caches.keys()).every((name) => !name.startsWith(prefix)),
      CACHE_PREFIX,
      { timeout: 5_000 },
    );
    const remaining = (await cacheNames(page)).filter((name) => name.startsWith(CACHE_PREFIX));
    expect(remaining).toEqual([]);
    await expect(
      page.evaluate(() => localStorage.getItem('infra-learn:offline')),
    ).resolves.toBeNull();
    await other.close();
  });

  it('loads a lesson visited once with the network off', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/`);
    await turnOfflineCopiesOn(page);

    await page.goto(lessonUrl);
    await page.locator('[data-card-id]').first().waitFor();
    await waitUntilKept(page, lessonUrl);

    await app.stop();
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('lesson-problem').textContent()).resolves.toBe(REFERENCE_PROBLEM);

    const card = page.locator('[data-card-id]').first();
    await card.click();
    await expect(card.getAttribute('data-flipped')).resolves.toBe('true');
  });

  it('explains a page that was never visited', async () => {
    const page = await context.newPage();
    const response = await page.goto(`${lessonUrl.replace(/\/lessons\/.*$/, '')}/concepts`);
    expect(response?.status()).toBe(503);
    await expect(page.locator('h1').textContent()).resolves.toBe('You are offline');
  });
});
