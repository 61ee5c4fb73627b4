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

/**
 * Serialises a caught error with its stack but without the SQL parameters that Drizzle puts in
 * query errors: they hold the learner's own text, which logs should not keep.
 */
function serializeError(error: Error): Record<string, unknown> {
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  const withoutParams = (text: unknown) =>
    typeof text === 'string' ? text.replace(/\nparams: [^\n]*/g, '\nparams: [redacted]') : text;
  return {
    ...serialized,
    message: withoutParams(serialized.message),
    stack: withoutParams(serialized.stack),
  };
}

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
      serializers: { err: serializeError },
    },
    pino.destination({ fd: 2, sync: true }),
  );
  return root;
}
