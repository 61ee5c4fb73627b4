import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { fromRoot } from '../lib/paths';

/** Source folders and files whose changes call for a new production build. */
const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'proxy.ts',
  'next.config.ts',
  'package.json',
];

/** Returns why a production build is needed, or null when `.next` is newer than every input. */
export function buildNeeded(): string | null {
  const buildIdPath = fromRoot('.next', 'BUILD_ID');
  if (!existsSync(buildIdPath)) return 'no production build exists';
  const builtAtMs = statSync(buildIdPath).mtimeMs;
  for (const input of BUILD_INPUTS) {
    const newer = findNewerFile(fromRoot(input), builtAtMs);
    if (newer) return `${newer} changed after the last build`;
  }
  return null;
}

function findNewerFile(path: string, thanMs: number): string | null {
  if (!existsSync(path)) return null;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs > thanMs ? path : null;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const found = findNewerFile(join(path, entry), thanMs);
    if (found) return found;
  }
  return null;
}
