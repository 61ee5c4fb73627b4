import type { StylesheetJson } from 'cytoscape';

import { DOMAIN_NAMES, type Domain, type Level } from '@/lib/knowledge/types';

/**
 * Fill colour of each domain's nodes and group outline: Tailwind 500/600 shades of thirteen
 * different hues, readable on both the light and the dark background. Highlights use neutral
 * outlines (see `HIGHLIGHT_COLORS`), so no domain colour can be mistaken for one.
 */
export const DOMAIN_COLORS: Record<Domain, string> = {
  training: '#2563eb',
  compute: '#dc2626',
  networking: '#7c3aed',
  data: '#16a34a',
  storage: '#78716c',
  mlops: '#db2777',
  orchestration: '#0891b2',
  optimization: '#ea580c',
  architecture: '#4f46e5',
  evaluation: '#65a30d',
  reliability: '#0d9488',
  cost: '#d97706',
  monitoring: '#c026d3',
};

/** Node shape and diameter in graph units for each level: larger and sharper as it advances. */
export const LEVEL_MARKERS: Record<Level, { shape: 'ellipse' | 'diamond' | 'star'; size: number }> =
  {
    beginner: { shape: 'ellipse', size: 18 },
    intermediate: { shape: 'diamond', size: 26 },
    advanced: { shape: 'star', size: 34 },
  };

/** Space between a domain group's outline and its concepts, in graph units. */
export const GROUP_PADDING_PX = 14;

/**
 * Outline colours for the prerequisite path (solid) and direct dependents (dashed), and the halo
 * around the selected concept, per colour scheme.
 */
export const HIGHLIGHT_COLORS = {
  light: { outline: '#0f172a', halo: '#f59e0b' },
  dark: { outline: '#f8fafc', halo: '#fbbf24' },
} as const;

/** Font size of concept labels in graph units. */
export const CONCEPT_LABEL_UNITS = 9;

/** Screen font size below which concept labels are hidden, in CSS pixels. */
export const MIN_LABEL_PX = 7;

/**
 * Returns the Cytoscape stylesheet that draws what the legend explains: domain colours, level
 * shapes, edge arrows, and the classes `selected-concept`, `path`, `dependent`, `path-edge`,
 * `dependent-edge`, `dimmed` and `filtered`.
 */
export function buildStylesheet(dark: boolean): StylesheetJson {
  const textColor = dark ? '#e2e8f0' : '#1e293b';
  const edgeColor = dark ? '#64748b' : '#94a3b8';
  const { outline, halo } = HIGHLIGHT_COLORS[dark ? 'dark' : 'light'];
  const levelStyles: StylesheetJson = Object.entries(LEVEL_MARKERS).map(
    ([level, { shape, size }]) => ({
      selector: `node.concept[level = "${level}"]`,
      style: { shape, width: size, height: size },
    }),
  );
  return [
    {
      selector: 'node.concept',
      style: {
        'background-color': 'data(color)',
        label: 'data(label)',
        color: textColor,
        'font-size': CONCEPT_LABEL_UNITS,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-wrap': 'ellipsis',
        'text-max-width': '100px',
        'min-zoomed-font-size': MIN_LABEL_PX,
      },
    },
    ...levelStyles,
    {
      selector: 'node.domain',
      style: {
        shape: 'round-rectangle',
        'background-color': 'data(color)',
        'background-opacity': dark ? 0.14 : 0.07,
        'border-color': 'data(color)',
        'border-width': 1,
        'border-opacity': 0.5,
        label: 'data(label)',
        color: 'data(color)',
        'font-size': 13,
        'font-weight': 'bold',
        'text-transform': 'uppercase',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -4,
        padding: `${GROUP_PADDING_PX}px`,
        // Size groups by their concepts' shapes alone, as the layout did; labels may stick out.
        'compound-sizing-wrt-labels': 'exclude',
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1,
        'line-color': edgeColor,
        'target-arrow-color': edgeColor,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.7,
        'curve-style': 'bezier',
      },
    },
    { selector: '.dimmed', style: { opacity: 0.15 } },
    {
      selector: 'node.path, node.dependent, node.selected-concept',
      style: {
        'border-width': 3,
        'border-color': outline,
        'z-index': 10,
      },
    },
    { selector: 'node.dependent', style: { 'border-style': 'dashed' } },
    {
      selector: 'node.selected-concept',
      style: {
        'underlay-color': halo,
        'underlay-opacity': 0.7,
        'underlay-padding': 8,
        'underlay-shape': 'ellipse',
        'font-weight': 'bold',
        'z-index': 20,
      },
    },
    {
      selector: 'node.selected-concept, node.hovered',
      style: {
        'text-background-color': dark ? '#0f172a' : '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': '2px',
        'text-background-shape': 'roundrectangle',
        'z-index': 30,
      },
    },
    {
      selector: 'edge.path-edge, edge.dependent-edge',
      style: {
        width: 2.5,
        'line-color': outline,
        'target-arrow-color': outline,
        'arrow-scale': 0.9,
        'z-index': 10,
      },
    },
    { selector: 'edge.dependent-edge', style: { 'line-style': 'dashed' } },
    { selector: '.filtered', style: { display: 'none' } },
  ];
}

export interface GraphLegendProps {
  domains: readonly Domain[];
}

/** Key to the graph: domain colours, level shapes, edge direction and the highlight outlines. */
export function GraphLegend({ domains }: GraphLegendProps) {
  return (
    <section aria-labelledby="graph-legend" className="text-xs text-slate-700 dark:text-slate-300">
      <h2 id="graph-legend" className="sr-only">
        Legend
      </h2>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        <ul className="flex flex-wrap gap-x-3 gap-y-1" aria-label="Domain colours">
          {domains.map((domain) => (
            <li key={domain} className="flex items-center gap-1">
              <span
                aria-hidden="true"
                className="inline-block h-3 w-3 rounded-sm"
                style={{ backgroundColor: DOMAIN_COLORS[domain] }}
              />
              {DOMAIN_NAMES[domain]}
            </li>
          ))}
        </ul>
        <ul className="flex flex-wrap gap-x-3 gap-y-1" aria-label="Level shapes">
          {(Object.keys(LEVEL_MARKERS) as Level[]).map((level) => (
            <li key={level} className="flex items-center gap-1 capitalize">
              <LevelIcon level={level} />
              {level}
            </li>
          ))}
        </ul>
        <ul className="flex flex-wrap gap-x-3 gap-y-1" aria-label="Edges and highlights">
          <li className="flex items-center gap-1">
            <svg aria-hidden="true" width="28" height="10" viewBox="0 0 28 10">
              <line x1="1" y1="5" x2="20" y2="5" stroke="currentColor" strokeWidth="1.5" />
              <path d="M20 1 L27 5 L20 9 Z" fill="currentColor" />
            </svg>
            prerequisite → dependent
          </li>
          <li className="flex items-center gap-1">
            <span
              aria-hidden="true"
              className="inline-block h-3 w-3 rounded-full bg-slate-400 ring-4 ring-amber-400/70"
            />
            selected
          </li>
          <li className="flex items-center gap-1">
            <span
              aria-hidden="true"
              className="inline-block h-3.5 w-3.5 rounded-full border-[3px] border-slate-900 bg-slate-400 dark:border-slate-50"
            />
            prerequisite path
          </li>
          <li className="flex items-center gap-1">
            <span
              aria-hidden="true"
              className="inline-block h-3.5 w-3.5 rounded-full border-[3px] border-dashed border-slate-900 bg-slate-400 dark:border-slate-50"
            />
            direct dependent
          </li>
        </ul>
      </div>
    </section>
  );
}

/** Small outline of a level's node shape, for the legend and the level filter. */
export function LevelIcon({ level }: { level: Level }) {
  const { shape } = LEVEL_MARKERS[level];
  return (
    <svg aria-hidden="true" width="14" height="14" viewBox="0 0 14 14" className="shrink-0">
      {shape === 'ellipse' && <circle cx="7" cy="7" r="4" fill="currentColor" />}
      {shape === 'diamond' && <path d="M7 1.5 L12.5 7 L7 12.5 L1.5 7 Z" fill="currentColor" />}
      {shape === 'star' && (
        <path
          d="M7 0.5 L8.9 4.9 L13.6 5.3 L10 8.4 L11.1 13 L7 10.6 L2.9 13 L4 8.4 L0.4 5.3 L5.1 4.9 Z"
          fill="currentColor"
        />
      )}
    </svg>
  );
}
