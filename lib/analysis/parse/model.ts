/**
 * Extractors for the model and its training setup: parameter count, training tokens, sequence
 * length, transformer shape, parallel degrees, ZeRO stage, batch sizes, MFU, achieved FLOP/s,
 * throughput and activation recomputation.
 */

import type { ParseContext } from './context';
import { MAGNITUDE, NUMBER, magnitudeOf, parseDecimal } from './numbers';

const PARAMETERS = new RegExp(String.raw`${NUMBER}${MAGNITUDE}`, 'g');
const PARAMETER_WORDS = /^[\s-]*(?:parameters?|params?|weights?)\b/;
const MODEL_WORDS =
  /\b(?:parameters?|params?|model|models|llm|lm|transformer|network|dense|moe|gpt|llama|mistral|mixtral|falcon|bloom|opt|t5|bert|decoder|encoder)\b/;
const NOT_PARAMETER_UNITS =
  /^[\s-]*(?:(?:training|train|text|input|output|unique|high-quality|web)\s+)?(?:tokens?|samples?|images?|examples?|sequences?|rows?|documents?|docs|words?|steps?|flops?|dollars?|usd|requests?|users?|queries|records?|pages?|characters?|chars?|pairs?|hours?|gpu-?hours?|iterations?|epochs?|videos?|clips?|frames?|files?|bytes?|gb|tb|pb|problems?|prompts?|conversations?|turns?|utterances?|sentences?|years?|rps|qps)\b/;
const RANGE_AFTER = /^\s*(?:to|-|and|or|through|vs\.?|versus)\s*\d/;
const RANGE_BEFORE = /(?:\bup to|\bto|-|\band|\bor|\bthrough|\bvs\.?|\bversus)\s*$/;

const TOKENS = new RegExp(
  String.raw`${NUMBER}(?:\s?(thousand|million|billion|trillion|bn|mn)\b|(k|m|b|t)\b)?\s?(?:of\s+)?(?:(?:training|train|text|pre-?training|unique|high-quality|web|curated|clean|filtered)\s+){0,2}tokens?\b`,
  'g',
);
const TOKEN_RATE_AFTER =
  /^\s*(?:\/|per|a|each)\s*(?:s\b|sec|second|gpu|step|batch|iteration|sequence|sample)/;
const SEQUENCE_BEFORE =
  /(?:context|sequences?|seq|window|longer than|length|per sequence)\s*(?:of|length|up to|to|is|=|:)?\s*(?:about|around|~)?\s*$/;

const K = String.raw`(k)?\b`;
const SEQUENCE_PATTERNS = [
  new RegExp(
    String.raw`(?:sequences?|seq(?:uence)?[\s_-]?len(?:gth)?|context(?:[\s_-]?(?:length|window|size|len))?|ctx|max(?:imum)?[\s_-]?(?:seq(?:uence)?|context)[\s_-]?(?:len(?:gth)?)?)\s{0,3}(?:length\s{0,3})?(?:of|=|:|is|to|at|longer than|up to|over|above|beyond|exceeding|greater than|around|about|~|>|>=)?\s{0,3}(?:about\s|around\s|~)?${NUMBER}${K}(?:\s?tokens?\b)?`,
    'g',
  ),
  new RegExp(
    String.raw`${NUMBER}${K}[\s-]{0,2}tokens?[\s-]{0,2}(?:context|seq(?:uence)?s?|ctx)\b(?:[\s-]{0,2}(?:length|window|len)\b)?`,
    'g',
  ),
  new RegExp(
    String.raw`${NUMBER}${K}[\s-]{0,2}(?:context|ctx)\b(?:[\s-]{0,2}(?:length|window|len)\b)?`,
    'g',
  ),
  new RegExp(String.raw`${NUMBER}${K}[\s-]{0,2}seq(?:uence)?[\s-]{0,2}(?:length|len)\b`, 'g'),
  new RegExp(
    String.raw`${NUMBER}${K}\s?tokens?\s?(?:per|\/|each)\s?(?:sequence|sample|example)\b`,
    'g',
  ),
];

const OF = String.raw`\s{0,3}(?:of|=|:|is|at|with)?\s{0,3}`;
const HIDDEN_SIZE = new RegExp(
  String.raw`(?:hidden[\s_-]?(?:size|dim(?:ension)?|width)?|d[\s_-]?model|model[\s_-]?(?:dim(?:ension)?|width)|embedding[\s_-]?(?:size|dim(?:ension)?))${OF}${NUMBER}`,
  'g',
);
const LAYERS_AFTER = new RegExp(
  String.raw`${NUMBER}\s?(?:transformer\s+|decoder\s+|hidden\s+)?layers\b`,
  'g',
);
const LAYERS_BEFORE = new RegExp(
  String.raw`(?:num[\s_-]?layers|n[\s_-]?layers|layers)\s{0,3}[=:]\s{0,3}${NUMBER}`,
  'g',
);
const HEADS_AFTER = new RegExp(String.raw`${NUMBER}\s?(?:attention\s+)?heads\b`, 'g');
const HEADS_BEFORE = new RegExp(
  String.raw`(?:num[\s_-]?(?:attention[\s_-]?)?heads|n[\s_-]?heads|attention[\s_-]heads|heads)\s{0,3}[=:]\s{0,3}${NUMBER}`,
  'g',
);

const PARALLEL_SHORT = /(?<![a-z])(tp|pp|dp)\s?[=:]?\s?(\d+)\b/g;
const PARALLEL_WORDS = new RegExp(
  String.raw`(tensor|pipeline|data)[\s-]?(?:model[\s-]?)?parallel(?:ism|ization|isation)?(?:\s{0,3}(?:size|degree|dimension|width))?(?:\s{0,3}(?:of|=|:|is|at))?\s{0,3}${NUMBER}`,
  'g',
);
const PARALLEL_WAY =
  /(?<![\w.])(\d+)[\s-]?way\s+(tensor|pipeline|data)[\s-]?(?:model[\s-]?)?parallel/g;
const PIPELINE_STAGES = new RegExp(String.raw`${NUMBER}\s?pipeline[\s-]stages?\b`, 'g');

const ZERO_STAGE =
  /\bzero[\s-]?(?:stage[\s-]?|dp[\s-]?)?([0-3])\b(?!\s*(?:times|percent|%|hours?|minutes?|days?|gpus?))/g;
const STAGE_ZERO = /\bstage[\s-]?([0-3])\s+(?:of\s+)?(?:deepspeed\s+)?zero\b/g;
const ZERO_NAMED = /\bzero[\s-](offload|infinity|\+\+|plus)/g;
const FSDP = /\bfsdp2?\b|fully sharded data parallel/g;

const MICRO_BATCH = new RegExp(
  String.raw`(?:micro[\s-]?batch(?:[\s-]?size)?|\bmbs\b)${OF}${NUMBER}(?!\s*(?:k|m)\b)`,
  'g',
);
const GLOBAL_BATCH = new RegExp(
  String.raw`(?:global[\s-]?batch(?:[\s-]?size)?|\bgbs\b)${OF}${NUMBER}${MAGNITUDE}?(?![\s-]*tokens?)`,
  'g',
);
const BATCH_SIZE = new RegExp(
  String.raw`(?<!micro[\s-]?|global[\s-]?)batch[\s-]?size${OF}${NUMBER}\b(?![\s-]*tokens?)`,
  'g',
);

const MFU_BEFORE = new RegExp(
  String.raw`(?:\bmfu\b|model[\s-]flops?[\s-]utili[sz]ation)\s{0,3}(?:of|=|:|is|at|around|about|~=|~|≈|approximately|approx\.?|near|reaches|reaching)?\s{0,3}(?:about\s|around\s|~)?${NUMBER}\s?(%|percent)?`,
  'g',
);
const MFU_AFTER = new RegExp(
  String.raw`${NUMBER}\s?(?:%|percent)\s?(?:\bmfu\b|model[\s-]flops?[\s-]utili[sz]ation)`,
  'g',
);

const ACHIEVED_FLOPS = new RegExp(
  String.raw`${NUMBER}\s?(t|tera|p|peta)\s?flop(?:s)?(?:\s?\/\s?s(?:ec)?|\s?per\s?second)?\s?(?:per|\/|a|each|on each)\s?gpu\b`,
  'g',
);
const THROUGHPUT = new RegExp(
  String.raw`${NUMBER}\s?(k|m)?\s?(samples?|images?|imgs?|tokens?|sequences?|seqs?|examples?|steps?|iterations?|its?|videos?|frames?)\s?(?:\/|per|a|each)\s?(?:s|sec|second)\b(?:\s?(?:\/|per)\s?(gpu|device|accelerator)\b)?`,
  'g',
);

/** Most other model sizes quoted in the note that names the one used. */
const MAX_OTHER_SIZES_QUOTED = 5;

/** Reads the parameter count, preferring sizes followed by "parameters" or a model word. */
export function extractParameters(ctx: ParseContext): void {
  type Candidate = { value: number; strong: boolean; phrase: string };
  const candidates: Candidate[] = [];
  let previousRangeEnd = -1;

  for (const m of ctx.matches(PARAMETERS)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!ctx.isFree(start, end)) continue;

    const suffix = (m[2] ?? m[3]).toLowerCase();
    if (suffix === 'k' || suffix === 'thousand') continue;

    const after = ctx.after(end, 48);
    const before = ctx.before(start, 16);
    if (NOT_PARAMETER_UNITS.test(after) || /\$\s?$|usd\s?$/.test(before)) continue;

    const phrase = ctx.quote(start, end);
    const nearbyAfter = after.split(/\s+/).slice(0, 5).join(' ');
    const strong =
      PARAMETER_WORDS.test(after) || MODEL_WORDS.test(nearbyAfter) || MODEL_WORDS.test(before);
    const millions = suffix === 'm' || suffix === 'mm' || suffix === 'million' || suffix === 'mn';
    if (millions && !strong) continue;

    const parameterPhraseEnd = end + (PARAMETER_WORDS.exec(after)?.[0].length ?? 0);
    const isRangeStart = RANGE_AFTER.test(after);
    const isRangeEnd =
      RANGE_BEFORE.test(before) &&
      ((previousRangeEnd >= 0 && start - previousRangeEnd < 16) || /\bup to\s*$/.test(before));
    ctx.consume(start, parameterPhraseEnd);

    if (isRangeStart || isRangeEnd) {
      previousRangeEnd = end;
      ctx.note(
        `"${phrase}" is part of a range of model sizes, so it was not used as the parameter count.`,
      );
      continue;
    }

    candidates.push({ value: parseDecimal(m[1]) * magnitudeOf(suffix), strong, phrase });
  }

  const chosen = candidates.find((candidate) => candidate.strong) ?? candidates[0];
  if (chosen === undefined) return;
  ctx.set('parameters', chosen.value, chosen.phrase);

  const others = candidates.filter(
    (candidate) => candidate !== chosen && candidate.value !== chosen.value,
  );
  if (others.length > 0) {
    const listed = others.slice(0, MAX_OTHER_SIZES_QUOTED).map((other) => other.phrase);
    const more =
      others.length > MAX_OTHER_SIZES_QUOTED
        ? ` and ${others.length - MAX_OTHER_SIZES_QUOTED} more`
        : '';
    ctx.note(
      `The text also mentions ${listed.join(', ')}${more}, but the estimates use ${chosen.phrase} as the model size.`,
    );
  }
}

/** Reads the number of training tokens ("300B tokens", "1.4 trillion tokens"). */
export function extractTokens(ctx: ParseContext): void {
  for (const m of ctx.matches(TOKENS)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!ctx.isFree(start, end)) continue;
    if (TOKEN_RATE_AFTER.test(ctx.after(end, 16))) continue;
    if (SEQUENCE_BEFORE.test(ctx.before(start, 30))) continue;

    const value = parseDecimal(m[1]) * magnitudeOf(m[2] ?? m[3]);
    if (value < 1e7) continue;
    ctx.consumeMatch(m);
    ctx.set('tokens', value, ctx.quote(start, end));
  }
}

/** Reads the sequence length ("8k context", "sequences longer than 8,192 tokens"). */
export function extractSequenceLength(ctx: ParseContext): void {
  for (const pattern of SEQUENCE_PATTERNS) {
    for (const m of ctx.matches(pattern)) {
      if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
      const value = contextLength(parseDecimal(m[1]), m[2] !== undefined);
      if (value < 16 || value > 100_000_000) continue;
      ctx.consumeMatch(m);
      ctx.set('sequenceLength', value, ctx.quote(m.index, m.index + m[0].length));
      if (m[2] !== undefined && value % 1024 === 0) {
        ctx.note(
          `"${ctx.quote(m.index, m.index + m[0].length)}" was read as ${value} tokens (k = 1,024 for context lengths).`,
        );
      }
    }
  }
}

/** Reads hidden size, layer count and attention heads. */
export function extractShape(ctx: ParseContext): void {
  for (const m of ctx.matches(HIDDEN_SIZE)) {
    if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
    const value = parseDecimal(m[1]);
    if (!Number.isInteger(value) || value < 64) continue;
    ctx.consumeMatch(m);
    ctx.set('hiddenSize', value, ctx.quote(m.index, m.index + m[0].length));
  }
  for (const pattern of [LAYERS_AFTER, LAYERS_BEFORE]) {
    for (const m of ctx.matches(pattern)) {
      if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
      const value = parseDecimal(m[1]);
      if (!Number.isInteger(value) || value < 1 || value > 10_000) continue;
      ctx.consumeMatch(m);
      ctx.set('numLayers', value, ctx.quote(m.index, m.index + m[0].length));
    }
  }
  for (const pattern of [HEADS_AFTER, HEADS_BEFORE]) {
    for (const m of ctx.matches(pattern)) {
      if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
      const value = parseDecimal(m[1]);
      if (!Number.isInteger(value) || value < 1 || value > 10_000) continue;
      ctx.consumeMatch(m);
      ctx.set('numHeads', value, ctx.quote(m.index, m.index + m[0].length));
    }
  }
}

/** Reads tensor, pipeline and data parallel degrees ("TP8 PP4", "tensor parallel 8", "8-way tensor parallelism"). */
export function extractParallelism(ctx: ParseContext): void {
  for (const m of ctx.matches(PARALLEL_SHORT)) {
    if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
    ctx.consumeMatch(m);
    setDegree(ctx, degreeKey(m[1]), Number(m[2]), m);
  }
  for (const m of ctx.matches(PARALLEL_WORDS)) {
    if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
    ctx.consumeMatch(m);
    setDegree(ctx, degreeKey(m[1]), parseDecimal(m[2]), m);
  }
  for (const m of ctx.matches(PARALLEL_WAY)) {
    if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
    ctx.consumeMatch(m);
    setDegree(ctx, degreeKey(m[2]), Number(m[1]), m);
  }
  for (const m of ctx.matches(PIPELINE_STAGES)) {
    if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
    ctx.consumeMatch(m);
    setDegree(ctx, 'pipelineParallel', parseDecimal(m[1]), m);
  }
}

/** Maps "tp", "tensor", "pp", "pipeline", "dp" or "data" to its quantity key. */
function degreeKey(kind: string): 'tensorParallel' | 'pipelineParallel' | 'dataParallel' {
  if (kind.startsWith('t')) return 'tensorParallel';
  if (kind.startsWith('p')) return 'pipelineParallel';
  return 'dataParallel';
}

function setDegree(
  ctx: ParseContext,
  key: 'tensorParallel' | 'pipelineParallel' | 'dataParallel',
  value: number,
  m: RegExpExecArray,
): void {
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000) return;
  ctx.set(key, value, ctx.quote(m.index, m.index + m[0].length));
}

/** Reads the ZeRO stage ("ZeRO-3", "ZeRO stage 3"). FSDP full sharding counts as stage 3. */
export function extractZeroStage(ctx: ParseContext): void {
  for (const pattern of [ZERO_STAGE, STAGE_ZERO]) {
    for (const m of ctx.matches(pattern)) {
      if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
      ctx.consumeMatch(m);
      ctx.set('zeroStage', Number(m[1]), ctx.quote(m.index, m.index + m[0].length));
    }
  }

  for (const m of ctx.matches(ZERO_NAMED)) {
    ctx.consumeMatch(m);
    const variant = m[1];
    if (variant === 'infinity') {
      ctx.set('zeroStage', 3, 'ZeRO-Infinity');
      ctx.note('ZeRO-Infinity was read as ZeRO stage 3. Offload itself is not modelled.');
    } else {
      ctx.note(
        `ZeRO-${variant === 'offload' ? 'Offload' : '++'} is named, but the estimates model GPU memory without offload.`,
      );
    }
  }

  if (ctx.quantities.zeroStage !== undefined) return;
  for (const m of ctx.matches(FSDP)) {
    ctx.consumeMatch(m);
    const sentence = ctx.sentenceText(m.index);
    if (/shard_grad_op|hybrid/.test(sentence)) {
      ctx.note(
        'FSDP with SHARD_GRAD_OP or hybrid sharding is named, so no ZeRO stage was assumed.',
      );
      return;
    }
    ctx.set('zeroStage', 3, 'FSDP');
    ctx.note('FSDP was read as full sharding, equivalent to ZeRO stage 3.');
    return;
  }
}

/** Reads micro-batch and global batch sizes. */
export function extractBatchSizes(ctx: ParseContext): void {
  for (const m of ctx.matches(MICRO_BATCH)) {
    if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
    ctx.consumeMatch(m);
    ctx.set('microBatchSize', parseDecimal(m[1]), ctx.quote(m.index, m.index + m[0].length));
  }
  for (const m of ctx.matches(GLOBAL_BATCH)) {
    if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
    ctx.consumeMatch(m);
    ctx.set(
      'globalBatchSize',
      parseDecimal(m[1]) * magnitudeOf(m[2] ?? m[3]),
      ctx.quote(m.index, m.index + m[0].length),
    );
  }
  for (const m of ctx.matches(BATCH_SIZE)) {
    if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
    ctx.consumeMatch(m);
    if (ctx.quantities.globalBatchSize !== undefined) continue;
    ctx.set('globalBatchSize', parseDecimal(m[1]), ctx.quote(m.index, m.index + m[0].length));
    ctx.note(
      `"${ctx.quote(m.index, m.index + m[0].length)}" was read as the global batch size in sequences.`,
    );
  }
}

/** Reads model FLOPs utilisation ("MFU of 45%", "45% MFU", "MFU 0.45"). */
export function extractMfu(ctx: ParseContext): void {
  for (const pattern of [MFU_BEFORE, MFU_AFTER]) {
    for (const m of ctx.matches(pattern)) {
      if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
      const raw = parseDecimal(m[1]);
      const isPercent = pattern === MFU_AFTER || m[2] !== undefined || raw > 1;
      const fraction = isPercent ? Number((raw / 100).toPrecision(12)) : raw;
      if (!(fraction > 0 && fraction <= 1)) continue;
      ctx.consumeMatch(m);
      ctx.set('mfu', fraction, ctx.quote(m.index, m.index + m[0].length));
    }
  }
}

/** Reads achieved FLOP/s per GPU ("140 TFLOP/s per GPU") and stated throughput ("1000 samples/sec"). */
export function extractRates(ctx: ParseContext): void {
  for (const m of ctx.matches(ACHIEVED_FLOPS)) {
    if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
    ctx.consumeMatch(m);
    const scale = m[2].startsWith('p') ? 1e15 : 1e12;
    ctx.set(
      'achievedFlopsPerGpu',
      parseDecimal(m[1]) * scale,
      ctx.quote(m.index, m.index + m[0].length),
    );
  }

  for (const m of ctx.matches(THROUGHPUT)) {
    if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
    ctx.consumeMatch(m);
    const value = parseDecimal(m[1]) * magnitudeOf(m[2]);
    const unit = `${throughputNoun(m[3])}/s${m[4] === undefined ? '' : '/GPU'}`;
    ctx.set('throughput', { value, unit }, ctx.quote(m.index, m.index + m[0].length));
  }
}

/** Reads whether activations are recomputed ("full activation checkpointing", "selective recomputation"). */
export function extractRecomputation(ctx: ParseContext): void {
  const text = ctx.lower;
  if (
    /\b(?:no|without|disable[sd]?|turn(?:ed)? off)\s+(?:activation|gradient)\s+(?:checkpointing|recomputation)/.test(
      text,
    )
  ) {
    ctx.quantities.activationRecomputation = 'none';
    return;
  }
  if (/\bselective\s+(?:activation\s+)?(?:recomputation|checkpointing)/.test(text)) {
    ctx.quantities.activationRecomputation = 'selective';
    return;
  }
  if (
    /\b(?:activation|gradient)\s+(?:checkpointing|recomputation)|\bfull\s+recomputation|\brecompute\s+activations/.test(
      text,
    )
  ) {
    ctx.quantities.activationRecomputation = 'full';
  }
}

function throughputNoun(word: string): string {
  if (/^(?:images?|imgs?)$/.test(word)) return 'images';
  if (/^tokens?$/.test(word)) return 'tokens';
  if (/^(?:sequences?|seqs?)$/.test(word)) return 'sequences';
  if (/^(?:steps?|iterations?|its?)$/.test(word)) return 'steps';
  if (/^examples?$/.test(word)) return 'samples';
  if (/^videos?$/.test(word)) return 'videos';
  if (/^frames?$/.test(word)) return 'frames';
  return 'samples';
}

/** Reads "8k" as 8,192 when the multiple of 1,024 is a power of two, the convention for context lengths. */
function contextLength(value: number, hasK: boolean): number {
  if (!hasK) return value;
  const isPowerOfTwo = Number.isInteger(value) && value > 0 && (value & (value - 1)) === 0;
  return isPowerOfTwo ? value * 1024 : Math.round(value * 1000);
}
