import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseField } from '@/lib/whatif/fields';

import { launchBrowser } from '../helpers/browser';
import { PROJECT_ROOT } from '../helpers/cli';
import { startApp, type RunningApp } from '../helpers/server';

const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-results');

describe('visitor opens the home page', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows what the product does and the seeded catalogue', async () => {
    const page = await browser.newPage();
    const response = await page.goto(app.baseUrl);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'AI Infrastructure Learning System',
    );
    await expect(page.getByTestId('concept-count').textContent()).resolves.toBe('85');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'home.png'), fullPage: true });
  });

  it('sends security headers', async () => {
    const response = await fetch(app.baseUrl);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  describe('and starts a lesson with targets', () => {
    let page: Page;

    beforeAll(async () => {
      page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await page.goto(app.baseUrl);
      await page.locator('a[href="/lessons/new"]').first().click();
      await page.waitForURL(/\/lessons\/new$/);
    });
    afterAll(async () => {
      await page?.close();
    });

    /** Returns the text of the element a field's `aria-describedby` names, or null. */
    const description = (id: string) =>
      page.evaluate((inputId) => {
        const ids = document.getElementById(inputId)?.getAttribute('aria-describedby');
        if (!ids) return null;
        return ids
          .split(' ')
          .map((describedBy) => document.getElementById(describedBy)?.textContent ?? '')
          .join(' ');
      }, id);

    /** Returns the panel's error for a budget or uptime text, as the form shows it. */
    const panelError = (id: 'budgetUsd' | 'uptimeTarget', raw: string) => {
      const parsed = parseField(id, raw);
      if (parsed.ok) throw new Error(`the panel accepts ${id} "${raw}"`);
      return `${parsed.message.charAt(0).toUpperCase()}${parsed.message.slice(1)}.`;
    };

    it('shows every error beside its field and focuses the first', async () => {
      await page.getByLabel('Budget (US dollars)').fill('lots');
      await page.getByLabel('Timeline (days)').fill('0');
      await page.getByLabel('Uptime target (%)').fill('40');
      await page.getByRole('button', { name: 'Build my lesson' }).click();

      expect(page.url()).toMatch(/\/lessons\/new$/);
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('problem');
      const expected: Array<[string, string]> = [
        ['problem', 'The problem is empty: describe it in 10 to 4000 characters.'],
        ['target-budget', panelError('budgetUsd', 'lots')],
        [
          'target-timeline',
          'Invalid timeline "0": expected a number of days from 0.01 to 36,525, such as 30, or empty for no timeline.',
        ],
        ['target-uptime', panelError('uptimeTarget', '40')],
      ];
      for (const [id, message] of expected) {
        await expect(page.locator(`#${id}`).getAttribute('aria-invalid'), id).resolves.toBe('true');
        await expect(description(id), id).resolves.toBe(message);
        await expect(page.getByText(message, { exact: true }).isVisible(), id).resolves.toBe(true);
      }
      await page.screenshot({
        path: join(SCREENSHOT_DIR, 'lesson-form-errors.png'),
        fullPage: true,
      });

      // With the problem fixed, the next submit moves focus to the budget.
      await page.getByLabel('Your problem').fill('Train a 7B model on 64 H100 GPUs.');
      await expect(page.locator('#problem').getAttribute('aria-invalid')).resolves.toBe(null);
      await page.getByRole('button', { name: 'Build my lesson' }).click();
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('target-budget');
    });

    it('takes the same budget and uptime forms as the what-if panel', async () => {
      await page.getByLabel('Budget (US dollars)').fill('$1.2M');
      await page.getByLabel('Timeline (days)').fill('30');
      await page.getByLabel('Uptime target (%)').fill('99.9%');
      // A constraint typed but not added goes with the lesson.
      await page.getByLabel('New constraint').fill('400 Gb/s InfiniBand');
      for (const id of ['target-budget', 'target-timeline', 'target-uptime']) {
        await expect(page.locator(`#${id}`).getAttribute('aria-invalid'), id).resolves.toBe(null);
      }
      await page.getByRole('button', { name: 'Build my lesson' }).click();
      await page.waitForURL(/\/lessons\/[0-9a-f-]{36}$/);

      await expect(
        page.getByRole('list', { name: 'Constraints' }).locator('li').allTextContents(),
      ).resolves.toEqual([
        '400 Gb/s InfiniBand',
        'budget $1200000',
        'timeline 30 days',
        '99.9% uptime',
      ]);
      await expect(page.getByTestId('whatif-budgetUsd').inputValue()).resolves.toBe('1.2M');
      await expect(page.getByTestId('whatif-uptimeTarget').inputValue()).resolves.toBe('99.9');
      await expect(page.locator('[data-quantity="timelineDays"]').count()).resolves.toBe(1);
    });
  });

  describe('on a 390 px wide phone', () => {
    const NARROW = { width: 390, height: 844 };

    for (const colorScheme of ['light', 'dark'] as const) {
      it(`fits the header on screen in ${colorScheme} mode`, async () => {
        const page = await browser.newPage({ colorScheme, viewport: NARROW });
        for (const path of ['/', '/graph', '/lessons/new']) {
          const response = await page.goto(`${app.baseUrl}${path}`);
          expect(response?.status(), path).toBe(200);
          await expect(
            page.evaluate(() => document.documentElement.scrollWidth),
            path,
          ).resolves.toBe(NARROW.width);

          const header = page.locator('body > header');
          const controls = [
            ...(await header.getByRole('link').all()),
            page.getByTestId('offline-toggle'),
          ];
          expect(controls.length, path).toBe(8);
          for (const control of controls) {
            const label = (await control.textContent()) || 'offline switch';
            const box = await control.boundingBox();
            expect(box, `${path} ${label}`).not.toBeNull();
            expect(box!.x, `${path} ${label}`).toBeGreaterThanOrEqual(0);
            expect(box!.x + box!.width, `${path} ${label}`).toBeLessThanOrEqual(NARROW.width);
          }
        }
        await page.goto(`${app.baseUrl}/`);
        await page.screenshot({
          path: join(SCREENSHOT_DIR, `header-390-${colorScheme}.png`),
          clip: { x: 0, y: 0, width: NARROW.width, height: 200 },
        });
        await page.close();
      });
    }
  });

  it('names a missing concept and links back', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${app.baseUrl}/concepts/c999`);
    expect(response?.status()).toBe(404);
    const notFound = page.getByTestId('concept-not-found');
    await expect(notFound.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Concept not found',
    );
    await expect(notFound.locator('code').textContent()).resolves.toBe('c999');
    await expect(
      notFound
        .getByRole('link')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href'))),
    ).resolves.toEqual(['/concepts', '/graph']);

    // A hostile id is shown as text.
    const hostile = await page.goto(`${app.baseUrl}/concepts/%3Cb%3Ebold%3C%2Fb%3E`);
    expect(hostile?.status()).toBe(404);
    await expect(notFound.locator('code').textContent()).resolves.toBe('<b>bold</b>');
    await expect(notFound.locator('b').count()).resolves.toBe(0);
    await page.close();
  });

  it('renders in dark mode', async () => {
    const page = await browser.newPage({ colorScheme: 'dark' });
    await page.goto(app.baseUrl);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    // slate-950 in Tailwind 4 is oklch(12.9% 0.042 264.695); Chromium may report it in lab().
    expect(lightnessPercent(background)).toBeLessThan(15);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'home-dark.png'), fullPage: true });
  });
});

/** Returns the lightness (0-100) of a computed CSS colour in lab(), oklch() or rgb() form. */
function lightnessPercent(color: string): number {
  const lab = /^lab\(([\d.]+)/.exec(color);
  if (lab) return Number(lab[1]);
  const oklch = /^oklch\(([\d.]+)/.exec(color);
  if (oklch) return Number(oklch[1]) * 100;
  const rgb = /^rgba?\((\d+), (\d+), (\d+)/.exec(color);
  if (rgb) return ((Number(rgb[1]) + Number(rgb[2]) + Number(rgb[3])) / 3 / 255) * 100;
  throw new Error(`unrecognised colour ${color}`);
}
