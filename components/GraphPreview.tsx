'use client';

import { useEffect, type ReactNode } from 'react';

import { DOMAIN_NAMES, LEVELS } from '@/lib/knowledge/types';
import { installGraphPreview, PREVIEW_OPTIONS, PREVIEW_SVG_ID } from './graph-preview-script';
import { markerPath, type PreviewModel } from './graph-preview-model';
import { CONCEPT_LABEL_UNITS, LEVEL_MARKERS } from './GraphLegend';

export interface GraphPreviewProps {
  model: PreviewModel;
  /** The inline script that makes the preview highlight presses before the page's scripts load. */
  script: ReactNode;
  /** Concept to highlight from the start, from the `concept` parameter. */
  initialConceptId: string | null;
}

/** Characters of a concept title shown under its node, about Cytoscape's 100-unit label width. */
const LABEL_MAX_CHARS = 20;

/**
 * Draws the graph as SVG at the saved positions, fitted as Cytoscape fits it, so the page shows
 * the graph and highlights a clicked concept's path as soon as the HTML arrives. `GraphCanvas`
 * lays it over the canvas until Cytoscape has drawn its first frame. The canvas's label and the
 * list view describe the graph to assistive technology, so this copy is hidden from it.
 */
export function GraphPreview({ model, script, initialConceptId }: GraphPreviewProps) {
  // After a client-side navigation React renders the script element without running it.
  useEffect(() => installGraphPreview(PREVIEW_OPTIONS), []);

  return (
    <div
      aria-hidden="true"
      data-testid="graph-preview"
      // Inset by the canvas border, and padded as the Cytoscape fit pads, so the two line up.
      className="absolute inset-px overflow-hidden rounded-lg p-6"
    >
      <svg
        id={PREVIEW_SVG_ID}
        className="graph-preview h-full w-full overflow-visible"
        viewBox={model.viewBox}
        preserveAspectRatio="xMidYMid meet"
        data-initial-concept={initialConceptId ?? undefined}
        // Concept labels stay hidden until the script has measured the scale, as they would be
        // at the usual fitted zoom, and with scripts off.
        data-labels="hidden"
      >
        <defs>
          {LEVELS.map((level) => (
            <path key={level} id={`graph-marker-${level}`} d={markerPath(level)} />
          ))}
        </defs>
        {model.groups.map((group) => (
          <g
            key={group.domain}
            data-group={group.domain}
            className={group.visible ? 'graph-preview-group' : 'graph-preview-group hidden'}
            style={{ color: group.color }}
            fill="currentColor"
          >
            <rect
              x={group.x}
              y={group.y}
              width={group.width}
              height={group.height}
              rx={Math.min(group.width / 4, group.height / 4, 8)}
            />
            <text x={group.x + group.width / 2} y={group.y - 6} textAnchor="middle">
              {DOMAIN_NAMES[group.domain]}
            </text>
          </g>
        ))}
        {model.edges.map((edge) => (
          <g
            key={`${edge.source}->${edge.target}`}
            className={edge.visible ? 'graph-preview-edge' : 'graph-preview-edge hidden'}
            data-edge=""
            data-source={edge.source}
            data-target={edge.target}
          >
            <line
              x1={edge.line[0]}
              y1={edge.line[1]}
              x2={edge.line[2]}
              y2={edge.line[3]}
              stroke="currentColor"
            />
            <path d={edge.arrow} fill="currentColor" />
          </g>
        ))}
        {model.nodes.map((node) => (
          <g
            key={node.id}
            className={node.visible ? 'graph-preview-node' : 'graph-preview-node hidden'}
            data-node={node.id}
            data-domain={node.domain}
            data-prereqs={node.prereqIds.join(' ')}
          >
            <use href={`#graph-marker-${node.level}`} x={node.x} y={node.y} fill={node.color} />
            <text
              x={node.x}
              y={node.y + LEVEL_MARKERS[node.level].size / 2 + 3 + CONCEPT_LABEL_UNITS}
              textAnchor="middle"
            >
              {node.title.length > LABEL_MAX_CHARS
                ? `${node.title.slice(0, LABEL_MAX_CHARS - 1)}…`
                : node.title}
            </text>
          </g>
        ))}
      </svg>
      {script}
    </div>
  );
}
