import type { Repository } from '../../lib/db/repository';
import type { CliOptions } from '../main';
import { printJson, writeStdout } from '../output';

/** Prints the catalogue: every field with `--json`, a table of id, level, domain and title otherwise. */
export async function conceptsCommand(repository: Repository, options: CliOptions): Promise<void> {
  const concepts = await repository.listConcepts();
  if (options.json) return printJson(concepts);
  const lines = concepts.map(
    (concept) =>
      `${concept.id}  ${concept.level.padEnd(12)} ${concept.domain.padEnd(13)} ${concept.title}`,
  );
  return writeStdout(`${lines.join('\n')}\n${concepts.length} concepts\n`);
}
