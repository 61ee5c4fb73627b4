import { randomUUID } from 'node:crypto';

import pg from 'pg';

/** Server that the PostgreSQL tests create their own databases on; trust authentication. */
export const POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether tests must fail, not skip, when PostgreSQL or Redis is absent (set by CI). */
export const servicesRequired = process.env.REQUIRE_SERVICES === '1';

/**
 * Returns whether PostgreSQL answers. With REQUIRE_SERVICES=1 an absent server is an error,
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
