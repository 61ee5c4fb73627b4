/**
 * Renders a card's "in your problem" Markdown to HTML in the exported file's what-if script, when
 * an edit rewrites it. The lesson builders write these sections in a small part of GFM:
 * paragraphs, `-` lists (which may follow a paragraph line directly), pipe tables, `**bold**` and
 * backslash escapes. This renderer reads exactly that part and writes it with a fixed set of
 * tags, every text escaped, so its output contains no other markup whatever the text contains. Any
 * other syntax stays visible as the text it is.
 *
 * The server renders the same sections with marked and a sanitiser (`renderMarkdown`), which are
 * too large to ship in the file and whose source holds text such as `src="` that the export's
 * no-outside-resource checks reject. A unit test checks that both give the same text for every
 * applied section of the reference lessons.
 */

import { escapeHtml } from './escape';

/** A bullet list item: `-`, `*` or `+`, then a space. */
const LIST_ITEM = /^ {0,3}[-*+] +(.*)$/;
/** A pipe-table row. */
const TABLE_ROW = /^ {0,3}\|/;
/** The row under a table header: cells of dashes with optional alignment colons. */
const TABLE_DELIMITER = /^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const HEADING = /^ {0,3}(#{1,6}) +(.*?)(?: +#+)?\s*$/;
/** Characters a backslash escapes in CommonMark. */
const ESCAPABLE = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;

type Block =
  | { kind: 'paragraph'; lines: string[] }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; rows: string[] }
  | { kind: 'heading'; level: number; text: string };

/** Returns the HTML of applied-section Markdown. */
export function renderAppliedMarkdown(source: string): string {
  return readBlocks(source).map(renderBlock).join('');
}

/** Splits the source into blocks at blank lines and wherever a line starts another kind of block. */
function readBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  const close = () => {
    if (current !== undefined) blocks.push(current);
    current = undefined;
  };

  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      close();
      continue;
    }
    const heading = HEADING.exec(line);
    const item = LIST_ITEM.exec(line);
    if (heading !== null) {
      close();
      blocks.push({ kind: 'heading', level: heading[1].length, text: heading[2] });
    } else if (item !== null) {
      if (current?.kind !== 'list') close();
      current ??= { kind: 'list', items: [] };
      (current as Extract<Block, { kind: 'list' }>).items.push(item[1]);
    } else if (TABLE_ROW.test(line) && (current === undefined || current.kind === 'table')) {
      current ??= { kind: 'table', rows: [] };
      current.rows.push(line);
    } else if (current?.kind === 'list' && /^\s/.test(line)) {
      // An indented line continues the list item above it.
      current.items[current.items.length - 1] += ` ${line.trim()}`;
    } else {
      if (current?.kind !== 'paragraph') close();
      current ??= { kind: 'paragraph', lines: [] };
      (current as Extract<Block, { kind: 'paragraph' }>).lines.push(line.trim());
    }
  }
  close();
  return blocks;
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level}>${renderInline(block.text)}</h${block.level}>`;
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${renderInline(item)}</li>`).join('')}</ul>`;
    case 'table':
      return renderTable(block.rows);
    case 'paragraph':
      return `<p>${block.lines.map(renderInline).join('\n')}</p>`;
  }
}

/** Renders a pipe table; rows without the delimiter row under a header stay a paragraph. */
function renderTable(rows: string[]): string {
  if (rows.length < 2 || !TABLE_DELIMITER.test(rows[1])) {
    return `<p>${rows.map(renderInline).join('\n')}</p>`;
  }
  const header = splitCells(rows[0]);
  const row = (tag: 'th' | 'td', line: string) => {
    const cells = splitCells(line);
    const padded = header.map((_, index) => cells[index] ?? '');
    return `<tr>${padded.map((cell) => `<${tag}>${renderInline(cell)}</${tag}>`).join('')}</tr>`;
  };
  const body = rows.slice(2).map((line) => row('td', line));
  return `<table><thead>${row('th', rows[0])}</thead><tbody>${body.join('')}</tbody></table>`;
}

/** Splits a table row at pipes that no backslash escapes, without the outer pipes. */
function splitCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  const text = line.trim().replace(/^\|/, '');
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === '\\' && text[index + 1] === '|') {
      cell += '\\|';
      index += 1;
    } else if (character === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += character;
    }
  }
  if (cell.trim() !== '') cells.push(cell.trim());
  return cells;
}

/** Renders `**bold**`, code spans and backslash escapes; everything else is escaped text. */
function renderInline(text: string): string {
  let html = '';
  let plain = '';
  let bold = false;
  const flush = () => {
    html += escapeHtml(plain);
    plain = '';
  };

  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === '\\' && ESCAPABLE.test(text[index + 1] ?? '')) {
      plain += text[index + 1];
      index += 1;
    } else if (character === '`') {
      const end = text.indexOf('`', index + 1);
      if (end === -1) {
        plain += character;
        continue;
      }
      flush();
      html += `<code>${escapeHtml(text.slice(index + 1, end))}</code>`;
      index = end;
    } else if (text.startsWith('**', index) && (bold || text.indexOf('**', index + 2) !== -1)) {
      flush();
      html += bold ? '</strong>' : '<strong>';
      bold = !bold;
      index += 1;
    } else {
      plain += character;
    }
  }
  flush();
  return bold ? `${html}</strong>` : html;
}
