/**
 * DOM helpers of the exported file's what-if script. Markup comes only from the export's own
 * renderers, which escape every text they write. It is parsed by `DOMParser`, whose documents run
 * no script and load nothing, and the file's Content-Security-Policy would refuse an inline script
 * or event handler all the same.
 */

const parser = new DOMParser();

/** Returns the nodes of an HTML fragment, ready to insert into the page. */
export function parseNodes(html: string): Node[] {
  const parsed = parser.parseFromString(`<!doctype html><body>${html}`, 'text/html');
  return Array.from(parsed.body.childNodes);
}

/** Returns the first element of an HTML fragment, or null when it has none. */
export function parseElement(html: string): Element | null {
  return parseNodes(html).find((node): node is Element => node instanceof Element) ?? null;
}

/** Replaces an element's children with an HTML fragment. */
export function setMarkup(element: Element, html: string): void {
  element.replaceChildren(...parseNodes(html));
}

/** Returns the element matching `selector` in `root`, or throws naming what the file lacks. */
export function required<T extends Element>(root: ParentNode, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (element === null) throw new Error(`the exported file has no element matching ${selector}`);
  return element;
}
