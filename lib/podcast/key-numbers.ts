/**
 * The lesson's key estimates as the podcast speaks them and the show notes list them, grouped
 * by the host's question about them.
 */

import { formatEstimate, formatUsd } from '../analysis/format';
import type { Analysis, Estimate, Estimates } from '../analysis/types';
import type { ShowNoteEstimate } from './types';

type EstimateKey = keyof Estimates;

interface KeyNumber {
  key: EstimateKey;
  label: string;
  /** One spoken sentence with the formatted value in it. */
  sentence: (value: string, analysis: Analysis) => string;
}

interface KeyNumberGroup {
  /** Question the host puts before the expert gives this group's numbers. */
  question: string;
  numbers: KeyNumber[];
}

/** Key estimates in the order the expert gives them; absent estimates are skipped. */
const KEY_NUMBER_GROUPS: readonly KeyNumberGroup[] = [
  {
    question: 'Start with memory. What has to fit on each GPU?',
    numbers: [
      {
        key: 'modelStateBytes',
        label: 'Model states (weights, gradients, Adam states)',
        sentence: (value) =>
          `Weights, gradients and Adam optimizer states come to ${value} in mixed precision.`,
      },
      {
        key: 'memoryPerGpuZero3Bytes',
        label: 'Model states per GPU under ZeRO-3',
        sentence: (value) =>
          `Sharded with ZeRO stage 3 across every GPU, that is ${value} per GPU.`,
      },
      {
        key: 'activationBytesPerGpu',
        label: 'Activation memory per GPU',
        sentence: (value) => `Activations add about ${value} per GPU on top of that.`,
      },
      {
        key: 'parallelismLayout',
        label: 'Parallelism layout that fits',
        sentence: (value) => `A layout that fits is ${value}.`,
      },
    ],
  },
  {
    question: 'How much compute, time and money does the run take?',
    numbers: [
      {
        key: 'trainingFlops',
        label: 'Training compute (6·N·D)',
        sentence: (value) => `Training takes about ${value}, six times parameters times tokens.`,
      },
      {
        key: 'trainingDays',
        label: 'Training time',
        sentence: (value) => `At the assumed utilisation that is ${value} of wall-clock time.`,
      },
      {
        key: 'gpuHours',
        label: 'GPU-hours',
        sentence: (value) => `In GPU time, ${value}.`,
      },
      {
        key: 'costUsd',
        label: 'Compute cost',
        sentence: costSentence,
      },
    ],
  },
  {
    question: 'What happens when something fails?',
    numbers: [
      {
        key: 'checkpointBytes',
        label: 'Checkpoint size (full training state)',
        sentence: (value) => `A full checkpoint, everything needed to resume, holds ${value}.`,
      },
      {
        key: 'checkpointWriteSeconds',
        label: 'Checkpoint write time',
        sentence: (value) => `Each save blocks training for ${value}.`,
      },
      {
        key: 'jobMtbfHours',
        label: 'Job mean time between failures',
        sentence: (value) => `The whole job sees a failure about every ${value}.`,
      },
      {
        key: 'checkpointIntervalMinutes',
        label: 'Young/Daly checkpoint interval',
        sentence: (value) => `The Young/Daly checkpoint interval comes out at ${value}.`,
      },
      {
        key: 'expectedLostWorkMinutes',
        label: 'Work lost per failure',
        sentence: (value) => `Each failure costs about ${value} of work.`,
      },
    ],
  },
  {
    question: 'And the network?',
    numbers: [
      {
        key: 'allReduceSecondsPerStep',
        label: 'Gradient all-reduce per step',
        sentence: (value) => `A ring all-reduce of the gradients takes about ${value} per step.`,
      },
    ],
  },
];

/** A group of key numbers that the lesson has, with the sentences ready to speak. */
export interface SpokenNumberGroup {
  question: string;
  sentences: string[];
  keys: EstimateKey[];
}

/** Returns the key number groups that have at least one estimate in `analysis`. */
export function spokenNumberGroups(analysis: Analysis): SpokenNumberGroup[] {
  const groups: SpokenNumberGroup[] = [];
  for (const group of KEY_NUMBER_GROUPS) {
    const present = group.numbers.filter((number) => analysis.estimates[number.key]);
    if (present.length === 0) continue;
    groups.push({
      question: group.question,
      keys: present.map((number) => number.key),
      sentences: present.map((number) =>
        number.sentence(formatEstimate(estimateOf(analysis, number.key)), analysis),
      ),
    });
  }
  return groups;
}

/** Returns every key estimate of the lesson, formatted, with its formula and source. */
export function keyEstimates(analysis: Analysis): ShowNoteEstimate[] {
  return KEY_NUMBER_GROUPS.flatMap((group) => group.numbers)
    .filter((number) => analysis.estimates[number.key])
    .map((number) => {
      const estimate = estimateOf(analysis, number.key);
      return {
        key: number.key,
        label: number.label,
        value: formatEstimate(estimate),
        formula: estimate.formula,
        source: estimate.source,
      };
    });
}

/**
 * Returns the keys of the estimates whose formatted value appears in `text`, in the order of
 * `analysis.estimates`. This is how a chapter's numbers are traced back to their sources.
 */
export function estimatesQuotedIn(text: string, analysis: Analysis): EstimateKey[] {
  const keys: EstimateKey[] = [];
  for (const [key, estimate] of Object.entries(analysis.estimates)) {
    if (!estimate) continue;
    const value = formatEstimate(estimate as Estimate<unknown>);
    if (value.length >= 3 && text.includes(value)) keys.push(key as EstimateKey);
  }
  return keys;
}

/** Returns the distinct sources of the given estimates, in order. */
export function sourcesOf(keys: readonly EstimateKey[], analysis: Analysis): string[] {
  const sources = keys
    .map((key) => analysis.estimates[key]?.source)
    .filter((source): source is string => typeof source === 'string' && source !== '');
  return [...new Set(sources)];
}

/**
 * Returns the defaults the key estimates rest on, such as "MFU 0.4", each cut before its
 * parenthesised source, without repeats.
 */
export function defaultAssumptions(analysis: Analysis, keys: readonly EstimateKey[]): string[] {
  const assumptions = keys
    .flatMap((key) => analysis.estimates[key]?.assumptions ?? [])
    .filter((assumption) => /\bdefault\b/i.test(assumption))
    .map((assumption) =>
      assumption
        .replace(/\s*\(.*$/, '')
        .replace(/[.:;,]\s*$/, '')
        .trim(),
    )
    .filter((assumption) => assumption !== '');
  return [...new Set(assumptions)];
}

function estimateOf(analysis: Analysis, key: EstimateKey): Estimate<unknown> {
  return analysis.estimates[key] as Estimate<unknown>;
}

function costSentence(value: string, analysis: Analysis): string {
  const budgetUsd = analysis.quantities.budgetUsd;
  const costUsd = analysis.estimates.costUsd?.value;
  if (budgetUsd === undefined || costUsd === undefined) {
    return `At the assumed price the compute costs about ${value}.`;
  }
  const verdict =
    costUsd > budgetUsd
      ? `over the ${formatUsd(budgetUsd)} budget by ${formatUsd(costUsd - budgetUsd)}`
      : `within the ${formatUsd(budgetUsd)} budget, with ${formatUsd(budgetUsd - costUsd)} to spare`;
  return `The compute costs about ${value}, ${verdict}.`;
}
