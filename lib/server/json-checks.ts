/**
 * Checks on a parsed JSON request body that no schema makes: how deep it nests, and whether any
 * string or key contains text that a database cannot store as sent.
 */

/** Deepest nesting of arrays and objects any request body may have. */
export const MAX_JSON_DEPTH = 32;

/** A problem found in a parsed body, with the path of the value at fault (empty for the root). */
export type JsonBodyProblem =
  | { kind: 'too-deep'; path: (string | number)[] }
  | { kind: 'nul'; path: (string | number)[] }
  | { kind: 'lone-surrogate'; path: (string | number)[]; codePoint: string };

/** A UTF-16 surrogate without its partner, which no UTF-8 encoding can represent. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Returns the first problem in `body`, walking it breadth first without recursion, or null when
 * there is none. PostgreSQL text and jsonb reject U+0000 and lone surrogates, and SQLite would
 * store a lone surrogate as U+FFFD, so neither may pass the boundary.
 */
export function findJsonBodyProblem(body: unknown): JsonBodyProblem | null {
  const queue: { value: unknown; path: (string | number)[] }[] = [{ value: body, path: [] }];
  for (let index = 0; index < queue.length; index += 1) {
    const { value, path } = queue[index];
    if (typeof value === 'string') {
      const problem = textProblem(value, path);
      if (problem) return problem;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_JSON_DEPTH) return { kind: 'too-deep', path };

    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((inner, position) => [position, inner])
      : Object.entries(value);
    for (const [key, inner] of entries) {
      const keyPath = [...path, key];
      if (typeof key === 'string') {
        const problem = textProblem(key, keyPath);
        if (problem) return problem;
      }
      queue.push({ value: inner, path: keyPath });
    }
  }
  return null;
}

function textProblem(text: string, path: (string | number)[]): JsonBodyProblem | null {
  if (text.includes('\u0000')) return { kind: 'nul', path };
  const surrogate = LONE_SURROGATE.exec(text)?.[0];
  if (surrogate === undefined) return null;
  const codePoint = `U+${surrogate.charCodeAt(0).toString(16).toUpperCase()}`;
  return { kind: 'lone-surrogate', path, codePoint };
}
