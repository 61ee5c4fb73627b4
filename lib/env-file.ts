import { existsSync } from 'node:fs';

import { config as loadDotenv } from 'dotenv';

import { fromRoot } from './paths';

/**
 * Loads `.env` from the project folder into process.env, as Next.js does for the web app.
 * Variables already set in the environment win over the file.
 */
export function loadEnvFile(): void {
  const path = fromRoot('.env');
  if (existsSync(path)) loadDotenv({ path, quiet: true });
}
