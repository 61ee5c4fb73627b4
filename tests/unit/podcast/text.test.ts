import { describe, expect, it } from 'vitest';

import {
  escapeMarkdown,
  firstParagraph,
  leadingSentences,
  withoutFormulas,
} from '@/lib/podcast/prose';
import { toSpokenText } from '@/lib/podcast/spoken-text';

describe('toSpokenText', () => {
  it.each([
    ['Training takes 3.67e24 FLOPs.', 'Training takes 3.67 times ten to the 24 flops.'],
    ['rate 1.97e-5 per GPU-hour', 'rate 1.97 times ten to the minus 5 per GPU-hour'],
    ['It costs $16.3M.', 'It costs 16.3 million dollars.'],
    ['a $500k budget', 'a 500 thousand dollars budget'],
    ['$1.99 per hour', '1.99 dollars per hour'],
    ['2.80 TB of states', '2.80 terabytes of states'],
    ['10.9 GB per GPU', '10.9 gigabytes per GPU'],
    ['600 GB/s per GPU', '600 gigabytes per second per GPU'],
    ['200 Gb/s per GPU', '200 gigabits per second per GPU'],
    ['8.18M GPU-hours', '8.18 million GPU hours'],
    ['3.50T tokens', '3.50 trillion tokens'],
    ['a 175B-parameter model', 'a 175 billion-parameter model'],
    ['blocks for 78.4 s', 'blocks for 78.4 seconds'],
    ['every 2.9 h', 'every 2.9 hours'],
    ['89.4 min of work', '89.4 minutes of work'],
    ['under 356 ms', 'under 356 milliseconds'],
    ['99.9% uptime', '99.9 percent uptime'],
    ['16 B/param', '16 bytes per parameter'],
    ['TP 1 × PP 1 × DP 256, ZeRO-3', 'TP 1 times PP 1 times DP 256, ZeRO stage 3'],
    ['6·N·D', '6 times N times D'],
    ['a = b', 'a equals b'],
    ['38–52% of peak', '38 to 52 percent of peak'],
  ])('reads %j as %j', (written, expected) => {
    expect(toSpokenText(written)).toBe(expected);
  });

  it('leaves GPU names and plain counts alone', () => {
    expect(toSpokenText('256 A100 GPUs on 32 nodes')).toBe('256 A100 GPUs on 32 nodes');
    expect(toSpokenText('H100 SXM')).toBe('H100 SXM');
  });

  it('drops Markdown marks', () => {
    expect(toSpokenText('**Cost numbers:** `6ND` _fast_')).toBe('Cost numbers: 6ND fast');
  });
});

describe('withoutFormulas', () => {
  it.each([
    ['Cost: $16.3M (8.18e6 GPU-hours × $1.99 = $16.3M).', 'Cost: $16.3M.'],
    ['All-reduce: 27.9 s (2·(d − 1)/d × G / B = 27.9 s per step).', 'All-reduce: 27.9 s.'],
    [
      'Full training state: 2.45 TB, from 14 B/param × 1.75e11 params = 2.45 TB (2 bf16 weights).',
      'Full training state: 2.45 TB.',
    ],
    ['ZeRO-1: (2 + 2)·Ψ + 12·Ψ/N_d with Ψ = 1.75e11 → 708 GB per GPU.', 'ZeRO-1: 708 GB per GPU.'],
    [
      'Across nodes: 200 Gb/s per GPU (typical for this GPU).',
      'Across nodes: 200 Gb/s per GPU (typical for this GPU).',
    ],
  ])('reduces %j', (written, expected) => {
    expect(withoutFormulas(written)).toBe(expected);
  });
});

describe('firstParagraph', () => {
  it('skips headings, fences and lists and keeps link text', () => {
    const body =
      '## What it is\n\n```python\nx = 1\n```\n\n- a list\n\nThe [ZeRO paper](https://arxiv.org/abs/1910.02054) shards **states**.\nAcross ranks.\n\nMore.';
    expect(firstParagraph(body)).toBe('The ZeRO paper shards states. Across ranks.');
  });

  it('returns nothing for a body without prose', () => {
    expect(firstParagraph('## Title\n\n- only\n- a list')).toBe('');
  });
});

describe('leadingSentences', () => {
  it('keeps whole sentences within the limit', () => {
    expect(leadingSentences('One two. Three four five. Six.', 20)).toBe('One two.');
  });

  it('keeps decimals and abbreviations inside a sentence', () => {
    expect(leadingSentences('It holds 2.80 TB, e.g. the states. Next one.', 40)).toBe(
      'It holds 2.80 TB, e.g. the states.',
    );
  });

  it('cuts a single long sentence with an ellipsis', () => {
    expect(leadingSentences('abcdefghij klmnop', 8)).toBe('abcdefg…');
  });
});

describe('escapeMarkdown', () => {
  it('escapes inline syntax and joins lines', () => {
    expect(escapeMarkdown('*a* [b](c) <i>\nnext')).toBe('\\*a\\* \\[b\\](c) \\<i\\> next');
  });
});
