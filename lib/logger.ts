import pino from 'pino';

/** Fields whose values never reach a log line. */
const REDACTED_PATHS = [
  'key',
  'apiKey',
  'token',
  'password',
  'databaseUrl',
  'redisUrl',
  '*.key',
  '*.apiKey',
  '*.token',
  '*.password',
  '*.databaseUrl',
  '*.redisUrl',
  'headers.authorization',
  'headers["ocp-apim-subscription-key"]',
  'headers["xi-api-key"]',
];

let root: pino.Logger | undefined;

/**
 * Returns the process logger. JSON lines go to stderr, so that the CLI's stdout carries only
 * its result.
 */
export function getLogger(): pino.Logger {
  root ??= pino(
    {
      level: process.env.LOG_LEVEL || 'info',
      base: { service: 'infra-learn' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    pino.destination({ fd: 2, sync: true }),
  );
  return root;
}
