import type { Browser, BrowserContext, Page } from 'playwright-core';

/** A file opened with the network blocked, and what it tried to load or break. */
export interface OfflinePage {
  context: BrowserContext;
  page: Page;
  /** URLs the file requested, each aborted. */
  blocked: string[];
  /** URLs of every request the page made besides the file itself. */
  requested: string[];
  /** Uncaught script errors. */
  errors: string[];
}

/**
 * Opens a file in a fresh context where every request except the file itself is recorded and
 * aborted, and where the page records Content-Security-Policy violations (read them with
 * `policyViolations`) and script errors.
 */
export async function openOffline(
  browser: Browser,
  fileUrl: string,
  colorScheme: 'light' | 'dark',
): Promise<OfflinePage> {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1100, height: 900 } });
  const blocked: string[] = [];
  const requested: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === fileUrl) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('request', (request) => {
    if (request.url() !== fileUrl) requested.push(request.url());
  });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(() => {
    const store = window as unknown as { __violations: string[] };
    store.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      store.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(fileUrl);
  return { context, page, blocked, requested, errors };
}

/** Returns the Content-Security-Policy violations a page opened by `openOffline` recorded. */
export function policyViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}
