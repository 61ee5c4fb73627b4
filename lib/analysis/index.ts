/**
 * Problem analyser: reads the numbers in a training-infrastructure problem and works out what an
 * experienced engineer would put on the whiteboard, each estimate with its formula, assumptions
 * and source.
 */

import { computeEstimates } from './estimate';
import { extractQuantities } from './parse';
import type { Analysis } from './types';

export { DEFAULTS } from './defaults';
export type { Default } from './defaults';
export { computeEstimates, estimateAll } from './estimate';
export {
  formatBytes,
  formatCount,
  formatDuration,
  formatEstimate,
  formatFlops,
  formatLayout,
  formatPercent,
  formatUsd,
} from './format';
export { GPU_CATALOGUE, findGpu, findGpuMentions, matchGpu } from './gpus';
export type { GpuMatch, GpuSpec } from './gpus';
export { extractQuantities } from './parse';
export type {
  ActivationRecomputation,
  Analysis,
  Estimate,
  Estimates,
  ParallelismLayout,
  Quantities,
  Throughput,
} from './types';

/**
 * Analyses problem text and optional constraints into stated quantities, estimates and notes on
 * what was skipped, ambiguous or defaulted. Does not throw: any input, including a non-string from
 * an untyped caller, yields an analysis, and an internal error becomes a note.
 */
export function analyzeProblem(problem: string, constraints?: string[]): Analysis {
  try {
    const text = joinInputs(problem, constraints);
    const parsed = extractQuantities(text);
    const { estimates, defaultsApplied } = computeEstimates(parsed.quantities);
    const notes = [...parsed.notes, ...defaultsApplied];
    if (Object.keys(parsed.quantities).length === 0) {
      notes.unshift(
        'The text states no quantities the analyser recognises, so there are no estimates.',
      );
    }
    return { quantities: parsed.quantities, estimates, notes };
  } catch (error) {
    // The parser is written not to throw. This catch keeps the contract if a bug slips through, and
    // the note reports the error instead of losing it.
    const message = error instanceof Error ? error.message : String(error);
    return {
      quantities: {},
      estimates: {},
      notes: [`The analyser failed on this text (${message}), so no estimates were made.`],
    };
  }
}

function joinInputs(problem: unknown, constraints: unknown): string {
  const parts = [typeof problem === 'string' ? problem : ''];
  if (Array.isArray(constraints)) {
    for (const constraint of constraints) {
      if (typeof constraint === 'string') parts.push(constraint);
    }
  }
  return parts.join('\n');
}
