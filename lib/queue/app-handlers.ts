import { getConfig } from '../config';
import { getRepository } from '../db/client';
import type { Repository } from '../db/repository';
import { registerExportJob } from '../export/job';
import { registerPodcastJob } from '../podcast/job';
import { createAppJobRegistry } from './app-kinds';
import type { JobRegistry } from './registry';

export interface AppJobRuntime {
  /** The app's job kinds with the podcast and export handlers set. */
  registry: JobRegistry;
  /** Closes the database connection, if a handler opened it. */
  closeResources(): Promise<void>;
}

/**
 * Returns the registry that the web process and `npm run worker` run jobs with. Its handlers open
 * this process's repository (DATABASE_URL) on first use.
 */
export function createAppJobRuntime(): AppJobRuntime {
  let opened: Promise<Repository> | undefined;
  const repository = () => {
    opened ??= getRepository();
    return opened;
  };
  const registry = createAppJobRegistry();
  registerPodcastJob(registry, { repository, settings: getConfig });
  registerExportJob(registry, { repository });
  return {
    registry,
    closeResources: async () => {
      const openedRepository = await opened?.catch(() => undefined);
      await openedRepository?.close();
    },
  };
}
