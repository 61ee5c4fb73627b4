// Time to an interactive graph page. Headless Chromium opens /graph of the production app in a
// fresh context, so nothing is cached, and waits until the server-drawn graph has been painted.
// It then clicks a concept with a long prerequisite path and waits for the highlight. The figure
// is the time from navigation start to that paint, plus the time from click to highlight. The
// run then waits for Cytoscape to replace the drawing, which adds zoom and pan, and records when.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { ancestors, buildGraph } from '../../lib/knowledge/graph';
import type { Concept } from '../../lib/knowledge/types';
import { fromRoot } from '../../lib/paths';
import type { GraphTimings } from '../../components/GraphCanvas';
import { launchBrowser } from '../../tests/helpers/browser';
import { timeFirstClick, type FirstClickTiming } from '../../tests/helpers/graph-preview';
import { startApp } from '../../tests/helpers/server';
import { writeContentDir } from './generated-catalogue';

const VIEWPORT = { width: 1280, height: 900 };

export interface GraphRun extends FirstClickTiming {
  /** When Cytoscape had replaced the server-drawn graph, in ms since navigation start. */
  canvasReadyAtMs: number;
  /** Bytes of the page's HTML, uncompressed. */
  htmlBytes: number;
}

export interface GraphMeasurement {
  concepts: number;
  /** Seconds `scripts/layout-graph.ts` took to lay the graph out ahead of time. */
  layoutSeconds: number;
  runs: GraphRun[];
}

type GraphWindow = Window & { __graphReady?: boolean; __graphTimings?: GraphTimings };

/**
 * Opens /graph `runs` times against an app seeded with `concepts` and returns each run's timings.
 * The catalogue is written to a scratch content folder and its positions are computed ahead of
 * time by `scripts/layout-graph.ts`, as `npm run content:build` does for the shipped catalogue.
 */
export async function measureGraphPage(
  concepts: readonly Concept[],
  runs: number,
): Promise<GraphMeasurement> {
  const contentDir = mkdtempSync(join(tmpdir(), 'infra-learn-graph-'));
  writeContentDir(concepts, contentDir);
  const layoutStartedAtMs = performance.now();
  execFileSync(fromRoot('node_modules', '.bin', 'tsx'), ['scripts/layout-graph.ts', contentDir], {
    cwd: fromRoot(),
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const layoutSeconds = (performance.now() - layoutStartedAtMs) / 1000;

  const app = await startApp({ CONTENT_DIR: contentDir });
  let browser: Browser | undefined;
  try {
    // The first request seeds the database and reads the saved positions; later ones do neither.
    const warm = await fetch(`${app.baseUrl}/graph`);
    if (warm.status !== 200) throw new Error(`GET /graph returned status ${warm.status}`);
    await warm.text();

    browser = await launchBrowser();
    const target = deepestConcept(concepts);
    const measured: GraphRun[] = [];
    for (let run = 0; run < runs; run += 1) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      measured.push(await timeOneLoad(page, app.baseUrl, target));
      await context.close();
    }
    return { concepts: concepts.length, layoutSeconds, runs: measured };
  } finally {
    await browser?.close();
    await app.stop();
    rmSync(contentDir, { recursive: true, force: true });
  }
}

/** Returns the concept with the most ancestors among those that other concepts build on. */
function deepestConcept(concepts: readonly Concept[]): string {
  const graph = buildGraph([...concepts]);
  return [...concepts]
    .filter((concept) => (graph.dependents.get(concept.id) ?? []).length > 0)
    .sort((a, b) => ancestors(graph, b.id).length - ancestors(graph, a.id).length)[0].id;
}

async function timeOneLoad(page: Page, baseUrl: string, conceptId: string): Promise<GraphRun> {
  const response = await page.goto(`${baseUrl}/graph`, { waitUntil: 'commit' });
  if (response?.status() !== 200) throw new Error(`/graph returned status ${response?.status()}`);
  const preview = await timeFirstClick(page, conceptId);
  await page.waitForFunction(() => (window as GraphWindow).__graphReady === true);
  const canvasReadyAtMs = await page.evaluate(
    () => (window as GraphWindow).__graphTimings!.readyAtMs!,
  );
  const htmlBytes = (await response.body()).length;
  return { ...preview, canvasReadyAtMs, htmlBytes };
}
