import { describeDatabase, openRepository } from '../lib/db/client';
import { prepareDatabase, seedCatalogue } from '../lib/db/prepare';
import type { Repository } from '../lib/db/repository';
import { getConfig } from '../lib/config';
import type { CliOptions } from './main';
import { note, printJson, writeStdout } from './output';
import { UsageError } from './usage';
import { conceptsCommand } from './commands/concepts';

export const COMMANDS = [
  'analyze',
  'lesson',
  'podcast',
  'export',
  'concepts',
  'seed',
  'migrate',
] as const;
export type CommandName = (typeof COMMANDS)[number];

/** Handles the command needs, opened lazily and closed by the caller. */
export interface CommandResources {
  repository?: Repository;
}

/** Runs one command; throws UsageError for bad arguments. */
export async function runCommand(
  command: CommandName,
  args: string[],
  options: CliOptions,
  resources: CommandResources,
): Promise<void> {
  switch (command) {
    case 'migrate': {
      expectArgs(command, args, 0);
      const repository = open(resources);
      await repository.migrate();
      note(`migrated ${describeDatabase(getConfig().DATABASE_URL)}`);
      return;
    }
    case 'seed': {
      expectArgs(command, args, 0);
      const repository = open(resources);
      await repository.migrate();
      const change = await seedCatalogue(repository);
      const total = await repository.countConcepts();
      const summary = { concepts: total, ...change };
      if (options.json) return printJson(summary);
      return writeStdout(
        `seeded ${total} concepts (${change.inserted} inserted, ${change.updated} updated, ${change.deleted} deleted)\n`,
      );
    }
    case 'concepts': {
      expectArgs(command, args, 0);
      return conceptsCommand(await openPrepared(resources), options);
    }
    case 'analyze': {
      const [problem] = expectArgs(command, args, 1, '"<problem>"');
      const { analyzeCommand } = await import('./commands/analyze');
      return analyzeCommand(problem, options);
    }
    case 'lesson': {
      const [problem] = expectArgs(command, args, 1, '"<problem>"');
      const { lessonCommand } = await import('./commands/lesson');
      return lessonCommand(problem, options, () => openPrepared(resources));
    }
    case 'podcast': {
      const [lessonId] = expectArgs(command, args, 1, '<lessonId>');
      const { podcastCommand } = await import('./commands/podcast');
      return podcastCommand(lessonId, options, () => openPrepared(resources));
    }
    case 'export': {
      const [lessonId] = expectArgs(command, args, 1, '<lessonId> --out <file.html>');
      const { exportCommand } = await import('./commands/export');
      return exportCommand(lessonId, options, () => openPrepared(resources));
    }
  }
}

function open(resources: CommandResources): Repository {
  resources.repository ??= openRepository(getConfig().DATABASE_URL);
  return resources.repository;
}

/** Opens the database, creating, migrating and seeding it on first use. */
async function openPrepared(resources: CommandResources): Promise<Repository> {
  const repository = open(resources);
  const { seeded } = await prepareDatabase(repository);
  if (seeded && seeded.inserted > 0)
    note(`seeded ${seeded.inserted} concepts into ${describeDatabase(getConfig().DATABASE_URL)}`);
  return repository;
}

function expectArgs(command: string, args: string[], count: number, what = ''): string[] {
  if (args.length !== count) {
    const expected = count === 0 ? 'no arguments' : `${what}`;
    throw new UsageError(
      `${command} takes ${expected}, got ${args.length === 0 ? 'none' : args.map((a) => `"${a}"`).join(' ')}`,
    );
  }
  return args;
}
