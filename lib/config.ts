import { z } from 'zod';

/** Whether the learning features are on: unset or `true`/`1` means on, `false`/`0` off. */
const featureFlag = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(
    z.enum(['true', 'false', '1', '0'], {
      error: (issue) => `expected true, false, 1 or 0, got "${String(issue.input)}"`,
    }),
  )
  .default('true')
  .transform((value) => value === 'true' || value === '1');

const databaseUrl = z
  .string()
  .default('')
  .refine(
    (value) => value === '' || /^file:.+/.test(value) || /^postgres(ql)?:\/\/.+/.test(value),
    {
      error: (issue) =>
        `expected file:<path> for SQLite or postgres://user@host:port/database, got "${String(issue.input)}"`,
    },
  )
  .refine((value) => !/^postgres/.test(value) || URL.canParse(value), {
    error: (issue) => `"${String(issue.input)}" is not a valid PostgreSQL URL`,
  });

const portNumber = z
  .string()
  .default('3000')
  .refine((value) => /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 65535, {
    error: (issue) => `expected a whole number from 1 to 65535, got "${String(issue.input)}"`,
  })
  .transform(Number);

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

/** Every environment variable the app, CLI and worker read, with its default. */
const environmentSchema = z.object({
  /** `file:<path>` (SQLite) or `postgres://...`; empty means the embedded SQLite file `data/app.db`. */
  DATABASE_URL: databaseUrl,
  /** `redis://host:port`; unset means the in-process queue. */
  REDIS_URL: optionalText.refine((value) => value === undefined || /^rediss?:\/\/.+/.test(value), {
    error: (issue) => `expected redis://host:port, got "${String(issue.input)}"`,
  }),
  /** Feature flag for every learning page, API route and CLI command. Default on. */
  MVP_LLM_INFRA_LEARNING: featureFlag,
  /** `inline` (default): the web process works the queue; `external`: only `npm run worker` does. */
  WORKER_MODE: z
    .enum(['inline', 'external'], {
      error: (issue) => `expected inline or external, got "${String(issue.input)}"`,
    })
    .default('inline'),
  /** Speech provider; unset picks the best available one. */
  TTS_PROVIDER: z
    .enum(['stub', 'espeak', 'azure', 'elevenlabs'], {
      error: (issue) => `expected stub, espeak, azure or elevenlabs, got "${String(issue.input)}"`,
    })
    .optional(),
  AZURE_TTS_KEY: optionalText,
  AZURE_TTS_REGION: optionalText,
  ELEVENLABS_API_KEY: optionalText,
  /** TCP port of the web server. Default 3000. */
  PORT: portNumber,
  /** pino level: fatal, error, warn, info, debug, trace or silent. Default info. */
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: (issue) =>
        `expected fatal, error, warn, info, debug, trace or silent, got "${String(issue.input)}"`,
    })
    .default('info'),
});

export type AppConfig = z.infer<typeof environmentSchema>;

/** Raised when an environment variable has a value the app cannot use. */
export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`invalid ${variable}: ${detail}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once. Empty strings count as unset, so a blank line in `.env`
 * falls back to the default.
 * @throws ConfigError naming the first variable that is invalid.
 */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const result = environmentSchema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  return result.data;
}

let cached: AppConfig | undefined;

/** Returns the configuration of this process, parsed from `process.env` on first use. */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Forgets the parsed configuration, so tests can change `process.env`. */
export function resetConfigForTests(): void {
  cached = undefined;
}

/** Explanation shown by pages, API routes and the CLI when the feature flag is off. */
export const LEARNING_DISABLED_MESSAGE =
  'The learning features are turned off on this server (MVP_LLM_INFRA_LEARNING=false or 0). ' +
  'Set MVP_LLM_INFRA_LEARNING=true, or remove it, to turn them on.';

/** Returns whether learning pages, API routes and CLI commands are enabled. */
export function isLearningEnabled(env: Record<string, string | undefined> = process.env): boolean {
  const raw = env.MVP_LLM_INFRA_LEARNING?.trim().toLowerCase();
  return raw === undefined || raw === '' || raw === 'true' || raw === '1';
}
