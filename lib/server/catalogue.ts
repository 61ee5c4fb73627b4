import type { Repository } from '../db/repository';
import type { Concept } from '../knowledge/types';

interface CachedCatalogue {
  version: string;
  /** The read in flight or finished, shared by requests that arrive while it runs. */
  concepts: Promise<Concept[]>;
}

const cache = new WeakMap<Repository, CachedCatalogue>();

/**
 * Returns the stored catalogue, read once per process and again only when its version changes
 * (after a seed), so generating a lesson works on data already in memory. Concurrent requests on
 * a cold cache share one read. Reading once per request would move the whole catalogue (about
 * 2.5 MB) a hundred times in a burst of 100, and would hold PostgreSQL's connection pool until
 * other requests time out waiting for a connection.
 */
export async function getCatalogue(repository: Repository): Promise<Concept[]> {
  const version = await repository.catalogueVersion();
  const cached = cache.get(repository);
  if (cached?.version === version) return cached.concepts;

  const concepts = repository.listConcepts();
  cache.set(repository, { version, concepts });
  try {
    return await concepts;
  } catch (error) {
    // A failed read must not stay cached, so the next request reads again.
    if (cache.get(repository)?.concepts === concepts) cache.delete(repository);
    throw error;
  }
}
