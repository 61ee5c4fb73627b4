// Migrates the configured database and seeds the catalogue when it is empty (`npm run dev`).
import { getConfig } from '../lib/config';
import { openRepository } from '../lib/db/client';
import { prepareDatabase } from '../lib/db/prepare';
import { loadEnvFile } from '../lib/env-file';

loadEnvFile();
const repository = openRepository(getConfig().DATABASE_URL);
try {
  await prepareDatabase(repository);
} catch (error) {
  process.stderr.write(`prepare database: ${(error as Error).message.split('\n')[0]}\n`);
  process.exitCode = 1;
} finally {
  await repository.close();
}
