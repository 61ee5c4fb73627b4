// Checks that a lesson's text agrees with its own numbers and does not repeat itself across cards
// and roles.
import { describe, expect, it } from 'vitest';

import { formatBytes, formatCount, formatEstimate } from '@/lib/analysis';
import { generateLesson } from '@/lib/lessons/generate';
import type { Lesson, RoleAnalysis } from '@/lib/lessons/types';

import { catalogue, FULL_PROBLEM, NOW, realProblems, seedExamples } from './fixtures';

const TIMELINE_PROBLEM = 'Train a 7B model on 2T tokens on 8x H100 in 3 weeks';

/** Decimal byte units as `formatBytes` prints them. */
const BYTE_SCALE: Readonly<Record<string, number>> = {
  B: 1,
  kB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  PB: 1e15,
};

function lessonFor(problem: string): Lesson {
  return generateLesson({ problem }, { concepts: catalogue, now: NOW, id: 'consistency' });
}

function role(lesson: Lesson, id: RoleAnalysis['role']): RoleAnalysis {
  return lesson.roles.find((entry) => entry.role === id)!;
}

/** Returns the lesson's own prose: card reasons, applied sections, role text and disagreements. */
function lessonTexts(lesson: Lesson): string[] {
  return [
    ...lesson.concepts.map((concept) => concept.reason),
    ...lesson.cards.map((card) => card.back.applied),
    ...lesson.roles.flatMap((entry) => [
      entry.view,
      ...entry.risks,
      ...entry.tradeoffs,
      ...entry.actions,
    ]),
    ...lesson.disagreements.flatMap((entry) => [entry.tension, entry.settledBy]),
  ];
}

function bytesOf(value: string, unit: string): number {
  return Number(value) * BYTE_SCALE[unit];
}

describe('lesson consistency', () => {
  const full = lessonFor(FULL_PROBLEM);
  const timeline = lessonFor(TIMELINE_PROBLEM);

  it.each(seedExamples.map((example) => [example.name, example.problem]))(
    'repeats no applied block across cards: %s',
    (_name, problem) => {
      const lesson = lessonFor(problem);
      const applied = lesson.cards.map((card) => card.back.applied).filter((text) => text !== '');
      expect(new Set(applied).size).toBe(applied.length);

      const bullets = applied.flatMap((text) =>
        text.split('\n').filter((line) => line.startsWith('- ')),
      );
      const repeated = bullets.filter((line, at) => bullets.indexOf(line) !== at);
      expect(repeated).toEqual([]);
    },
  );

  it.each(realProblems.map((problem) => [problem.id, problem.problem]))(
    'leaves no empty label in applied sections: %s',
    (_id, problem) => {
      for (const card of lessonFor(problem).cards) {
        const lines = card.back.applied.split('\n');
        lines.forEach((line, at) => {
          if (line.startsWith('**') || !line.endsWith(':')) return;
          expect(lines[at + 1] ?? '', `${card.front.title}: ${line}`).toMatch(/^- /);
        });
      }
    },
  );

  it('shows the Young/Daly interval once on Checkpoint Storage', () => {
    const applied = full.cards.find((card) => card.front.title === 'Checkpoint Storage')!.back
      .applied;
    expect(applied.match(/Young\/Daly/g)).toHaveLength(1);
  });

  it('makes every "X of Y" byte comparison true', () => {
    const comparison = /(\d+(?:\.\d+)?) (k?B|[MGTP]B) of (?:the )?(\d+(?:\.\d+)?) (k?B|[MGTP]B)/g;
    let checked = 0;
    const lessons = [full, timeline, ...realProblems.map((problem) => lessonFor(problem.problem))];
    for (const lesson of lessons) {
      for (const text of lessonTexts(lesson)) {
        for (const match of text.matchAll(comparison)) {
          checked += 1;
          expect(bytesOf(match[1], match[2]), match[0]).toBeLessThanOrEqual(
            bytesOf(match[3], match[4]),
          );
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('computes how far activations exceed the GPU', () => {
    const { activationBytesPerGpu, gpuMemoryBytes } = full.analysis.estimates;
    const ratio = (activationBytesPerGpu!.value / gpuMemoryBytes!.value).toFixed(1);
    const risks = role(full, 'training-engineer').risks;
    const card = formatBytes(gpuMemoryBytes!.value);
    expect(risks.some((risk) => risk.includes(`exceed the ${card} card ${ratio} times over`))).toBe(
      true,
    );
    expect(risks.some((risk) => risk.includes('more than half'))).toBe(false);
  });

  it('names the recomputation wherever raw activations meet the layout', () => {
    const activations = formatEstimate(full.analysis.estimates.activationBytesPerGpu!);
    const note = 'assumes full activation recomputation, which brings them to 7.70 GB per GPU';
    const texts = [
      ...full.roles.flatMap((entry) => entry.risks),
      ...full.cards.map((card) => card.back.applied),
    ].filter((text) => text.includes(`${activations} per GPU`));
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toContain(note);
  });

  it('calls the all-reduce a DDP-volume estimate next to ZeRO-3', () => {
    expect(full.analysis.estimates.parallelismLayout!.value.zeroStage).toBe(3);
    const allReduce = formatEstimate(full.analysis.estimates.allReduceSecondsPerStep!);
    const texts = [
      ...full.roles.flatMap((entry) => entry.risks),
      ...full.cards.map((card) => card.back.applied),
    ].filter((text) => text.includes(allReduce));
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) {
      expect(text).toContain('plain data-parallel (DDP) volume');
      expect(text).toContain('1.5 times');
    }
  });

  it.each(['architect', 'cost-officer', 'red-team'] as const)(
    '%s names the timeline overrun',
    (roleId) => {
      const days = formatEstimate(timeline.analysis.estimates.trainingDays!);
      const risks = role(timeline, roleId).risks;
      expect(risks.some((risk) => risk.includes('21-day timeline') && risk.includes(days))).toBe(
        true,
      );
    },
  );

  it('sizes the data loader from stated tokens and the timeline', () => {
    const dataLead = role(timeline, 'data-lead');
    const tokensPerSecond = formatCount(2e12 / (21 * 86_400));
    expect(dataLead.evidence).toContain(
      `Tokens the pipeline must deliver: ${tokensPerSecond} tokens/s, 2.00T tokens over the 21-day timeline.`,
    );
    expect(dataLead.risks.some((risk) => risk.includes(`${tokensPerSecond} tokens/s`))).toBe(true);
    expect(dataLead.risks.join(' ')).not.toContain('nothing to measure');
    expect(dataLead.tradeoffs.join(' ')).not.toContain('None can be weighed');
  });

  it('copies no concept reason into role risks or actions', () => {
    for (const lesson of [full, timeline]) {
      const titles = lesson.concepts.map((concept) => `${concept.title}: `);
      for (const entry of lesson.roles) {
        for (const line of [...entry.risks, ...entry.actions]) {
          expect(
            titles.some((title) => line.startsWith(title)),
            `${entry.role}: ${line}`,
          ).toBe(false);
        }
        expect(
          entry.risks.some((risk) => risk.startsWith('The problem plans for')),
          entry.role,
        ).toBe(false);
        expect(entry.tradeoffs.join(' '), entry.role).not.toContain('None can be weighed');
      }
    }
  });

  it('prints training time in one unit across the lesson', () => {
    for (const lesson of [full, timeline]) {
      for (const text of lessonTexts(lesson)) expect(text).not.toMatch(/\d years/);
    }
    const redTeam = role(full, 'red-team').risks.find((risk) => risk.startsWith('At 30% MFU'))!;
    const slower = `${Number(((full.analysis.estimates.trainingDays!.value * 0.4) / 0.3).toPrecision(3))} days`;
    expect(redTeam).toContain(
      `takes ${slower} instead of ${formatEstimate(full.analysis.estimates.trainingDays!)}`,
    );
  });
});
