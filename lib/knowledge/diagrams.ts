import { createHash } from 'node:crypto';

/** One `mermaid` fence of a concept body; `index` counts from 1 in body order. */
export interface MermaidFence {
  conceptId: string;
  index: number;
  source: string;
}

const MERMAID_FENCE = /^```mermaid[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;

/** Returns the `mermaid` fences of a Markdown body, in order. */
export function findMermaidFences(conceptId: string, body: string): MermaidFence[] {
  return [...body.matchAll(MERMAID_FENCE)].map((match, position) => ({
    conceptId,
    index: position + 1,
    source: match[1].trim(),
  }));
}

/** Returns the file name of a fence's pre-rendered SVG, e.g. `c014-1.svg`. */
export function diagramFileName(fence: Pick<MermaidFence, 'conceptId' | 'index'>): string {
  return `${fence.conceptId}-${fence.index}.svg`;
}

/** Returns the SHA-256 of a fence's source; the manifest stores it to detect stale SVGs. */
export function diagramSourceHash(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}
