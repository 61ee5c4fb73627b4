import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadCatalogueFiles } from '@/lib/knowledge/files';
import {
  ancestors,
  buildGraph,
  clusters,
  learningPlan,
  prerequisitePath,
  searchConcepts,
} from '@/lib/knowledge/graph';
import type { Domain, Level } from '@/lib/knowledge/types';
import { LEARNER_KEY_STORAGE } from '@/lib/progress/learner-key';
import { launchBrowser } from '../helpers/browser';
import { masterConcepts } from '../helpers/mastery';
import {
  previewNodePoint,
  readPreviewState,
  timeFirstClick,
  waitForPreview,
  type FirstClickTiming,
  type PreviewState,
} from '../helpers/graph-preview';
import { PROJECT_ROOT } from '../helpers/cli';
import { startApp, type RunningApp } from '../helpers/server';

const RESULTS_DIR = join(PROJECT_ROOT, 'test-results');
const VIEWPORT = { width: 1280, height: 900 };
/** Runs of the timing measurement; the report gives each and the median. */
const TIMING_RUNS = 5;

// The app seeds its database from the same content files, so the graph computed here is the
// one the page must draw.
const catalogue = loadCatalogueFiles();
const graph = buildGraph(catalogue);
const idsWhere = (keep: (concept: (typeof catalogue)[number]) => boolean) =>
  catalogue
    .filter(keep)
    .map((concept) => concept.id)
    .sort();

/** The concept with the longest prerequisite path among those that have dependents. */
const deepConcept = catalogue
  .filter((concept) => (graph.dependents.get(concept.id) ?? []).length > 1)
  .sort((a, b) => ancestors(graph, b.id).length - ancestors(graph, a.id).length)[0];

/** What the canvas currently shows, read from the Cytoscape instance the page exposes. */
interface DrawnState {
  visibleConceptIds: string[];
  visibleGroupIds: string[];
  selected: string[];
  path: string[];
  dependents: string[];
  dimmed: string[];
  pathEdges: string[];
  dependentEdges: string[];
}

async function openGraph(page: Page, baseUrl: string, query = ''): Promise<void> {
  // Fail with Playwright's message well before Vitest's 30 s test timeout.
  page.setDefaultTimeout(10_000);
  const response = await page.goto(`${baseUrl}/graph${query}`);
  expect(response?.status()).toBe(200);
  await page.waitForFunction(() => window.__graphReady === true);
}

function readDrawnState(page: Page): Promise<DrawnState> {
  return page.evaluate(() => {
    const cy = window.__cy!;
    const ids = (selector: string) =>
      cy
        .elements(selector)
        .map((element) => element.id())
        .sort();
    return {
      visibleConceptIds: ids('node.concept:visible'),
      visibleGroupIds: ids('node.domain:visible'),
      selected: ids('node.selected-concept'),
      path: ids('node.path'),
      dependents: ids('node.dependent'),
      dimmed: ids('node.concept.dimmed'),
      pathEdges: ids('edge.path-edge'),
      dependentEdges: ids('edge.dependent-edge'),
    };
  });
}

/** Returns the page coordinates of a node's centre, panning it into view when it is hidden. */
async function nodeCenterOnPage(page: Page, id: string): Promise<{ x: number; y: number }> {
  await scrollCanvasToTop(page);
  const canvas = (await page.getByTestId('graph-canvas').boundingBox())!;
  const toolbar = (await page.getByRole('toolbar', { name: 'Graph view' }).boundingBox())!;
  const position = () =>
    page.evaluate((nodeId) => window.__cy!.getElementById(nodeId).renderedPosition(), id);
  let rendered = await position();
  const point = () => ({ x: canvas.x + rendered.x, y: canvas.y + rendered.y });
  const underToolbar = (p: { x: number; y: number }) =>
    p.x >= toolbar.x - 20 &&
    p.x <= toolbar.x + toolbar.width + 20 &&
    p.y >= toolbar.y - 20 &&
    p.y <= toolbar.y + toolbar.height + 20;
  const outside = (p: { x: number; y: number }) =>
    p.x < canvas.x + 20 ||
    p.y < canvas.y + 20 ||
    p.x > canvas.x + canvas.width - 20 ||
    p.y > canvas.y + canvas.height - 20;
  if (underToolbar(point()) || outside(point())) {
    // Test set-up only: bring the node out from under the zoom buttons.
    await page.evaluate((nodeId) => window.__cy!.center(window.__cy!.getElementById(nodeId)), id);
    rendered = await position();
  }
  return point();
}

/**
 * Scrolls the canvas to the top of the window; it is 70vh tall, so all of it is then in view.
 * Cytoscape keeps the canvas's place on the page until a scroll event makes it read it again.
 * That event comes with the next frame, so a click sent before it would miss its node.
 */
async function scrollCanvasToTop(page: Page): Promise<void> {
  await page.getByTestId('graph-canvas').evaluate(async (canvas) => {
    canvas.scrollIntoView();
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

async function clickNode(page: Page, id: string): Promise<void> {
  const { x, y } = await nodeCenterOnPage(page, id);
  await page.mouse.click(x, y);
  await page.waitForSelector(`[data-testid="graph-side-panel"][data-concept-id="${id}"]`);
}

/** Returns the highlight `prerequisitePath` gives for `id`, in the preview's terms. */
function expectedHighlight(id: string): Omit<PreviewState, 'visibleConceptIds' | 'visibleDomains'> {
  const path = prerequisitePath(graph, id);
  const lit = new Set([id, ...path.plan, ...path.dependents]);
  return {
    selected: [id],
    path: [...path.plan].sort(),
    dependents: [...path.dependents].sort(),
    dimmed: idsWhere((concept) => !lit.has(concept.id)),
    pathEdges: path.edges.map((edge) => `${edge.source}->${edge.target}`).sort(),
    dependentEdges: path.dependents.map((dependent) => `${id}->${dependent}`).sort(),
  };
}

/** Makes the page's script chunks fail, so the page stays as the server drew it. */
async function blockScriptChunks(page: Page): Promise<void> {
  await page.route('**/_next/static/chunks/*.js', (route) => route.abort());
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

describe('learner explores the concept graph', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    mkdirSync(RESULTS_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('draws every concept inside its domain group', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await openGraph(page, app.baseUrl);

    const drawn = await readDrawnState(page);
    expect(drawn.visibleConceptIds).toHaveLength(85);
    expect(drawn.visibleConceptIds).toEqual(idsWhere(() => true));
    const domains = [...new Set(catalogue.map((concept) => concept.domain))];
    expect(drawn.visibleGroupIds).toEqual(domains.map((domain) => `domain:${domain}`).sort());

    const placement = await page.evaluate(() => {
      const cy = window.__cy!;
      return cy.nodes('node.concept').map((node) => {
        const box = node.renderedBoundingBox({ includeLabels: false });
        return {
          id: node.id(),
          parent: node.parent().first().id(),
          inView: box.x1 >= 0 && box.y1 >= 0 && box.x2 <= cy.width() && box.y2 <= cy.height(),
        };
      });
    });
    for (const node of placement) {
      const concept = catalogue.find((candidate) => candidate.id === node.id)!;
      expect(node.parent, node.id).toBe(`domain:${concept.domain}`);
      expect(node.inView, `${node.id} inside the fitted view`).toBe(true);
    }
    await expect(page.getByTestId('graph-visible-count').textContent()).resolves.toBe('85');
    await page.close();
  });

  it('filters to the checked domains and levels', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await openGraph(page, app.baseUrl);
    const listIds = () =>
      page.$$eval('#graph-list button[data-concept-id]', (buttons) =>
        buttons.map((button) => button.getAttribute('data-concept-id')!).sort(),
      );
    const checkFilter = (name: 'domain' | 'level', value: Domain | Level) =>
      page.locator(`label:has(input[name="${name}"][value="${value}"])`).click();

    await checkFilter('domain', 'networking');
    const networking = idsWhere((concept) => concept.domain === 'networking');
    await expect
      .poll(async () => (await readDrawnState(page)).visibleConceptIds)
      .toEqual(networking);
    expect((await readDrawnState(page)).visibleGroupIds).toEqual(['domain:networking']);
    expect(await listIds()).toEqual(networking);
    expect(page.url()).toContain('domain=networking');

    await checkFilter('domain', 'storage');
    const networkingOrStorage = idsWhere((concept) =>
      ['networking', 'storage'].includes(concept.domain),
    );
    await expect
      .poll(async () => (await readDrawnState(page)).visibleConceptIds)
      .toEqual(networkingOrStorage);
    expect(await listIds()).toEqual(networkingOrStorage);

    await checkFilter('level', 'advanced');
    const advanced = idsWhere(
      (concept) =>
        ['networking', 'storage'].includes(concept.domain) && concept.level === 'advanced',
    );
    await expect.poll(async () => (await readDrawnState(page)).visibleConceptIds).toEqual(advanced);
    expect(await listIds()).toEqual(advanced);

    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expect
      .poll(async () => (await readDrawnState(page)).visibleConceptIds)
      .toHaveLength(catalogue.length);
    await page.close();
  });

  it('highlights exactly the prerequisite path and direct dependents', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await openGraph(page, app.baseUrl);
    await clickNode(page, deepConcept.id);

    const expectedAncestors = ancestors(graph, deepConcept.id);
    const expectedDependents = [...(graph.dependents.get(deepConcept.id) ?? [])].sort();
    const path = prerequisitePath(graph, deepConcept.id);
    expect(expectedAncestors.length).toBeGreaterThan(2);
    expect(expectedDependents.length).toBeGreaterThan(1);

    const drawn = await readDrawnState(page);
    expect(drawn.selected).toEqual([deepConcept.id]);
    expect(drawn.path).toEqual(expectedAncestors);
    expect(drawn.dependents).toEqual(expectedDependents);
    const lit = new Set([deepConcept.id, ...expectedAncestors, ...expectedDependents]);
    expect(drawn.dimmed).toEqual(idsWhere((concept) => !lit.has(concept.id)));
    expect(drawn.pathEdges).toEqual(
      path.edges.map((edge) => `${edge.source}->${edge.target}`).sort(),
    );
    expect(drawn.dependentEdges).toEqual(
      expectedDependents.map((id) => `${deepConcept.id}->${id}`).sort(),
    );

    const panel = page.getByTestId('graph-side-panel');
    await expect(panel.getAttribute('data-ancestor-ids')).resolves.toBe(path.plan.join(','));
    await expect(panel.getAttribute('data-dependent-ids')).resolves.toBe(path.dependents.join(','));
    await expect(panel.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(
      deepConcept.title,
    );
    const lessonHref = await panel
      .getByRole('link', { name: 'Start a lesson on this' })
      .getAttribute('href');
    expect(lessonHref).toMatch(/^\/lessons\/new\?problem=/);
    expect(new URL(lessonHref!, app.baseUrl).searchParams.get('problem')).toContain(
      deepConcept.title,
    );
    await expect(
      panel.getByRole('link', { name: 'Open concept' }).getAttribute('href'),
    ).resolves.toBe(`/concepts/${deepConcept.id}`);

    // A click on the background clears the highlight: near the canvas corner, inside the
    // padding left around the fitted graph.
    await scrollCanvasToTop(page);
    const canvas = (await page.getByTestId('graph-canvas').boundingBox())!;
    await page.mouse.click(canvas.x + 8, canvas.y + 8);
    await page.waitForSelector('[data-testid="graph-side-panel"][data-concept-id=""]');
    const cleared = await readDrawnState(page);
    expect(cleared.dimmed).toEqual([]);
    expect(cleared.path).toEqual([]);
    await page.close();
  });

  it('prefills the lesson form from the panel link', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await openGraph(page, app.baseUrl, `?concept=${deepConcept.id}`);
    await page.getByRole('link', { name: 'Start a lesson on this' }).click();
    await page.waitForURL(/\/lessons\/new\?problem=/);
    await expect(page.locator('#problem').inputValue()).resolves.toContain(deepConcept.title);
    await page.close();
  });

  it('centres the concept found by search', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await openGraph(page, app.baseUrl);
    const expected = searchConcepts(catalogue, 'ZeRO')[0];
    expect(expected.title).toMatch(/^ZeRO/);

    await page.getByLabel('Find a concept').fill('ZeRO');
    await page.getByLabel('Find a concept').press('Enter');
    await page.waitForSelector(
      `[data-testid="graph-side-panel"][data-concept-id="${expected.id}"]`,
    );
    await expect(page.locator('#graph-search-status').textContent()).resolves.toContain(
      expected.title,
    );
    await expect
      .poll(() =>
        page.evaluate((id) => {
          const cy = window.__cy!;
          const position = cy.getElementById(id).renderedPosition();
          return Math.hypot(position.x - cy.width() / 2, position.y - cy.height() / 2);
        }, expected.id),
      )
      .toBeLessThan(2);
    await page.close();
  });

  it('reaches the list view by keyboard', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await openGraph(page, app.baseUrl);
    const focused = () =>
      page.evaluate(() => ({
        tag: document.activeElement?.tagName ?? '',
        text: document.activeElement?.textContent ?? '',
        conceptId: document.activeElement?.getAttribute('data-concept-id') ?? null,
        inList: Boolean(document.activeElement?.closest('#graph-list')),
      }));

    let tabs = 0;
    for (;;) {
      const current = await focused();
      if (current.tag === 'A' && current.text === 'Skip to the list view') break;
      await page.keyboard.press('Tab');
      tabs += 1;
      expect(tabs, 'Tab presses to reach the skip link').toBeLessThan(60);
    }
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe('graph-list-title');
    await page.keyboard.press('Tab');
    const entry = await focused();
    expect(entry.inList).toBe(true);
    // The list groups concepts by domain in domain order, so the first entry is known.
    expect(entry.conceptId).toBe(clusters(catalogue)[0].conceptIds[0]);

    await page.keyboard.press('Enter');
    await page.waitForSelector(
      `[data-testid="graph-side-panel"][data-concept-id="${entry.conceptId}"]`,
    );
    const headingFocused = await page.evaluate(
      () => document.activeElement?.id === 'graph-panel-title',
    );
    expect(headingFocused).toBe(true);
    expect((await readDrawnState(page)).selected).toEqual([entry.conceptId]);

    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="graph-side-panel"][data-concept-id=""]');
    expect((await focused()).conceptId).toBe(entry.conceptId);
    await page.close();
  });

  it('records the time to a drawn graph that answers a click', async () => {
    const runs: (FirstClickTiming & { canvasReadyAtMs: number; scriptsLoadedAtMs: number })[] = [];
    for (let run = 0; run < TIMING_RUNS; run += 1) {
      const page = await browser.newPage({ viewport: VIEWPORT });
      page.setDefaultTimeout(10_000);
      await page.goto(`${app.baseUrl}/graph`, { waitUntil: 'commit' });
      const preview = await timeFirstClick(page, deepConcept.id);
      // The click made on the preview carries over to the canvas once Cytoscape has drawn.
      await page.waitForFunction(() => window.__graphReady === true);
      await page.waitForSelector(
        `[data-testid="graph-side-panel"][data-concept-id="${deepConcept.id}"]`,
      );
      expect((await readDrawnState(page)).selected).toEqual([deepConcept.id]);
      const timings = (await page.evaluate(() => window.__graphTimings))!;
      runs.push({
        ...preview,
        scriptsLoadedAtMs: timings.modulesLoadedAtMs,
        canvasReadyAtMs: timings.readyAtMs!,
      });
      await page.close();
    }

    const summary = {
      what:
        'headless Chromium against the production build on 127.0.0.1. *AtMs: wall-clock ms ' +
        'since navigation start. interactiveMs: the server-drawn graph painted, plus a real ' +
        'click on it answered with the highlight. canvasReadyAtMs: Cytoscape has replaced it. ' +
        'loadAverage1m: the machine load when the runs ended.',
      concepts: catalogue.length,
      viewport: VIEWPORT,
      loadAverage1m: loadavg()[0],
      medianInteractiveMs: median(runs.map((entry) => entry.interactiveMs)),
      medianDrawnAtMs: median(runs.map((entry) => entry.drawnAtMs)),
      medianClickToHighlightMs: median(runs.map((entry) => entry.clickToHighlightMs)),
      medianCanvasReadyAtMs: median(runs.map((entry) => entry.canvasReadyAtMs)),
      runs,
    };
    writeFileSync(join(RESULTS_DIR, 'graph-timing.json'), `${JSON.stringify(summary, null, 2)}\n`);
    console.info(`graph page timing: ${JSON.stringify(summary)}`);

    // The goal is under 500 ms and `npm run bench` checks it. This bound only catches a broken
    // page, because timings on a shared two-core machine that runs other tests vary far more.
    expect(summary.medianInteractiveMs).toBeLessThan(5_000);
    for (const entry of runs) {
      expect(entry.clickToHighlightMs).toBeGreaterThan(0);
      expect(entry.drawnAtMs).toBeLessThan(entry.canvasReadyAtMs);
    }
  });

  it.each([
    ['light', 'graph-light.png'],
    ['dark', 'graph-dark.png'],
  ] as const)('renders in %s mode', async (colorScheme, fileName) => {
    const page = await browser.newPage({ viewport: VIEWPORT, colorScheme });
    await openGraph(page, app.baseUrl, `?concept=${deepConcept.id}`);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    if (colorScheme === 'dark') {
      // slate-950 in Tailwind 4 is oklch(12.9% 0.042 264.695), which is lab(1.77 1.33 -9.29).
      // Chromium reports the colour in lab() or oklch() depending on its version.
      expect(background).toMatch(/lab\(1\.7\d* |oklch\(0\.129|rgb\(2, 6, 23\)/);
    } else {
      expect(background).toMatch(/lab\(100 0 0\)|oklch\(1 0 0\)|rgb\(255, 255, 255\)/);
    }
    expect((await readDrawnState(page)).selected).toEqual([deepConcept.id]);
    await page.screenshot({ path: join(RESULTS_DIR, fileName), fullPage: true });
    await page.close();
  });

  describe('history and panel', () => {
    it('comes back with Back after leaving a freshly loaded page', async () => {
      const page = await browser.newPage({ viewport: VIEWPORT });
      await openGraph(page, app.baseUrl, `?concept=${deepConcept.id}`);
      await page.getByRole('link', { name: 'Open concept' }).click();
      await page.waitForURL(`**/concepts/${deepConcept.id}`);
      await page.goBack();
      await page.waitForURL(`**/graph?concept=${deepConcept.id}`);
      await page.waitForSelector(
        `[data-testid="graph-side-panel"][data-concept-id="${deepConcept.id}"]`,
      );
      await expect(page.getByRole('heading', { name: 'Concept graph' }).count()).resolves.toBe(1);
      await page.close();
    });

    it('restores the filters and selection changed on the page', async () => {
      const page = await browser.newPage({ viewport: VIEWPORT });
      await openGraph(page, app.baseUrl);
      await page.locator('label:has(input[name="domain"][value="networking"])').click();
      const networking = idsWhere((concept) => concept.domain === 'networking');
      const chosen = networking[0];
      await page.locator(`#graph-list button[data-concept-id="${chosen}"]`).click();
      await page.waitForURL(`**/graph?domain=networking&concept=${chosen}`);

      await page.getByRole('link', { name: 'Open concept' }).click();
      await page.waitForURL(`**/concepts/${chosen}`);
      await page.goBack();
      await page.waitForURL(`**/graph?domain=networking&concept=${chosen}`);
      await page.waitForSelector(`[data-testid="graph-side-panel"][data-concept-id="${chosen}"]`);
      await expect(page.getByTestId('graph-visible-count').textContent()).resolves.toBe(
        String(networking.length),
      );
      await page.close();
    });

    it('closes the panel with Escape after a click on the graph', async () => {
      const page = await browser.newPage({ viewport: VIEWPORT });
      await openGraph(page, app.baseUrl);
      await clickNode(page, deepConcept.id);
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid="graph-side-panel"][data-concept-id=""]');
      await expect(
        page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
      ).resolves.toBe('graph-canvas');
      await page.close();
    });

    it('points to the details below the graph on a narrow screen', async () => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await openGraph(page, app.baseUrl, `?concept=${deepConcept.id}`);
      const link = page.getByRole('link', { name: `Details of ${deepConcept.title} below` });
      await link.click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.id))
        .toBe('graph-panel-title');
      await page.screenshot({ path: join(RESULTS_DIR, 'graph-narrow-details.png') });
      await page.setViewportSize(VIEWPORT);
      await expect(link.isVisible()).resolves.toBe(false);
      await page.close();
    });

    it('takes clicks after the page above the graph grows', async () => {
      const page = await browser.newPage({ viewport: VIEWPORT });
      await openGraph(page, app.baseUrl);
      const before = await nodeCenterOnPage(page, deepConcept.id);
      // Cytoscape notes the canvas's place on the first pointer event.
      await page.mouse.move(before.x, before.y);
      await page.evaluate(() => {
        // Scroll anchoring would scroll by the new height, and that scroll event alone would
        // tell Cytoscape. At the top of the page there is no anchoring, which is the case here.
        document.documentElement.style.overflowAnchor = 'none';
        const spacer = document.createElement('div');
        spacer.style.height = '80px';
        document.querySelector('[data-testid="graph-visible-count"]')!.closest('p')!.before(spacer);
      });
      // No scroll happens, so only the canvas's own press handler makes Cytoscape see the move.
      const canvas = (await page.getByTestId('graph-canvas').boundingBox())!;
      const rendered = await page.evaluate(
        (id) => window.__cy!.getElementById(id).renderedPosition(),
        deepConcept.id,
      );
      expect(canvas.y + rendered.y - before.y).toBeGreaterThanOrEqual(80);
      await page.mouse.click(canvas.x + rendered.x, canvas.y + rendered.y);
      await page.waitForSelector(
        `[data-testid="graph-side-panel"][data-concept-id="${deepConcept.id}"]`,
      );
      await page.close();
    });

    it('says when the filters hide the selected concept', async () => {
      const page = await browser.newPage({ viewport: VIEWPORT });
      const training = catalogue.find((concept) => concept.domain === 'training')!;
      await openGraph(page, app.baseUrl, `?domain=networking&concept=${training.id}`);
      const notice = page.getByTestId('graph-panel-hidden');
      await expect(notice.textContent()).resolves.toContain('The filters hide this concept');
      await notice.getByRole('button', { name: 'Clear filters' }).click();
      await expect
        .poll(async () => (await readDrawnState(page)).visibleConceptIds)
        .toHaveLength(catalogue.length);
      await expect(notice.count()).resolves.toBe(0);
      await page.close();
    });
  });

  describe('concept page learning plan', () => {
    const planIds = (page: Page) =>
      page.$$eval('[data-testid="learning-plan"] li[data-concept-id]', (items) =>
        items.map((item) => item.getAttribute('data-concept-id')!),
      );

    it('lists every prerequisite in order for a new browser', async () => {
      const page = await browser.newPage({ viewport: VIEWPORT });
      await page.goto(`${app.baseUrl}/concepts/${deepConcept.id}`);
      await page.waitForSelector('[data-testid="learning-plan"][data-progress="none"]');
      expect(await planIds(page)).toEqual(learningPlan(graph, deepConcept.id));
      // Reading the page does not create a learner key.
      await expect(
        page.evaluate((key) => localStorage.getItem(key), LEARNER_KEY_STORAGE),
      ).resolves.toBeNull();
      await page.close();
    });

    it("leaves out the learner's mastered prerequisites", async () => {
      const learnerKey = randomUUID();
      const order = learningPlan(graph, deepConcept.id);
      const mastered = catalogue.find((concept) => concept.id === order[0])!;
      await masterConcepts(app.baseUrl, learnerKey, [mastered.id]);

      const context = await browser.newContext({ viewport: VIEWPORT });
      await context.addInitScript(([storageKey, key]) => localStorage.setItem(storageKey, key), [
        LEARNER_KEY_STORAGE,
        learnerKey,
      ] as const);
      const page = await context.newPage();
      await page.goto(`${app.baseUrl}/concepts/${deepConcept.id}`);
      await page.waitForSelector('[data-testid="learning-plan"][data-progress="loaded"]');
      expect(await planIds(page)).toEqual(order.slice(1));
      await expect(page.getByTestId('learning-plan-skipped').textContent()).resolves.toBe(
        `Left out because you have mastered it: ${mastered.title}.`,
      );
      await context.close();
    });

    it('marks mastered prerequisites in the graph panel', async () => {
      const learnerKey = randomUUID();
      const order = learningPlan(graph, deepConcept.id);
      await masterConcepts(app.baseUrl, learnerKey, [order[0]]);

      const context = await browser.newContext({ viewport: VIEWPORT });
      await context.addInitScript(([storageKey, key]) => localStorage.setItem(storageKey, key), [
        LEARNER_KEY_STORAGE,
        learnerKey,
      ] as const);
      const page = await context.newPage();
      await openGraph(page, app.baseUrl, `?concept=${deepConcept.id}`);
      await page.waitForSelector('[data-testid="graph-panel-plan"] li[data-mastered]');
      const marked = await page.$$eval(
        '[data-testid="graph-panel-plan"] li[data-mastered]',
        (items) => items.map((item) => item.getAttribute('data-concept-id')),
      );
      expect(marked).toEqual([order[0]]);
      await expect(page.locator('#graph-panel-plan').textContent()).resolves.toContain(
        `(${order.length}, 1 mastered)`,
      );
      await context.close();
    });
  });

  describe('before the scripts load', () => {
    it('draws every concept at its saved position, grouped by domain', async () => {
      const page = await browser.newPage({ viewport: VIEWPORT });
      await blockScriptChunks(page);
      await page.goto(`${app.baseUrl}/graph`);
      await waitForPreview(page);

      const drawn = await readPreviewState(page);
      expect(drawn.visibleConceptIds).toEqual(idsWhere(() => true));
      expect(drawn.visibleDomains).toEqual(
        clusters(catalogue)
          .map(({ domain }) => domain)
          .sort(),
      );
      expect(drawn.selected).toEqual([]);
      expect(drawn.dimmed).toEqual([]);
      // Every concept's marker lies inside its domain's outline.
      const outside = await page.evaluate(() =>
        [...document.querySelectorAll('#graph-preview [data-node]')].flatMap((node) => {
          const marker = node.querySelector('use')!.getBoundingClientRect();
          const domain = node.getAttribute('data-domain');
          const group = document
            .querySelector(`#graph-preview [data-group="${domain}"] rect`)!
            .getBoundingClientRect();
          const inside =
            marker.left >= group.left - 0.5 &&
            marker.right <= group.right + 0.5 &&
            marker.top >= group.top - 0.5 &&
            marker.bottom <= group.bottom + 0.5;
          return inside ? [] : [node.getAttribute('data-node')];
        }),
      );
      expect(outside).toEqual([]);
      await page.close();
    });

    it('highlights what lib/knowledge computes for every concept', async () => {
      const page = await browser.newPage({ viewport: VIEWPORT });
      await blockScriptChunks(page);
      await page.goto(`${app.baseUrl}/graph`);
      await waitForPreview(page);

      // A real click on the deepest concept, then a pointer press on each of the others.
      const point = await previewNodePoint(page, deepConcept.id);
      await page.mouse.click(point.x, point.y);
      expect(await readPreviewState(page)).toMatchObject(expectedHighlight(deepConcept.id));
      await page.screenshot({ path: join(RESULTS_DIR, 'graph-preview-highlight.png') });

      for (const concept of catalogue) {
        await page.evaluate((id) => {
          document
            .querySelector(`#graph-preview [data-node="${id}"] use`)!
            .dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, button: 0 }));
        }, concept.id);
        expect(await readPreviewState(page), concept.id).toMatchObject(
          expectedHighlight(concept.id),
        );
      }

      // A click on the background clears the highlight.
      const canvas = (await page.getByTestId('graph-canvas').boundingBox())!;
      await page.mouse.click(canvas.x + 8, canvas.y + 8);
      const cleared = await readPreviewState(page);
      expect(cleared.selected).toEqual([]);
      expect(cleared.dimmed).toEqual([]);
      await page.close();
    });

    it('applies the filters and the concept the address gives', async () => {
      const page = await browser.newPage({ viewport: VIEWPORT });
      await blockScriptChunks(page);
      await page.goto(`${app.baseUrl}/graph?domain=networking&concept=${deepConcept.id}`);
      await waitForPreview(page);
      const drawn = await readPreviewState(page);
      expect(drawn.visibleConceptIds).toEqual(
        idsWhere((concept) => concept.domain === 'networking'),
      );
      expect(drawn.visibleDomains).toEqual(['networking']);
      expect(drawn).toMatchObject(expectedHighlight(deepConcept.id));
      await page.close();
    });

    it('keeps a click made before hydration once Cytoscape takes over', async () => {
      const page = await browser.newPage({ viewport: VIEWPORT });
      page.setDefaultTimeout(15_000);
      // Hold the scripts back for three seconds, so the click lands before React runs.
      await page.route('**/_next/static/chunks/*.js', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        await route.continue();
      });
      // Not waiting for the load event, which waits for the held scripts.
      await page.goto(`${app.baseUrl}/graph`, { waitUntil: 'commit' });
      await waitForPreview(page);
      const point = await previewNodePoint(page, deepConcept.id);
      await page.mouse.click(point.x, point.y);
      expect((await readPreviewState(page)).selected).toEqual([deepConcept.id]);
      await expect(page.evaluate(() => window.__graphReady === true)).resolves.toBe(false);

      await page.waitForFunction(() => window.__graphReady === true);
      await page.waitForSelector(
        `[data-testid="graph-side-panel"][data-concept-id="${deepConcept.id}"]`,
      );
      const drawn = await readDrawnState(page);
      expect(drawn.selected).toEqual([deepConcept.id]);
      expect(drawn.path).toEqual(ancestors(graph, deepConcept.id));
      expect(page.url()).toContain(`concept=${deepConcept.id}`);
      // The preview is gone and the canvas takes the clicks.
      await expect(page.getByTestId('graph-preview').count()).resolves.toBe(0);
      await page.close();
    });
  });
});
