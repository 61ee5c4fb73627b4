import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { analyzeProblem } from '@/lib/analysis';
import { parseField } from '@/lib/whatif/fields';
import { parseLessonTargets, type LessonTargetId } from '@/lib/whatif/targets';

/** A problem that states no budget, timeline or uptime, so the targets alone set them. */
const PROBLEM = 'Train a 7B model on 64 H100 GPUs.';

/** Returns what the analyser reads from the problem with the targets' constraints. */
function readBack(constraints: string[]) {
  return analyzeProblem(PROBLEM, constraints).quantities;
}

describe('parseLessonTargets', () => {
  it.each<[LessonTargetId, string, string]>([
    ['budgetUsd', '500k', 'budget $500000'],
    ['budgetUsd', '$1.2M', 'budget $1200000'],
    ['budgetUsd', '1,250,000', 'budget $1250000'],
    ['budgetUsd', '2e6', 'budget $2000000'],
    ['timelineDays', '30', 'timeline 30 days'],
    ['timelineDays', '2.5', 'timeline 2.5 days'],
    ['uptimeTarget', '99.9', '99.9% uptime'],
    ['uptimeTarget', '99.95%', '99.95% uptime'],
    ['uptimeTarget', '100', '100% uptime'],
    ['uptimeTarget', '50.0001', '50.0001% uptime'],
  ])('writes %s "%s" as "%s"', (id, raw, constraint) => {
    expect(parseLessonTargets({ [id]: raw })).toEqual({ constraints: [constraint], errors: {} });
  });

  it('states nothing for blank fields', () => {
    expect(parseLessonTargets({ budgetUsd: ' ', timelineDays: '', uptimeTarget: '' })).toEqual({
      constraints: [],
      errors: {},
    });
  });

  it('keeps field order for several targets', () => {
    const targets = parseLessonTargets({ uptimeTarget: '99', budgetUsd: '1M', timelineDays: '14' });
    expect(targets.constraints).toEqual(['budget $1000000', 'timeline 14 days', '99% uptime']);
  });

  it('reports every invalid field at once', () => {
    const targets = parseLessonTargets({
      budgetUsd: 'lots',
      timelineDays: '0',
      uptimeTarget: '40',
    });
    expect(targets.constraints).toEqual([]);
    expect(targets.errors.budgetUsd).toBe(
      'invalid budget "lots": expected a dollar amount from $1 to $10T, such as 500k or 1.2M, or empty for no budget',
    );
    expect(targets.errors.timelineDays).toBe(
      'invalid timeline "0": expected a number of days from 0.01 to 36,525, such as 30, or empty for no timeline',
    );
    expect(targets.errors.uptimeTarget).toBe(
      'invalid uptime target "40": expected a percentage above 50 and at most 100, such as 99.9, or empty for no target',
    );
  });

  it('rejects an uptime that rounds to 50%', () => {
    expect(parseLessonTargets({ uptimeTarget: '50.00000000000001' }).errors.uptimeTarget).toMatch(
      /^invalid uptime target "50.00000000000001": expected a percentage above 50/,
    );
  });

  it('drops every constraint while one field is invalid', () => {
    expect(parseLessonTargets({ budgetUsd: '500k', uptimeTarget: '101' }).constraints).toEqual([]);
  });
});

describe('form targets and the what-if panel', () => {
  // Text a learner might type into a budget or uptime field, valid or not.
  const typed = fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      '$',
      '500k',
      '$1.2M',
      '1,000',
      '99.9%',
      '50',
      '50.5',
      '0',
      '-5',
      'abc',
    ),
    fc
      .tuple(
        fc.constantFrom('', '$', ' '),
        fc.double({ min: 0, max: 2e13, noNaN: true }),
        fc.constantFrom('', 'k', 'M', 'B', 'T', '%', ' k'),
      )
      .map(([prefix, value, suffix]) => `${prefix}${value}${suffix}`),
  );

  it.each<LessonTargetId>(['budgetUsd', 'uptimeTarget'])(
    'accepts the same %s text as the panel',
    (id) => {
      fc.assert(
        fc.property(typed, (raw) => {
          const panel = parseField(id as 'budgetUsd' | 'uptimeTarget', raw);
          const form = parseLessonTargets({ [id]: raw });
          expect(form.errors[id] === undefined, raw).toBe(panel.ok);
          if (!panel.ok) expect(form.errors[id]).toBe(panel.message);
        }),
      );
    },
  );
});

describe('target constraints read back by the analyser', () => {
  it('reads a budget back to the typed value', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e13, noNaN: true }), (usd) => {
        const { constraints } = parseLessonTargets({ budgetUsd: String(usd) });
        expect(readBack(constraints).budgetUsd).toBe(usd);
      }),
    );
  });

  it('reads a timeline back to the typed value', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 36_525, noNaN: true }), (days) => {
        const { constraints } = parseLessonTargets({ timelineDays: String(days) });
        const readDays = readBack(constraints).timelineDays;
        // The analyser converts days to minutes and back, which may change the last binary digit.
        expect(Math.abs(readDays! - days) / days).toBeLessThan(1e-15);
      }),
    );
  });

  it('reads an uptime target back to the panel value', () => {
    fc.assert(
      fc.property(fc.double({ min: 50, max: 100, noNaN: true, minExcluded: true }), (percent) => {
        const raw = String(percent);
        const panel = parseField('uptimeTarget', raw);
        // Percentages a hair above 50 round to a fraction of 0.5, which the panel rejects.
        fc.pre(panel.ok);
        if (!panel.ok) return;
        const { constraints } = parseLessonTargets({ uptimeTarget: raw });
        expect(readBack(constraints).uptimeTarget).toBe(panel.value);
      }),
    );
  });
});
