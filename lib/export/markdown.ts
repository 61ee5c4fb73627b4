/**
 * Renders authored Markdown (concept bodies and the applied sections) to HTML for the export:
 * GFM, code highlighted by highlight.js classes, and each `mermaid` fence replaced by its
 * pre-rendered SVG. Raw HTML in the Markdown is shown as text. The HTML is parsed with parse5
 * and sanitised with GitHub's schema before the diagrams, which have a sanitiser of their own,
 * are put in.
 *
 * marked does the Markdown step because it is several times faster than remark on the concept
 * bodies, and an export renders a dozen of them within its time budget.
 */

import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { Marked } from 'marked';
import rehypeHighlight from 'rehype-highlight';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import { unified } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import { VFile } from 'vfile';

import { escapeHtml } from './escape';
import { sanitizeDiagramSvg } from './svg';

/**
 * GitHub's schema, plus the classes that highlight.js puts on code and its tokens, and `data:`
 * image sources, which `rehypeOfflineLinks` then narrows to inline images.
 */
const SANITIZE_SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, src: ['http', 'https', 'data'] },
  attributes: {
    ...defaultSchema.attributes,
    code: [['className', 'hljs', /^language-./]],
    span: [...(defaultSchema.attributes?.span ?? []), ['className', /^hljs-/]],
  },
};

/** Image sources an export may show: inline raster or SVG images, never a fetched file. */
const INLINE_IMAGE_SOURCE = /^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/i;

/** GFM without raw HTML: an HTML block or tag in the Markdown comes out as escaped text. */
const MARKDOWN = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html({ text }) {
      return escapeHtml(text);
    },
  },
});

/** The HTML steps, built once: highlighting and sanitising hold no state between files. */
const PROCESSOR = unified()
  .use(rehypeHighlight, { detect: false })
  .use(rehypeSanitize, SANITIZE_SCHEMA)
  .use(rehypeOfflineLinks)
  .use(rehypeInlineDiagrams)
  .freeze();

/**
 * Returns the HTML of `source`. The `diagrams` are the pre-rendered SVGs of its `mermaid`
 * fences in order; a fence without one stays a code block.
 */
export function renderMarkdown(source: string, diagrams: readonly string[] = []): string {
  const html = MARKDOWN.parse(source, { async: false });
  const tree = fromHtml(html, { fragment: true });
  const file = new VFile({ data: { diagrams } });
  const clean = PROCESSOR.runSync(tree, file);
  // Only `rehypeInlineDiagrams` adds raw nodes, each an SVG that its own sanitiser returned.
  return toHtml(clean, { allowDangerousHtml: true });
}

/**
 * Removes what would need the network or the web app from the sanitised tree: images that are
 * not data URIs become their alt text, and site-relative links (`/concepts/...`), which have no
 * target in a file, lose their `href`. Links to the web open with no referrer.
 */
function rehypeOfflineLinks() {
  return (tree: Root) => {
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName === 'img') {
        if (INLINE_IMAGE_SOURCE.test(String(node.properties.src ?? ''))) return;
        if (!parent || index === undefined) return;
        const alt = String(node.properties.alt ?? '');
        parent.children.splice(index, 1, ...(alt ? [{ type: 'text' as const, value: alt }] : []));
        return [SKIP, index];
      }
      if (node.tagName !== 'a') return;
      const href = String(node.properties.href ?? '');
      if (/^https?:/i.test(href)) node.properties.rel = ['noopener', 'noreferrer'];
      else if (!href.startsWith('#') && !/^mailto:/i.test(href)) delete node.properties.href;
    });
  };
}

/**
 * Replaces each `mermaid` code block with a figure holding its sanitised SVG, taken in order from
 * the file's `data.diagrams`.
 */
function rehypeInlineDiagrams() {
  return (tree: Root, file: VFile) => {
    const diagrams = (file.data.diagrams ?? []) as readonly string[];
    let diagramIndex = 0;
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'pre' || !parent || index === undefined) return;
      const code = node.children.find(
        (child): child is Element => child.type === 'element' && child.tagName === 'code',
      );
      const classes = code?.properties.className;
      if (!Array.isArray(classes) || !classes.includes('language-mermaid')) return;

      const svg = diagrams[diagramIndex];
      diagramIndex += 1;
      const cleanSvg = svg ? sanitizeDiagramSvg(svg) : '';
      if (cleanSvg === '') return;

      const figure: ElementContent = {
        type: 'element',
        tagName: 'figure',
        properties: { className: ['diagram'], role: 'img', ariaLabel: 'Diagram' },
        children: [{ type: 'raw', value: cleanSvg } as unknown as ElementContent],
      };
      parent.children.splice(index, 1, figure);
      return SKIP;
    });
  };
}
