import { setTimeout as sleep } from 'node:timers/promises';

import { loadCatalogueFiles, type CatalogueLocation } from '../knowledge/files';
import { CatalogueError } from '../knowledge/validate';
import type { CatalogueChange, Repository } from './repository';

/** Attempts at preparing a database that other processes may be preparing at the same time. */
const PREPARE_ATTEMPTS = 6;
/** First wait between attempts, in ms; it doubles on each retry. */
const PREPARE_RETRY_BASE_MS = 100;

/**
 * Migrates the database and seeds the concept catalogue when it has none. Several processes
 * may do this at once on a new database, such as parallel CLI runs or a web process and a worker
 * starting together. The loser of a race fails on a lock or a duplicate row, so it waits and
 * finds the work done on its next attempt.
 */
export async function prepareDatabase(
  repository: Repository,
): Promise<{ seeded: CatalogueChange | null }> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await repository.migrate();
      if ((await repository.countConcepts()) > 0) return { seeded: null };
      return { seeded: await seedCatalogue(repository) };
    } catch (error) {
      if (error instanceof CatalogueError || attempt >= PREPARE_ATTEMPTS) throw error;
      await sleep(PREPARE_RETRY_BASE_MS * 2 ** (attempt - 1) * (1 + Math.random()));
    }
  }
}

/**
 * Validates the catalogue files and applies them in one transaction; on any invalid entry it
 * throws CatalogueError before touching the database.
 */
export async function seedCatalogue(
  repository: Repository,
  options: { location?: CatalogueLocation; nowMs?: number } = {},
): Promise<CatalogueChange> {
  const concepts = loadCatalogueFiles(options.location);
  const nowMs = options.nowMs ?? Date.now();
  return repository.replaceConcepts(concepts, nowMs);
}
