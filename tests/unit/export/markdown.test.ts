import { describe, expect, it } from 'vitest';

import { renderMarkdown } from '@/lib/export/markdown';

const DIAGRAM = '<svg id="d1" onload="alert(1)"><rect width="10" height="10"/></svg>';

describe('renderMarkdown', () => {
  it('renders GFM tables and emphasis', () => {
    const html = renderMarkdown('| a | b |\n| --- | --- |\n| 1 | **2** |\n');
    expect(html).toContain('<table>');
    expect(html).toContain('<strong>2</strong>');
  });

  it('highlights fenced code with highlight.js classes', () => {
    const html = renderMarkdown('```python\nimport torch\n```\n');
    expect(html).toContain('<code class="hljs language-python">');
    expect(html).toContain('<span class="hljs-keyword">import</span>');
  });

  it.each([
    ['a script element', '<script>alert(1)</script>', /<script/i],
    ['an event-handler attribute', '<img src=x onerror="alert(1)">', /<img/i],
    ['an iframe', '<iframe src="http://leak.invalid/"></iframe>', /<iframe/i],
    ['a javascript: link', '[open](javascript:alert(1))', /javascript:/i],
    ['a data: link', '[open](data:text/html,<script>alert(1)</script>)', /href="data:/i],
    ['an external image', '![x](http://leak.invalid/x.png)', /<img/i],
  ])('drops %s', (_name, source, forbidden) => {
    expect(renderMarkdown(source)).not.toMatch(forbidden);
  });

  it('shows raw HTML as text', () => {
    const html = renderMarkdown(
      'Before <b onclick="alert(1)">bold</b> after\n\n<div>block</div>\n',
    );
    expect(html).toContain('&#x3C;b onclick="alert(1)">bold&#x3C;/b>');
    expect(html).toContain('&#x3C;div>block&#x3C;/div>');
    expect(html).not.toMatch(/<(b|div)[\s>]/);
  });

  it('keeps links to the web with no referrer', () => {
    const html = renderMarkdown('[ZeRO](https://arxiv.org/abs/1910.02054)');
    expect(html).toContain('href="https://arxiv.org/abs/1910.02054"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it('drops the target of site-relative links, which a file cannot follow', () => {
    const html = renderMarkdown('[concept](/concepts/c001)');
    expect(html).toContain('<a>concept</a>');
  });

  it('keeps inline data-URI images', () => {
    const pixel = 'data:image/png;base64,iVBORw0KGgo=';
    expect(renderMarkdown(`![pixel](${pixel})`)).toContain(`src="${pixel}"`);
  });

  it('replaces a mermaid fence with its sanitised diagram', () => {
    const html = renderMarkdown('Before\n\n```mermaid\ngraph TD\nA-->B\n```\n\nAfter', [DIAGRAM]);
    expect(html).toContain('<figure class="diagram" role="img" aria-label="Diagram"><svg id="d1">');
    expect(html).not.toContain('onload');
    expect(html).not.toContain('graph TD');
  });

  it('uses the diagrams in fence order', () => {
    const source = '```mermaid\nfirst\n```\n\n```mermaid\nsecond\n```\n';
    const html = renderMarkdown(source, ['<svg id="one"></svg>', '<svg id="two"></svg>']);
    expect(html.indexOf('id="one"')).toBeLessThan(html.indexOf('id="two"'));
  });

  it('keeps a mermaid fence without a diagram as code', () => {
    const html = renderMarkdown('```mermaid\ngraph TD\n```\n');
    expect(html).toContain('language-mermaid');
    expect(html).toContain('graph TD');
  });
});
