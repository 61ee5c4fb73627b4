import { DOMAIN_COLORS, GROUP_PADDING_PX, LEVEL_MARKERS } from './GraphLegend';
import { FIT_MARGIN_UNITS, type GraphPositions } from './graph-elements';
import { clusters } from '@/lib/knowledge/graph';
import type { ConceptMetadata, Domain, Level } from '@/lib/knowledge/types';

/**
 * The graph as the server draws it before Cytoscape loads: the same positions, groups, shapes
 * and fitted view, in graph units. `GraphPreview` renders it as SVG.
 */
export interface PreviewModel {
  /** `x y width height` of the concepts shown, with the margin the Cytoscape fit keeps. */
  viewBox: string;
  groups: PreviewGroup[];
  nodes: PreviewNode[];
  edges: PreviewEdge[];
}

export interface PreviewGroup {
  domain: Domain;
  color: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** False when the filters leave the domain with no concept. */
  visible: boolean;
}

export interface PreviewNode {
  id: string;
  title: string;
  domain: Domain;
  level: Level;
  color: string;
  x: number;
  y: number;
  /** Ids of the concept's prerequisites that are in the catalogue. */
  prereqIds: string[];
  visible: boolean;
}

export interface PreviewEdge {
  source: string;
  target: string;
  /** The line from the prerequisite's outline to the base of the arrowhead. */
  line: [number, number, number, number];
  /** Triangle path of the arrowhead, its tip on the dependent's outline. */
  arrow: string;
  visible: boolean;
}

type PreviewConcept = Pick<ConceptMetadata, 'id' | 'title' | 'level' | 'domain' | 'prereqIds'>;

/** Length and half-width of an edge's arrowhead in graph units, close to Cytoscape's. */
const ARROW_LENGTH = 6;
const ARROW_HALF_WIDTH = 3.5;

/**
 * Returns the preview of the concepts that have a position. Concepts outside `visibleIds` and
 * domains left empty are kept but marked hidden, so a filter change only flips a flag. The view
 * box fits the visible concepts as `GraphCanvas` fits its first view.
 */
export function buildPreviewModel(
  concepts: readonly PreviewConcept[],
  positions: GraphPositions,
  visibleIds: ReadonlySet<string>,
): PreviewModel {
  const placed = concepts.filter((concept) => positions[concept.id] !== undefined);
  const byId = new Map(placed.map((concept) => [concept.id, concept]));

  const nodes: PreviewNode[] = placed.map((concept) => ({
    id: concept.id,
    title: concept.title,
    domain: concept.domain,
    level: concept.level,
    color: DOMAIN_COLORS[concept.domain],
    x: positions[concept.id].x,
    y: positions[concept.id].y,
    prereqIds: concept.prereqIds.filter((id) => byId.has(id)),
    visible: visibleIds.has(concept.id),
  }));
  const nodeById = new Map(nodes.map((node) => [node.id, node]));

  const groups: PreviewGroup[] = clusters([...placed]).map(({ domain, conceptIds }) => {
    const members = conceptIds.map((id) => nodeById.get(id)!);
    const box = boundingBox(members, (node) => LEVEL_MARKERS[node.level].size / 2);
    return {
      domain,
      color: DOMAIN_COLORS[domain],
      x: round(box.x1 - GROUP_PADDING_PX),
      y: round(box.y1 - GROUP_PADDING_PX),
      width: round(box.x2 - box.x1 + 2 * GROUP_PADDING_PX),
      height: round(box.y2 - box.y1 + 2 * GROUP_PADDING_PX),
      visible: members.some((node) => node.visible),
    };
  });

  const edges: PreviewEdge[] = [];
  for (const target of nodes) {
    for (const sourceId of target.prereqIds) {
      const source = nodeById.get(sourceId)!;
      edges.push({
        source: sourceId,
        target: target.id,
        ...edgeGeometry(source, target),
        visible: source.visible && target.visible,
      });
    }
  }

  const visibleNodes = nodes.filter((node) => node.visible);
  const box = boundingBox(visibleNodes.length > 0 ? visibleNodes : nodes, () => FIT_MARGIN_UNITS);
  const viewBox = Number.isFinite(box.x1)
    ? [box.x1, box.y1, Math.max(1, box.x2 - box.x1), Math.max(1, box.y2 - box.y1)]
    : [0, 0, 1, 1];
  return { viewBox: viewBox.map(round).join(' '), groups, nodes, edges };
}

/**
 * Returns the outline of a level's marker centred on the origin, as an SVG path: the circle,
 * diamond and five-pointed star that Cytoscape draws for `LEVEL_MARKERS`.
 */
export function markerPath(level: Level): string {
  const { shape, size } = LEVEL_MARKERS[level];
  const r = size / 2;
  if (shape === 'ellipse')
    return `M${-r} 0a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0Z`;
  if (shape === 'diamond') return `M0 ${-r}L${r} 0L0 ${r}L${-r} 0Z`;
  return polygonPath(STAR_POINTS.map(([x, y]) => [x * r, y * r]));
}

/**
 * Corners of Cytoscape's `star` shape in a 2 × 2 square: five outer points on the unit circle
 * from the top, inner points at 0.6 of the radius, stretched to fill the square.
 */
const STAR_POINTS: [number, number][] = (() => {
  const inner = 0.5 * (3 - Math.sqrt(5)) * 1.57;
  const points: [number, number][] = [];
  for (let i = 0; i < 10; i += 1) {
    const angle = Math.PI / 2 + (i * Math.PI) / 5;
    const radius = i % 2 === 0 ? 1 : inner;
    points.push([Math.cos(angle) * radius, -Math.sin(angle) * radius]);
  }
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const sx = 2 / (Math.max(...xs) - Math.min(...xs));
  const sy = 2 / (Math.max(...ys) - Math.min(...ys));
  const scaled = points.map(([x, y]): [number, number] => [x * sx, y * sy]);
  const top = Math.min(...scaled.map(([, y]) => y));
  return top < -1 ? scaled.map(([x, y]) => [x, y - 1 - top]) : scaled;
})();

function polygonPath(points: [number, number][]): string {
  return `M${points.map(([x, y]) => `${round(x)} ${round(y)}`).join('L')}Z`;
}

/**
 * Returns the line and arrowhead of an edge. Both ends stop at a circle of the marker's radius,
 * which is where Cytoscape's straight edges end for the circle and close to it for the others.
 */
function edgeGeometry(
  source: PreviewNode,
  target: PreviewNode,
): Pick<PreviewEdge, 'line' | 'arrow'> {
  const dx = target.x - source.x;
  const dy = target.y - source.y;
  const length = Math.hypot(dx, dy) || 1;
  const [ux, uy] = [dx / length, dy / length];
  const start = LEVEL_MARKERS[source.level].size / 2;
  const tipAt = Math.max(start, length - LEVEL_MARKERS[target.level].size / 2);
  const baseAt = Math.max(start, tipAt - ARROW_LENGTH);
  const at = (distance: number): [number, number] => [
    source.x + ux * distance,
    source.y + uy * distance,
  ];
  const [tipX, tipY] = at(tipAt);
  const [baseX, baseY] = at(baseAt);
  const [startX, startY] = at(start);
  const [nx, ny] = [-uy * ARROW_HALF_WIDTH, ux * ARROW_HALF_WIDTH];
  return {
    line: [startX, startY, baseX, baseY].map(round) as PreviewEdge['line'],
    arrow: polygonPath([
      [tipX, tipY],
      [baseX + nx, baseY + ny],
      [baseX - nx, baseY - ny],
    ]),
  };
}

function boundingBox<T extends { x: number; y: number }>(
  items: readonly T[],
  halfSize: (item: T) => number,
): { x1: number; y1: number; x2: number; y2: number } {
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const item of items) {
    const half = halfSize(item);
    x1 = Math.min(x1, item.x - half);
    y1 = Math.min(y1, item.y - half);
    x2 = Math.max(x2, item.x + half);
    y2 = Math.max(y2, item.y + half);
  }
  return { x1, y1, x2, y2 };
}

/** Rounds to one decimal, which is finer than a pixel at any zoom the page allows. */
function round(value: number): number {
  return Math.round(value * 10) / 10;
}
