// `npm start`: checks the environment, migrates and seeds the database when needed, builds
// when no current build exists, then serves the production app.
import { spawn, spawnSync } from 'node:child_process';

import { ConfigError, getConfig, isLearningEnabled } from '../lib/config';
import { describeDatabase, openRepository } from '../lib/db/client';
import { prepareDatabase } from '../lib/db/prepare';
import { loadEnvFile } from '../lib/env-file';
import { getLogger } from '../lib/logger';
import { fromRoot } from '../lib/paths';
import { buildNeeded } from './build-state';

// Next.js otherwise tries to send anonymous telemetry over the network; children inherit this.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

async function start(): Promise<void> {
  loadEnvFile();
  const config = getConfig();
  const logger = getLogger();

  const repository = openRepository(config.DATABASE_URL);
  try {
    const { seeded } = await prepareDatabase(repository);
    if (seeded && seeded.inserted > 0)
      logger.info({ inserted: seeded.inserted }, 'seeded the concept catalogue');
  } finally {
    await repository.close();
  }

  const reason = buildNeeded();
  if (reason) {
    logger.info({ reason }, 'building the web app');
    const build = spawnSync(fromRoot('node_modules', '.bin', 'next'), ['build'], {
      cwd: fromRoot(),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (build.status !== 0) throw new Error(`next build failed with status ${build.status}`);
  }

  logger.info(
    {
      database: describeDatabase(config.DATABASE_URL),
      queue: config.REDIS_URL ? 'redis' : 'in-process',
      learningEnabled: isLearningEnabled(),
      port: config.PORT,
    },
    'starting the web server',
  );
  const server = spawn(
    fromRoot('node_modules', '.bin', 'next'),
    ['start', '-p', String(config.PORT)],
    {
      cwd: fromRoot(),
      stdio: 'inherit',
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => server.kill(signal));
  }
  server.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 0 : 1);
  });
}

start().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : (error as Error).message;
  process.stderr.write(`npm start: ${message.split('\n')[0]}\n`);
  process.exitCode = 1;
});
