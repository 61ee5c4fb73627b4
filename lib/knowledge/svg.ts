/**
 * Removes what could run from an SVG before it is inlined: script and foreignObject elements,
 * event-handler attributes and javascript: links. The SVGs come from the content build, so this
 * is a second line of defence, not the only one.
 */
export function sanitizeSvg(svg: string): string {
  return svg
    .replace(/<script[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<script[^>]*\/>/gi, '')
    .replace(/<foreignObject[\s\S]*?<\/foreignObject\s*>/gi, '')
    .replace(/\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '')
    .replace(/(href|xlink:href)\s*=\s*("\s*javascript:[^"]*"|'\s*javascript:[^']*')/gi, '$1="#"');
}

/** Widest a diagram is drawn before it scrolls sideways, in CSS pixels. */
const MAX_DIAGRAM_WIDTH_PX = 1400;

/**
 * Keeps a wide diagram at its natural size, up to 1,400 px, so its labels stay readable. The
 * container then scrolls sideways instead of shrinking an 1,800 px flowchart to half size.
 */
export function keepDiagramReadable(svg: string): string {
  return svg.replace(/style="max-width:\s*([\d.]+)px;?"/, (_match, width: string) => {
    const minWidthPx = Math.min(Number(width), MAX_DIAGRAM_WIDTH_PX);
    return `style="max-width: ${width}px; min-width: ${minWidthPx}px;"`;
  });
}
