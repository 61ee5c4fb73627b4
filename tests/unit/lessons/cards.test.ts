import { describe, expect, it } from 'vitest';

import { analyzeProblem, formatEstimate, formatUsd } from '@/lib/analysis';
import { buildCards } from '@/lib/lessons/cards';
import { indexCatalogue } from '@/lib/lessons/catalogue-index';
import { selectConcepts } from '@/lib/lessons/select';

import { catalogue, FULL_PROBLEM, realProblems } from './fixtures';

function cardsFor(problem: string) {
  const analysis = analyzeProblem(problem);
  const concepts = selectConcepts(problem, analysis, catalogue);
  return { analysis, concepts, cards: buildCards(concepts, analysis, indexCatalogue(catalogue)) };
}

function card(cards: ReturnType<typeof cardsFor>['cards'], title: string) {
  const found = cards.find((entry) => entry.front.title === title);
  if (found === undefined) throw new Error(`no card titled ${title}`);
  return found;
}

describe('buildCards', () => {
  const full = cardsFor(FULL_PROBLEM);
  const { estimates } = full.analysis;

  it('makes one card per selected concept, in lesson order', () => {
    expect(full.cards.map((entry) => entry.conceptId)).toEqual(
      full.concepts.map((concept) => concept.id),
    );
    expect(full.cards.map((entry) => entry.position)).toEqual(full.cards.map((_, index) => index));
  });

  it('copies the front and back from the catalogue and the reason', () => {
    full.cards.forEach((entry, index) => {
      const concept = catalogue.find((candidate) => candidate.id === entry.conceptId)!;
      expect(entry.front).toEqual({
        title: concept.title,
        level: concept.level,
        domain: concept.domain,
        tags: concept.tags,
        summary: concept.summary,
        whyItMatters: full.concepts[index].reason,
      });
      expect(entry.back.body).toBe(concept.body);
      expect(entry.back.diagrams).toEqual(concept.diagrams);
      expect(entry.images).toEqual([]);
    });
  });

  it('carries 3 or 4 quiz questions per card', () => {
    for (const entry of full.cards) {
      expect(entry.quiz.length, entry.front.title).toBeGreaterThanOrEqual(3);
      expect(entry.quiz.length, entry.front.title).toBeLessThanOrEqual(4);
    }
  });

  it('applies ZeRO to the per-GPU memory of every stage against the GPU', () => {
    const applied = card(full.cards, 'ZeRO Optimizer').back.applied;
    expect(applied).toContain(`**Model states:** ${formatEstimate(estimates.modelStateBytes!)}`);
    expect(applied).toContain(`| DDP | ${formatEstimate(estimates.memoryPerGpuDdpBytes!)} | no |`);
    expect(applied).toContain(
      `| ZeRO-1 | ${formatEstimate(estimates.memoryPerGpuZero1Bytes!)} | no |`,
    );
    expect(applied).toContain(
      `| ZeRO-2 | ${formatEstimate(estimates.memoryPerGpuZero2Bytes!)} | no |`,
    );
    expect(applied).toContain(
      `| ZeRO-3 | ${formatEstimate(estimates.memoryPerGpuZero3Bytes!)} | yes |`,
    );
    expect(applied).toContain(estimates.memoryPerGpuZero3Bytes!.formula);
    expect(applied).toContain('ZeRO-3 is the lowest stage that fits: 10.9 GB of 80.0 GB');
  });

  it('applies checkpointing to size, write time and the Young/Daly interval', () => {
    const applied = card(full.cards, 'Checkpoint Storage').back.applied;
    expect(applied).toContain(`Full training state: ${formatEstimate(estimates.checkpointBytes!)}`);
    expect(applied).toContain(
      `Each save blocks training for ${formatEstimate(estimates.checkpointWriteSeconds!)}`,
    );
    expect(applied).toContain(
      `Young/Daly interval: ${formatEstimate(estimates.checkpointIntervalMinutes!)}`,
    );
  });

  it('applies cost modeling to GPU-hours and cost against the budget', () => {
    const applied = card(full.cards, 'Cost Modeling').back.applied;
    expect(applied).toContain(`GPU-hours: ${formatEstimate(estimates.gpuHours!)}`);
    const overBy = formatUsd(estimates.costUsd!.value - 500_000);
    expect(applied).toContain(
      `${formatEstimate(estimates.costUsd!)} estimated against a $500k budget: over by ${overBy}`,
    );
  });

  it('compares a stated save time with the stated disk bandwidth', () => {
    const r05 = cardsFor(realProblems.find((problem) => problem.id === 'R05')!.problem);
    const applied = card(r05.cards, 'Checkpoint Storage').back.applied;
    expect(applied).toContain('At the stated 2.20 GB/s, 112 GB should take 50.9 s');
    expect(applied).toContain('so the save is not limited by disk bandwidth');
  });

  it('leaves applied empty when no estimate applies', () => {
    const textOnly = cardsFor(
      'Our NCCL all-reduce hangs at random steps and the watchdog kills the job; why?',
    );
    for (const entry of textOnly.cards) expect(entry.back.applied, entry.front.title).toBe('');
  });
});
