/**
 * The local `espeak-ng` program (Debian package `espeak-ng`), found on PATH: offline speech with
 * a different voice for the host and the expert. Text goes in on stdin and WAV comes out on
 * stdout, so no line of the script ever becomes a command-line argument.
 */

import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

import type { Speaker } from '../types';
import { TTSError, type TTSOptions, type TTSProvider } from './provider';

/** How long one `espeak-ng` run may take, in ms, before it is killed. */
export const ESPEAK_TIMEOUT_MS = 30_000;
export const ESPEAK_PROGRAM = 'espeak-ng';
/** espeak-ng voices with variants: a female US voice for the host, a male British one for the expert. */
export const ESPEAK_VOICES: Readonly<Record<Speaker, string>> = {
  host: 'en-us+f3',
  expert: 'en-gb+m3',
};
/** Speaking rate in words per minute; espeak-ng's default is 175. */
export const ESPEAK_WORDS_PER_MINUTE = 165;

export interface EspeakOptions {
  /** Program to run. Default `espeak-ng` from PATH. */
  program?: string;
  /** Per-line timeout in ms. Default `ESPEAK_TIMEOUT_MS`. */
  timeoutMs?: number;
  voices?: Partial<Record<Speaker, string>>;
  wordsPerMinute?: number;
}

/** Speech provider that runs `espeak-ng` once per line. */
export class EspeakProvider implements TTSProvider {
  private readonly program: string;
  private readonly timeoutMs: number;
  private readonly voices: Record<Speaker, string>;
  private readonly wordsPerMinute: number;

  constructor(options: EspeakOptions = {}) {
    this.program = options.program ?? ESPEAK_PROGRAM;
    this.timeoutMs = options.timeoutMs ?? ESPEAK_TIMEOUT_MS;
    this.voices = { ...ESPEAK_VOICES, ...options.voices };
    this.wordsPerMinute = options.wordsPerMinute ?? ESPEAK_WORDS_PER_MINUTE;
  }

  generate(text: string, options: TTSOptions = {}): Promise<Buffer> {
    const voice = options.voice ?? this.voices[options.speaker ?? 'host'];
    const args = ['-v', voice, '-s', String(this.wordsPerMinute), '--stdin', '--stdout'];

    return new Promise((resolve, reject) => {
      const child = spawn(this.program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
      const stdout: Buffer[] = [];
      let stderr = '';
      let settled = false;

      const finish = (error?: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        if (error) {
          child.kill('SIGKILL');
          reject(error);
        } else {
          resolve(Buffer.concat(stdout));
        }
      };
      const onAbort = () => finish(options.signal?.reason);
      const timer = setTimeout(
        () =>
          finish(
            new TTSError(
              'TTS_TIMEOUT',
              'espeak',
              `${this.program} timed out after ${this.timeoutMs} ms`,
            ),
          ),
        this.timeoutMs,
      );
      options.signal?.addEventListener('abort', onAbort, { once: true });

      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', (error) =>
        finish(
          new TTSError(
            'TTS_UNAVAILABLE',
            'espeak',
            `could not run ${this.program}: ${error.message}`,
            {
              cause: error,
            },
          ),
        ),
      );
      child.on('close', (status) => {
        if (status === 0 && stdout.length > 0) return finish();
        finish(
          new TTSError(
            'TTS_REQUEST_FAILED',
            'espeak',
            `${this.program} exited with status ${status}: ${stderr.trim().split('\n')[0] || 'no output'}`,
          ),
        );
      });
      // A child that dies before reading its input makes the write fail; `close` reports it.
      child.stdin.on('error', () => undefined);
      child.stdin.end(text);
    });
  }
}

/**
 * Returns whether `program` is an executable file: the path itself when it contains a slash,
 * otherwise a file of that name in one of the PATH folders.
 */
export function isOnPath(program: string = ESPEAK_PROGRAM, path = process.env.PATH ?? ''): boolean {
  if (program.includes('/')) return isExecutable(program);
  return path
    .split(delimiter)
    .filter((folder) => folder !== '')
    .some((folder) => isExecutable(join(/* turbopackIgnore: true */ folder, program)));
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    // Missing or not executable: either way the program cannot run from here.
    return false;
  }
}
