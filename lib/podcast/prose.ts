/**
 * Turns the lesson's Markdown into plain sentences a voice can read, and escapes learner text
 * before it goes into the script's Markdown.
 */

/**
 * Returns the first prose paragraph of a Markdown body: headings, fences, lists, tables and
 * quotes are skipped, and links, emphasis and code marks are reduced to their text.
 */
export function firstParagraph(markdown: string): string {
  const withoutFences = markdown.replace(/```[\s\S]*?```/g, '\n\n');
  const paragraphs = withoutFences.split(/\n\s*\n/).map((block) => block.trim());
  const prose = paragraphs.find(
    (block) => block !== '' && !/^(#|[-*+] |\d+\. |\||>|<)/.test(block),
  );
  return prose === undefined ? '' : plainText(prose);
}

/** Reduces inline Markdown to its text: links keep their label, marks are dropped. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_]+)[*_](?=[^\w*]|$)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Returns whole sentences from the start of `text`, as many as fit in `maxChars` (at least
 * one, cut with an ellipsis when the first sentence alone is longer).
 */
export function leadingSentences(text: string, maxChars: number): string {
  const sentences = splitSentences(text);
  let result = '';
  for (const sentence of sentences) {
    const next = result === '' ? sentence : `${result} ${sentence}`;
    if (next.length > maxChars) break;
    result = next;
  }
  if (result !== '') return result;
  const first = sentences[0] ?? '';
  return first.length <= maxChars ? first : `${first.slice(0, maxChars - 1).trimEnd()}…`;
}

/**
 * Splits text after a full stop, question or exclamation mark followed by a space and a capital
 * letter or digit, so "e.g. the" and "2.80 TB" stay whole.
 */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"“(])/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '');
}

/** Ends `text` with a full stop unless it already ends with punctuation. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  return /[.!?…:]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * Removes worked formulas from a sentence, so a voice reads the result and the show notes keep
 * the working. It drops bracketed groups that contain "=" or "×", such as
 * "(2.45 TB / 31.3 GB/s = 78.4 s)", nested brackets included. It also drops a trailing
 * ", from <formula>" clause and the working between a label and its "→ result".
 */
export function withoutFormulas(text: string): string {
  let result = '';
  let index = 0;
  while (index < text.length) {
    const end = text[index] === '(' ? matchingBracket(text, index) : -1;
    if (end > 0 && /[=×]/.test(text.slice(index, end))) {
      result = result.trimEnd();
      index = end + 1;
      continue;
    }
    result += text[index];
    index += 1;
  }
  const sentences = splitSentences(result).map((sentence) =>
    sentence.replace(/^([^:]+):\s.*→\s*(.+)$/, '$1: $2').replace(/,\s*from\s.*=.*?([.!?]?)$/, '$1'),
  );
  return sentences
    .join(' ')
    .replace(/\s+([.,;:])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** Returns the index of the bracket that closes the one at `open`, or -1 when none does. */
function matchingBracket(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index += 1) {
    if (text[index] === '(') depth += 1;
    if (text[index] === ')') depth -= 1;
    if (depth === 0) return index;
  }
  return -1;
}

/**
 * Escapes the characters that Markdown reads as inline syntax and joins lines, so text placed
 * after a speaker label shows as written: no emphasis, links, HTML, code or table cells.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, '\\$&').replace(/\s*\n\s*/g, ' ');
}
