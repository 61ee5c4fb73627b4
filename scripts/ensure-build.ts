// Builds the Next.js app when the sources are newer than the last build; the browser tests
// serve the production build.
import { spawnSync } from 'node:child_process';

import { fromRoot } from '../lib/paths';
import { buildNeeded } from './build-state';

// Next.js otherwise tries to send anonymous telemetry over the network; children inherit this.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

const reason = buildNeeded();
if (reason) {
  process.stderr.write(`building the web app: ${reason}\n`);
  const result = spawnSync(fromRoot('node_modules', '.bin', 'next'), ['build'], {
    cwd: fromRoot(),
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}
