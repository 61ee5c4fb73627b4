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
    const shown = (element: Element) => getComputedStyle(element).display !== 'none';
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
      visibleConceptIds: nodeIds(shown),
      visibleDomains: [...svg.querySelectorAll('[data-group]')]
        .filter(shown)
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
  const point = await page.evaluate((conceptId) => {
    const marker = document.querySelector(`#graph-preview [data-node="${conceptId}"] use`);
    if (!marker) return null;
    marker.scrollIntoView({ block: 'center' });
    const box = marker.getBoundingClientRect();
    const candidates: { x: number; y: number; distance: number }[] = [];
    for (let i = 0; i < 5; i += 1) {
      for (let j = 0; j < 5; j += 1) {
        const x = box.left + (box.width * (i + 0.5)) / 5;
        const y = box.top + (box.height * (j + 0.5)) / 5;
        const distance = Math.hypot(i - 2, j - 2);
        candidates.push({ x, y, distance });
      }
    }
    candidates.sort((a, b) => a.distance - b.distance);
    return (
      candidates.find(
        ({ x, y }) =>
          document.elementFromPoint(x, y)?.closest('[data-node]')?.getAttribute('data-node') ===
          conceptId,
      ) ?? null
    );
  }, id);
  if (!point) {
    const covering = await page.evaluate((conceptId) => {
      const box = document
        .querySelector(`#graph-preview [data-node="${conceptId}"] use`)
        ?.getBoundingClientRect();
      const hit = box && document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      return hit ? hit.outerHTML.slice(0, 120) : 'nothing';
    }, id);
    throw new Error(
      `no point of concept ${id}'s marker in the preview takes a click; its centre hits ${covering}`,
    );
  }
  return { x: point.x, y: point.y };
}

/** Timings of one load of the graph page, in ms since navigation start unless named otherwise. */
export interface PreviewClickTiming {
  /** When the frame that shows the server-drawn graph had been painted. */
  drawnAtMs: number;
  /** From the pointer going down on the concept to its path being highlighted. */
  clickToHighlightMs: number;
  /** `drawnAtMs + clickToHighlightMs`: the time to a drawn graph that answers a click. */
  interactiveMs: number;
}

/**
 * Waits for the server-drawn graph on a page that is loading /graph, clicks concept `id` on it
 * with the mouse, waits for the highlight, and returns the timings.
 */
export async function timePreviewClick(page: Page, id: string): Promise<PreviewClickTiming> {
  await waitForPreview(page);
  const { x, y } = await previewNodePoint(page, id);
  await page.evaluate(() => {
    document.addEventListener(
      'pointerdown',
      () => {
        (window as { pointerDownAtMs?: number }).pointerDownAtMs = performance.now();
      },
      { capture: true, once: true },
    );
  });
  await page.mouse.click(x, y);
  // Cytoscape may replace the preview right after the click, so read the time it recorded.
  await page.waitForFunction(
    () => window.__graphPreviewTimings?.selectionAppliedAtMs !== undefined,
  );
  const selected = await page.evaluate(() => window.__graphPreviewTimings!.selectedId);
  if (selected !== id) throw new Error(`the click selected ${selected}, not concept ${id}`);
  const read = await page.evaluate(() => ({
    drawnAtMs: window.__graphPreviewTimings!.drawnAtMs!,
    appliedAtMs: window.__graphPreviewTimings!.selectionAppliedAtMs!,
    pointerDownAtMs: (window as { pointerDownAtMs?: number }).pointerDownAtMs!,
  }));
  const clickToHighlightMs = read.appliedAtMs - read.pointerDownAtMs;
  return {
    drawnAtMs: read.drawnAtMs,
    clickToHighlightMs,
    interactiveMs: read.drawnAtMs + clickToHighlightMs,
  };
}
