import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  HOSTILE_IDS,
  HOSTILE_QUERY_STRINGS,
  HOSTILE_QUERY_VALUES,
} from '../fixtures/hostile/corpus';
import { startApp, type RunningApp } from '../helpers/server';
import {
  expectNoLeak,
  fillPattern,
  listPageFiles,
  mapLimit,
  PAGES,
  send,
  type RawResponse,
} from './support';

/** Page renders in flight at once; rendering is CPU-bound on two cores. */
const CONCURRENCY = 4;

/** Markup from the corpus that must never reach a page unescaped. */
const LIVE_MARKUP = ['<script>window.__pwned', '<img src=x onerror', 'onerror=alert(11)>'];

describe('pages under hostile paths and query strings', () => {
  let app: RunningApp;
  let validIds: Record<string, string>;

  beforeAll(async () => {
    app = await startApp();
    const created = await fetch(`${app.baseUrl}/api/lessons`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ problem: 'Train a 70B model on 512 H100 GPUs with 99.9% uptime' }),
    });
    validIds = { id: ((await created.json()) as { id: string }).id };
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** Fills `[id]` with a real id: a concept id on concept pages, a lesson id elsewhere. */
  const realPath = (pattern: string) =>
    fillPattern(pattern, pattern.startsWith('/concepts') ? { id: 'c001' } : validIds);

  it('covers every page under app', () => {
    expect(listPageFiles().sort()).toEqual(PAGES.map((page) => page.pattern).sort());
  });

  const pagesWithIds = PAGES.filter((page) => page.pattern.includes('['));

  it.each(
    HOSTILE_IDS.map((id) => [id.length > 60 ? `${id.slice(0, 20)}… (${id.length})` : id, id]),
  )('answers id %s with a 4xx page', async (_label, id) => {
    await mapLimit(pagesWithIds, CONCURRENCY, async (page) => {
      const path = fillPattern(page.pattern, {}, id);
      const response = await send(app.baseUrl, { path });
      expectSafePage(response, path);
      expect([400, 404], path).toContain(response.status);
    });
  });

  const pagesWithQuery = PAGES.filter((page) => page.query.length > 0);

  it.each(
    HOSTILE_QUERY_VALUES.map((value) => [
      value.length > 40 ? `${value.slice(0, 12)}… (${value.length})` : JSON.stringify(value),
      value,
    ]),
  )('renders each page that reads a query with %s as inert text', async (_label, value) => {
    const requests = pagesWithQuery.flatMap((page) => page.query.map((name) => ({ page, name })));
    await mapLimit(requests, CONCURRENCY, async ({ page, name }) => {
      const path = `${realPath(page.pattern)}?${name}=${encodeURIComponent(value)}`;
      const response = await send(app.baseUrl, { path });
      expectSafePage(response, path);
      // No parameter accepts a NUL character, so the proxy rejects it before any page runs.
      expect(response.status, path.slice(0, 160)).toBe(value.includes('\u0000') ? 400 : 200);
    });
  });

  it('renders every page with all hostile values in parameters it does not read', async () => {
    const query = HOSTILE_QUERY_VALUES.filter((value) => !value.includes('\u0000'))
      .map((value, index) => `x${index}=${encodeURIComponent(value)}`)
      .join('&');
    await mapLimit(PAGES, CONCURRENCY, async (page) => {
      const path = `${realPath(page.pattern)}?${query}`;
      const response = await send(app.baseUrl, { path });
      expectSafePage(response, page.pattern);
      // The podcast page has no podcast for a lesson id, so it returns 404.
      expect(response.status, page.pattern).toBe(page.pattern === '/podcasts/[id]' ? 404 : 200);
    });
  });

  it.each(
    HOSTILE_QUERY_STRINGS.map((query) => [
      query.length > 40 ? `${query.slice(0, 12)}… (${query.length})` : query,
      query,
    ]),
  )('renders every page with query string %s', async (_label, query) => {
    await mapLimit(PAGES, CONCURRENCY, async (page) => {
      const path = `${realPath(page.pattern)}?${query}`;
      const response = await send(app.baseUrl, { path });
      expectSafePage(response, path);
    });
  });

  it('shows a search for SQL text as the text, with no error', async () => {
    const response = await send(app.baseUrl, {
      path: `/lessons?q=${encodeURIComponent("' OR 1=1 --")}`,
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain('value="&#x27; OR 1=1 --"');
  });
});

/** Asserts a page responded without a 5xx, as HTML, with no internals and no live markup. */
function expectSafePage(response: RawResponse, path: string) {
  const label = path.slice(0, 160);
  expect(response.status, `${label}: ${response.text.slice(0, 300)}`).toBeLessThan(500);
  expect(response.headers['content-type'], label).toMatch(/^text\/html/);
  expectNoLeak(response, label);
  for (const markup of LIVE_MARKUP) expect(response.text, label).not.toContain(markup);
}
