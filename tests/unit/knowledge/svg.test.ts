import { describe, expect, it } from 'vitest';

import { keepDiagramReadable, sanitizeSvg } from '@/lib/knowledge/svg';

describe('sanitizeSvg', () => {
  it.each([
    ['a script element', '<svg><script>alert(1)</script><g/></svg>', '<svg><g/></svg>'],
    ['an event handler', '<svg onload="alert(1)"><g/></svg>', '<svg><g/></svg>'],
    ['a foreignObject', '<svg><foreignObject><p>x</p></foreignObject></svg>', '<svg></svg>'],
    [
      'a javascript: link',
      '<svg><a href="javascript:alert(1)">x</a></svg>',
      '<svg><a href="#">x</a></svg>',
    ],
  ])('removes %s', (_label, input, expected) => {
    expect(sanitizeSvg(input)).toBe(expected);
  });
});

describe('keepDiagramReadable', () => {
  it('keeps a wide diagram at its natural width up to 1400 px', () => {
    expect(keepDiagramReadable('<svg style="max-width: 1818.5px;">')).toBe(
      '<svg style="max-width: 1818.5px; min-width: 1400px;">',
    );
  });

  it('keeps a narrow diagram at its own width', () => {
    expect(keepDiagramReadable('<svg style="max-width: 420px;">')).toBe(
      '<svg style="max-width: 420px; min-width: 420px;">',
    );
  });
});
