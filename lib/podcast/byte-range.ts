/**
 * HTTP `Range: bytes=…` parsing (RFC 9110 §14) for serving podcast audio, so an audio element
 * can seek without downloading the whole file first.
 */

/** An inclusive byte range within a resource. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Parses a Range header against a resource of `size` bytes and returns the range to send.
 * Returns `undefined` when the whole resource should be sent: no header, another unit, a
 * malformed header, or several ranges, which a server may serve in full. Returns
 * `'unsatisfiable'` when no byte of the range exists, which is sent as 416.
 */
export function parseByteRange(
  header: string | null,
  size: number,
): ByteRange | 'unsatisfiable' | undefined {
  if (header === null) return undefined;
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return undefined;
  const [, first, last] = match;
  if (first === '' && last === '') return undefined;

  if (first === '') {
    // Suffix range: the last N bytes.
    const suffixLength = Number(last);
    if (suffixLength === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffixLength), end: size - 1 };
  }

  const start = Number(first);
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return undefined;
  return { start, end };
}
