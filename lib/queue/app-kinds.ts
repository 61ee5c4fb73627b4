import { z } from 'zod';

import { JobRegistry } from './registry';

/** Speech providers a podcast job may request. Unset means the best one available. */
const TTS_PROVIDERS = ['stub', 'espeak', 'azure', 'elevenlabs'] as const;

/** Payload of a `podcast` job: synthesise the podcast of one stored lesson. */
export const podcastPayloadSchema = z.strictObject({
  lessonId: z.uuid({ error: 'expected the UUID of a stored lesson' }),
  provider: z.enum(TTS_PROVIDERS).optional(),
});
export type PodcastPayload = z.infer<typeof podcastPayloadSchema>;

/** Payload of an `export` job: render one stored lesson as a single offline HTML file. */
export const exportPayloadSchema = z.strictObject({
  lessonId: z.uuid({ error: 'expected the UUID of a stored lesson' }),
  /** Whether to inline the lesson's podcast audio as a data URI. */
  includeAudio: z.boolean().default(true),
});
export type ExportPayload = z.infer<typeof exportPayloadSchema>;

/**
 * Returns a registry with the app's job kinds and no handlers; `createAppJobRuntime` sets them.
 * A job whose kind has no handler fails at once with "no handler registered".
 */
export function createAppJobRegistry(): JobRegistry {
  return new JobRegistry()
    .define({ kind: 'podcast', payloadSchema: podcastPayloadSchema })
    .define({ kind: 'export', payloadSchema: exportPayloadSchema });
}
