/**
 * The script that makes the server-drawn graph highlight clicks before React and Cytoscape load.
 * The page inlines it right after the preview's SVG, so it runs as soon as the graph is parsed.
 * It reads the prerequisites from the SVG's `data-prereqs` attributes and marks each node and edge
 * with `data-state` (`selected`, `path`, `dependent` or `dimmed`), the same sets that
 * `prerequisitePath` in lib/knowledge gives and `GraphCanvas` highlights.
 */

import { CONCEPT_LABEL_UNITS, MIN_LABEL_PX } from './GraphLegend';

/** Window event the preview dispatches on a press; `detail` is the concept id or null. */
export const PREVIEW_SELECT_EVENT = 'graph-preview-select';

/** Id of the preview's SVG element. */
export const PREVIEW_SVG_ID = 'graph-preview';

/** Options of the inline script, taken from the page's modules and passed in as JSON. */
export interface PreviewScriptOptions {
  svgId: string;
  eventName: string;
  /** Concept label size in graph units. */
  labelUnits: number;
  /** Screen font size below which Cytoscape hides concept labels, in CSS pixels. */
  minLabelPx: number;
}

/** `performance.now()` readings of the preview, in ms since navigation start. */
export interface GraphPreviewTimings {
  /** When the script had read the graph and taken clicks. */
  installedAtMs: number;
  /** When the frame that shows the preview had been painted. */
  drawnAtMs?: number;
  /** When the highlight of the latest click had been applied. */
  selectionAppliedAtMs?: number;
  /** The concept the latest click selected, or null when it cleared the selection. */
  selectedId?: string | null;
}

declare global {
  interface Window {
    /**
     * The installed preview: its SVG, and a function that highlights a concept's path (null
     * clears it), for the React page to call.
     */
    __graphPreview?: { svg: Element; highlight: (id: string | null) => void };
    /** The concept last clicked in the preview, or null when a click cleared the selection. */
    __graphPreviewSelection?: string | null;
    __graphPreviewTimings?: GraphPreviewTimings;
  }
}

/**
 * Installs the preview's click handling on the SVG `svgId`. The page inlines this function's
 * source, so it must use nothing from outside its body: no imports, no module constants.
 */
export function installGraphPreview(options: PreviewScriptOptions): void {
  const svg = document.getElementById(options.svgId);
  // The inline script installs it on a full page load; React installs it after a client-side
  // navigation, where it renders the script element without running it.
  if (!svg || (window.__graphPreview && window.__graphPreview.svg === svg)) return;
  const nodes = Array.prototype.slice.call(svg.querySelectorAll('[data-node]')) as Element[];
  const edges = Array.prototype.slice.call(svg.querySelectorAll('[data-edge]')) as Element[];
  const prereqs: Record<string, string[]> = {};
  const dependents: Record<string, string[]> = {};
  nodes.forEach((node) => {
    const id = node.getAttribute('data-node')!;
    prereqs[id] = (node.getAttribute('data-prereqs') || '').split(' ').filter(Boolean);
    dependents[id] = dependents[id] || [];
    prereqs[id].forEach((prereq) => {
      (dependents[prereq] = dependents[prereq] || []).push(id);
    });
  });

  function highlight(id: string | null): void {
    if (id === null || !prereqs[id]) {
      nodes.concat(edges).forEach((element) => element.removeAttribute('data-state'));
      return;
    }
    const onPath: Record<string, boolean> = {};
    const stack = prereqs[id].slice();
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (onPath[next]) continue;
      onPath[next] = true;
      stack.push(...(prereqs[next] || []));
    }
    const isDependent: Record<string, boolean> = {};
    dependents[id].forEach((dependent) => (isDependent[dependent] = true));
    nodes.forEach((node) => {
      const nodeId = node.getAttribute('data-node')!;
      let state = 'dimmed';
      if (nodeId === id) state = 'selected';
      else if (onPath[nodeId]) state = 'path';
      else if (isDependent[nodeId]) state = 'dependent';
      node.setAttribute('data-state', state);
    });
    edges.forEach((edge) => {
      const target = edge.getAttribute('data-target')!;
      const source = edge.getAttribute('data-source');
      let state = 'dimmed';
      if (target === id || onPath[target]) state = 'path';
      else if (source === id) state = 'dependent';
      edge.setAttribute('data-state', state);
    });
  }

  const timings: GraphPreviewTimings = { installedAtMs: performance.now() };
  window.__graphPreviewTimings = timings;
  window.__graphPreview = { svg, highlight };

  // The listener acts on the press, not the click: Cytoscape can replace the drawing while the
  // button is down, and the release would then land on the canvas and the click be lost. It
  // listens on the window in the capture phase, ahead of React, which stops the propagation of
  // presses on parts of the page it has not hydrated yet. A press anywhere in the SVG's box,
  // the margin around the graph included, counts.
  const box = svg.parentElement || svg;
  function onPress(event: PointerEvent): void {
    if (!box.isConnected) {
      window.removeEventListener('pointerdown', onPress, true);
      return;
    }
    const target = event.target as Element | null;
    if (event.button !== 0 || !target || !box.contains(target)) return;
    const node = target.closest('[data-node]');
    const id = node ? node.getAttribute('data-node') : null;
    highlight(id);
    timings.selectionAppliedAtMs = performance.now();
    timings.selectedId = id;
    window.__graphPreviewSelection = id;
    window.dispatchEvent(new CustomEvent(options.eventName, { detail: id }));
  }
  window.addEventListener('pointerdown', onPress, true);

  // Cytoscape keeps domain names at 13 px on screen and hides concept labels under 7 px. The
  // SVG scales with its box, so the script gives CSS the size of one graph unit on screen.
  function fitLabels(): void {
    if (!svg!.isConnected) {
      window.removeEventListener('resize', fitLabels);
      return;
    }
    const matrix = (svg as unknown as SVGSVGElement).getScreenCTM();
    const scale = matrix && matrix.a > 0 ? matrix.a : 1;
    svg!.style.setProperty('--graph-unit-px', String(1 / scale));
    svg!.setAttribute(
      'data-labels',
      options.labelUnits * scale < options.minLabelPx ? 'hidden' : 'shown',
    );
  }
  fitLabels();
  window.addEventListener('resize', fitLabels);

  const initial = svg.getAttribute('data-initial-concept');
  if (initial) highlight(initial);

  // A task queued from inside an animation frame runs once that frame has been painted.
  requestAnimationFrame(() => {
    setTimeout(() => {
      timings.drawnAtMs = performance.now();
    }, 0);
  });
}

/** The options of the page's preview. */
export const PREVIEW_OPTIONS: PreviewScriptOptions = {
  svgId: PREVIEW_SVG_ID,
  eventName: PREVIEW_SELECT_EVENT,
  labelUnits: CONCEPT_LABEL_UNITS,
  minLabelPx: MIN_LABEL_PX,
};

/** Returns the inline script that installs the preview on the SVG `PREVIEW_SVG_ID`. */
export function graphPreviewScript(): string {
  return `(${installGraphPreview.toString()})(${JSON.stringify(PREVIEW_OPTIONS)});`;
}
