import type { Repository } from '../db/repository';
import type { Concept } from '../knowledge/types';

interface CachedCatalogue {
  version: string;
  concepts: Concept[];
}

const cache = new WeakMap<Repository, CachedCatalogue>();

/**
 * Returns the stored catalogue, read once per process and again only when its version changes
 * (after a seed), so generating a lesson works on data already in memory.
 */
export async function getCatalogue(repository: Repository): Promise<Concept[]> {
  const version = await repository.catalogueVersion();
  const cached = cache.get(repository);
  if (cached?.version === version) return cached.concepts;
  const concepts = await repository.listConcepts();
  cache.set(repository, { version, concepts });
  return concepts;
}
