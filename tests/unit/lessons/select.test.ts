import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';

import { analyzeProblem } from '@/lib/analysis';
import { indexCatalogue } from '@/lib/lessons/catalogue-index';
import { rankConcepts } from '@/lib/lessons/ranking';
import { MAX_CONCEPTS, MIN_CONCEPTS, selectConcepts } from '@/lib/lessons/select';
import { deriveSignals } from '@/lib/lessons/signals';
import { buildProblemQuery, tokenizeProblem } from '@/lib/lessons/text';

import { catalogue, noise, realProblems, seedExamples } from './fixtures';

/** Reference-case results, printed after the suite so a run records them. */
const recorded: string[] = [];

function select(problem: string, learner?: Parameters<typeof selectConcepts>[3]) {
  return selectConcepts(problem, analyzeProblem(problem), catalogue, learner);
}

function ranking(problem: string) {
  const analysis = analyzeProblem(problem);
  const query = buildProblemQuery(tokenizeProblem(problem), 160);
  return rankConcepts(indexCatalogue(catalogue), query, deriveSignals(problem, analysis));
}

afterAll(() => {
  console.info(`Reference cases:\n${recorded.join('\n')}`);
});

describe('selectConcepts on the seed examples', () => {
  it.each(seedExamples.map((example) => [example.name, example] as const))(
    '%s selects at least 6 of the 8 expected concepts',
    (_name, example) => {
      const titles = select(example.problem).map((concept) => concept.title);
      const hits = example.expectedConcepts.filter((title) => titles.includes(title));
      recorded.push(`  seed "${example.name}": ${hits.length}/8 (${titles.join('; ')})`);
      expect(
        hits.length,
        `missing: ${example.expectedConcepts.filter((t) => !titles.includes(t)).join('; ')}`,
      ).toBeGreaterThanOrEqual(6);
    },
  );
});

describe('selectConcepts on the real problems', () => {
  // Floors reached by the shipped catalogue: every problem covers at least 5 of its 6 families,
  // and the eight together at least 42 of 48.
  const PER_PROBLEM_FLOOR = 5;
  const TOTAL_FLOOR = 42;
  const covered = new Map<string, number>();

  it.each(realProblems.map((problem) => [problem.id, problem] as const))(
    '%s covers most of its concept families',
    (_id, problem) => {
      const titles = select(problem.problem).map((concept) => concept.title);
      const families = problem.families.filter((family) =>
        titles.some((title) => new RegExp(family, 'i').test(title)),
      );
      covered.set(problem.id, families.length);
      const missing = problem.families.filter((family) => !families.includes(family));
      recorded.push(
        `  ${problem.id}: ${families.length}/${problem.families.length} families${missing.length > 0 ? ` (missing ${missing.join(' ; ')})` : ''}`,
      );
      expect(families.length, `missing: ${missing.join(' ; ')}`).toBeGreaterThanOrEqual(
        PER_PROBLEM_FLOOR,
      );
    },
  );

  it('covers at least 42 of 48 families in total', () => {
    for (const problem of realProblems) {
      if (covered.has(problem.id)) continue;
      const titles = select(problem.problem).map((concept) => concept.title);
      covered.set(
        problem.id,
        problem.families.filter((family) => titles.some((t) => new RegExp(family, 'i').test(t)))
          .length,
      );
    }
    const total = [...covered.values()].reduce((sum, count) => sum + count, 0);
    recorded.push(`  real problems total: ${total}/48 families`);
    expect(total).toBeGreaterThanOrEqual(TOTAL_FLOOR);
  });
});

describe('selectConcepts shape', () => {
  const problems = [
    ...seedExamples.map((example) => example.problem),
    ...realProblems.map((problem) => problem.problem),
  ];

  it.each(problems.map((problem) => [problem.slice(0, 40), problem] as const))(
    'returns 6 to 8 distinct concepts with reasons for "%s…"',
    (_label, problem) => {
      const concepts = select(problem);
      expect(concepts.length).toBeGreaterThanOrEqual(MIN_CONCEPTS);
      expect(concepts.length).toBeLessThanOrEqual(MAX_CONCEPTS);
      expect(new Set(concepts.map((concept) => concept.id)).size).toBe(concepts.length);
      for (const concept of concepts) {
        expect(concept.reason.trim().length, concept.id).toBeGreaterThan(20);
        expect(concept.reason, concept.id).not.toContain('\n');
      }
    },
  );

  it('repeats the lesson for copied catalogues', () => {
    const problem = seedExamples[1].problem;
    const first = select(problem);
    expect(select(problem)).toEqual(first);
    expect(selectConcepts(problem, analyzeProblem(problem), [...catalogue])).toEqual(first);
  });

  it('orders a prerequisite before the concepts in the lesson that need it', () => {
    for (const problem of problems) {
      const ids = select(problem).map((concept) => concept.id);
      ids.forEach((id, position) => {
        const concept = catalogue.find((entry) => entry.id === id)!;
        for (const prereqId of concept.prereqIds) {
          const prereqPosition = ids.indexOf(prereqId);
          if (prereqPosition !== -1)
            expect(prereqPosition, `${prereqId} before ${id}`).toBeLessThan(position);
        }
      });
    }
  });

  it('quotes the number that drove a signal reason', () => {
    const concepts = select(seedExamples[0].problem);
    const zero = concepts.find((concept) => concept.title === 'ZeRO Optimizer');
    expect(zero?.reason).toBe(
      '2.80 TB of model states cannot fit on one A100 80GB (80.0 GB), so ZeRO-3 brings them to 10.9 GB per GPU.',
    );
    const network = concepts.find((concept) => concept.title === 'InfiniBand Networking');
    expect(network?.reason).toBe(
      '256 GPUs span 32 nodes, so gradients cross the inter-node network.',
    );
  });

  it('selects by text alone when the problem has no numbers', () => {
    const problem =
      'Our NCCL all-reduce hangs at random steps and the watchdog kills the job; how do we find the stuck rank?';
    expect(analyzeProblem(problem).estimates).toEqual({});
    const titles = select(problem).map((concept) => concept.title);
    expect(titles).toContain('Hang and Straggler Detection');
    expect(titles).toContain('Collective Communication and NCCL');
  });

  it('returns a full lesson for 4,000 characters of noise', () => {
    const concepts = select(noise(4000));
    expect(concepts.length).toBeGreaterThanOrEqual(MIN_CONCEPTS);
    expect(concepts.length).toBeLessThanOrEqual(MAX_CONCEPTS);
    for (const concept of concepts) expect(concept.reason.length).toBeGreaterThan(20);
  });

  it('returns 6 to 8 concepts for any text', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 10, maxLength: 300 }), (problem) => {
        const concepts = select(problem);
        expect(concepts.length).toBeGreaterThanOrEqual(MIN_CONCEPTS);
        expect(concepts.length).toBeLessThanOrEqual(MAX_CONCEPTS);
        expect(concepts.every((concept) => concept.reason.length > 0)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});

describe('selectConcepts with a learner', () => {
  const problem = seedExamples[0].problem;
  const baseline = select(problem).map((concept) => concept.id);

  it('raises a weak concept that the problem makes relevant', () => {
    const ranked = ranking(problem);
    const candidate = ranked.find(
      (entry) => entry.relevant && entry.signal > 0 && !baseline.includes(entry.concept.id),
    );
    expect(candidate, 'a relevant concept outside the lesson').toBeDefined();

    const withWeak = select(problem, { weakConceptIds: [candidate!.concept.id] });
    const raised = withWeak.find((concept) => concept.id === candidate!.concept.id);
    expect(raised, candidate!.concept.title).toBeDefined();
    expect(raised!.reason.startsWith('Weak in your reviews and relevant here.')).toBe(true);
  });

  it('does not force in weak concepts unrelated to the problem', () => {
    const unrelated = ranking(problem)
      .filter((entry) => !entry.relevant)
      .map((entry) => entry.concept.id);
    expect(unrelated.length).toBeGreaterThan(0);
    const withWeak = select(problem, { weakConceptIds: unrelated }).map((concept) => concept.id);
    expect(withWeak).toEqual(baseline);
  });

  it('includes an unmastered prerequisite the lesson leans on, and drops it once mastered', () => {
    const cases = [
      ...seedExamples.map((example) => example.problem),
      ...realProblems.map((entry) => entry.problem),
    ];
    const found = cases
      .map((text) => ({
        text,
        concept: select(text).find((concept) => concept.reason.startsWith('Foundation for ')),
      }))
      .find((entry) => entry.concept !== undefined);
    expect(found, 'a lesson with a prerequisite raised for coherence').toBeDefined();
    const { text, concept } = found as { text: string; concept: { id: string } };

    const unmastered = select(text, { masteredConceptIds: [] });
    const raised = unmastered.find((entry) => entry.id === concept.id);
    expect(raised?.reason).toMatch(/^Foundation for .+, and you have not mastered it yet\./);

    const mastered = select(text, { masteredConceptIds: [concept.id] });
    const after = mastered.find((entry) => entry.id === concept.id);
    expect(after?.reason.startsWith('Foundation for') ?? false).toBe(false);
  });
});
