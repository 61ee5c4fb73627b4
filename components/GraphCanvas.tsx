'use client';

import cytoscape from 'cytoscape';
import type {
  Core,
  ElementDefinition,
  LayoutOptions,
  NodeCollection,
  NodeSingular,
} from 'cytoscape';
import { useEffect, useImperativeHandle, useRef, useState, type ReactNode, type Ref } from 'react';

import type { ConceptPath, PrerequisiteEdge } from '@/lib/knowledge/graph';
import { GraphControls } from './GraphControls';
import { FIT_MARGIN_UNITS, FIT_PADDING_PX } from './graph-elements';
import { buildStylesheet, CONCEPT_LABEL_UNITS } from './GraphLegend';

/** `performance.now()` readings of the graph page, in ms since navigation start. */
export interface GraphTimings {
  modulesLoadedAtMs: number;
  /**
   * Start and end of laying out the graph and fitting the view. With positions from the server
   * this is placing the nodes, fitting the view and the style work that fitting needs.
   */
  layoutStartedAtMs: number;
  layoutFinishedAtMs: number;
  /**
   * When `window.__graphReady` was set: the first filters and highlight were applied and the
   * first frame drawn, so the canvas has replaced the preview.
   */
  readyAtMs?: number;
  /** When the highlight of the latest selection was applied to the canvas. */
  selectionAppliedAtMs?: number;
}

declare global {
  interface Window {
    /** Browser-test hook: true once the first layout has finished and the graph takes clicks. */
    __graphReady?: boolean;
    /** Browser-test hook: the Cytoscape instance, to read what is drawn. */
    __cy?: Core;
    __graphTimings?: GraphTimings;
  }
}

/** Imperative controls the page's search box uses. */
export interface GraphCanvasHandle {
  /** Pans (and zooms in, when far out) so that the concept's node sits in the middle. */
  centerOn: (id: string) => void;
}

export interface GraphCanvasProps {
  /**
   * One compound node per domain (class `domain`), one node per concept (class `concept`, data
   * `level`, `label` and `color`) and one edge per prerequisite (id `<source>-><target>`).
   */
  elements: ElementDefinition[];
  /** `preset` when the elements carry positions, else the layout to run in the browser. */
  layout: LayoutOptions;
  /** Concepts left by the filters; the others are hidden. */
  visibleIds: ReadonlySet<string>;
  /** The selected concept's path to highlight, or null for no selection. */
  path: ConceptPath | null;
  dark: boolean;
  reducedMotion: boolean;
  onSelect: (id: string | null) => void;
  /** Id of the element that lists the same concepts for keyboard and screen-reader users. */
  listId: string;
  /**
   * The server-drawn graph to show until Cytoscape has drawn its first frame, or null to show a
   * notice instead (when the layout runs in the browser).
   */
  preview: ReactNode;
  ref?: Ref<GraphCanvasHandle>;
}

/** Zoom level that `centerOn` zooms in to when the view is further out. */
const CENTER_ZOOM = 1.2;
const ZOOM_STEP = 1.25;
const ANIMATION_MS = 250;
/**
 * On-screen font sizes in CSS pixels for domain names and for the labels of the selected and the
 * hovered concept, kept readable at any zoom. Other concept labels keep `CONCEPT_LABEL_UNITS`.
 */
const GROUP_LABEL_PX = 13;
const FOCUS_LABEL_PX = 12;

let fcoseLoading: Promise<void> | undefined;

/**
 * Loads and registers the fcose layout, needed only when the server sent no positions.
 * Cytoscape itself is a static import: this component is used by the graph page alone, and a
 * static import lets the browser fetch Cytoscape alongside the page's other scripts instead of
 * after hydration.
 */
function loadFcose(): Promise<void> {
  fcoseLoading ??= import('cytoscape-fcose').then((module) => {
    cytoscape.use(module.default);
  });
  return fcoseLoading;
}

/**
 * Draws the prerequisite graph with Cytoscape: one group per domain, nodes coloured by domain and
 * shaped by level, edges from prerequisite to dependent. Clicking a node selects it; the
 * selected concept's prerequisite path and direct dependents stay lit and the rest dims.
 */
export function GraphCanvas({
  elements,
  layout,
  visibleIds,
  path,
  dark,
  reducedMotion,
  onSelect,
  listId,
  preview,
  ref,
}: GraphCanvasProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [cy, setCy] = useState<Core | null>(null);
  // The instance whose first frame has been drawn, after which the preview is removed.
  const [drawnCy, setDrawnCy] = useState<Core | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const onSelectRef = useRef(onSelect);
  const darkRef = useRef(dark);
  const animateRef = useRef(!reducedMotion);
  // The scheme the instance is styled for, and whether the filters were applied once.
  const styledDarkRef = useRef<boolean | null>(null);
  const filteredOnceRef = useRef(false);

  useEffect(() => {
    onSelectRef.current = onSelect;
    darkRef.current = dark;
    animateRef.current = !reducedMotion;
  });

  useEffect(() => {
    let cancelled = false;
    let instance: Core | undefined;
    const start = async () => {
      if (layout.name !== 'preset') await loadFcose();
      const container = containerRef.current;
      if (cancelled || !container) return;

      const modulesLoadedAtMs = performance.now();
      styledDarkRef.current = darkRef.current;
      filteredOnceRef.current = false;
      const created = cytoscape({
        container,
        elements,
        style: buildStylesheet(darkRef.current),
        layout: { name: 'preset', fit: false },
        minZoom: 0.1,
        maxZoom: 4,
        boxSelectionEnabled: false,
        autounselectify: true,
      });
      instance = created;

      const layoutStartedAtMs = performance.now();
      if (layout.name !== 'preset') created.layout(layout).run();
      created.viewport(fittedViewport(created, created.nodes()));
      scaleLabels(created);
      bindEvents(created, container, (id) => onSelectRef.current(id));
      window.__graphTimings = {
        modulesLoadedAtMs,
        layoutStartedAtMs,
        layoutFinishedAtMs: performance.now(),
      };
      window.__cy = created;
      setCy(created);
    };
    start().catch((error: unknown) => {
      if (!cancelled) setLoadError((error as Error).message);
    });
    return () => {
      cancelled = true;
      instance?.destroy();
      window.__graphReady = false;
      window.__cy = undefined;
    };
  }, [elements, layout]);

  useEffect(() => {
    if (!cy || styledDarkRef.current === dark) return;
    cy.style(buildStylesheet(dark));
    styledDarkRef.current = dark;
  }, [cy, dark]);

  // Fits the view to what the filters leave. The instance starts fitted to every concept, and
  // only later filter changes animate.
  useEffect(() => {
    if (!cy) return;
    const firstRun = !filteredOnceRef.current;
    filteredOnceRef.current = true;
    const allVisible = cy
      .nodes('.concept')
      .toArray()
      .every((node) => visibleIds.has(node.id()));
    if (firstRun && allVisible) return;

    applyVisibility(cy, visibleIds);
    const visibleNodes = cy.nodes().not('.filtered');
    if (visibleNodes.empty()) return;
    moveViewport(cy, fittedViewport(cy, visibleNodes), !firstRun && animateRef.current);
  }, [cy, visibleIds]);

  useEffect(() => {
    if (!cy) return;
    if (path || cy.elements('.selected-concept').nonempty()) {
      applyHighlight(cy, path);
      scaleLabels(cy);
    }
    if (window.__graphTimings) window.__graphTimings.selectionAppliedAtMs = performance.now();
  }, [cy, path]);

  // Declared last so that it runs after the filter and highlight effects of the same commit.
  // Cytoscape draws in an animation frame it requested when it was created. By the second frame
  // from here the canvas shows these changes, so the preview can go.
  useEffect(() => {
    if (!cy) return;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => setDrawnCy(cy));
    });
    return () => cancelAnimationFrame(frame);
  }, [cy]);

  useEffect(() => {
    if (!drawnCy || drawnCy !== cy) return;
    if (window.__graphTimings) window.__graphTimings.readyAtMs = performance.now();
    window.__graphReady = true;
  }, [cy, drawnCy]);

  useImperativeHandle(
    ref,
    () => ({
      centerOn(id) {
        const node = cy?.getElementById(id);
        if (!cy || !node || node.empty() || node.hasClass('filtered')) return;
        // Centre the node's own position: its bounding box, which `cy.center` uses, includes
        // the label below it.
        const zoom = Math.max(cy.zoom(), CENTER_ZOOM);
        const { x, y } = node.position();
        const pan = { x: cy.width() / 2 - x * zoom, y: cy.height() / 2 - y * zoom };
        moveViewport(cy, { zoom, pan }, animateRef.current);
      },
    }),
    [cy],
  );

  const zoomBy = (factor: number) => {
    if (!cy) return;
    const level = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor));
    cy.zoom({ level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  };
  const fitShown = () => {
    if (!cy) return;
    moveViewport(cy, fittedViewport(cy, cy.nodes().not('.filtered')), animateRef.current);
  };

  return (
    <div
      className="relative"
      // Cytoscape keeps the canvas's place on the page until a scroll or a resize. Text that
      // changes height above the graph would otherwise shift every press and wheel turn.
      onPointerDownCapture={() => forgetContainerPlace(cy)}
      onPointerEnter={() => forgetContainerPlace(cy)}
      onWheelCapture={() => forgetContainerPlace(cy)}
    >
      <div
        ref={containerRef}
        role="img"
        // Focusable from script only, so closing the side panel can return focus here.
        tabIndex={-1}
        aria-label={`Prerequisite graph of ${visibleIds.size} concepts, grouped by domain. The list view below holds the same concepts.`}
        aria-describedby={listId}
        data-testid="graph-canvas"
        data-ready={cy && drawnCy === cy ? 'true' : 'false'}
        className="h-[70vh] min-h-[420px] w-full rounded-lg border border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900"
      />
      {!cy || drawnCy !== cy ? preview : null}
      {!cy && !preview && !loadError && (
        <p className="absolute inset-0 flex items-center justify-center text-sm text-slate-500">
          Drawing the graph…
        </p>
      )}
      {loadError && (
        <p
          role="alert"
          className="absolute inset-x-4 top-4 rounded bg-rose-50 p-3 text-sm text-rose-900 dark:bg-rose-950 dark:text-rose-100"
        >
          The graph could not be drawn ({loadError}). The list view below still works.
        </p>
      )}
      <GraphControls
        onZoomIn={() => zoomBy(ZOOM_STEP)}
        onZoomOut={() => zoomBy(1 / ZOOM_STEP)}
        onFit={fitShown}
        onPan={(x, y) => cy?.panBy({ x, y })}
        disabled={!cy}
      />
    </div>
  );
}

/** Makes Cytoscape read the canvas's position on the page again at its next pointer event. */
function forgetContainerPlace(cy: Core | null): void {
  // Neither `renderer()` nor its cache of the container's client rectangle is in the typings.
  const withRenderer = cy as unknown as {
    renderer?: () => { invalidateContainerClientCoordsCache?: () => void } | undefined;
  } | null;
  withRenderer?.renderer?.()?.invalidateContainerClientCoordsCache?.();
}

function edgeId(edge: PrerequisiteEdge): string {
  return `${edge.source}->${edge.target}`;
}

function bindEvents(cy: Core, container: HTMLElement, select: (id: string | null) => void): void {
  cy.on('tap', 'node.concept', (event) => select((event.target as NodeSingular).id()));
  // A tap on the background or on a domain group's empty area clears the selection.
  cy.on('tap', (event) => {
    if (event.target === cy) select(null);
  });
  cy.on('tap', 'node.domain', () => select(null));

  cy.on('mouseover', 'node.concept', (event) => {
    container.style.cursor = 'pointer';
    (event.target as NodeSingular).addClass('hovered');
    scaleLabels(cy);
  });
  cy.on('mouseout', 'node.concept', (event) => {
    container.style.cursor = '';
    (event.target as NodeSingular).removeClass('hovered');
    scaleLabels(cy);
  });

  let frame = 0;
  cy.on('zoom', () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      if (!cy.destroyed()) scaleLabels(cy);
    });
  });
}

/**
 * Sizes domain names and the labels of the selected and the hovered concept so that they keep the
 * same size on screen at any zoom, never smaller than their size in graph units.
 */
function scaleLabels(cy: Core): void {
  const zoom = cy.zoom();
  const groupFont = Math.max(GROUP_LABEL_PX, GROUP_LABEL_PX / zoom);
  const focusFont = Math.max(CONCEPT_LABEL_UNITS, FOCUS_LABEL_PX / zoom);
  cy.batch(() => {
    cy.nodes('.domain').style('font-size', groupFont);
    // Only the few focused labels carry a style of their own, so touch just those: clearing
    // every concept's style costs a style pass over the whole graph.
    const focused = cy.nodes('.concept.selected-concept, .concept.hovered');
    cy.nodes('.concept.scaled-label')
      .not(focused)
      .removeStyle('font-size text-max-width min-zoomed-font-size')
      .removeClass('scaled-label');
    focused
      .style({
        'font-size': focusFont,
        'text-max-width': `${focusFont * 14}px`,
        'min-zoomed-font-size': 0,
      })
      .addClass('scaled-label');
  });
}

/** Hides concepts outside `visibleIds`, and each domain group left with no concept. */
function applyVisibility(cy: Core, visibleIds: ReadonlySet<string>): void {
  cy.batch(() => {
    cy.nodes('.concept').forEach((node) => {
      node.toggleClass('filtered', !visibleIds.has(node.id()));
    });
    cy.nodes('.domain').forEach((group) => {
      const empty = !group
        .children()
        .toArray()
        .some((child) => visibleIds.has(child.id()));
      group.toggleClass('filtered', empty);
    });
  });
}

/**
 * Marks the selected concept, its ancestors, its direct dependents and the edges among them, and
 * dims every other concept and edge. A null path clears all marks.
 */
function applyHighlight(cy: Core, path: ConceptPath | null): void {
  cy.batch(() => {
    cy.elements().removeClass('selected-concept path dependent path-edge dependent-edge dimmed');
    if (!path) return;
    const ancestorIds = new Set(path.plan);
    const dependentIds = new Set(path.dependents);
    const pathEdgeIds = new Set(path.edges.map(edgeId));
    cy.nodes('.concept').forEach((node) => {
      const id = node.id();
      if (id === path.conceptId) node.addClass('selected-concept');
      else if (ancestorIds.has(id)) node.addClass('path');
      else if (dependentIds.has(id)) node.addClass('dependent');
      else node.addClass('dimmed');
    });
    cy.edges().forEach((edge) => {
      const fromSelected = edge.source().id() === path.conceptId;
      if (pathEdgeIds.has(edge.id())) edge.addClass('path-edge');
      else if (fromSelected && dependentIds.has(edge.target().id()))
        edge.addClass('dependent-edge');
      else edge.addClass('dimmed');
    });
  });
}

interface Viewport {
  zoom: number;
  pan: { x: number; y: number };
}

/**
 * Returns the viewport that shows every concept of `nodes`, computed from their positions.
 * `cy.fit` measures every label first, which took 1.6 to 3.3 s for 2,000 concepts in headless
 * Chromium. Positions with a fixed margin take a few milliseconds.
 */
function fittedViewport(cy: Core, nodes: NodeCollection): Viewport {
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  nodes.forEach((node) => {
    if (!node.hasClass('concept')) return;
    const { x, y } = node.position();
    [x1, y1, x2, y2] = [Math.min(x1, x), Math.min(y1, y), Math.max(x2, x), Math.max(y2, y)];
  });
  if (x1 > x2) return { zoom: cy.zoom(), pan: cy.pan() };
  [x1, y1, x2, y2] = [
    x1 - FIT_MARGIN_UNITS,
    y1 - FIT_MARGIN_UNITS,
    x2 + FIT_MARGIN_UNITS,
    y2 + FIT_MARGIN_UNITS,
  ];
  const width = Math.max(1, cy.width() - 2 * FIT_PADDING_PX);
  const height = Math.max(1, cy.height() - 2 * FIT_PADDING_PX);
  const zoom = Math.min(
    cy.maxZoom(),
    Math.max(cy.minZoom(), Math.min(width / (x2 - x1), height / (y2 - y1))),
  );
  return {
    zoom,
    pan: {
      x: cy.width() / 2 - ((x1 + x2) / 2) * zoom,
      y: cy.height() / 2 - ((y1 + y2) / 2) * zoom,
    },
  };
}

/** Moves the view, animated unless the reader prefers reduced motion. */
function moveViewport(cy: Core, change: Viewport, animate: boolean): void {
  cy.stop(true, false);
  if (animate) {
    cy.animate(change, { duration: ANIMATION_MS, easing: 'ease-in-out-cubic' });
    return;
  }
  cy.viewport(change);
}
