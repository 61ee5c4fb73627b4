// Measures POST /api/lessons throughput with autocannon. `measureLessonThroughput` runs against a
// server that is already listening. Run directly, the script starts the production build
// (`next start`) on a free loopback port with its own SQLite file for each run, and prints each
// run and the medians with the CPU time that the server and autocannon spent per request (read
// from /proc, so Linux only):
//
//   npx tsx scripts/bench/lesson-throughput.ts [--runs 3] [--app-dir DIR] [--cpu-prof DIR]
//
// `--app-dir` serves another folder's build (a copy of the project with its own `.next`), and
// `--cpu-prof` writes a V8 CPU profile of the server to DIR when the server exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import autocannon from 'autocannon';

/** The first reference problem of scripts/bench.ts: 175B parameters on 256 A100 GPUs. */
const PROBLEM =
  'Design infrastructure to train a 175B parameter GPT model across 256 A100 GPUs with 99.9% uptime and cost under $500k.';

/** Concurrent connections, as in the budget's measurement. */
const CONNECTIONS = 10;
/** Length of the measured window, in seconds. */
const DURATION_SECONDS = 10;
/** Length of the unmeasured run that warms the JIT and the catalogue cache first, in seconds. */
const WARM_UP_SECONDS = 2;
/** Maximum time for the server to pass its first health check, in ms. */
const START_TIMEOUT_MS = 60_000;

export interface LessonThroughput {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
}

/**
 * Posts the reference problem to `${baseUrl}/api/lessons` from 10 connections for 10 s and
 * returns the mean request rate, the latency percentiles in ms and the count of non-2xx
 * responses. One lesson request and a 2 s unmeasured run come first, so the figures leave out
 * the first request's migration, seeding and search-index build.
 * @throws Error when the first lesson request does not return 201.
 */
export async function measureLessonThroughput(baseUrl: string): Promise<LessonThroughput> {
  await warmUp(baseUrl);
  const result = await postLessons(baseUrl, DURATION_SECONDS);
  return toThroughput(result);
}

/** Posts one lesson, checking for 201, then posts from every connection for `WARM_UP_SECONDS`. */
async function warmUp(baseUrl: string): Promise<void> {
  const url = `${baseUrl}/api/lessons`;
  const first = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ problem: PROBLEM }),
  });
  if (first.status !== 201) {
    throw new Error(`POST ${url} returned ${first.status}, expected 201: ${await first.text()}`);
  }
  await postLessons(baseUrl, WARM_UP_SECONDS);
}

function postLessons(baseUrl: string, durationSeconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${baseUrl}/api/lessons`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ problem: PROBLEM }),
    connections: CONNECTIONS,
    duration: durationSeconds,
  });
}

function toThroughput(result: autocannon.Result): LessonThroughput {
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
  };
}

/** Returns a TCP port that was free a moment ago on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface StartedServer {
  baseUrl: string;
  /** CPU time (user plus system) the server process has used so far, in ms; Linux only. */
  cpuTimeMs: () => number;
  stop: () => Promise<void>;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS_PER_SECOND = 100;

/** Reads utime plus stime of a process from /proc, in ms. */
function processCpuTimeMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/**
 * Starts `next start` in `appDir` on a free loopback port with a new SQLite file, and waits
 * until `/api/health` returns 200. With `cpuProfileDir`, Node writes the server's CPU profile
 * there when it exits.
 */
async function startServer(appDir: string, cpuProfileDir?: string): Promise<StartedServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'infra-learn-throughput-'));
  const profileFlags = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...profileFlags,
      join(appDir, 'node_modules', 'next', 'dist', 'bin', 'next'),
      'start',
      '-p',
      String(port),
      '-H',
      '127.0.0.1',
    ],
    {
      cwd: appDir,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        LOG_LEVEL: 'warn',
        DATABASE_URL: `file:${join(dataDir, 'app.db')}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && child.exitCode === null) {
    const healthy = await fetch(`${baseUrl}/api/health`)
      .then((response) => response.status === 200)
      .catch(() => false);
    if (healthy) return { baseUrl, cpuTimeMs: () => processCpuTimeMs(child.pid ?? 0), stop };
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  }
  await stop();
  throw new Error(`next start in ${appDir} did not respond on port ${port}:\n${output}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One measured run with the server's and the load generator's cost per request. */
interface RunReport extends LessonThroughput {
  serverCpuMsPerRequest: number;
  /** CPU time of this process, where autocannon runs, per request. */
  clientCpuMsPerRequest: number;
  responseBytes: number;
}

function formatRun(label: string, run: RunReport): string {
  return [
    `${label}: ${run.requestsPerSecond.toFixed(1)} req/s`,
    `p50 ${run.p50Ms} ms`,
    `p99 ${run.p99Ms} ms`,
    `${run.non2xx} non-2xx`,
    `server CPU ${run.serverCpuMsPerRequest.toFixed(2)} ms/request`,
    `autocannon CPU ${run.clientCpuMsPerRequest.toFixed(2)} ms/request`,
    `${(run.responseBytes / 1000).toFixed(0)} kB/response`,
  ].join(', ');
}

/** Starts a new server and database, warms it up, and measures one 10 s window. */
async function measureRun(appDir: string, cpuProfileDir: string | undefined): Promise<RunReport> {
  const server = await startServer(appDir, cpuProfileDir);
  try {
    await warmUp(server.baseUrl);
    const cpuBeforeMs = server.cpuTimeMs();
    const clientBefore = process.cpuUsage();
    const result = await postLessons(server.baseUrl, DURATION_SECONDS);
    const clientCpu = process.cpuUsage(clientBefore);
    const cpuMs = server.cpuTimeMs() - cpuBeforeMs;
    return {
      ...toThroughput(result),
      serverCpuMsPerRequest: cpuMs / result.requests.total,
      clientCpuMsPerRequest: (clientCpu.user + clientCpu.system) / 1000 / result.requests.total,
      responseBytes: result.throughput.total / result.requests.total,
    };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      'app-dir': { type: 'string', default: process.cwd() },
      'cpu-prof': { type: 'string' },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`invalid --runs "${values.runs}": expected a whole number of runs from 1`);
  }
  const appDir = resolve(values['app-dir']);
  const cpuProfileDir = values['cpu-prof'] ? resolve(values['cpu-prof']) : undefined;
  if (cpuProfileDir) mkdirSync(cpuProfileDir, { recursive: true });

  const reports: RunReport[] = [];
  for (let run = 1; run <= runs; run += 1) {
    const report = await measureRun(appDir, cpuProfileDir);
    reports.push(report);
    process.stdout.write(
      `${formatRun(`run ${run}`, report)} (load average ${loadavg()[0].toFixed(1)})\n`,
    );
  }
  const medianOf = (pick: (report: RunReport) => number) => median(reports.map(pick));
  const medians: RunReport = {
    requestsPerSecond: medianOf((report) => report.requestsPerSecond),
    p50Ms: medianOf((report) => report.p50Ms),
    p99Ms: medianOf((report) => report.p99Ms),
    non2xx: medianOf((report) => report.non2xx),
    serverCpuMsPerRequest: medianOf((report) => report.serverCpuMsPerRequest),
    clientCpuMsPerRequest: medianOf((report) => report.clientCpuMsPerRequest),
    responseBytes: medianOf((report) => report.responseBytes),
  };
  process.stdout.write(`${formatRun(`median of ${runs}`, medians)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`lesson-throughput: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}
