import { isAbsolute, resolve } from 'node:path';

import { getConfig } from '../config';
import { getLogger } from '../logger';
import { fromRoot } from '../paths';
import type { Repository } from './repository';
import { PgRepository } from './pg-repository';
import { SqliteRepository } from './sqlite-repository';

/** The embedded database used when DATABASE_URL is unset, relative to the project root. */
export const DEFAULT_SQLITE_PATH = ['data', 'app.db'] as const;

/**
 * Opens a repository for a DATABASE_URL: `file:<path>` (relative paths are taken from the
 * working directory), `postgres://...`, or empty for the embedded default file. With
 * `backgroundCheckpoints`, a SQLite repository checkpoints its WAL from a worker thread.
 */
export function openRepository(
  databaseUrl: string,
  options: { backgroundCheckpoints?: boolean } = {},
): Repository {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return new PgRepository(databaseUrl);
  const sqliteOptions = options.backgroundCheckpoints
    ? { backgroundCheckpoints: { onError: logCheckpointFailure } }
    : {};
  if (databaseUrl === '') {
    return new SqliteRepository(fromRoot(...DEFAULT_SQLITE_PATH), sqliteOptions);
  }
  const path = databaseUrl.replace(/^file:(\/\/)?/, '');
  return new SqliteRepository(
    path === ':memory:' || isAbsolute(path) ? path : resolve(path),
    sqliteOptions,
  );
}

function logCheckpointFailure(error: Error): void {
  getLogger().warn({ err: error }, 'background WAL checkpoints failed');
}

/** Returns a short description of the database for logs, without credentials. */
export function describeDatabase(databaseUrl: string): string {
  if (/^postgres/.test(databaseUrl)) {
    const url = new URL(databaseUrl);
    return `postgres ${url.hostname}:${url.port || '5432'}${url.pathname}`;
  }
  return `sqlite ${databaseUrl === '' ? fromRoot(...DEFAULT_SQLITE_PATH) : databaseUrl.replace(/^file:/, '')}`;
}

const globalStore = globalThis as typeof globalThis & {
  __infraLearnRepository?: Promise<Repository>;
};

/**
 * Returns this process's repository, migrated and seeded on first use. Kept on globalThis so
 * that Next.js module reloads in development share one connection.
 */
export function getRepository(): Promise<Repository> {
  globalStore.__infraLearnRepository ??= (async () => {
    const { prepareDatabase } = await import('./prepare');
    // This process serves many requests, so WAL checkpoints move off its event loop.
    const repository = openRepository(getConfig().DATABASE_URL, { backgroundCheckpoints: true });
    try {
      await prepareDatabase(repository);
    } catch (error) {
      // The next call opens a new repository, so this one must not keep its connection.
      await repository.close().catch(() => undefined);
      throw error;
    }
    return repository;
  })().catch((error: unknown) => {
    globalStore.__infraLearnRepository = undefined;
    throw error;
  });
  return globalStore.__infraLearnRepository;
}
