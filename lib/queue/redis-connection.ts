import { Redis } from 'ioredis';
import type { Logger } from 'pino';

import { throttledErrorLog } from './log-throttle';

/** Maximum wait between two reconnect attempts to Redis, in ms. */
const MAX_RECONNECT_DELAY_MS = 5_000;
/** Extra wait per failed reconnect attempt, in ms: 200, 400, ... up to the maximum. */
const RECONNECT_DELAY_STEP_MS = 200;

/** Returns host, port and database of a Redis URL without its credentials, for logs. */
export function describeRedisUrl(url: string): string {
  const parsed = new URL(url);
  const database = parsed.pathname && parsed.pathname !== '/' ? parsed.pathname : '';
  return `${parsed.hostname}:${parsed.port || '6379'}${database}`;
}

/**
 * Opens the connection that enqueues jobs and reads their status. Commands fail at once while
 * it is disconnected (no offline queue, one retry), so a caller can fall back to the in-process
 * queue instead of waiting. It keeps reconnecting in the background.
 */
export function openCommandConnection(
  url: string,
  connectTimeoutMs: number,
  logger: Logger,
): Redis {
  const connection = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: connectTimeoutMs,
    retryStrategy: reconnectDelayMs,
    connectionName: 'infra-learn:commands',
  });
  connection.on('error', throttledErrorLog(logger, 'Redis command connection error'));
  return connection;
}

/**
 * Opens a connection for a BullMQ worker or event reader. BullMQ requires
 * `maxRetriesPerRequest: null` there, because those clients block on Redis and must retry
 * their commands until it is back.
 */
export function openBlockingConnection(url: string, name: string, logger: Logger): Redis {
  const connection = new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: reconnectDelayMs,
    connectionName: `infra-learn:${name}`,
  });
  connection.on('error', throttledErrorLog(logger, `Redis ${name} connection error`));
  return connection;
}

/**
 * Connects a lazily created connection.
 * @throws the connection error, or an Error after `timeoutMs`.
 */
export async function connectWithin(connection: Redis, timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`connecting to Redis timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([connection.connect(), timedOut]);
    await connection.ping();
  } finally {
    clearTimeout(timer);
  }
}

/** Closes a connection: politely when it is up, at once when it is not. */
export async function closeConnection(connection: Redis): Promise<void> {
  if (connection.status === 'end') return;
  if (connection.status !== 'ready') {
    connection.disconnect();
    return;
  }
  try {
    await connection.quit();
  } catch {
    // QUIT rejects when the socket closed in the meantime, and disconnect() then releases it.
    connection.disconnect();
  }
}

function reconnectDelayMs(attempts: number): number {
  return Math.min(attempts * RECONNECT_DELAY_STEP_MS, MAX_RECONNECT_DELAY_MS);
}
