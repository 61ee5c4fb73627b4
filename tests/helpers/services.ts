import { randomUUID } from 'node:crypto';

import { Redis } from 'ioredis';
import pg from 'pg';

/** Server that the PostgreSQL tests create their own databases on; trust authentication. */
export const POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether tests must fail, not skip, when PostgreSQL or Redis is absent (set by CI). */
export const servicesRequired = process.env.REQUIRE_SERVICES === '1';

/**
 * Returns whether PostgreSQL responds. With REQUIRE_SERVICES=1 an absent server is an error,
 * so CI cannot pass by skipping.
 */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({
    connectionString: POSTGRES_ADMIN_URL,
    connectionTimeoutMillis: 2_000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    if (servicesRequired) {
      throw new Error(
        `PostgreSQL is required (REQUIRE_SERVICES=1) but ${POSTGRES_ADMIN_URL} failed`,
        {
          cause: error,
        },
      );
    }
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Redis server the queue tests use; each test file keeps to its own key prefix. */
export const REDIS_TEST_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Returns whether Redis responds to PING. With REQUIRE_SERVICES=1 an absent server is an error,
 * so CI cannot pass by skipping.
 */
export async function redisAvailable(): Promise<boolean> {
  const client = new Redis(REDIS_TEST_URL, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // connect() rejects with the same error; the listener only keeps ioredis from printing it.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch (error) {
    if (servicesRequired) {
      throw new Error(`Redis is required (REQUIRE_SERVICES=1) but ${REDIS_TEST_URL} failed`, {
        cause: error,
      });
    }
    return false;
  } finally {
    client.disconnect();
  }
}

/** Creates an empty database for one test file and returns its URL and a function that drops it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `infra_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Returns a Redis key prefix no other test run uses, such as `infra-test-queue-redis-1a2b3c4d`. */
export function uniqueRedisPrefix(name: string): string {
  return `infra-test-${name}-${randomUUID().slice(0, 8)}`;
}

/**
 * Deletes every key whose name starts with `prefix` on the test Redis, and returns how many it
 * deleted. Pass a prefix from `uniqueRedisPrefix` so that no other run's keys match.
 */
export async function deleteRedisKeys(prefix: string, url = REDIS_TEST_URL): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) deleted += await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  } finally {
    await client.quit();
  }
}
