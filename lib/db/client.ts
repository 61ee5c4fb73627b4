import { isAbsolute, resolve } from 'node:path';

import { getConfig } from '../config';
import { fromRoot } from '../paths';
import type { Repository } from './repository';
import { PgRepository } from './pg-repository';
import { SqliteRepository } from './sqlite-repository';

/** The embedded database used when DATABASE_URL is unset, relative to the project root. */
export const DEFAULT_SQLITE_PATH = ['data', 'app.db'] as const;

/**
 * Opens a repository for a DATABASE_URL: `file:<path>` (relative paths are taken from the
 * working directory), `postgres://...`, or empty for the embedded default file.
 */
export function openRepository(databaseUrl: string): Repository {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return new PgRepository(databaseUrl);
  if (databaseUrl === '') return new SqliteRepository(fromRoot(...DEFAULT_SQLITE_PATH));
  const path = databaseUrl.replace(/^file:(\/\/)?/, '');
  return new SqliteRepository(path === ':memory:' || isAbsolute(path) ? path : resolve(path));
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
    const repository = openRepository(getConfig().DATABASE_URL);
    await prepareDatabase(repository);
    return repository;
  })().catch((error: unknown) => {
    globalStore.__infraLearnRepository = undefined;
    throw error;
  });
  return globalStore.__infraLearnRepository;
}
