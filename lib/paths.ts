import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * Returns the project's root folder: the nearest folder above this module, or above the
 * working directory, that contains `content/concepts.json`. Walking up from the module works
 * for the CLI run through tsx from any directory and for Next.js server chunks under `.next/`.
 */
export function projectRoot(): string {
  if (root) return root;
  const starts = [process.env.APP_ROOT, moduleDirectory(), process.cwd()].filter(
    (start): start is string => Boolean(start),
  );
  for (const start of starts) {
    const found = findUp(start);
    if (found) {
      root = found;
      return found;
    }
  }
  root = process.cwd();
  return root;
}

/** Resolves a path relative to the project root. */
export function fromRoot(...segments: string[]): string {
  // The root is found at run time; Turbopack must not trace the whole project because of it.
  return join(/* turbopackIgnore: true */ projectRoot(), ...segments);
}

function moduleDirectory(): string | undefined {
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    // Bundlers may rewrite import.meta.url to a non-file URL; the working directory is next.
    return undefined;
  }
}

function findUp(start: string): string | undefined {
  let current = resolve(start);
  for (;;) {
    if (existsSync(join(current, 'content', 'concepts.json'))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}
