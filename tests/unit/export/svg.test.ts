import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { describe, expect, it } from 'vitest';

import { sanitizeDiagramSvg } from '@/lib/export/svg';
import { PROJECT_ROOT } from '../../helpers/cli';

const DIAGRAM_DIR = join(PROJECT_ROOT, 'content', 'diagrams');

function countElements(node: Root | RootContent): number {
  if (node.type !== 'element' && node.type !== 'root') return 0;
  const own = node.type === 'element' ? 1 : 0;
  return own + node.children.reduce((sum, child) => sum + countElements(child), 0);
}

function elementsOf(svg: string): Element[] {
  const found: Element[] = [];
  const walk = (node: Root | RootContent) => {
    if (node.type === 'element') found.push(node);
    if (node.type === 'element' || node.type === 'root') node.children.forEach(walk);
  };
  walk(fromHtml(svg, { fragment: true }));
  return found;
}

describe('sanitizeDiagramSvg', () => {
  it.each([
    ['script element', '<svg><script>alert(1)</script><rect width="1"/></svg>', /<script/i],
    ['onload attribute', '<svg onload="alert(1)"><rect/></svg>', /onload/i],
    ['onclick on a child', '<svg><rect onclick="alert(1)"/></svg>', /onclick/i],
    [
      'javascript: link',
      '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>',
      /javascript:/i,
    ],
    [
      'xlink javascript: link',
      '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
      /javascript:/i,
    ],
    [
      'foreignObject HTML',
      '<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>',
      /foreignObject|<img/i,
    ],
    [
      'animate rewriting href',
      '<svg><a><animate attributeName="href" to="javascript:alert(1)"/></a></svg>',
      /animate|javascript/i,
    ],
    ['set element', '<svg><set attributeName="onmouseover" to="alert(1)"/></svg>', /<set|alert/i],
    ['external use', '<svg><use href="http://leak.invalid/sprite.svg#a"/></svg>', /leak\.invalid/],
    [
      'image element',
      '<svg><image href="http://leak.invalid/x.png"/></svg>',
      /<image|leak\.invalid/,
    ],
    [
      'CSS import',
      '<svg><style>@import url(http://leak.invalid/x.css); rect{fill:red}</style></svg>',
      /@import|leak\.invalid/,
    ],
    [
      'CSS external url',
      '<svg><rect style="fill:url(http://leak.invalid/x)"/></svg>',
      /leak\.invalid/,
    ],
    [
      'HTML after the svg',
      '<svg><rect/></svg><img src=x onerror=alert(1)><script>alert(2)</script>',
      /<img|<script/i,
    ],
    ['style element breakout', '<svg><style></style><script>alert(1)</script></svg>', /<script/i],
  ])('removes %s', (_name, input, forbidden) => {
    const output = sanitizeDiagramSvg(input);
    expect(output).not.toMatch(forbidden);
    expect(output).toMatch(/^<svg/);
  });

  it('keeps same-document references and gradients', () => {
    const output = sanitizeDiagramSvg(
      '<svg><defs><marker id="arrow"><path d="M0,0 L10,5"/></marker></defs><path marker-end="url(#arrow)" d="M0,0"/><use href="#arrow"/></svg>',
    );
    expect(output).toContain('marker-end="url(#arrow)"');
    expect(output).toContain('href="#arrow"');
  });

  it('returns nothing for input without an svg element', () => {
    expect(sanitizeDiagramSvg('<p onclick="alert(1)">not a diagram</p>')).toBe('');
  });

  const diagrams = readdirSync(DIAGRAM_DIR).filter((name) => name.endsWith('.svg'));

  it('finds the shipped diagrams', () => {
    expect(diagrams.length).toBeGreaterThan(0);
  });

  it.each(diagrams)('keeps every element of %s', (name) => {
    const svg = readFileSync(join(DIAGRAM_DIR, name), 'utf8');
    const before = countElements(fromHtml(svg, { fragment: true }));
    const after = countElements(fromHtml(sanitizeDiagramSvg(svg), { fragment: true }));
    expect(after).toBe(before);
  });

  it('keeps every attribute of a shipped diagram', () => {
    const svg = readFileSync(join(DIAGRAM_DIR, diagrams[0]), 'utf8');
    const before = elementsOf(svg).map((element) => Object.keys(element.properties).sort());
    const after = elementsOf(sanitizeDiagramSvg(svg)).map((element) =>
      Object.keys(element.properties).sort(),
    );
    expect(after).toEqual(before);
  });
});
