import { describe, expect, it } from 'vitest';

import { analyzeProblem, formatEstimate, type Estimate } from '@/lib/analysis';
import { indexCatalogue } from '@/lib/lessons/catalogue-index';
import { buildDisagreements } from '@/lib/lessons/disagreements';
import { buildRoles, createRoleContext } from '@/lib/lessons/roles';
import { selectConcepts } from '@/lib/lessons/select';
import { ROLE_IDS, type RoleAnalysis } from '@/lib/lessons/types';

import { catalogue, FULL_PROBLEM, noise, realProblems } from './fixtures';

function rolesFor(problem: string) {
  const analysis = analyzeProblem(problem);
  const concepts = selectConcepts(problem, analysis, catalogue);
  const index = indexCatalogue(catalogue);
  return {
    analysis,
    roles: buildRoles(analysis, concepts, index),
    disagreements: buildDisagreements(createRoleContext(analysis, concepts, index), problem),
  };
}

function role(roles: RoleAnalysis[], id: RoleAnalysis['role']): RoleAnalysis {
  return roles.find((entry) => entry.role === id)!;
}

const FITS_BUDGET = 'Fine-tune a 7B model on 100B tokens with 64 H100 GPUs and a budget of $50k.';
const R05 = realProblems.find((problem) => problem.id === 'R05')!.problem;

describe('buildRoles', () => {
  const full = rolesFor(FULL_PROBLEM);

  it('returns the six roles in display order with every list filled', () => {
    expect(full.roles.map((entry) => entry.role)).toEqual([...ROLE_IDS]);
    for (const entry of full.roles) {
      expect(entry.view.length, entry.role).toBeGreaterThan(20);
      for (const list of [entry.evidence, entry.risks, entry.tradeoffs, entry.actions]) {
        expect(list.length, entry.role).toBeGreaterThan(0);
      }
    }
  });

  it.each([
    ['architect', 'Model states', 'modelStateBytes'],
    ['architect', 'Per GPU under ZeRO-3', 'memoryPerGpuZero3Bytes'],
    ['architect', 'Gradient all-reduce per step', 'allReduceSecondsPerStep'],
    ['architect', 'Layout that fits', 'parallelismLayout'],
    ['data-lead', 'Training tokens', 'trainingTokens'],
    ['training-engineer', 'Training compute', 'trainingFlops'],
    ['training-engineer', 'Training time', 'trainingDays'],
    ['sre', 'Job MTBF', 'jobMtbfHours'],
    ['sre', 'Young/Daly interval', 'checkpointIntervalMinutes'],
    ['sre', 'Checkpoint write', 'checkpointWriteSeconds'],
    ['cost-officer', 'GPU-hours', 'gpuHours'],
    ['cost-officer', 'Cost', 'costUsd'],
  ] as const)('%s quotes "%s" as the formatted %s', (roleId, label, key) => {
    const estimate = full.analysis.estimates[key] as Estimate<unknown>;
    const line = role(full.roles, roleId).evidence.find((entry) => entry.startsWith(`${label}: `));
    expect(line).toBe(`${label}: ${formatEstimate(estimate)} (${estimate.formula})`);
  });

  it('quotes each estimate it shows the working of with the formatted value', () => {
    for (const entry of full.roles) {
      for (const line of entry.evidence) {
        for (const estimate of Object.values(full.analysis.estimates) as Estimate<unknown>[]) {
          if (line.endsWith(`(${estimate.formula})`)) {
            expect(line, entry.role).toContain(`: ${formatEstimate(estimate)} (`);
          }
        }
      }
    }
  });

  it('says plainly when the estimate is over budget', () => {
    const cost = formatEstimate(full.analysis.estimates.costUsd!);
    const view = role(full.roles, 'cost-officer').view;
    expect(view).toContain('does not fit the budget');
    expect(view).toContain(`${cost} estimated against a $500k budget: over by $15.8M`);
  });

  it('says plainly when the estimate fits the budget', () => {
    const fits = rolesFor(FITS_BUDGET);
    const cost = formatEstimate(fits.analysis.estimates.costUsd!);
    const view = role(fits.roles, 'cost-officer').view;
    expect(fits.analysis.estimates.costUsd!.value).toBeLessThan(50_000);
    expect(view).toContain('The plan fits the budget.');
    expect(view).toContain(`${cost} estimated against a $50.0k budget: it fits, with`);
  });

  it('gives two different problems different evidence and actions in every role', () => {
    const other = rolesFor(R05);
    for (const id of ROLE_IDS) {
      expect(role(other.roles, id).evidence, id).not.toEqual(role(full.roles, id).evidence);
      expect(role(other.roles, id).actions, id).not.toEqual(role(full.roles, id).actions);
    }
  });

  it('names the defaults the red team challenges', () => {
    const evidence = role(full.roles, 'red-team').evidence;
    expect(evidence).toContain('Default, not stated: MFU 0.4.');
    expect(
      role(full.roles, 'red-team').risks.some((risk) =>
        risk.startsWith('At 30% MFU instead of 40%'),
      ),
    ).toBe(true);
  });

  it('keeps a stated MFU out of the red team', () => {
    const stated = rolesFor(
      'Train a 13B model on 1T tokens with 128 H100 GPUs at 45% MFU and a budget of $400k.',
    );
    const redTeam = role(stated.roles, 'red-team');
    expect(redTeam.evidence.some((line) => line.startsWith('Default, not stated: MFU'))).toBe(
      false,
    );
    expect(redTeam.risks.some((risk) => risk.includes('MFU instead of'))).toBe(false);
    expect(
      stated.disagreements.some((entry) => entry.roles.join() === 'red-team,cost-officer'),
    ).toBe(false);
  });

  it('fills every role for text with no numbers and for noise', () => {
    for (const problem of [
      'Our loss curve looks odd after we changed the data mixture; what should we check?',
      noise(4000),
    ]) {
      const { roles } = rolesFor(problem);
      expect(roles.map((entry) => entry.role)).toEqual([...ROLE_IDS]);
      for (const entry of roles) {
        expect(entry.evidence.length, entry.role).toBeGreaterThan(0);
        expect(entry.actions.length, entry.role).toBeGreaterThan(0);
      }
    }
  });
});

describe('buildDisagreements', () => {
  const full = rolesFor(FULL_PROBLEM);

  it('pairs two different roles with a tension and a settlement', () => {
    expect(full.disagreements.length).toBeGreaterThan(0);
    for (const entry of full.disagreements) {
      expect(ROLE_IDS).toContain(entry.roles[0]);
      expect(ROLE_IDS).toContain(entry.roles[1]);
      expect(entry.roles[0]).not.toBe(entry.roles[1]);
      expect(entry.tension.length).toBeGreaterThan(20);
      expect(entry.settledBy.length).toBeGreaterThan(20);
    }
  });

  it('sets the cost officer against the architect with the GPU-hours', () => {
    const entry = full.disagreements.find(
      (candidate) => candidate.roles.join() === 'cost-officer,architect',
    );
    expect(entry?.tension).toContain(formatEstimate(full.analysis.estimates.gpuHours!));
    expect(entry?.tension).toContain('$500k buys 251k GPU-hours');
  });

  it('shows that no checkpoint interval reaches the uptime target', () => {
    const entry = full.disagreements.find(
      (candidate) => candidate.roles.join() === 'sre,training-engineer',
    );
    expect(entry?.tension).toContain(
      formatEstimate(full.analysis.estimates.expectedDowntimeFraction!),
    );
    expect(entry?.settledBy).toContain('No interval reaches 0.1%');
  });

  it('prices a stated checkpoint stall without a failure rate', () => {
    const r05 = rolesFor(R05);
    expect(r05.disagreements.map((entry) => entry.tension)).toContain(
      'The SRE wants frequent checkpoints; each save blocks training for 6.5 min, so even one save per hour costs 10.8% of training time.',
    );
  });
});
