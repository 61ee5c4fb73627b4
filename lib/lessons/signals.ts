/**
 * Signals that the analysis and the problem's wording send to concept selection. Each signal
 * states one fact about the problem with its numbers, and names the topics that fact makes
 * relevant, each with a weight and the consequence that becomes a concept's reason.
 */

import type { Analysis } from '../analysis/types';
import { deriveNumberSignals } from './number-signals';
import type { TopicId } from './topics';
import { deriveWordSignals } from './word-signals';

export type SignalId =
  | 'model-memory'
  | 'model-size'
  | 'activation-memory'
  | 'long-sequence'
  | 'multi-node'
  | 'single-node'
  | 'uptime'
  | 'recovery'
  | 'lost-progress'
  | 'failures-at-scale'
  | 'checkpoint-stall'
  | 'budget'
  | 'throughput-target'
  | 'timeline'
  | 'compute'
  | 'out-of-memory'
  | 'spot'
  | 'node-failure'
  | 'hang'
  | 'performance-gap'
  | 'data-stall'
  | 'instability'
  | 'stability-goal'
  | 'contrastive';

/** A topic a signal makes relevant, how much, and why in words a learner can check. */
export interface SignalTarget {
  topic: TopicId;
  /** Relevance from 0 to 1, multiplied by the signal's strength. */
  weight: number;
  /** Clause appended to the fact after "so", in lowercase. */
  consequence?: string;
}

/** A fact about the problem that makes some topics matter. */
export interface Signal {
  id: SignalId;
  /** Weight of the fact in the lesson, from 0 to 1. */
  strength: number;
  /** The fact as a clause with its numbers: "256 GPUs span 32 nodes". */
  fact: string;
  targets: SignalTarget[];
}

/** Signals that report something going wrong: the learner's actual question. */
const SYMPTOM_SIGNALS: ReadonlySet<SignalId> = new Set<SignalId>([
  'out-of-memory',
  'checkpoint-stall',
  'hang',
  'performance-gap',
  'data-stall',
  'instability',
]);

/** Signals that describe the setting rather than a goal, a limit or a symptom. */
const CONTEXT_SIGNALS: ReadonlySet<SignalId> = new Set<SignalId>([
  'model-size',
  'multi-node',
  'single-node',
  'failures-at-scale',
  'compute',
]);

/** Factor on context signals when the problem reports a symptom, so the setting does not crowd it out. */
const CONTEXT_STRENGTH_WITH_SYMPTOM = 0.5;

/**
 * Derives every signal the analysis numbers and the problem's wording support, in a fixed order.
 * When the problem reports a symptom (out of memory, a hang, a stall, loss spikes), signals that
 * only describe the setting, such as the node count, count half.
 */
export function deriveSignals(problemText: string, analysis: Analysis): Signal[] {
  const signals = [
    ...deriveNumberSignals(problemText, analysis),
    ...deriveWordSignals(problemText, analysis),
  ];
  if (!signals.some((signal) => SYMPTOM_SIGNALS.has(signal.id))) return signals;
  return signals.map((signal) =>
    CONTEXT_SIGNALS.has(signal.id)
      ? { ...signal, strength: signal.strength * CONTEXT_STRENGTH_WITH_SYMPTOM }
      : signal,
  );
}

/** Returns the reason sentence for one target of a signal: the fact, then its consequence. */
export function signalReason(signal: Signal, target: SignalTarget): string {
  const sentence =
    target.consequence === undefined ? signal.fact : `${signal.fact}, so ${target.consequence}`;
  return `${capitalize(sentence)}.`;
}

function capitalize(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}
