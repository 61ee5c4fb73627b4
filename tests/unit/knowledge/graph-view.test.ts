import { describe, expect, it } from 'vitest';

import { graphViewQuery, readGraphView } from '@/lib/knowledge/graph-view';

const ids = new Set(['c001', 'c071']);

describe('graph page view in the address', () => {
  it('reads repeated and comma-separated filters', () => {
    const query = new URLSearchParams('domain=data,networking&domain=data&level=advanced');
    expect(readGraphView(query, ids)).toEqual({
      domains: ['data', 'networking'],
      levels: ['advanced'],
      conceptId: null,
    });
  });

  it('reads the page props form of the same query', () => {
    expect(readGraphView({ domain: ['data', 'cost'], concept: 'c071' }, ids)).toEqual({
      domains: ['data', 'cost'],
      levels: [],
      conceptId: 'c071',
    });
  });

  it('drops unknown domains, levels and concepts', () => {
    const query = new URLSearchParams('domain=Training&level=expert&concept=c999');
    expect(readGraphView(query, ids)).toEqual({ domains: [], levels: [], conceptId: null });
  });

  it('writes the view back as it reads it', () => {
    const view = { domains: ['networking' as const], levels: [], conceptId: 'c071' };
    expect(graphViewQuery(view)).toBe('domain=networking&concept=c071');
    expect(readGraphView(new URLSearchParams(graphViewQuery(view)), ids)).toEqual(view);
    expect(graphViewQuery({ domains: [], levels: [], conceptId: null })).toBe('');
  });
});
