/**
 * Database failures that come from the database's state rather than from the request: a read-only
 * file or server, a full disk, lock contention, or a server that cannot be reached. Callers turn
 * them into a response that names the cause; any other error stays a plain internal error.
 */
export type DatabaseFailure = 'read-only' | 'full' | 'busy' | 'unavailable';

/**
 * Result codes of better-sqlite3's `SqliteError.code`, which carries the extended code name
 * such as `SQLITE_READONLY_DBMOVED`. See https://www.sqlite.org/rescode.html.
 */
const SQLITE_FAILURES: readonly [prefix: string, failure: DatabaseFailure][] = [
  ['SQLITE_READONLY', 'read-only'],
  ['SQLITE_FULL', 'full'],
  ['SQLITE_BUSY', 'busy'],
  ['SQLITE_LOCKED', 'busy'],
  ['SQLITE_CANTOPEN', 'unavailable'],
];

/**
 * PostgreSQL SQLSTATE codes of node-postgres' `DatabaseError.code`. See
 * https://www.postgresql.org/docs/current/errcodes-appendix.html.
 */
const POSTGRES_FAILURES: ReadonlyMap<string, DatabaseFailure> = new Map([
  ['25006', 'read-only'], // read_only_sql_transaction: a standby, or default_transaction_read_only
  ['53100', 'full'], // disk_full
  ['53300', 'busy'], // too_many_connections
  ['55P03', 'busy'], // lock_not_available
  ['40001', 'busy'], // serialization_failure
  ['40P01', 'busy'], // deadlock_detected
  ['57P01', 'unavailable'], // admin_shutdown
  ['57P02', 'unavailable'], // crash_shutdown
  ['57P03', 'unavailable'], // cannot_connect_now: starting up or shutting down
]);

/** Node.js socket error codes that mean the database server cannot be reached. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);

/**
 * Messages of node-postgres errors that carry no code: the pool waited out
 * `connectionTimeoutMillis`, or the server closed the connection mid-query.
 */
const POSTGRES_CONNECTION_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
];

/** Causes followed at most, so that a cyclic `cause` chain cannot loop forever. */
const MAX_CAUSE_DEPTH = 8;

/**
 * Returns the kind of database failure behind `error`, or undefined when it is not one. Follows
 * the `cause` chain, because Drizzle wraps each driver error in a `DrizzleQueryError`.
 */
export function classifyDatabaseError(error: unknown): DatabaseFailure | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current instanceof Error; depth += 1) {
    const failure = classifyOne(current);
    if (failure) return failure;
    current = current.cause;
  }
  return undefined;
}

function classifyOne(error: Error): DatabaseFailure | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_')) {
      return SQLITE_FAILURES.find(
        ([prefix]) => code === prefix || code.startsWith(`${prefix}_`),
      )?.[1];
    }
    const postgresFailure = POSTGRES_FAILURES.get(code);
    if (postgresFailure) return postgresFailure;
    if (code.startsWith('08')) return 'unavailable'; // SQLSTATE class 08: connection exception
    if (NETWORK_ERROR_CODES.has(code)) return 'unavailable';
  }
  if (POSTGRES_CONNECTION_MESSAGES.some((pattern) => pattern.test(error.message))) {
    return 'unavailable';
  }
  return undefined;
}
