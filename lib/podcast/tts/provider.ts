/**
 * The speech-provider interface. A custom provider is one class with one method:
 *
 *     class MyProvider implements TTSProvider {
 *       async generate(text: string, options?: TTSOptions): Promise<Buffer> { ... }
 *     }
 *
 * `generate` returns the speech for one line as a WAV file (integer PCM or 32-bit float) or
 * an MP3 stream; the podcast decodes either.
 */

import type { Speaker } from '../types';

export interface TTSOptions {
  /** Speaker of the line; each adapter maps the host and the expert to two distinct voices. */
  speaker?: Speaker;
  /** A provider-specific voice name or id that overrides the speaker's voice. */
  voice?: string;
  /** Aborts the request, for example when the job is cancelled. */
  signal?: AbortSignal;
}

export interface TTSProvider {
  /** Synthesises `text` and returns WAV or MP3 bytes. */
  generate(text: string, options?: TTSOptions): Promise<Buffer>;
}

export type TTSErrorCode =
  'TTS_REQUEST_FAILED' | 'TTS_TIMEOUT' | 'TTS_UNAVAILABLE' | 'TTS_INVALID_AUDIO';

/** A speech provider failure; the message never contains a credential. */
export class TTSError extends Error {
  constructor(
    readonly code: TTSErrorCode,
    readonly provider: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TTSError';
  }
}

/** Most characters of an error response body quoted in a TTSError message. */
const MAX_ERROR_BODY_CHARS = 200;

/**
 * POSTs a request to a speech API and returns the response body, failing after `timeoutMs`.
 * @throws TTSError `TTS_TIMEOUT` after the timeout, `TTS_REQUEST_FAILED` on a network error or
 *   a non-2xx status (with the start of the response body), or the caller's abort reason.
 */
export async function postForAudio(
  provider: string,
  url: string,
  init: { headers: Record<string, string>; body: string },
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Buffer> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const target = describeUrl(url);
  try {
    const response = await fetch(url, { method: 'POST', ...init, signal: combined });
    const body = Buffer.from(await response.arrayBuffer());
    if (!response.ok) {
      const detail = body.toString('utf8', 0, MAX_ERROR_BODY_CHARS).replace(/\s+/g, ' ').trim();
      throw new TTSError(
        'TTS_REQUEST_FAILED',
        provider,
        `${provider} request to ${target} failed: HTTP ${response.status}${detail ? ` ${detail}` : ''}`,
      );
    }
    return body;
  } catch (error) {
    if (error instanceof TTSError) throw error;
    if (signal?.aborted) throw signal.reason;
    if (timeout.aborted) {
      throw new TTSError(
        'TTS_TIMEOUT',
        provider,
        `${provider} request to ${target} timed out after ${timeoutMs} ms`,
        {
          cause: error,
        },
      );
    }
    throw new TTSError(
      'TTS_REQUEST_FAILED',
      provider,
      `${provider} request to ${target} failed: ${networkReason(error)}`,
      {
        cause: error,
      },
    );
  }
}

/** Returns the URL without its query string, for messages. */
function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/** Returns the most specific message of a failed fetch: undici puts the socket error in `cause`. */
function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.cause instanceof Error) return error.cause.message;
  return error.message;
}
