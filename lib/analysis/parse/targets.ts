/**
 * Extractors for goals and operating conditions: budget, price per GPU-hour, uptime, recovery
 * time, tolerated lost progress, timeline, failure rate and checkpoint timings.
 */

import { MINUTES_PER_HOUR } from '../units';
import type { ParseContext } from './context';
import {
  DURATION_UNIT,
  MAGNITUDE,
  NUMBER,
  durationToMinutes,
  magnitudeOf,
  parseDecimal,
} from './numbers';

const MONEY = String.raw`\$\s?${NUMBER}${MAGNITUDE}?`;
const PER_GPU_HOUR = String.raw`\s?(?:\/|per|an?|each)\s?(?:gpu[\s-]?(?:hour|hr|h)\b|(?:hour|hr|h)\b(?:\s?(?:per|\/|for each|for a|a)\s?(gpu|node|server|instance|machine))?)`;
const PRICE_DOLLAR = new RegExp(`${MONEY}${PER_GPU_HOUR}`, 'g');
const PRICE_USD = new RegExp(String.raw`${NUMBER}\s?(?:usd|dollars?)${PER_GPU_HOUR}`, 'g');
const BUDGET_DOLLAR = new RegExp(MONEY, 'g');
const BUDGET_WORDS = new RegExp(
  String.raw`${NUMBER}${MAGNITUDE}?\s?(?:usd|dollars?|us dollars)\b`,
  'g',
);
const NON_USD = new RegExp(String.raw`(?:€|£|¥|\beur\s?|\bgbp\s?)${NUMBER}${MAGNITUDE}?`, 'g');
const RECURRING =
  /^\s?(?:\/|per|a|an|each)\s?(?:month|mo|year|yr|week|day|hour|hr|gpu|node|token|sample|step|query|request|user|seat)\b/;

const UPTIME_AFTER = new RegExp(
  String.raw`${NUMBER}\s?(?:%|percent)\s?(?:uptime|availability|available|up[\s-]time|sla|service level|of the time)`,
  'g',
);
const UPTIME_BEFORE = new RegExp(
  String.raw`(?:uptime|availability|sla)\s{0,3}(?:target|goal|requirement)?\s{0,3}(?:of|:|=|is|at|above|over|>=|>|at least|to|must be|should be)?\s{0,3}(?:at least\s)?${NUMBER}\s?(?:%|percent)`,
  'g',
);
const NINES = /(?<![\w.])([2-9])\s?nines\b/g;

const DURATION = String.raw`${NUMBER}\s?${DURATION_UNIT}`;
const RECOVERY = new RegExp(
  String.raw`(?:recover\w*|restart\w*|resum\w*|back (?:up|online)|fail ?over|\brto\b|time to recover(?:y)?|recovery time)[^.;!?]{0,80}?(?:\bwithin|\bin|\bunder|\bbelow|\bless than|\bno more than|\bat most|\bof|\bis|<|<=|:)\s{0,3}(?:about\s|around\s|roughly\s|~)?${DURATION}`,
  'g',
);
const RECOVERY_AFTER = new RegExp(
  String.raw`${DURATION}\s{0,3}(?:to|for)\s{0,3}(?:recover\w*|restart\w*|resum\w*|fail ?over)`,
  'g',
);
const LOST_PROGRESS = [
  new RegExp(
    String.raw`(?:\blose|\blosing|\blost|\bloss of|\brpo)\s{0,3}(?:of\s)?(?:no more than|more than|at most|over|up to|less than|under|only|a maximum of|max(?:imum)?)?\s{0,3}(?:about\s|around\s|~)?${DURATION}`,
    'g',
  ),
  new RegExp(
    String.raw`(?:no more than|at most|a maximum of|max(?:imum)?|up to|less than|under)\s{0,3}${DURATION}\s{0,3}of\s{0,3}(?:training\s|lost\s|compute\s)?(?:progress|work|training|compute|steps)`,
    'g',
  ),
];

const MTBF = new RegExp(
  String.raw`(?:\bmtbf|mean time between (?:failures?|interruptions?)|mean time to failure|\bmttf)\s{0,3}(?:of|:|=|is|around|about|~|at|near)?\s{0,3}(?:about\s|around\s|roughly\s|~)?${DURATION}`,
  'g',
);
const MTBF_AFTER = new RegExp(
  String.raw`${DURATION}\s{0,3}(?:of\s)?(?:mtbf|mean time between failures?)\b`,
  'g',
);
const PER_NODE_MTBF =
  /per[\s-](?:node|server|host|machine)\b|each (?:node|server|host|machine)\b|(?:node|server|host|machine)\s?mtbf|of (?:a|one|each) (?:single )?(?:node|server|host|machine)\b/;
const FAILURE_EVERY = new RegExp(
  String.raw`(?:\b(?:a|one|1)\s(?:\w+\s)?(?:failure|crash|interruption|fault|outage)s?|\bfails?|\bcrash(?:es)?|\bgoes down|\bdies|\binterrupted)\s{0,3}(?:about\s|roughly\s|around\s|on average\s)?(?:once\s)?(?:every|each|per|a)\s{0,3}(?:${NUMBER}\s?)?${DURATION_UNIT}`,
  'g',
);
const FAILURES_IN = new RegExp(
  String.raw`${NUMBER}\s?(?:unexpected\s|unplanned\s|job\s|node\s|gpu\s|hardware\s){0,2}(?:failures|interruptions|crashes|faults|outages)\s{0,3}(?:in|over|during|within|per|every)\s{0,3}(?:a\s|the\s|one\s)?(?:${NUMBER}[\s-]?)?${DURATION_UNIT}`,
  'g',
);

const CHECKPOINT_WRITE = new RegExp(
  String.raw`(?:takes?|took|taking|lasts?|lasting|needs?|requires?|blocks?(?:\s\w+)?\s(?:for)?|stalls?(?:\s\w+)?\s(?:for)?|pauses?(?:\s\w+)?\s(?:for)?|\bfor|\bin)\s{0,3}(?:about|around|roughly|approximately|nearly|almost|over|up to|~)?\s{0,3}${DURATION}`,
  'g',
);
const CHECKPOINT_EVERY = new RegExp(
  String.raw`\bevery\s{0,3}(?:${NUMBER}\s?)?${DURATION_UNIT}`,
  'g',
);
const CHECKPOINT_MENTION = /(?<!activation |gradient )\bcheckpoint(?:s|ing|ed)?\b/;
const WRITE_WORDS =
  /\b(?:writ\w*|sav\w*|persist\w*|dump\w*|flush\w*|block\w*|stall\w*|upload\w*|serializ\w*|take|takes|took)\b/;

/** Maximum duration read as one checkpoint write. A longer one in a checkpoint sentence is a timeline or similar. */
const MAX_CHECKPOINT_WRITE_MINUTES = 24 * 60;

const TIMELINE = new RegExp(String.raw`${NUMBER}\s?(days?|weeks?|wks?|months?)\b`, 'g');
const TIMELINE_EXCLUDED_BEFORE = /(?:every|per|each|after|ago|last|past|snapshot|of)\s*$/;
const TIMELINE_EXCLUDED_AFTER =
  /^\s*(?:of\s+(?:training\s+)?(?:progress|work|compute|data)|ago|old|later)\b/;

/** Reads a price per GPU-hour ("$2.50 per GPU-hour"). A price per node-hour is divided by GPUs per node. */
export function extractPrice(ctx: ParseContext): void {
  for (const pattern of [PRICE_DOLLAR, PRICE_USD]) {
    for (const m of ctx.matches(pattern)) {
      if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
      ctx.consumeMatch(m);
      const phrase = ctx.quote(m.index, m.index + m[0].length);
      const hasMagnitude = pattern === PRICE_DOLLAR && (m[2] ?? m[3]) !== undefined;
      const usd = parseDecimal(m[1]) * (hasMagnitude ? magnitudeOf(m[2] ?? m[3]) : 1);
      const per = pattern === PRICE_DOLLAR ? m[4] : m[2];

      if (per !== undefined && per !== 'gpu') {
        const gpusPerNode = ctx.quantities.gpusPerNode ?? 8;
        ctx.note(
          `"${phrase}" was read as a price per ${per} of ${gpusPerNode} GPUs: $${round(usd / gpusPerNode)} per GPU-hour.`,
        );
        ctx.set('pricePerGpuHourUsd', usd / gpusPerNode, phrase);
        continue;
      }
      if (!/gpu/.test(m[0])) {
        ctx.note(`"${phrase}" names no unit of hardware, so it was read as a price per GPU-hour.`);
      }
      if (usd === 0) {
        ctx.note(`"${phrase}" states a price of $0, so the cost estimate is $0.`);
      }
      ctx.set('pricePerGpuHourUsd', usd, phrase);
    }
  }
}

/** Reads the budget ("$500k", "$1.2M", "under $2 million"), skipping recurring and per-unit prices. */
export function extractBudget(ctx: ParseContext): void {
  for (const pattern of [BUDGET_DOLLAR, BUDGET_WORDS]) {
    for (const m of ctx.matches(pattern)) {
      const end = m.index + m[0].length;
      if (!ctx.isFree(m.index, end)) continue;
      ctx.consumeMatch(m);
      const phrase = ctx.quote(m.index, end);
      if (RECURRING.test(ctx.after(end, 16))) {
        ctx.note(
          `"${phrase}" is a recurring or per-unit amount, so it was not used as the budget.`,
        );
        continue;
      }
      ctx.set('budgetUsd', parseDecimal(m[1]) * magnitudeOf(m[2] ?? m[3]), phrase);
    }
  }

  for (const m of ctx.matches(NON_USD)) {
    ctx.consumeMatch(m);
    ctx.note(
      `"${ctx.quote(m.index, m.index + m[0].length)}" is not in US dollars, and currencies are not converted.`,
    );
  }
}

/** Reads an uptime or availability target as a fraction ("99.9% uptime", "three nines"). */
export function extractUptime(ctx: ParseContext): void {
  for (const pattern of [UPTIME_AFTER, UPTIME_BEFORE]) {
    for (const m of ctx.matches(pattern)) {
      if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
      const percent = parseDecimal(m[1]);
      if (!(percent > 50 && percent <= 100)) continue;
      ctx.consumeMatch(m);
      ctx.set('uptimeTarget', toFraction(percent), ctx.quote(m.index, m.index + m[0].length));
    }
  }
  for (const m of ctx.matches(NINES)) {
    ctx.consumeMatch(m);
    ctx.set(
      'uptimeTarget',
      toFraction(100 - 10 ** (2 - Number(m[1]))),
      ctx.quote(m.index, m.index + m[0].length),
    );
  }
}

/** Reads the recovery-time target and the most progress a failure may cost. */
export function extractRecoveryTargets(ctx: ParseContext): void {
  for (const m of ctx.matches(RECOVERY)) {
    const start = m.index + m[0].length - durationLength(m);
    if (!ctx.isFree(start, m.index + m[0].length)) continue;
    if (/\blos(?:e|es|ing|t)\b|\bloss\b/.test(m[0])) continue;
    const minutes = durationToMinutes(parseDecimal(m[1]), m[2]);
    if (!Number.isFinite(minutes)) continue;
    ctx.consume(start, m.index + m[0].length);
    ctx.set('recoveryMinutes', minutes, ctx.quote(m.index, m.index + m[0].length));
  }

  for (const m of ctx.matches(RECOVERY_AFTER)) {
    if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
    const minutes = durationToMinutes(parseDecimal(m[1]), m[2]);
    if (!Number.isFinite(minutes)) continue;
    ctx.consumeMatch(m);
    ctx.set('recoveryMinutes', minutes, ctx.quote(m.index, m.index + m[0].length));
  }

  for (const pattern of LOST_PROGRESS) {
    for (const m of ctx.matches(pattern)) {
      if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
      const minutes = durationToMinutes(parseDecimal(m[1]), m[2]);
      if (!Number.isFinite(minutes)) continue;
      ctx.consumeMatch(m);
      ctx.set('maxLostProgressMinutes', minutes, ctx.quote(m.index, m.index + m[0].length));
    }
  }
}

/** Reads the job's mean time between failures, stated directly or as failures per period. */
export function extractFailureRate(ctx: ParseContext): void {
  for (const m of [...ctx.matches(MTBF), ...ctx.matches(MTBF_AFTER)]) {
    if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
    const minutes = durationToMinutes(parseDecimal(m[1]), m[2]);
    if (!Number.isFinite(minutes) || minutes <= 0) continue;
    ctx.consumeMatch(m);
    const phrase = ctx.quote(m.index, m.index + m[0].length);
    const nearby = `${ctx.before(m.index, 20)}${m[0]}${ctx.after(m.index + m[0].length, 20)}`;
    if (
      /per[\s-]gpu(?![\s-]?h)|each gpu|gpu\s?mtbf|of (?:a|one|each) (?:single )?gpu/.test(nearby)
    ) {
      ctx.set('failuresPerGpuHour', MINUTES_PER_HOUR / minutes, phrase);
      ctx.note(`"${phrase}" was read as the MTBF of one GPU, not of the whole job.`);
      continue;
    }
    // Only the phrase and what follows it, so "8 GPUs per node, MTBF of 2 days" stays a job MTBF.
    const phraseAndAfter = `${m[0]}${ctx.after(m.index + m[0].length, 20)}`;
    if (
      PER_NODE_MTBF.test(phraseAndAfter) ||
      /(?:node|server|host|machine)\s?$/.test(ctx.before(m.index, 10))
    ) {
      ctx.set('mtbfHoursPerNode', minutes / MINUTES_PER_HOUR, phrase);
      ctx.note(
        `"${phrase}" was read as the MTBF of one node, so the job MTBF divides it by the node count.`,
      );
      continue;
    }
    ctx.set('mtbfHours', minutes / MINUTES_PER_HOUR, phrase);
  }

  for (const m of ctx.matches(FAILURES_IN)) {
    if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
    const count = parseDecimal(m[1]);
    const periods = m[2] === undefined ? 1 : parseDecimal(m[2]);
    const minutes = durationToMinutes(periods, m[3]);
    if (!Number.isFinite(minutes) || count <= 0) continue;
    ctx.consumeMatch(m);
    ctx.set(
      'mtbfHours',
      minutes / MINUTES_PER_HOUR / count,
      ctx.quote(m.index, m.index + m[0].length),
    );
  }

  for (const m of ctx.matches(FAILURE_EVERY)) {
    if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
    const periods = m[1] === undefined ? 1 : parseDecimal(m[1]);
    const minutes = durationToMinutes(periods, m[2]);
    if (!Number.isFinite(minutes) || minutes <= 0) continue;
    ctx.consumeMatch(m);
    ctx.set('mtbfHours', minutes / MINUTES_PER_HOUR, ctx.quote(m.index, m.index + m[0].length));
  }
}

/**
 * Reads checkpoint timings from sentences that name a checkpoint (not activation checkpointing):
 * a duration after "takes", "blocks for" and similar is the write time, and "every N minutes" is the
 * interval.
 */
export function extractCheckpointTimes(ctx: ParseContext): void {
  for (const m of ctx.matches(CHECKPOINT_EVERY)) {
    if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
    if (!CHECKPOINT_MENTION.test(ctx.sentenceText(m.index))) continue;
    const minutes = durationToMinutes(m[1] === undefined ? 1 : parseDecimal(m[1]), m[2]);
    if (!Number.isFinite(minutes) || minutes <= 0) continue;
    ctx.consumeMatch(m);
    ctx.set('checkpointIntervalMinutes', minutes, ctx.quote(m.index, m.index + m[0].length));
  }

  for (const m of ctx.matches(CHECKPOINT_WRITE)) {
    if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
    const sentence = ctx.sentenceText(m.index);
    if (!CHECKPOINT_MENTION.test(sentence) || !WRITE_WORDS.test(sentence)) continue;
    const minutes = durationToMinutes(parseDecimal(m[1]), m[2]);
    if (!Number.isFinite(minutes) || minutes <= 0 || minutes > MAX_CHECKPOINT_WRITE_MINUTES)
      continue;
    if (/^\s*(?:of\s+(?:training\s+)?progress|ago)/.test(ctx.after(m.index + m[0].length, 24)))
      continue;
    ctx.consumeMatch(m);
    ctx.set('checkpointWriteMinutes', minutes, ctx.quote(m.index, m.index + m[0].length));
  }
}

/** Reads the time available for the run ("3 weeks", "in 30 days"). */
export function extractTimeline(ctx: ParseContext): void {
  for (const m of ctx.matches(TIMELINE)) {
    const end = m.index + m[0].length;
    if (!ctx.isFree(m.index, end)) continue;
    if (TIMELINE_EXCLUDED_BEFORE.test(ctx.before(m.index, 12))) continue;
    if (TIMELINE_EXCLUDED_AFTER.test(ctx.after(end, 30))) continue;
    const minutes = durationToMinutes(parseDecimal(m[1]), m[2]);
    if (!Number.isFinite(minutes) || minutes <= 0) continue;
    ctx.consumeMatch(m);
    ctx.set('timelineDays', minutes / (MINUTES_PER_HOUR * 24), ctx.quote(m.index, end));
  }
}

/** Length of the trailing "N unit" of a match, so only the duration is marked as read. */
function durationLength(m: RegExpExecArray): number {
  const tail = /\d[\d,.]*\s?[a-z]+$/.exec(m[0]);
  return tail === null ? m[0].length : tail[0].length;
}

/** Converts a percentage to a fraction without binary noise: 99.9 → 0.999, not 0.9990000000000001. */
function toFraction(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}

function round(value: number): number {
  return Number(value.toPrecision(3));
}
