import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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
