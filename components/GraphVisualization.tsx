'use client';

import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useSearchParams } from 'next/navigation';

import {
  buildGraph,
  clusters,
  filterConcepts,
  prerequisitePath,
  type ConceptSummary,
} from '@/lib/knowledge/graph';
import { graphViewQuery, readGraphView } from '@/lib/knowledge/graph-view';
import type { Domain, Level } from '@/lib/knowledge/types';
import { ConceptList } from './ConceptList';
import { GraphCanvas, type GraphCanvasHandle } from './GraphCanvas';
import { buildGraphElements, LAYOUT_OPTIONS, type GraphPositions } from './graph-elements';
import { GraphFilters } from './GraphFilters';
import { GraphLegend } from './GraphLegend';
import { GraphPreview } from './GraphPreview';
import { buildPreviewModel } from './graph-preview-model';
import { PREVIEW_SELECT_EVENT } from './graph-preview-script';
import { GraphSearch } from './GraphSearch';
import { GraphSidePanel } from './GraphSidePanel';

export interface GraphVisualizationProps {
  concepts: readonly ConceptSummary[];
  /** Node positions laid out on the server, or null to run the layout in the browser. */
  positions: GraphPositions | null;
  /**
   * The inline script that makes the server-drawn graph highlight clicks before this component
   * hydrates. The page renders it with the request's nonce, and it is unused without positions.
   */
  previewScript: ReactNode;
}

const LIST_ID = 'graph-list';

/** The selected concept and where keyboard focus goes when its panel opens and closes. */
interface Selection {
  id: string;
  /** Moves focus to the panel, for selections made from the list or inside the panel. */
  focusPanel: boolean;
  /** The list entry that opened the panel, which gets focus back when the panel closes. */
  listOrigin: string | null;
}

/**
 * Renders the knowledge-graph explorer: filters, search, the Cytoscape canvas with its legend,
 * the side panel of the selected concept, and the same concepts as a list. Filters and the
 * selection are mirrored in the address (`?domain=…&level=…&concept=…`) so a view can be shared.
 */
export function GraphVisualization({
  concepts,
  positions,
  previewScript,
}: GraphVisualizationProps) {
  // The first view comes from the address, on the server and again after Back, which shows
  // this page from the router's cache with the address it left.
  const searchParams = useSearchParams();
  const [initialView] = useState(() =>
    readGraphView(searchParams, new Set(concepts.map((concept) => concept.id))),
  );
  const initialConceptId = initialView.conceptId;
  const [domains, setDomains] = useState<Domain[]>(initialView.domains);
  const [levels, setLevels] = useState<Level[]>(initialView.levels);
  const [selection, setSelection] = useState<Selection | null>(
    initialConceptId ? { id: initialConceptId, focusPanel: false, listOrigin: null } : null,
  );
  const canvasRef = useRef<GraphCanvasHandle>(null);
  const dark = useMediaQuery('(prefers-color-scheme: dark)');
  const reducedMotion = useMediaQuery('(prefers-reduced-motion: reduce)');

  const graph = useMemo(() => buildGraph([...concepts]), [concepts]);
  // Built here rather than sent from the server, so the page carries each concept once.
  const elements = useMemo(() => buildGraphElements(concepts, positions), [concepts, positions]);
  const layout = useMemo(() => (positions ? { name: 'preset' } : LAYOUT_OPTIONS), [positions]);
  const byId = useMemo(() => new Map(concepts.map((concept) => [concept.id, concept])), [concepts]);
  const domainCounts = useMemo(
    () =>
      clusters([...concepts]).map(({ domain, conceptIds }) => ({
        domain,
        count: conceptIds.length,
      })),
    [concepts],
  );
  const visible = useMemo(
    () => filterConcepts(concepts, { domains, levels }),
    [concepts, domains, levels],
  );
  const visibleIds = useMemo(() => new Set(visible.map((concept) => concept.id)), [visible]);
  const selectedId = selection?.id ?? null;
  const path = useMemo(
    () => (selectedId ? prerequisitePath(graph, selectedId) : null),
    [graph, selectedId],
  );

  const previewModel = useMemo(
    () => (positions ? buildPreviewModel(concepts, positions, visibleIds) : null),
    [concepts, positions, visibleIds],
  );

  // A click the preview took before hydration, until the selection has caught up with it.
  const adoptedRef = useRef<string | null | undefined>(undefined);

  // A concept clicked in the preview becomes the selection. A click made before hydration wins
  // over the selection the address gave; later ones arrive as events.
  useEffect(() => {
    const select = (id: string | null) =>
      setSelection(id ? { id, focusPanel: false, listOrigin: null } : null);
    const onPreviewSelect = (event: Event) => select((event as CustomEvent<string | null>).detail);
    window.addEventListener(PREVIEW_SELECT_EVENT, onPreviewSelect);
    const early = window.__graphPreviewSelection;
    window.__graphPreviewSelection = undefined;
    if (early !== undefined) {
      adoptedRef.current = early;
      select(early);
    }
    return () => {
      window.removeEventListener(PREVIEW_SELECT_EVENT, onPreviewSelect);
      window.__graphPreviewSelection = undefined;
    };
  }, []);

  // Keeps the preview's highlight on the selection while the preview is shown.
  useEffect(() => {
    // Until an adopted click has reached the state, leave the preview as the click left it.
    if (adoptedRef.current !== undefined) {
      if (adoptedRef.current !== selectedId) return;
      adoptedRef.current = undefined;
    }
    window.__graphPreview?.highlight(selectedId);
  }, [selectedId]);

  // Mirrors the view in the address. Next.js wraps `history.replaceState` only in its own effects,
  // which run after this component's first ones. So the address is left alone while it matches,
  // and a change waits a task.
  useEffect(() => {
    const query = graphViewQuery({ domains, levels, conceptId: selectedId });
    const { pathname, search, hash } = window.location;
    const target = `${pathname}${query ? `?${query}` : ''}${hash}`;
    if (target === `${pathname}${search}${hash}`) return;
    const timer = setTimeout(() => window.history.replaceState(null, '', target), 0);
    return () => clearTimeout(timer);
  }, [domains, levels, selectedId]);

  const selectFromCanvas = useCallback(
    (id: string | null) => setSelection(id ? { id, focusPanel: false, listOrigin: null } : null),
    [],
  );
  const selectFromList = (id: string) => setSelection({ id, focusPanel: true, listOrigin: id });
  const selectFromPanel = (id: string) =>
    setSelection({ id, focusPanel: true, listOrigin: selection?.listOrigin ?? null });
  // Focus goes back to the list entry that opened the panel. For a selection made on the graph,
  // it goes to the graph when it was in the panel or nowhere, so it is not left on the page body.
  const closePanel = useCallback(() => {
    const returnTo = selection?.listOrigin;
    setSelection(null);
    if (returnTo) {
      document.querySelector<HTMLElement>(`#${LIST_ID} [data-concept-id="${returnTo}"]`)?.focus();
      return;
    }
    const focused = document.activeElement;
    const inPanel = focused?.closest('[data-testid="graph-side-panel"]');
    if (!focused || focused === document.body || inPanel) {
      document.querySelector<HTMLElement>('[data-testid="graph-canvas"]')?.focus();
    }
  }, [selection]);

  // Escape closes the panel from anywhere on the page but a form field, which may use it itself.
  useEffect(() => {
    if (!selection) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if ((event.target as Element | null)?.closest?.('input, textarea, select')) return;
      closePanel();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [selection, closePanel]);
  const clearFilters = () => {
    setDomains([]);
    setLevels([]);
  };

  return (
    // Wider than the page's text column: the graph needs the room, so it spans the viewport
    // up to 96rem, centred.
    <div className="relative left-1/2 w-[calc(100vw-2rem)] max-w-[96rem] -translate-x-1/2 space-y-4">
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <GraphFilters
          domainCounts={domainCounts}
          domains={domains}
          levels={levels}
          onDomainsChange={setDomains}
          onLevelsChange={setLevels}
        />
        <GraphSearch
          visibleConcepts={visible}
          allConcepts={concepts}
          onFound={(id) => {
            setSelection({ id, focusPanel: false, listOrigin: null });
            canvasRef.current?.centerOn(id);
          }}
          onClearFilters={clearFilters}
        />
      </div>

      <p className="text-sm text-slate-600 dark:text-slate-400">
        Showing <span data-testid="graph-visible-count">{visible.length}</span> of {concepts.length}{' '}
        concepts. Click a concept to light up its whole prerequisite path and the concepts that
        build on it directly; point at one or zoom in to read its name.{' '}
        {/* The heading takes focus (tabIndex -1), so the browser moves focus there itself. */}
        <a href={`#${LIST_ID}-title`} className="text-blue-700 underline dark:text-blue-400">
          Skip to the list view
        </a>
      </p>

      <div className="grid items-start gap-4 lg:grid-cols-[1fr_22rem]">
        <div className="min-w-0 space-y-3">
          <GraphCanvas
            ref={canvasRef}
            elements={elements}
            layout={layout}
            visibleIds={visibleIds}
            path={path}
            dark={dark}
            reducedMotion={reducedMotion}
            onSelect={selectFromCanvas}
            listId={LIST_ID}
            preview={
              previewModel && (
                <GraphPreview
                  model={previewModel}
                  script={previewScript}
                  initialConceptId={initialConceptId}
                />
              )
            }
          />
          {selectedId && (
            // On narrow screens the panel sits below the graph and the legend, out of view.
            <a
              href="#graph-panel-title"
              className="block rounded-lg bg-slate-100 px-3 py-2 text-sm font-medium text-blue-700 underline lg:hidden dark:bg-slate-800 dark:text-blue-400"
            >
              Details of {byId.get(selectedId)?.title ?? selectedId} below
            </a>
          )}
          <GraphLegend domains={domainCounts.map(({ domain }) => domain)} />
        </div>
        <div className="lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto">
          <GraphSidePanel
            concept={selectedId ? (byId.get(selectedId) ?? null) : null}
            path={path}
            byId={byId}
            onSelect={selectFromPanel}
            onClose={closePanel}
            hiddenByFilters={selectedId !== null && !visibleIds.has(selectedId)}
            onClearFilters={clearFilters}
            focusOnOpen={selection?.focusPanel ?? false}
          />
        </div>
      </div>

      <ConceptList
        id={LIST_ID}
        concepts={visible}
        graph={graph}
        selectedId={selectedId}
        onSelect={selectFromList}
      />
    </div>
  );
}

/** Returns whether a CSS media query matches, updating when it changes; false on the server. */
function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}
