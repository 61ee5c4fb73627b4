// `npm run db:reset`: drops every table of the configured database, migrates and re-seeds it.
import { getConfig } from '../lib/config';
import { describeDatabase, openRepository } from '../lib/db/client';
import { loadCatalogueFiles } from '../lib/knowledge/files';
import { loadEnvFile } from '../lib/env-file';

loadEnvFile();
const { DATABASE_URL } = getConfig();
const repository = openRepository(DATABASE_URL);
try {
  // Validate the files before dropping anything, so a bad catalogue leaves the database as it was.
  const concepts = loadCatalogueFiles();
  await repository.dropAll();
  await repository.migrate();
  const change = await repository.replaceConcepts(concepts, Date.now());
  process.stdout.write(
    `reset ${describeDatabase(DATABASE_URL)}: ${change.inserted} concepts seeded\n`,
  );
} catch (error) {
  process.stderr.write(`db:reset: ${(error as Error).message.split('\n')[0]}\n`);
  process.exitCode = 1;
} finally {
  await repository.close();
}
