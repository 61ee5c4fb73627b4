import { parseArgs, type ParseArgsConfig } from 'node:util';

import { CatalogueError } from '../lib/knowledge/validate';
import {
  ConfigError,
  getConfig,
  isLearningEnabled,
  LEARNING_DISABLED_MESSAGE,
} from '../lib/config';
import { loadEnvFile } from '../lib/env-file';
import type { Repository } from '../lib/db/repository';
import { USAGE, UsageError } from './usage';
import { note } from './output';
import { runCommand, type CommandName, COMMANDS } from './commands';

/** Commands that serve learners and so obey the feature flag; `seed` and `migrate` do not. */
const LEARNING_COMMANDS = new Set<CommandName>([
  'analyze',
  'lesson',
  'podcast',
  'export',
  'concepts',
]);

const OPTIONS = {
  json: { type: 'boolean' },
  constraint: { type: 'string', multiple: true },
  learner: { type: 'string' },
  provider: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

export type CliOptions = {
  json?: boolean;
  constraint?: string[];
  learner?: string;
  provider?: string;
  out?: string;
};

let stdoutGuarded = false;

/** Ends the process quietly when the reader of stdout closes early, as `| head` does. */
function stopOnClosedStdout(): void {
  if (stdoutGuarded) return;
  stdoutGuarded = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

/** Runs the CLI on `argv` (without node and script) and returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  stopOnClosedStdout();
  const resources: { repository?: Repository } = {};
  try {
    loadEnvFile();
    const { values, positionals } = parseCommandLine(argv);
    if (values.help || positionals.length === 0) {
      process.stdout.write(`${USAGE}\n`);
      return values.help ? 0 : 2;
    }
    const [command, ...args] = positionals;
    if (!COMMANDS.includes(command as CommandName)) {
      throw new UsageError(`unknown command "${command}"`);
    }
    getConfig();
    if (LEARNING_COMMANDS.has(command as CommandName) && !isLearningEnabled()) {
      note(`infra-learn: ${LEARNING_DISABLED_MESSAGE}`);
      return 3;
    }
    await runCommand(command as CommandName, args, values, resources);
    return 0;
  } catch (error) {
    return reportError(error);
  } finally {
    await resources.repository?.close().catch(() => undefined);
  }
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util reports unknown flags with its own wording; keep the first sentence.
    throw new UsageError((error as Error).message.split('\n')[0].replace(/\. To specify.*$/, ''));
  }
}

function reportError(error: unknown): number {
  if (error instanceof UsageError) {
    note(`infra-learn: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (error instanceof ConfigError || error instanceof CatalogueError) {
    note(`infra-learn: ${error.message}`);
    if (error instanceof CatalogueError && error.issues.length > 1) {
      for (const issue of error.issues.slice(1, 20))
        note(`  ${issue.id} ${issue.field}: ${issue.message}`);
    }
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  // Query errors put the SQL on the first line and the reason in their cause.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  note(`infra-learn: ${message.split('\n')[0]}${cause ? `: ${cause.split('\n')[0]}` : ''}`);
  if (process.env.INFRA_LEARN_DEBUG && error instanceof Error) note(error.stack ?? '');
  return 1;
}

const isEntryPoint = process.argv[1] && /cli[/\\]main\.ts$/.test(process.argv[1]);
if (isEntryPoint) {
  main(process.argv.slice(2)).then((status) => {
    process.exitCode = status;
  });
}
