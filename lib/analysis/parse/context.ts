/**
 * Working state of one parse: the normalised text, which character spans earlier extractors
 * already read, the quantities found so far and the notes for the learner.
 */

import { findGpuMentions, toAsciiLower, type GpuMatch } from '../gpus';
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

/** State shared by the extractors of one parse. */
export class ParseContext {
  /** Normalised text: NFKC, ASCII spaces and dashes, number words as digits. */
  readonly text: string;
  /** `text` with ASCII letters lowercased, so indexes match `text`. */
  readonly lower: string;
  /** `lower` with each catalogued GPU name replaced by `GPU_TOKEN` and spaces, so indexes match. */
  readonly work: string;
  readonly gpuMentions: GpuMatch[];
  readonly quantities: Quantities = {};
  readonly notes: string[] = [];
  /** 1 for each character of `work` that an extractor has read. */
  private readonly consumed: Uint8Array;
  private readonly sentenceStarts: number[];

  constructor(raw: string) {
    this.text = normalise(raw);
    this.lower = toAsciiLower(this.text);
    this.gpuMentions = findGpuMentions(this.lower);
    this.work = maskGpuNames(this.lower, this.gpuMentions);
    this.consumed = new Uint8Array(this.work.length);
    this.sentenceStarts = findSentenceStarts(this.lower);
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

/** Normalises Unicode forms, spaces and dashes, spells "8xH100" as "8x H100" and reads number words. */
function normalise(raw: string): string {
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
    .replace(/\bhalf an?\s(minute|hour|day)\b/gi, '0.5 $1');
  return replaceNumberWords(text);
}

function maskGpuNames(lower: string, mentions: GpuMatch[]): string {
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
