import { describe, expect, it } from 'vitest';

import { scenarioNameKey } from '@/lib/server/scenarios';

describe('scenarioNameKey', () => {
  it.each([
    ['H100', 'h100'],
    ['  H100 SXM ', 'h100 sxm'],
    ['512 × A10G', '512 × a10g'],
    ['Straße', 'STRASSE'],
    ['ΟΔΟΣ', 'οδος'],
    ['caf\u00e9', 'cafe\u0301'],
  ])('matches %j and %j', (first, second) => {
    expect(scenarioNameKey(first)).toBe(scenarioNameKey(second));
  });

  it.each([
    ['H100', 'H200'],
    ['H100 SXM', 'H100SXM'],
    ['cafe', 'café'],
    ['8 x H100', '8 × H100'],
  ])('tells %j from %j', (first, second) => {
    expect(scenarioNameKey(first)).not.toBe(scenarioNameKey(second));
  });
});
