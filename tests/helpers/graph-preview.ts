import type { Page } from 'playwright-core';

/** What the server-drawn graph shows, read from its SVG. */
export interface PreviewState {
  /** Concepts drawn and not hidden by a filter, sorted. */
  visibleConceptIds: string[];
  /** Domains whose group is drawn, sorted. */
  visibleDomains: string[];
  selected: string[];
  path: string[];
  dependents: string[];
  dimmed: string[];
  pathEdges: string[];
  dependentEdges: string[];
}

/** Waits until the preview's script has run and the frame that shows it has been painted. */
export async function waitForPreview(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__graphPreviewTimings?.drawnAtMs !== undefined);
}

export function readPreviewState(page: Page): Promise<PreviewState> {
  return page.evaluate(() => {
    const svg = document.getElementById('graph-preview')!;
    const isDisplayed = (element: Element) => getComputedStyle(element).display !== 'none';
    const nodes = [...svg.querySelectorAll('[data-node]')];
    const edges = [...svg.querySelectorAll('[data-edge]')];
    const nodeIds = (keep: (node: Element) => boolean) =>
      nodes
        .filter(keep)
        .map((node) => node.getAttribute('data-node')!)
        .sort();
    const edgeIds = (state: string) =>
      edges
        .filter((edge) => edge.getAttribute('data-state') === state)
        .map((edge) => `${edge.getAttribute('data-source')}->${edge.getAttribute('data-target')}`)
        .sort();
    const inState = (state: string) => (node: Element) => node.getAttribute('data-state') === state;
    return {
      visibleConceptIds: nodeIds(isDisplayed),
      visibleDomains: [...svg.querySelectorAll('[data-group]')]
        .filter(isDisplayed)
        .map((group) => group.getAttribute('data-group')!)
        .sort(),
      selected: nodeIds(inState('selected')),
      path: nodeIds(inState('path')),
      dependents: nodeIds(inState('dependent')),
      dimmed: nodeIds(inState('dimmed')),
      pathEdges: edgeIds('path'),
      dependentEdges: edgeIds('dependent'),
    };
  });
}

/**
 * Returns a point in the page where a click lands on the concept's marker in the preview: its
 * centre, or the nearest point of a 5 × 5 grid over the marker that no other node covers.
 */
export async function previewNodePoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  const found = await page.evaluate(findPreviewPoint, { conceptId: id, timeClick: false });
  if (found === 'no preview') throw new Error('the page shows no server-drawn graph');
  if (found === 'covered') {
    throw new Error(`no point of concept ${id}'s marker in the preview takes a click`);
  }
  return found;
}

/**
 * Runs in the page: finds where a click lands on the concept's marker in the preview. With
 * `timeClick`, it also records the time stamp of the next pointer press as `pointerDownAtMs`.
 * Playwright sends this function's source to the page, so it uses nothing from outside it.
 */
function findPreviewPoint({
  conceptId,
  timeClick,
}: {
  conceptId: string;
  timeClick: boolean;
}): { x: number; y: number } | 'no preview' | 'covered' {
  if (timeClick) {
    document.addEventListener(
      'pointerdown',
      (event) => {
        (window as { pointerDownAtMs?: number }).pointerDownAtMs = event.timeStamp;
      },
      { capture: true, once: true },
    );
  }
  const marker = document.querySelector(`#graph-preview [data-node="${conceptId}"] use`);
  if (!marker) return 'no preview';
  marker.scrollIntoView({ block: 'center' });
  const box = marker.getBoundingClientRect();
  const candidates: { x: number; y: number; distance: number }[] = [];
  for (let i = 0; i < 5; i += 1) {
    for (let j = 0; j < 5; j += 1) {
      const x = box.left + (box.width * (i + 0.5)) / 5;
      const y = box.top + (box.height * (j + 0.5)) / 5;
      candidates.push({ x, y, distance: Math.hypot(i - 2, j - 2) });
    }
  }
  candidates.sort((a, b) => a.distance - b.distance);
  const hit = candidates.find(
    ({ x, y }) =>
      document.elementFromPoint(x, y)?.closest('[data-node]')?.getAttribute('data-node') ===
      conceptId,
  );
  return hit ? { x: hit.x, y: hit.y } : 'covered';
}

/** Timings of one load of the graph page, in ms since navigation start unless named otherwise. */
export interface FirstClickTiming {
  /** When the frame that shows the server-drawn graph had been painted. */
  drawnAtMs: number;
  /**
   * From the pointer going down on the concept (the input event's own time stamp, so time spent
   * waiting for a busy main thread counts) to its path being highlighted.
   */
  clickToHighlightMs: number;
  /**
   * The time to a drawn graph that highlights a click: `drawnAtMs + clickToHighlightMs`, or, when
   * Cytoscape took the click, the time it replaced the drawing plus `clickToHighlightMs`.
   */
  interactiveMs: number;
  /** The drawing that took the click: the server's, or Cytoscape's once it had replaced it. */
  takenBy: 'preview' | 'canvas';
}

/** The highlight that followed a timed click, as read in the page. */
interface ClickResult {
  takenBy: 'preview' | 'canvas';
  appliedAtMs: number;
  downAtMs: number;
}

/**
 * Waits for the server-drawn graph on a page that is loading /graph, clicks concept `id` with
 * the mouse as soon as it is painted, waits for the highlight, and returns the timings. On a
 * busy machine Cytoscape can replace the drawing before the click lands. The click then goes to
 * the same point of the same view on the canvas, and the time counts from Cytoscape's first frame.
 */
export async function timeFirstClick(page: Page, id: string): Promise<FirstClickTiming> {
  await waitForPreview(page);

  // One round trip from the paint to the click: finding the point also arms the timer.
  const found = await page.evaluate(findPreviewPoint, { conceptId: id, timeClick: true });
  if (found === 'covered') {
    throw new Error(`no point of concept ${id}'s marker in the preview takes a click`);
  }
  const point = found === 'no preview' ? await canvasNodePoint(page, id) : found;
  await page.mouse.click(point.x, point.y);

  const handle = await page.waitForFunction(readClickResult, id).catch(async (error: Error) => {
    const state = await page.evaluate(describeClickState);
    throw new Error(
      `${error.message}; clicked ${JSON.stringify(point)}, page state ${JSON.stringify(state)}`,
    );
  });
  const result = (await handle.jsonValue()) as ClickResult;

  const { drawnAtMs, canvasReadyAtMs } = await page.evaluate(() => ({
    drawnAtMs: window.__graphPreviewTimings!.drawnAtMs!,
    canvasReadyAtMs: window.__graphTimings?.readyAtMs,
  }));
  const clickToHighlightMs = result.appliedAtMs - result.downAtMs;
  const clickableAtMs = result.takenBy === 'preview' ? drawnAtMs : canvasReadyAtMs!;
  return {
    drawnAtMs,
    clickToHighlightMs,
    interactiveMs: clickableAtMs + clickToHighlightMs,
    takenBy: result.takenBy,
  };
}

/**
 * Runs in the page: returns the highlight of concept `conceptId` that followed the timed press,
 * from the preview or from Cytoscape, or false while there is none yet.
 */
function readClickResult(conceptId: string): ClickResult | false {
  const downAtMs = (window as { pointerDownAtMs?: number }).pointerDownAtMs;
  if (downAtMs === undefined) return false;

  const preview = window.__graphPreviewTimings;
  if (preview?.selectedId === conceptId && preview.selectionAppliedAtMs! >= downAtMs) {
    return { takenBy: 'preview', appliedAtMs: preview.selectionAppliedAtMs!, downAtMs };
  }
  const panel = document.querySelector('[data-testid="graph-side-panel"]');
  const canvasAppliedAtMs = window.__graphTimings?.selectionAppliedAtMs;
  const panelShowsConcept = panel?.getAttribute('data-concept-id') === conceptId;
  if (panelShowsConcept && canvasAppliedAtMs && canvasAppliedAtMs >= downAtMs) {
    return { takenBy: 'canvas', appliedAtMs: canvasAppliedAtMs, downAtMs };
  }
  return false;
}

/** Runs in the page: returns the timings and selection, for the message of a timed-out click. */
function describeClickState() {
  return {
    pointerDownAtMs: (window as { pointerDownAtMs?: number }).pointerDownAtMs,
    preview: window.__graphPreviewTimings,
    canvas: window.__graphTimings,
    panel: document
      .querySelector('[data-testid="graph-side-panel"]')
      ?.getAttribute('data-concept-id'),
    previewDisplayed: document.getElementById('graph-preview') !== null,
  };
}

/** Returns the page coordinates of a concept's centre on the Cytoscape canvas. */
async function canvasNodePoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  await page.waitForFunction(() => window.__graphReady === true);
  // Cytoscape reads the canvas's place on the page again after a scroll, so let two frames pass
  // before clicking.
  await page.evaluate(async () => {
    document.querySelector('[data-testid="graph-canvas"]')!.scrollIntoView({ block: 'center' });
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
  return page.evaluate((conceptId) => {
    const box = document.querySelector('[data-testid="graph-canvas"]')!.getBoundingClientRect();
    const position = window.__cy!.getElementById(conceptId).renderedPosition();
    return { x: box.left + position.x, y: box.top + position.y };
  }, id);
}
