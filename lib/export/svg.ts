/**
 * Allow-list sanitiser for the pre-rendered diagram SVGs that the export inlines. The SVG is
 * parsed with an HTML5 parser (parse5), the same way the browser will parse it inline, so markup
 * that a regular expression would miss cannot slip through.
 */

import type { Element, ElementContent, Properties, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';

/**
 * SVG elements that draw or style and cannot run code or load anything. Not listed, so removed
 * with their content: `script`, `foreignObject` (contains HTML), `image`, `iframe`, and the
 * animation elements (`animate`, `set`, ...), which can rewrite an `href` to `javascript:`.
 */
const ALLOWED_SVG_ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'symbol',
  'use',
  'marker',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'textPath',
  'title',
  'desc',
  'style',
  'linearGradient',
  'radialGradient',
  'stop',
  'clipPath',
  'mask',
  'pattern',
  'filter',
  'feBlend',
  'feColorMatrix',
  'feComposite',
  'feDropShadow',
  'feFlood',
  'feGaussianBlur',
  'feMerge',
  'feMergeNode',
  'feOffset',
]);

/** Elements whose content is kept without the element itself: a link around a node's label. */
const UNWRAPPED_SVG_ELEMENTS = new Set(['a', 'switch']);

/** Properties that name a resource; only same-document references (`#id`) are kept. */
const REFERENCE_PROPERTIES = new Set(['href', 'xLinkHref', 'src', 'action', 'formAction']);

/** A CSS `url(...)` that points anywhere but into this document (`url(#id)`). */
const EXTERNAL_CSS_URL = /url\(\s*(?!['"]?#)[^)]*\)/gi;
/** A CSS `@import` rule, which would fetch a style sheet. */
const CSS_IMPORT = /@import[^;]*;?/gi;

/**
 * Most sanitised diagrams kept in memory. The shipped catalogue has fewer than a hundred, and
 * every lesson reuses them, so an export after the first skips parsing them again.
 */
const MAX_CACHED_DIAGRAMS = 256;
const sanitizedDiagrams = new Map<string, string>();

/**
 * Returns the `svg` elements of `svg` with everything that could run code or fetch a resource
 * removed: elements outside the allow-list, event-handler attributes (`on*`), links other than
 * `#id` references, and external `url()` and `@import` in CSS. Anything outside an `svg` root
 * element is dropped, so the result is empty for input without one.
 */
export function sanitizeDiagramSvg(svg: string): string {
  const cached = sanitizedDiagrams.get(svg);
  if (cached !== undefined) return cached;

  const tree = fromHtml(svg, { fragment: true });
  const roots = tree.children.filter(
    (node): node is Element => node.type === 'element' && node.tagName === 'svg',
  );
  const clean: Root = { type: 'root', children: roots.flatMap(sanitizeNode) };
  const html = toHtml(clean);

  if (sanitizedDiagrams.size >= MAX_CACHED_DIAGRAMS) {
    const oldest = sanitizedDiagrams.keys().next().value;
    if (oldest !== undefined) sanitizedDiagrams.delete(oldest);
  }
  sanitizedDiagrams.set(svg, html);
  return html;
}

function sanitizeNode(node: ElementContent): ElementContent[] {
  if (node.type === 'text') return [node];
  if (node.type !== 'element') return [];

  if (UNWRAPPED_SVG_ELEMENTS.has(node.tagName)) return node.children.flatMap(sanitizeNode);
  if (!ALLOWED_SVG_ELEMENTS.has(node.tagName)) return [];

  const children =
    node.tagName === 'style'
      ? node.children
          .filter((child) => child.type === 'text')
          .map((child) => ({ ...child, value: sanitizeCss(child.value) }))
      : node.children.flatMap(sanitizeNode);
  return [{ ...node, properties: sanitizeProperties(node.properties), children }];
}

function sanitizeProperties(properties: Properties): Properties {
  const safe: Properties = {};
  for (const [name, value] of Object.entries(properties)) {
    if (/^on/i.test(name)) continue;
    if (REFERENCE_PROPERTIES.has(name) && !String(value).trim().startsWith('#')) continue;
    safe[name] = name === 'style' && typeof value === 'string' ? sanitizeCss(value) : value;
  }
  return safe;
}

function sanitizeCss(css: string): string {
  return css.replace(CSS_IMPORT, '').replace(EXTERNAL_CSS_URL, 'none');
}
