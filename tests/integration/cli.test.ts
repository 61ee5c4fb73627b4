import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { openRepository } from '@/lib/db/client';
import { runCli, PROJECT_ROOT } from '../helpers/cli';
import { createTestDatabase, postgresAvailable } from '../helpers/services';

const workDir = mkdtempSync(join(tmpdir(), 'infra-learn-cli-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('infra-learn command line', () => {
  it('prints the seeded catalogue as the only thing on stdout', async () => {
    const databaseUrl = `file:${join(workDir, 'fresh.db')}`;
    const result = await runCli(['concepts', '--json'], { DATABASE_URL: databaseUrl });
    expect(result.status).toBe(0);
    const concepts = JSON.parse(result.stdout) as { id: string; body: string; quiz: unknown[] }[];
    expect(concepts).toHaveLength(85);
    expect(concepts[0].id).toBe('c001');
    expect(concepts.every((concept) => concept.body.length > 0 && concept.quiz.length >= 3)).toBe(
      true,
    );
    expect(result.stderr).toContain('seeded 85 concepts');
  });

  it('stops quietly when the reader of its output closes early', () => {
    const databaseUrl = `file:${join(workDir, 'piped.db')}`;
    // `head` closes the pipe after 10 bytes, long before the catalogue's 2 MB are written.
    const result = spawnSync(
      'bash',
      [
        '-c',
        'node bin/infra-learn.js concepts --json | head -c 10; echo " status=${PIPESTATUS[0]}"',
      ],
      { cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8' },
    );
    expect(result.stdout).toContain(' status=0');
    expect(result.stderr).not.toContain('EPIPE');
  });

  it('rejects an unknown command with the usage', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^infra-learn: unknown command "frobnicate"\n/);
    expect(result.stderr).toContain('Usage: infra-learn <command>');
  });

  it('rejects an unknown flag with the usage', async () => {
    const result = await runCli(['concepts', '--colour']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Unknown option '--colour'");
    expect(result.stderr).toContain('Usage: infra-learn <command>');
  });

  it('rejects extra arguments', async () => {
    const result = await runCli(['seed', 'now']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('seed takes no arguments, got "now"');
  });

  it('names a malformed DATABASE_URL in one line', async () => {
    const result = await runCli(['concepts'], { DATABASE_URL: 'mysql://root@localhost/db' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('invalid DATABASE_URL: expected file:<path>');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('names a malformed PORT when npm start runs', async () => {
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(
      join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'),
      ['scripts/start.ts'],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, PORT: 'eighty', DATABASE_URL: `file:${join(workDir, 'port.db')}` },
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'npm start: invalid PORT: expected a whole number from 1 to 65535, got "eighty"',
    );
  });
});

/** Copies the shipped content into a temporary folder and breaks one thing in it. */
function brokenCatalogue(
  name: string,
  breakIt: (concepts: Record<string, unknown>[]) => void,
): string {
  const dir = join(workDir, name);
  cpSync(join(PROJECT_ROOT, 'content'), dir, { recursive: true });
  const path = join(dir, 'concepts.json');
  const concepts = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>[];
  breakIt(concepts);
  writeFileSync(path, JSON.stringify(concepts));
  return dir;
}

const BROKEN_CATALOGUES: [string, (concepts: Record<string, unknown>[]) => void, RegExp][] = [
  [
    'a dangling prerequisite',
    (c) => (c[40].prereqIds = ['c999']),
    /c041 prereqIds\.0: prerequisite c999 does not exist/,
  ],
  ['a cycle', (c) => (c[0].prereqIds = [String(c[1].id)]), /prerequisite cycle/],
  ['a duplicate id', (c) => (c[5].id = 'c005'), /c005 id: duplicate id c005/],
  ['an unknown domain', (c) => (c[9].domain = 'marketing'), /c010 domain: /],
];

const hasPostgres = await postgresAvailable();

type DatabaseFactory = () => Promise<{ url: string; drop: () => Promise<void> }>;
let sqliteFiles = 0;
const databases: [string, DatabaseFactory][] = [
  [
    'SQLite',
    async () => ({
      url: `file:${join(workDir, `seed-${++sqliteFiles}.db`)}`,
      drop: async () => {},
    }),
  ],
];
if (hasPostgres) databases.push(['PostgreSQL', createTestDatabase]);

describe.each(databases)('npm run seed on %s', (_name, createDatabase) => {
  it.each(BROKEN_CATALOGUES)('rejects %s and changes nothing', async (label, breakIt, message) => {
    const database = await createDatabase();
    try {
      const seeded = await runCli(['seed'], { DATABASE_URL: database.url });
      expect(seeded.status).toBe(0);
      expect(seeded.stdout).toContain('seeded 85 concepts');

      const contentDir = brokenCatalogue(label.replaceAll(' ', '-'), (concepts) => {
        breakIt(concepts);
        // A real edit alongside the breakage, which must not be applied either.
        concepts[2].summary = 'This edit must not reach the database.';
      });
      const rejected = await runCli(['seed'], {
        DATABASE_URL: database.url,
        CONTENT_DIR: contentDir,
      });
      expect(rejected.status).toBe(1);
      expect(rejected.stderr).toMatch(message);

      const repository = openRepository(database.url);
      try {
        expect(await repository.countConcepts()).toBe(85);
        expect((await repository.getConcept('c003'))?.summary).not.toBe(
          'This edit must not reach the database.',
        );
      } finally {
        await repository.close();
      }
    } finally {
      await database.drop();
    }
  });
});

describe('infra-learn analyze', () => {
  it('prints only { quantities, estimates } with --json', async () => {
    const result = await runCli([
      'analyze',
      'Train a 175B model on 256 A100 80GB GPUs with 99.9% uptime under $500k',
      '--constraint',
      'MFU of 45%',
      '--json',
    ]);
    expect(result.status).toBe(0);
    const analysis = JSON.parse(result.stdout) as {
      quantities: Record<string, unknown>;
      estimates: Record<
        string,
        { value: unknown; unit: string; formula: string; assumptions: string[]; source: string }
      >;
    };
    expect(Object.keys(analysis).sort()).toEqual(['estimates', 'quantities']);
    expect(analysis.quantities).toMatchObject({
      parameters: 175e9,
      gpuCount: 256,
      gpuModel: 'A100 80GB',
      budgetUsd: 500_000,
      uptimeTarget: 0.999,
      mfu: 0.45,
    });
    // ZeRO paper accounting: 16 bytes/parameter of model states sharded over 256 GPUs.
    expect(analysis.estimates.memoryPerGpuZero3Bytes.value).toBeCloseTo((16 * 175e9) / 256, -3);
    expect(analysis.estimates.checkpointBytes.value).toBe(14 * 175e9);
    for (const estimate of Object.values(analysis.estimates)) {
      expect(Object.keys(estimate).sort()).toEqual([
        'assumptions',
        'formula',
        'source',
        'unit',
        'value',
      ]);
    }
  });

  it('gives an empty analysis for text with no numbers', async () => {
    const result = await runCli([
      'analyze',
      'How should we think about training reliability?',
      '--json',
    ]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ quantities: {}, estimates: {} });
  });

  it('prints a readable table without --json', async () => {
    const result = await runCli(['analyze', 'Train a 7B model on 8 H100s']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Quantities');
    // 16 B/param × 7e9 params / 8 GPUs = 14.0 GB.
    expect(result.stdout).toMatch(/memoryPerGpuZero3Bytes\s+14\.0 GB/);
  });
});

describe('first use of a new database', () => {
  it('survives six CLI processes creating it at once', async () => {
    const databaseUrl = `file:${join(workDir, 'race.db')}`;
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        runCli(['lesson', 'Train a 7B model on 8 H100 GPUs', '--json'], {
          DATABASE_URL: databaseUrl,
        }),
      ),
    );
    for (const result of results) {
      expect(result.stderr).not.toMatch(/locked|Failed query/);
      expect(result.status).toBe(0);
    }
    const repository = openRepository(databaseUrl);
    try {
      expect(await repository.countConcepts()).toBe(85);
      expect(await repository.countLessons()).toBe(6);
    } finally {
      await repository.close();
    }
  });
});
