import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { analyzeProblem, extractQuantities, type Quantities } from '@/lib/analysis';

type ValueCase = [text: string, key: keyof Quantities, expected: unknown];
type NoteCase = [text: string, key: keyof Quantities, expected: unknown, noteFragment: string];

/** Number forms that were misread or skipped, each with the value it must give. */
const NUMBER_FORMS: ValueCase[] = [
  ['7B model on 1,5 trillion tokens', 'tokens', 1.5e12],
  ['a 1,5B model', 'parameters', 1.5e9],
  ['70B model on half a trillion tokens', 'tokens', 5e11],
  ['a quarter of a trillion tokens', 'tokens', 2.5e11],
  ['1.5e11 params', 'parameters', 1.5e11],
  ['175 B model', 'parameters', 175e9],
  ['7B model on 1.5 T tokens', 'tokens', 1.5e12],
  ['a 175-billion-parameter model', 'parameters', 175e9],
  ['7B model on 4k H100s', 'gpuCount', 4000],
  ['7B model on 1k GPUs', 'gpuCount', 1000],
  ['7B on 64 H100 at MFU ≈ 0.45', 'mfu', 0.45],
  ['4-8 GPUs', 'gpuCount', 8],
];

/** GPUs outside the catalogue: the count is kept, no model is set and a note names the GPU. */
const UNCATALOGUED_GPUS: Array<[text: string, name: string]> = [
  ['Train a 7B model on 8 RTX 4090 GPUs', 'RTX 4090'],
  ['Train a 7B model on 8 H800 GPUs', 'H800'],
  ['8 GH200 GPUs, 7B model', 'GH200'],
  ['8 L4 GPUs', 'L4'],
  ['8 T4 GPUs', 'T4'],
];

/** Values that must be skipped, each with the quantity they could be mistaken for and the note. */
const SKIPPED: NoteCase[] = [
  ['70B model on -8 GPUs', 'gpuCount', undefined, '"-8 GPUs" is negative'],
  ['70B model on 64 H100 at -5% MFU', 'mfu', undefined, '"-5%" is negative'],
  ['-8 GPUs per node, 4 nodes', 'gpusPerNode', undefined, 'is negative'],
  ['train for 1,5 days', 'timelineDays', undefined, 'decimal comma'],
];

describe('extractQuantities number forms', () => {
  it.each(NUMBER_FORMS)('reads "%s" as %s', (text, key, expected) => {
    const { quantities } = extractQuantities(text);
    expect(quantities[key]).toBeCloseTo(expected as number, 6);
  });

  it('never reads 1,5 trillion as 5 trillion', () => {
    const { quantities } = extractQuantities('7B model on 1,5 trillion tokens');
    expect(quantities.tokens).not.toBe(5e12);
  });

  it('leaves 3.14e23 as written', () => {
    const { quantities } = extractQuantities('3.14e23 FLOPs');
    expect(quantities).toEqual({});
  });
});

describe('extractQuantities uncatalogued GPUs', () => {
  it.each(UNCATALOGUED_GPUS)('keeps 8 GPUs in "%s"', (text, name) => {
    const { quantities, notes } = extractQuantities(text);
    expect(quantities.gpuCount).toBe(8);
    expect(quantities.gpuModel).toBeUndefined();
    const note = notes.find((candidate) => candidate.includes('not in the GPU catalogue'));
    expect(note).toContain(name);
    expect(note).toContain('per-GPU memory or peak FLOP/s are skipped');
  });

  it('does not call L40S uncatalogued', () => {
    const { quantities, notes } = extractQuantities('8 L40S GPUs');
    expect(quantities.gpuModel).toBe('L40S');
    expect(notes.some((note) => note.includes('not in the GPU catalogue'))).toBe(false);
  });
});

describe('extractQuantities skipped values', () => {
  it.each(SKIPPED)('skips "%s" for %s', (text, key, expected, noteFragment) => {
    const { quantities, notes } = extractQuantities(text);
    expect(quantities[key]).toBe(expected);
    expect(notes.some((note) => note.includes(noteFragment))).toBe(true);
  });
});

describe('analyzeProblem reported cases', () => {
  it('divides a per-node MTBF by nodes', () => {
    const analysis = analyzeProblem(
      '32 nodes with 8 H100 each, 70B model, MTBF of 2 days per node',
    );
    expect(analysis.quantities.mtbfHours).toBeUndefined();
    expect(analysis.quantities.mtbfHoursPerNode).toBe(48);
    const mtbf = analysis.estimates.jobMtbfHours;
    expect(mtbf?.value).toBeCloseTo(48 / 32, 9);
    expect(mtbf?.assumptions.some((line) => line.includes('divided by 32 nodes'))).toBe(true);
    expect(analysis.notes.some((note) => note.startsWith('No failure rate was stated'))).toBe(
      false,
    );
  });

  it('divides a per-server MTBF by derived nodes', () => {
    const analysis = analyzeProblem('256 H100 GPUs, MTBF of 2 days per server');
    expect(analysis.estimates.jobMtbfHours?.value).toBeCloseTo(48 / 32, 9);
  });

  it('keeps a job MTBF after per node', () => {
    const { quantities } = extractQuantities('32 nodes with 8 GPUs per node, MTBF of 2 days');
    expect(quantities.mtbfHours).toBe(48);
    expect(quantities.mtbfHoursPerNode).toBeUndefined();
  });

  it('uses a stated $0 price', () => {
    const analysis = analyzeProblem('70B model on 64 H100 at $0 per GPU-hour');
    expect(analysis.quantities.pricePerGpuHourUsd).toBe(0);
    expect(analysis.estimates.costUsd?.value).toBe(0);
    expect(analysis.notes.some((note) => note.includes('price of $0'))).toBe(true);
    expect(analysis.notes.some((note) => note.startsWith('No price was stated'))).toBe(false);
  });

  it('reads half a trillion tokens', () => {
    const analysis = analyzeProblem('70B model on half a trillion tokens');
    expect(analysis.quantities.tokens).toBe(5e11);
    expect(analysis.notes.some((note) => note.includes('tokens were not stated'))).toBe(false);
  });

  it('notes a GPU total against nodes', () => {
    const { quantities, notes } = extractQuantities('32 nodes x 8 H100 (300 GPUs total)');
    expect(quantities.gpuCount).toBe(300);
    const note = notes.find((candidate) => candidate.includes('256'));
    expect(note).toContain('300');
    expect(note).toContain('the estimates use 300');
  });

  it('keeps R01 node notes true', () => {
    const fixture = JSON.parse(readFileSync('tests/fixtures/cases/real-problems.json', 'utf8')) as {
      problems: Array<{ id: string; problem: string }>;
    };
    const r01 = fixture.problems.find((problem) => problem.id === 'R01');
    expect(r01).toBeDefined();
    const { quantities, notes } = extractQuantities(r01?.problem ?? '');
    expect(quantities.nodes).toBe(4);
    expect(notes.some((note) => note.includes('no node count was taken'))).toBe(false);
    expect(notes.some((note) => note.includes('not read as the node count'))).toBe(true);
  });

  it.each([
    ['1,024 A100 GPUs at 140 TFLOP/s per GPU, 175B model, 300B tokens'],
    ['7B model on 1B tokens on 64 H100 GPUs'],
    ['175B model on 300B tokens on 64 V100 GPUs'],
    ['7B model on 1B tokens at 1000 tokens/sec'],
  ])('ends trainingDays formula in days for "%s"', (text) => {
    const days = analyzeProblem(text).estimates.trainingDays;
    expect(days?.unit).toBe('days');
    expect(days?.formula).toMatch(/= [\d.e-]+ days$/);
    const formulaDays = Number(/= ([\d.e-]+) days$/.exec(days?.formula ?? '')?.[1]);
    expect(Math.abs(formulaDays - (days?.value ?? 0)) / (days?.value ?? 1)).toBeLessThan(0.01);
  });
});
