/**
 * Working state of one parse: the normalised text, which character spans earlier extractors
 * already read, the quantities found so far and the notes for the learner.
 */

import { findGpuMentions, findUncataloguedGpuSpans, toAsciiLower, type GpuMatch } from '../gpus';
import type { Quantities } from '../types';
import { replaceNumberWords } from './numbers';

/** Maximum input length read. The API accepts 4,000 characters, and the rest of a longer text is ignored. */
export const MAX_INPUT_CHARS = 20_000;

/** Maximum notes one parse adds, so a long repetitive text cannot flood the analysis. */
export const MAX_NOTES = 40;

/** Placeholder written over each GPU name in `work`, so patterns match any GPU name with one character. */
export const GPU_TOKEN = '§';

const SPACE_LIKE = /[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff\t\r\f\v]/g;
const DASH_LIKE = /[\u2010-\u2015\u2212]/g;
/** "175 B model" and "1.5 T tokens": an uppercase B or T after a space, before a parameter or token word. */
const SPACED_SUFFIX = /(\d) ([BT])(?=[\s-]?(?:params?|parameters?|tokens?|models?)\b)/g;
/** "1.5e11": scientific notation with an exponent that a magnitude word can express. */
const SCIENTIFIC = /(?<![\w.])(\d+(?:\.\d+)?)[eE]\+?(\d{1,2})\b/g;
const MAGNITUDE_WORDS: ReadonlyArray<[exponent: number, word: string]> = [
  [12, 'trillion'],
  [9, 'billion'],
  [6, 'million'],
  [3, 'thousand'],
];

/**
 * "1,5 trillion": a comma followed by one or two digits cannot separate thousands, so before a
 * magnitude word or suffix it is a decimal comma.
 */
const DECIMAL_COMMA_MAGNITUDE =
  /(?<![\d,.])(\d{1,3}),(\d{1,2})(?=\s?(?:thousand|million|billion|trillion|bn|mn|[kmbt])\b)/gi;

/** State shared by the extractors of one parse. */
export class ParseContext {
  /** Normalised text: NFKC, ASCII spaces and dashes, number words as digits. */
  readonly text: string;
  /** `text` with ASCII letters lowercased, so indexes match `text`. */
  readonly lower: string;
  /**
   * `lower` with each GPU name replaced by `GPU_TOKEN` and spaces, so indexes match. Names outside
   * the catalogue are masked too, so "8 RTX 4090 GPUs" gives 8 GPUs and never 4,090.
   */
  readonly work: string;
  readonly gpuMentions: GpuMatch[];
  readonly quantities: Quantities = {};
  readonly notes: string[] = [];
  /** 1 for each character of `work` that an extractor has read. */
  private readonly consumed: Uint8Array;
  private readonly sentenceStarts: number[];

  constructor(raw: string) {
    const decimalCommas: string[] = [];
    this.text = normalise(raw, decimalCommas);
    this.lower = toAsciiLower(this.text);
    this.gpuMentions = findGpuMentions(this.lower);
    this.work = maskGpuNames(this.lower, [
      ...this.gpuMentions,
      ...findUncataloguedGpuSpans(this.lower),
    ]);
    this.consumed = new Uint8Array(this.work.length);
    this.sentenceStarts = findSentenceStarts(this.lower);
    for (const phrase of decimalCommas) {
      this.note(`"${phrase}" was read with a decimal comma, as ${phrase.replace(',', '.')}.`);
    }
  }

  /** Returns every match of `pattern` in `work` whose span no earlier extractor has read. */
  matches(pattern: RegExp): RegExpExecArray[] {
    const global = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
    const found: RegExpExecArray[] = [];
    global.lastIndex = 0;
    for (let m = global.exec(this.work); m !== null; m = global.exec(this.work)) {
      if (m[0].length === 0) {
        global.lastIndex += 1;
        continue;
      }
      if (this.isFree(m.index, m.index + m[0].length)) found.push(m);
    }
    return found;
  }

  /** Returns whether no extractor has read any character in [start, end). */
  isFree(start: number, end: number): boolean {
    for (let i = Math.max(0, start); i < end && i < this.consumed.length; i += 1) {
      if (this.consumed[i] === 1) return false;
    }
    return true;
  }

  /** Marks [start, end) as read, so later extractors skip it. */
  consume(start: number, end: number): void {
    this.consumed.fill(1, Math.max(0, start), Math.min(end, this.consumed.length));
  }

  /** Marks a whole match as read. */
  consumeMatch(match: RegExpExecArray): void {
    this.consume(match.index, match.index + match[0].length);
  }

  /** Returns [start, end) of the sentence that contains `index`. */
  sentenceAround(index: number): [number, number] {
    let start = 0;
    let end = this.work.length;
    for (const sentenceStart of this.sentenceStarts) {
      if (sentenceStart <= index) start = sentenceStart;
      else {
        end = sentenceStart;
        break;
      }
    }
    return [start, end];
  }

  /** Returns the lowercased sentence that contains `index`. */
  sentenceText(index: number): string {
    const [start, end] = this.sentenceAround(index);
    return this.lower.slice(start, end);
  }

  /** Returns up to `length` characters of `work` before `index`, within its sentence. */
  before(index: number, length: number): string {
    const [start] = this.sentenceAround(index);
    return this.work.slice(Math.max(start, index - length), index);
  }

  /** Returns up to `length` characters of `work` from `index` on, within its sentence. */
  after(index: number, length: number): string {
    const [, end] = this.sentenceAround(index);
    return this.work.slice(index, Math.min(end, index + length));
  }

  /** Returns the original-case text of a match, trimmed, for quoting in notes. */
  quote(start: number, end: number): string {
    return this.text.slice(start, end).replace(/\s+/g, ' ').trim();
  }

  /**
   * Sets a quantity that the text states, unless an earlier phrase already set it. A later phrase
   * with a different value is noted, so the learner can tell which value the estimates use.
   */
  set<K extends keyof Quantities>(key: K, value: Quantities[K], phrase: string): void {
    if (value === undefined) return;
    if (typeof value === 'number' && !Number.isFinite(value)) return;

    const existing = this.quantities[key];
    if (existing === undefined) {
      this.quantities[key] = value;
      return;
    }
    if (JSON.stringify(existing) !== JSON.stringify(value)) {
      this.note(
        `"${phrase}" gives another ${key} (${JSON.stringify(value)}), but the estimates use the first one stated (${JSON.stringify(existing)}).`,
      );
    }
  }

  /** Adds a note for the learner once. After `MAX_NOTES` notes, one last note reports that more were left out. */
  note(sentence: string): void {
    if (this.notes.length > MAX_NOTES || this.notes.includes(sentence)) return;
    this.notes.push(
      this.notes.length === MAX_NOTES ? 'Further notes on this text were left out.' : sentence,
    );
  }
}

/**
 * Normalises Unicode forms, spaces and dashes, spells "8xH100" as "8x H100", reads "half a
 * trillion" as "0.5 trillion" and "1,5 trillion" as "1.5 trillion" (adding each such phrase to
 * `decimalCommas`), and reads number words.
 */
function normalise(raw: string, decimalCommas: string[]): string {
  const capped = raw.length > MAX_INPUT_CHARS ? raw.slice(0, MAX_INPUT_CHARS) : raw;
  const text = capped
    .normalize('NFKC')
    .replace(SPACE_LIKE, ' ')
    .replace(DASH_LIKE, '-')
    .replace(/×/g, 'x')
    .replace(/(\d)\s?x(?=[A-Za-z])/g, '$1x ')
    .replace(/\ba single[\s-](node|server|machine|host|box|instance|gpu|dgx)/gi, '1 $1')
    .replace(
      /\b(within|in|under|than|every|per|about|around|of|to|for)\s(?:a|an)\s(second|minute|hour|day|week|month)\b/gi,
      '$1 1 $2',
    )
    .replace(/\bhalf an?\s(minute|hour|day)\b/gi, '0.5 $1')
    .replace(/\bhalf a\s(million|billion|trillion)\b/gi, '0.5 $1')
    .replace(/\b(?:a|one)\squarter of a\s(million|billion|trillion)\b/gi, '0.25 $1')
    .replace(/\ba\s(million|billion|trillion)\b/gi, '1 $1')
    .replace(/(\d)-(thousand|million|billion|trillion)\b/gi, '$1 $2')
    .replace(SPACED_SUFFIX, '$1$2')
    .replace(SCIENTIFIC, (_match: string, mantissa: string, exponent: string) =>
      scientificToWords(Number(mantissa), Number(exponent)),
    )
    .replace(DECIMAL_COMMA_MAGNITUDE, (phrase: string, whole: string, fraction: string) => {
      decimalCommas.push(phrase);
      return `${whole}.${fraction}`;
    });
  return replaceNumberWords(text);
}

function maskGpuNames(lower: string, spans: Array<{ index: number; length: number }>): string {
  const mentions = [...spans].sort((a, b) => a.index - b.index);
  let masked = '';
  let cursor = 0;
  for (const mention of mentions) {
    if (mention.index < cursor) continue;
    masked += lower.slice(cursor, mention.index);
    masked += GPU_TOKEN + ' '.repeat(mention.length - 1);
    cursor = mention.index + mention.length;
  }
  return masked + lower.slice(cursor);
}

/** Sentence starts: after ".", "!", "?" or ";" followed by whitespace, and after line breaks. */
function findSentenceStarts(lower: string): number[] {
  const starts = [0];
  const boundary = /[.!?;]+\s+|\n+/g;
  for (let m = boundary.exec(lower); m !== null; m = boundary.exec(lower)) {
    starts.push(m.index + m[0].length);
  }
  return starts;
}

/**
 * Writes a number in scientific notation with a magnitude word ("1.5e11" → "150 billion"), or
 * leaves it as written ("3.14e23") when no word from thousand to trillion gives a mantissa
 * below 1,000.
 */
function scientificToWords(mantissa: number, exponent: number): string {
  const value = mantissa * 10 ** exponent;
  for (const [wordExponent, word] of MAGNITUDE_WORDS) {
    const scaled = value / 10 ** wordExponent;
    if (scaled >= 1 && scaled < 1000) return `${Number(scaled.toPrecision(12))} ${word}`;
  }
  return `${mantissa}e${exponent}`;
}
