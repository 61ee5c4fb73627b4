/**
 * Lenient reading of free problem text into `Quantities`. Extractors run from the most specific
 * phrase to the most generic, and each marks the characters it read, so "8 GPUs" inside "2
 * servers (8 GPUs each)" is not read again as the GPU total.
 */

import { findUncataloguedGpuNames } from '../gpus';
import type { Quantities } from '../types';
import { MAX_INPUT_CHARS, ParseContext } from './context';
import { extractBandwidths, extractCluster } from './hardware';
import {
  extractBatchSizes,
  extractMfu,
  extractParallelism,
  extractParameters,
  extractRates,
  extractRecomputation,
  extractSequenceLength,
  extractShape,
  extractTokens,
  extractZeroStage,
} from './model';
import { NUMBER } from './numbers';
import {
  extractBudget,
  extractCheckpointTimes,
  extractFailureRate,
  extractPrice,
  extractRecoveryTargets,
  extractTimeline,
  extractUptime,
} from './targets';

/** Quantities read from text, with notes on what was skipped, ambiguous or interpreted. */
export type ParsedText = { quantities: Quantities; notes: string[] };

/** Most leftover numbers quoted in the note that lists numbers no extractor used. */
const MAX_UNUSED_QUOTED = 8;
const NEGATIVE_NUMBER = /(^|[\s(=:~≈])-\d[\d,]*(?:\.\d+)?(?:\s?%|\s?[a-z][\w/-]*)?/g;
const DECIMAL_COMMA = /(?<![\w.,])\d+,(?:\d{1,2}|\d{4,})(?![\d,])(?:\s?%|\s?[a-z][\w/-]*)?/g;
const LEFTOVER_NUMBER = new RegExp(String.raw`${NUMBER}(?:\s?%|\s?[a-z][\w/-]*)?`, 'g');

const FINE_TUNING = /\bfine[\s-]?tun|\bsft\b|supervised fine|\blora\b|\bqlora\b/;
const FUNCTION_WORD_TAIL = /\s+(?:or|and|to|the|of|a|an|in|on|at|for|per|with|by|from|apart)$/i;

/** Order matters: each extractor skips characters an earlier one read. */
const EXTRACTORS: ReadonlyArray<(ctx: ParseContext) => void> = [
  extractParallelism,
  extractZeroStage,
  extractCluster,
  extractPrice,
  extractBudget,
  extractRates,
  extractSequenceLength,
  extractTokens,
  extractParameters,
  extractShape,
  extractBatchSizes,
  extractMfu,
  extractUptime,
  extractCheckpointTimes,
  extractFailureRate,
  extractRecoveryTargets,
  extractTimeline,
  extractBandwidths,
  extractRecomputation,
];

/** Reads every quantity the text states. Does not throw for any string (a property test checks this). */
export function extractQuantities(text: string): ParsedText {
  const ctx = new ParseContext(text);
  if (text.length > MAX_INPUT_CHARS) {
    ctx.note(
      `Only the first ${MAX_INPUT_CHARS.toLocaleString('en-US')} characters of the text were read.`,
    );
  }

  for (const extract of EXTRACTORS) extract(ctx);

  const { tokens, parameters } = ctx.quantities;
  if (tokens === undefined && parameters !== undefined && FINE_TUNING.test(ctx.lower)) {
    ctx.note(
      'The text describes fine-tuning, but the default of 20 training tokens per parameter describes pre-training. State the fine-tuning tokens for realistic compute, time and cost.',
    );
  }

  noteUnknownGpus(ctx);
  noteSkippedNumberForms(ctx);
  noteUnusedNumbers(ctx);
  return { quantities: ctx.quantities, notes: ctx.notes };
}

function noteUnknownGpus(ctx: ParseContext): void {
  const names = findUncataloguedGpuNames(ctx.lower);
  if (names.length === 0) return;
  ctx.note(
    `${names.map((name) => name.toUpperCase()).join(', ')} ${names.length === 1 ? 'is' : 'are'} not in the GPU catalogue, so no hardware figures were taken for ${names.length === 1 ? 'it' : 'them'}. The GPU count is kept, but estimates that need per-GPU memory or peak FLOP/s are skipped unless a catalogued GPU is named.`,
  );
}

/** Notes negative numbers and decimal commas, which `NUMBER` does not read. */
function noteSkippedNumberForms(ctx: ParseContext): void {
  for (const m of ctx.matches(NEGATIVE_NUMBER)) {
    const start = m.index + m[1].length;
    const phrase = ctx.quote(start, m.index + m[0].length);
    ctx.consumeMatch(m);
    ctx.note(`"${phrase}" is negative, so it was not read as a quantity.`);
  }
  for (const m of ctx.matches(DECIMAL_COMMA)) {
    ctx.consumeMatch(m);
    ctx.note(
      `"${ctx.quote(m.index, m.index + m[0].length)}" has a decimal comma or an unusual digit grouping, so it was not read. Write it with a decimal point.`,
    );
  }
}

function noteUnusedNumbers(ctx: ParseContext): void {
  const unused: string[] = [];
  for (const m of ctx.matches(LEFTOVER_NUMBER)) {
    const phrase = ctx.quote(m.index, m.index + m[0].length);
    unused.push(phrase.replace(FUNCTION_WORD_TAIL, ''));
  }
  if (unused.length === 0) return;

  const quoted = unused.slice(0, MAX_UNUSED_QUOTED).map((phrase) => `"${phrase}"`);
  const more =
    unused.length > MAX_UNUSED_QUOTED ? ` and ${unused.length - MAX_UNUSED_QUOTED} more` : '';
  ctx.note(`Numbers not read as any quantity: ${quoted.join(', ')}${more}.`);
}
