import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

import type Database from 'better-sqlite3';

import { fromRoot } from '../paths';

/** How often the worker checkpoints the WAL, in ms. */
export const CHECKPOINT_INTERVAL_MS = 1_000;

/**
 * WAL size, in pages, at which the main connection checkpoints by itself while the worker runs.
 * Under steady writes the worker's checkpoints may never copy the last frames, and the WAL goes
 * back to its start only after a checkpoint that did. This fallback bounds the WAL to about 40 MB
 * (4 KiB pages), and it copies little because the worker has copied most frames already.
 */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

/** SQLite's own default for `wal_autocheckpoint`, in pages, restored when the worker stops. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;

/**
 * Code of the worker thread: a second connection that runs a PASSIVE checkpoint every interval.
 * SQLite documents that a PASSIVE checkpoint waits for no reader or writer and never calls the
 * busy handler, so the main connection's writes go on while it copies.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const database = new Database(workerData.filePath, { timeout: workerData.busyTimeoutMs });
parentPort.postMessage({ ready: true });
setInterval(() => {
  try {
    database.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.stack || error) });
  }
}, workerData.intervalMs);
`;

export interface CheckpointerOptions {
  intervalMs?: number;
  busyTimeoutMs: number;
  /** Called once when the worker fails. The main connection checkpoints by itself from then on. */
  onError: (error: Error) => void;
}

/**
 * Copies the WAL of a SQLite file back into the database from a worker thread, so that the
 * copying and file syncs of each checkpoint stay off the event loop. In a loop of lesson
 * inserts on this project's 2-core test machine, a commit that ran the checkpoint itself took 15
 * to 50 ms at p99, and several hundred ms while other processes were writing to the same disk.
 */
export class SqliteCheckpointer {
  private worker?: Worker;
  private active = true;

  /** Starts the worker. When it cannot start, `onError` is called and nothing else changes. */
  constructor(
    private readonly sqlite: Database.Database,
    filePath: string,
    private readonly options: CheckpointerOptions,
  ) {
    try {
      this.worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          // Resolved here because an eval worker resolves packages from the working directory.
          driverPath: createRequire(fromRoot('package.json')).resolve('better-sqlite3'),
          filePath,
          busyTimeoutMs: options.busyTimeoutMs,
          intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS,
        },
      });
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    // The worker must not keep a CLI run or a test process alive.
    this.worker.unref();
    this.worker.on('message', (message: { ready?: boolean; error?: string }) => {
      if (message.error !== undefined) this.fail(new Error(message.error));
      else if (message.ready && this.active) {
        this.sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
      }
    });
    this.worker.on('error', (error) => this.fail(error));
  }

  /** Stops the worker and gives checkpoints back to the main connection. */
  async stop(): Promise<void> {
    this.active = false;
    this.restoreAutocheckpoint();
    await this.worker?.terminate();
  }

  private fail(error: Error): void {
    if (!this.active) return;
    this.active = false;
    this.restoreAutocheckpoint();
    void this.worker?.terminate();
    this.options.onError(
      new Error('background WAL checkpoints stopped, so the main connection checkpoints instead', {
        cause: error,
      }),
    );
  }

  private restoreAutocheckpoint(): void {
    if (this.sqlite.open)
      this.sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  }
}
