import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { analyzeProblem, estimateAll, formatEstimate } from '@/lib/analysis';

const VOCABULARY = [
  '175B',
  '1.4T',
  'tokens',
  '$500k',
  '$1.2M',
  'GPUs',
  'A100',
  'H100',
  'nodes',
  'x',
  '8x',
  '(',
  ')',
  'each',
  '99.9%',
  'uptime',
  'MFU',
  'ZeRO-3',
  'TP8',
  'PP4',
  'checkpoint',
  'takes',
  'minutes',
  'every',
  'GB/s',
  'Gb/s',
  'InfiniBand',
  'recover',
  'within',
  'lose',
  'no more than',
  'of progress',
  '8k',
  'context',
  'per',
  'GPU-hour',
  'six and a half',
  'two',
  'servers',
  'MTBF',
  'hours',
  '-',
  ',',
  '.',
  '2,048',
  '1e9',
];

const wordSoup = fc
  .array(
    fc.oneof(
      fc.constantFrom(...VOCABULARY),
      fc.nat({ max: 100_000 }).map(String),
      fc.string({ maxLength: 6 }),
    ),
    {
      maxLength: 400,
    },
  )
  .map((words) => words.join(' '));

function expectAnalysis(text: string): void {
  const analysis = analyzeProblem(text);
  expect(typeof analysis.quantities).toBe('object');
  expect(typeof analysis.estimates).toBe('object');
  expect(Array.isArray(analysis.notes)).toBe(true);
  for (const estimate of Object.values(analysis.estimates)) {
    expect(typeof formatEstimate(estimate)).toBe('string');
  }
}

describe('analyzeProblem robustness', () => {
  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (text) => {
        expectAnalysis(text);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on grapheme strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expectAnalysis(text);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on numbers and unit words', () => {
    fc.assert(
      fc.property(wordSoup, (text) => {
        expectAnalysis(text);
      }),
      { numRuns: 300 },
    );
  });

  it('gives numbers only in their ranges', () => {
    fc.assert(
      fc.property(wordSoup, (text) => {
        const { quantities } = analyzeProblem(text);
        if (quantities.uptimeTarget !== undefined)
          expect(quantities.uptimeTarget).toBeLessThanOrEqual(1);
        if (quantities.mfu !== undefined) expect(quantities.mfu).toBeLessThanOrEqual(1);
        if (quantities.zeroStage !== undefined)
          expect([0, 1, 2, 3]).toContain(quantities.zeroStage);
        for (const value of Object.values(quantities)) {
          if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('analyses text with no numbers', () => {
    const analysis = analyzeProblem(
      'How should we think about reliability for a very large training run?',
    );
    expect(analysis.quantities).toEqual({});
    expect(analysis.estimates).toEqual({});
    expect(analysis.notes[0]).toContain('no quantities');
  });

  it('analyses 4,000 characters of noise', () => {
    const noise = Array.from({ length: 4000 }, (_, i) =>
      String.fromCharCode(33 + ((i * 7919) % 94)),
    ).join('');
    expectAnalysis(noise);
  });

  it('analyses mixed units', () => {
    const analysis = analyzeProblem(
      '7B params, 2.2 GB/s disk, 400 Gb/s IB, 3 weeks, 45% MFU, $2.50 per GPU-hour, 90 seconds to recover, 1.5 hours MTBF, 8 A100 40GB',
    );
    expect(analysis.quantities).toMatchObject({
      parameters: 7e9,
      storageBytesPerSecond: 2.2e9,
      networkGbps: 400,
      timelineDays: 21,
      mfu: 0.45,
      pricePerGpuHourUsd: 2.5,
      recoveryMinutes: 1.5,
      mtbfHours: 1.5,
      gpuCount: 8,
      gpuModel: 'A100 40GB',
    });
  });

  it('ignores text past the read limit', () => {
    const analysis = analyzeProblem(`${'word '.repeat(5000)} Train a 175B model.`);
    expect(analysis.quantities.parameters).toBeUndefined();
    expect(analysis.notes.some((note) => note.includes('characters of the text were read'))).toBe(
      true,
    );
  });

  it('caps notes on repetitive text', () => {
    const text = Array.from({ length: 200 }, (_, i) => `from ${i}B to ${i + 1}B parameters.`).join(
      ' ',
    );
    const { notes } = analyzeProblem(text);
    expect(notes.length).toBeLessThan(60);
    expect(notes).toContain('Further notes on this text were left out.');
  });

  it('accepts non-string input from untyped callers', () => {
    const untyped = analyzeProblem as (
      problem: unknown,
      constraints?: unknown,
    ) => ReturnType<typeof analyzeProblem>;
    expect(untyped(undefined).quantities).toEqual({});
    expect(untyped(42, [null, 7, 'budget $1M']).quantities).toEqual({ budgetUsd: 1e6 });
  });

  it('estimateAll never throws on arbitrary quantities', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            parameters: fc.double(),
            tokens: fc.double(),
            gpuCount: fc.integer({ min: -10, max: 100_000 }),
            gpuModel: fc.constantFrom('A100 80GB', 'H100 SXM', 'MI300X', 'nonsense', ''),
            mfu: fc.double(),
            zeroStage: fc.integer({ min: -1, max: 5 }),
            tensorParallel: fc.integer({ min: 0, max: 64 }),
            pipelineParallel: fc.integer({ min: 0, max: 64 }),
            checkpointWriteMinutes: fc.double(),
            mtbfHours: fc.double(),
            networkGbps: fc.double(),
          },
          { requiredKeys: [] },
        ),
        (quantities) => {
          const estimates = estimateAll(quantities);
          for (const estimate of Object.values(estimates))
            expect(typeof formatEstimate(estimate)).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('regex safety', () => {
  // Inputs built to trigger backtracking. A catastrophic pattern takes seconds to minutes on them.
  // The bound is about 70 times the typical time on a 2-core machine, so it fails only on real
  // blow-ups and not on a busy machine.
  const MAX_MS = 1000;
  const adversarial = [
    '1'.repeat(20_000),
    '1,'.repeat(10_000),
    '1.'.repeat(10_000),
    `recover ${'x '.repeat(9_000)}`,
    'checkpoint takes '.repeat(1_000),
    '8x '.repeat(6_000),
    '$'.repeat(20_000),
    'nodes of '.repeat(2_000),
    'a100 '.repeat(4_000),
    `${'one '.repeat(4_000)}hundred`,
    '- '.repeat(10_000),
    'sequences longer than '.repeat(800),
    '1 '.repeat(10_000),
    '1b '.repeat(6_000),
    `${'9'.repeat(19_000)}B tokens`,
    '(8 GPUs '.repeat(2_000),
    '4 nodes x '.repeat(2_000),
    '99.9% '.repeat(3_000),
    'every 5 minutes '.repeat(1_000),
  ];

  it.each(adversarial.map((text) => [text.slice(0, 24), text] as const))(
    'handles "%s…" quickly',
    (_label, text) => {
      const start = performance.now();
      analyzeProblem(text);
      expect(performance.now() - start).toBeLessThan(MAX_MS);
    },
  );
});

/** Uses of Node's `process` global. The word "process" in prose does not match. */
const NODE_PROCESS =
  /\bprocess\.(?:env|argv|exit|cwd|stdout|stderr|platform|nextTick|hrtime|memoryUsage)\b/;

describe('browser safety', () => {
  it('uses no Node APIs in lib/analysis', () => {
    const root = join(process.cwd(), 'lib', 'analysis');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) files.push(path);
      }
    };
    walk(root);

    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      expect({
        file,
        nodeImport: /from\s+['"](?:node:|fs|path|os|crypto|child_process)['"]/.test(source),
      }).toEqual({
        file,
        nodeImport: false,
      });
      expect({ file, process: NODE_PROCESS.test(source) }).toEqual({ file, process: false });
      expect({ file, buffer: /\bBuffer\b/.test(source) }).toEqual({ file, buffer: false });
    }
  });
});
