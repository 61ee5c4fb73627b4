import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { PROJECT_ROOT } from '../../../helpers/cli';

/** The counting worker fixture, run as its own process. */
export const COUNTING_WORKER = fileURLToPath(new URL('./counting-worker.ts', import.meta.url));
/** The real `npm run worker` entry point. */
export const WORKER_CLI = fileURLToPath(new URL('../../../../cli/worker.ts', import.meta.url));

export interface RunningProcess {
  child: ChildProcess;
  pid: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string;
  /** Parsed JSON log lines so far; other lines are skipped. */
  logLines: () => Array<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();

/** Starts a TypeScript script through tsx in the project folder. */
export function startScript(
  script: string,
  env: Record<string, string | undefined>,
): RunningProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  return {
    child,
    pid: child.pid as number,
    output: () => output,
    logLines: () => parseLogLines(output),
    exited,
  };
}

/** Kills every process `startScript` started that is still running, with SIGKILL. */
export async function killStartedProcesses(): Promise<void> {
  const exits = [...running].map(
    (child) =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  );
  await Promise.all(exits);
}

/** Resolves once a log line with message `msg` appears, or rejects after `timeoutMs`. */
export function waitForLog(target: RunningProcess, msg: string, timeoutMs = 20_000): Promise<void> {
  return waitFor(
    () => target.logLines().some((line) => line.msg === msg),
    timeoutMs,
    () => `log line "${msg}" from process ${target.pid}; its output:\n${target.output()}`,
  );
}

/** Polls `condition` every 50 ms until it is true, or rejects after `timeoutMs` naming it. */
export async function waitFor(
  condition: () => boolean,
  timeoutMs: number,
  conditionName: string | (() => string),
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      const description = typeof conditionName === 'string' ? conditionName : conditionName();
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function parseLogLines(output: string): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  for (const text of output.split('\n')) {
    if (!text.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(text) as Record<string, unknown>);
    } catch {
      // A line still being written; it is parsed complete on the next call.
    }
  }
  return lines;
}
