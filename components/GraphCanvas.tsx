'use client';

import type cytoscape from 'cytoscape';
import type { Core, ElementDefinition, LayoutOptions, NodeSingular } from 'cytoscape';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';

import type { ConceptPath, PrerequisiteEdge } from '@/lib/knowledge/graph';
import { GraphControls } from './GraphControls';
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
  /** When `window.__graphReady` was set, after the first filters and highlight were applied. */
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
  ref?: Ref<GraphCanvasHandle>;
}

/** Space kept around the graph when it is fitted to the canvas, in CSS pixels. */
const FIT_PADDING_PX = 24;
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

let cytoscapeLoading: Promise<typeof cytoscape> | undefined;
let coseBilkentLoading: Promise<void> | undefined;

/** Loads Cytoscape once per page, so that only this page downloads it. */
function loadCytoscape(): Promise<typeof cytoscape> {
  cytoscapeLoading ??= import('cytoscape').then((module) => module.default);
  return cytoscapeLoading;
}

/** Loads and registers the cose-bilkent layout, needed only when the server sent no positions. */
function loadCoseBilkent(factory: typeof cytoscape): Promise<void> {
  coseBilkentLoading ??= import('cytoscape-cose-bilkent').then((module) => {
    factory.use(module.default);
  });
  return coseBilkentLoading;
}

// Start the download when this module loads, not after the first effect runs.
if (typeof window !== 'undefined') void loadCytoscape().catch(() => undefined);

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
  ref,
}: GraphCanvasProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [cy, setCy] = useState<Core | null>(null);
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
      const createCytoscape = await loadCytoscape();
      if (layout.name !== 'preset') await loadCoseBilkent(createCytoscape);
      const container = containerRef.current;
      if (cancelled || !container) return;

      const modulesLoadedAtMs = performance.now();
      styledDarkRef.current = darkRef.current;
      filteredOnceRef.current = false;
      const created = createCytoscape({
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
      created.fit(undefined, FIT_PADDING_PX);
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
    const fit = { fit: { eles: visibleNodes, padding: FIT_PADDING_PX } };
    moveViewport(cy, fit, !firstRun && animateRef.current);
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
  useEffect(() => {
    if (!cy) return;
    if (window.__graphTimings) window.__graphTimings.readyAtMs = performance.now();
    window.__graphReady = true;
  }, [cy]);

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
    const fit = { fit: { eles: cy.nodes().not('.filtered'), padding: FIT_PADDING_PX } };
    moveViewport(cy, fit, animateRef.current);
  };

  return (
    <div className="relative">
      <div
        ref={containerRef}
        role="img"
        aria-label={`Prerequisite graph of ${visibleIds.size} concepts, grouped by domain. The list view below holds the same concepts.`}
        aria-describedby={listId}
        data-testid="graph-canvas"
        data-ready={cy ? 'true' : 'false'}
        className="h-[70vh] min-h-[420px] w-full rounded-lg border border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900"
      />
      {!cy && !loadError && (
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
    cy.nodes('.concept').forEach((node) => {
      if (node.is('.selected-concept, .hovered')) {
        node.style({
          'font-size': focusFont,
          'text-max-width': `${focusFont * 14}px`,
          'min-zoomed-font-size': 0,
        });
      } else {
        node.removeStyle('font-size text-max-width min-zoomed-font-size');
      }
    });
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

type ViewportChange =
  | { fit: { eles: ReturnType<Core['nodes']>; padding: number } }
  | { zoom: number; pan: { x: number; y: number } };

/** Moves the view, animated unless the reader prefers reduced motion. */
function moveViewport(cy: Core, change: ViewportChange, animate: boolean): void {
  cy.stop(true, false);
  if (animate) {
    cy.animate(change, { duration: ANIMATION_MS, easing: 'ease-in-out-cubic' });
    return;
  }
  if ('fit' in change) {
    cy.fit(change.fit.eles, change.fit.padding);
  } else {
    cy.viewport({ zoom: change.zoom, pan: change.pan });
  }
}
