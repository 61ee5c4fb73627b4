/**
 * JSON text of a lesson as UTF-8 bytes, the same bytes as `JSON.stringify` gives. A lesson of
 * eight cards is about 250 kB, and most of it is concept bodies and SVG diagrams that every lesson
 * selecting those concepts repeats. Those strings are escaped and encoded once and their bytes
 * reused, so each response encodes only the ~60 kB that is its own.
 */

import type { LessonCard } from './types';

/** Strings at least this long, in UTF-16 code units, have their JSON bytes cached. */
const MIN_CACHED_CHARS = 1_024;
/** Bytes the cache may hold before it starts again empty; the shipped catalogue needs 2.2 MB. */
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

const cachedJson = new Map<string, Buffer>();
let cachedBytes = 0;

/**
 * Serialises `lesson` to UTF-8 JSON bytes equal to `Buffer.from(JSON.stringify(lesson))`. Card
 * bodies and diagrams come from a cache keyed by their text.
 */
export function lessonJsonBytes(lesson: object): Buffer<ArrayBuffer> {
  const pieces: (string | Buffer)[] = [];
  writeObject(pieces, lesson, (key, value) => {
    if (key === 'cards' && Array.isArray(value)) {
      writeCards(pieces, value as LessonCard[]);
      return true;
    }
    return false;
  });
  return concatPieces(pieces);
}

/** Writes `[card, ...]`, taking each back's body and diagrams from the cache. */
function writeCards(pieces: (string | Buffer)[], cards: readonly LessonCard[]): void {
  pieces.push('[');
  cards.forEach((card, index) => {
    if (index > 0) pieces.push(',');
    if (!isPlainObject(card)) {
      pieces.push(JSON.stringify(card) ?? 'null');
      return;
    }
    writeObject(pieces, card, (key, value) => {
      if (key !== 'back' || !isPlainObject(value)) return false;
      writeObject(pieces, value, (backKey, backValue) => {
        if (backKey === 'body' && typeof backValue === 'string') {
          pieces.push(stringJson(backValue));
          return true;
        }
        if (backKey === 'diagrams' && Array.isArray(backValue)) {
          writeStrings(pieces, backValue);
          return true;
        }
        return false;
      });
      return true;
    });
  });
  pieces.push(']');
}

/**
 * Writes a plain object's enumerable properties in order as `JSON.stringify` does, skipping
 * undefined and function values. `writeValue` may write a property's value itself and return
 * true; otherwise the value goes through `JSON.stringify`.
 */
function writeObject(
  pieces: (string | Buffer)[],
  object: object,
  writeValue: (key: string, value: unknown) => boolean,
): void {
  pieces.push('{');
  let first = true;
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    pieces.push(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    if (!writeValue(key, value)) pieces.push(JSON.stringify(value));
  }
  pieces.push('}');
}

function isPlainObject(value: unknown): value is object {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function writeStrings(pieces: (string | Buffer)[], values: readonly unknown[]): void {
  pieces.push('[');
  values.forEach((value, index) => {
    if (index > 0) pieces.push(',');
    pieces.push(typeof value === 'string' ? stringJson(value) : (JSON.stringify(value) ?? 'null'));
  });
  pieces.push(']');
}

/** Returns the JSON string literal of `value`, as cached bytes when the string is long. */
function stringJson(value: string): string | Buffer {
  if (value.length < MIN_CACHED_CHARS) return JSON.stringify(value);
  const cached = cachedJson.get(value);
  if (cached !== undefined) return cached;

  const bytes = Buffer.from(JSON.stringify(value));
  if (cachedBytes + bytes.byteLength > MAX_CACHED_BYTES) {
    cachedJson.clear();
    cachedBytes = 0;
  }
  cachedJson.set(value, bytes);
  cachedBytes += bytes.byteLength;
  return bytes;
}

/** Encodes each run of strings once and joins every piece into one buffer. */
function concatPieces(pieces: readonly (string | Buffer)[]): Buffer<ArrayBuffer> {
  const buffers: Buffer[] = [];
  let text = '';
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      text += piece;
      continue;
    }
    if (text !== '') buffers.push(Buffer.from(text));
    text = '';
    buffers.push(piece);
  }
  if (text !== '') buffers.push(Buffer.from(text));
  return Buffer.concat(buffers);
}
