import { loadCatalogueFiles, type CatalogueLocation } from '../knowledge/files';
import type { CatalogueChange, Repository } from './repository';

/** Migrates the database and seeds the concept catalogue when it has none. */
export async function prepareDatabase(
  repository: Repository,
): Promise<{ seeded: CatalogueChange | null }> {
  await repository.migrate();
  if ((await repository.countConcepts()) > 0) return { seeded: null };
  return { seeded: await seedCatalogue(repository) };
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
