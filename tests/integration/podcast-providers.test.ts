import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { openRepository } from '@/lib/db/client';
import type { Repository } from '@/lib/db/repository';
import { decodeAudio } from '@/lib/podcast/audio/decode';
import { encodeWav } from '@/lib/podcast/audio/wav';
import { producePodcast } from '@/lib/podcast/produce';
import { AzureTTSProvider, AZURE_VOICES } from '@/lib/podcast/tts/azure';
import { ElevenLabsProvider, ELEVENLABS_VOICES } from '@/lib/podcast/tts/elevenlabs';
import { TTSError } from '@/lib/podcast/tts/provider';

import { firstSeedLesson } from '../unit/podcast/fixtures';

const AZURE_KEY = 'azure-secret-key-0123456789';
const ELEVENLABS_KEY = 'xi-secret-key-9876543210';
/** Samples of speech a mock returns per line: 0.1 s at 24 kHz keeps the episode short. */
const MOCK_LINE_SAMPLES = 2_400;

type Mode = 'ok' | 'error' | 'hang' | 'fail-after-3';

interface RecordedRequest {
  method?: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A speech service stand-in on 127.0.0.1 that records each request and responds per `mode`. */
class MockSpeechServer {
  readonly requests: RecordedRequest[] = [];
  mode: Mode = 'ok';
  private readonly server: Server;
  private readonly hanging: ServerResponse[] = [];

  constructor(
    private readonly answer: (request: RecordedRequest) => { status: number; body: Buffer },
  ) {
    this.server = createServer((request, response) => this.handle(request, response));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('mock server has no port');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  reset(mode: Mode): void {
    this.mode = mode;
    this.requests.length = 0;
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const recorded = {
        method: request.method,
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.requests.push(recorded);
      if (this.mode === 'hang') {
        this.hanging.push(response);
        return;
      }
      if (this.mode === 'error' || (this.mode === 'fail-after-3' && this.requests.length > 3)) {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end('{"error":"synthesis backend unavailable"}');
        return;
      }
      const { status, body } = this.answer(recorded);
      response.writeHead(status, { 'content-type': 'application/octet-stream' });
      response.end(body);
    });
  }
}

/** Responds like Azure: checks key, content type, output format and SSML, returns RIFF WAV. */
function azureAnswer(request: RecordedRequest): { status: number; body: Buffer } {
  if (request.headers['ocp-apim-subscription-key'] !== AZURE_KEY) {
    return { status: 401, body: Buffer.from('Access denied due to invalid subscription key.') };
  }
  const valid =
    request.method === 'POST' &&
    request.path === '/cognitiveservices/v1' &&
    request.headers['content-type'] === 'application/ssml+xml' &&
    request.headers['x-microsoft-outputformat'] === 'riff-24khz-16bit-mono-pcm' &&
    /^<speak version="1\.0" xmlns="http:\/\/www\.w3\.org\/2001\/10\/synthesis" xml:lang="en-US"><voice name="[^"]+">[^<]*<\/voice><\/speak>$/.test(
      request.body,
    );
  if (!valid) return { status: 400, body: Buffer.from('bad request') };
  return { status: 200, body: encodeWav(new Int16Array(MOCK_LINE_SAMPLES).fill(500), 24_000) };
}

/** Responds like ElevenLabs: checks key, path, output format and JSON body, returns raw PCM. */
function elevenLabsAnswer(request: RecordedRequest): { status: number; body: Buffer } {
  if (request.headers['xi-api-key'] !== ELEVENLABS_KEY) {
    return { status: 401, body: Buffer.from('{"detail":{"status":"invalid_api_key"}}') };
  }
  const url = new URL(request.path, 'http://mock');
  let body: { text?: unknown; model_id?: unknown } = {};
  try {
    body = JSON.parse(request.body) as typeof body;
  } catch {
    return { status: 400, body: Buffer.from('invalid JSON') };
  }
  const valid =
    request.method === 'POST' &&
    /^\/v1\/text-to-speech\/[A-Za-z0-9]+$/.test(url.pathname) &&
    url.searchParams.get('output_format') === 'pcm_24000' &&
    request.headers['content-type'] === 'application/json' &&
    typeof body.text === 'string' &&
    body.model_id === 'eleven_multilingual_v2';
  if (!valid) return { status: 400, body: Buffer.from('bad request') };
  const pcm = Buffer.alloc(MOCK_LINE_SAMPLES * 2);
  for (let index = 0; index < MOCK_LINE_SAMPLES; index += 1) pcm.writeInt16LE(700, index * 2);
  return { status: 200, body: pcm };
}

function voiceOf(ssml: string): string | undefined {
  return /<voice name="([^"]+)">/.exec(ssml)?.[1];
}

const azure = new MockSpeechServer(azureAnswer);
const elevenLabs = new MockSpeechServer(elevenLabsAnswer);
let azureUrl: string;
let elevenLabsUrl: string;

beforeAll(async () => {
  [azureUrl, elevenLabsUrl] = await Promise.all([azure.start(), elevenLabs.start()]);
});
afterAll(async () => {
  await Promise.all([azure.stop(), elevenLabs.stop()]);
});
afterEach(() => {
  azure.reset('ok');
  elevenLabs.reset('ok');
});

describe('AzureTTSProvider against a mock Speech service', () => {
  it('sends SSML with the speaker voice and returns WAV', async () => {
    const provider = new AzureTTSProvider(AZURE_KEY, 'westeurope', { baseUrl: azureUrl });
    const host = await provider.generate('Welcome to the show.', { speaker: 'host' });
    await provider.generate('Thanks.', { speaker: 'expert' });

    expect(azure.requests.map((request) => voiceOf(request.body))).toEqual([
      AZURE_VOICES.host,
      AZURE_VOICES.expert,
    ]);
    expect(azure.requests[0].headers['user-agent']).toBe('infra-learn');
    const decoded = await decodeAudio(host);
    expect(decoded.sampleRate).toBe(24_000);
    expect(decoded.samples).toHaveLength(MOCK_LINE_SAMPLES);
  });

  it('escapes text for XML', async () => {
    const provider = new AzureTTSProvider(AZURE_KEY, 'westeurope', { baseUrl: azureUrl });
    await provider.generate('1 < 2 & "ZeRO" > DDP', { speaker: 'expert' });
    expect(azure.requests[0].body).toContain('1 &lt; 2 &amp; &quot;ZeRO&quot; &gt; DDP');
  });

  it('reports a rejected key without printing it', async () => {
    const provider = new AzureTTSProvider('wrong-key', 'westeurope', { baseUrl: azureUrl });
    const failure = await provider.generate('Hello.').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TTSError);
    expect((failure as TTSError).code).toBe('TTS_REQUEST_FAILED');
    expect((failure as TTSError).message).toBe(
      `azure request to ${azureUrl}/cognitiveservices/v1 failed: HTTP 401 Access denied due to invalid subscription key.`,
    );
    expect((failure as TTSError).message).not.toContain('wrong-key');
  });

  it('times out a request that never answers', async () => {
    azure.reset('hang');
    const provider = new AzureTTSProvider(AZURE_KEY, 'westeurope', {
      baseUrl: azureUrl,
      timeoutMs: 200,
    });
    const failure = await provider.generate('Hello.').catch((error: unknown) => error);
    expect((failure as TTSError).code).toBe('TTS_TIMEOUT');
    expect((failure as TTSError).message).toContain('timed out after 200 ms');
  });
});

describe('ElevenLabsProvider against a mock API', () => {
  it('posts JSON to the speaker voice and wraps the PCM in WAV', async () => {
    const provider = new ElevenLabsProvider(ELEVENLABS_KEY, { baseUrl: elevenLabsUrl });
    const audio = await provider.generate('Welcome.', { speaker: 'host' });
    await provider.generate('Thanks.', { speaker: 'expert' });

    const paths = elevenLabs.requests.map(
      (request) => new URL(request.path, 'http://mock').pathname,
    );
    expect(paths).toEqual([
      `/v1/text-to-speech/${ELEVENLABS_VOICES.host}`,
      `/v1/text-to-speech/${ELEVENLABS_VOICES.expert}`,
    ]);
    expect(JSON.parse(elevenLabs.requests[0].body)).toEqual({
      text: 'Welcome.',
      model_id: 'eleven_multilingual_v2',
    });
    const decoded = await decodeAudio(audio);
    expect(decoded.sampleRate).toBe(24_000);
    expect(decoded.samples).toHaveLength(MOCK_LINE_SAMPLES);
    expect(Math.round(decoded.samples[0] * 32768)).toBe(700);
  });

  it('reports a server error with the response body', async () => {
    elevenLabs.reset('error');
    const provider = new ElevenLabsProvider(ELEVENLABS_KEY, { baseUrl: elevenLabsUrl });
    await expect(provider.generate('Hello.')).rejects.toThrow(
      'elevenlabs request to ' +
        elevenLabsUrl +
        `/v1/text-to-speech/${ELEVENLABS_VOICES.host} failed: HTTP 500 {"error":"synthesis backend unavailable"}`,
    );
  });
});

describe('podcast fallback across providers', () => {
  const lesson = firstSeedLesson();
  const dataDir = mkdtempSync(join(tmpdir(), 'infra-learn-podcast-providers-'));
  let repository: Repository;
  const logOutput: string[] = [];
  const logger = pino(
    { level: 'warn' },
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logOutput.push(chunk.toString());
        callback();
      },
    }),
  );
  const settings = {
    AZURE_TTS_KEY: AZURE_KEY,
    AZURE_TTS_REGION: 'westeurope',
    ELEVENLABS_API_KEY: ELEVENLABS_KEY,
  };
  const providerOptions = {
    azure: { baseUrl: azureUrl, timeoutMs: 300 },
    elevenlabs: { baseUrl: elevenLabsUrl, timeoutMs: 300 },
    espeakAvailable: false,
  };

  beforeAll(async () => {
    repository = openRepository(`file:${join(dataDir, 'podcasts.db')}`);
    await repository.migrate();
    await repository.insertLesson(lesson);
    providerOptions.azure.baseUrl = azureUrl;
    providerOptions.elevenlabs.baseUrl = elevenLabsUrl;
  });
  afterAll(async () => {
    await repository?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records azure when azure answers every line', async () => {
    const { podcast } = await producePodcast(repository, lesson, {
      id: '5b8a7c3e-1f2d-4e6a-8b9c-0d1e2f3a4b5c',
      settings,
      providerOptions,
      format: 'wav',
      logger,
    });
    expect(podcast.status).toBe('ready');
    expect(podcast.provider).toBe('azure');
    const voices = new Set(azure.requests.map((request) => voiceOf(request.body)));
    expect(voices).toEqual(new Set([AZURE_VOICES.host, AZURE_VOICES.expert]));
    expect(elevenLabs.requests).toHaveLength(0);
  });

  it('falls back from a failing azure and a hanging elevenlabs to the stub', async () => {
    azure.reset('fail-after-3');
    elevenLabs.reset('hang');
    logOutput.length = 0;
    const { podcast } = await producePodcast(repository, lesson, {
      id: '6c9b8d4f-2a3e-4f7b-9cad-1e2f3a4b5c6d',
      settings,
      providerOptions,
      format: 'wav',
      logger,
    });
    expect(podcast.provider).toBe('stub');
    expect(podcast.status).toBe('ready');
    expect(azure.requests.length).toBeGreaterThan(3);
    expect(elevenLabs.requests.length).toBeGreaterThan(0);

    const warnings = logOutput.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(warnings.map((warning) => [warning.provider, warning.next])).toEqual([
      ['azure', 'elevenlabs'],
      ['elevenlabs', 'stub'],
    ]);
    expect(warnings[0].error).toContain('HTTP 500');
    expect(warnings[1].code).toBe('TTS_TIMEOUT');
    expect(
      warnings.every((warning) => warning.msg === 'speech provider failed; trying the next one'),
    ).toBe(true);
  });

  it('never logs a key', async () => {
    azure.reset('error');
    elevenLabs.reset('error');
    logOutput.length = 0;
    await producePodcast(repository, lesson, {
      id: '7dac9e5a-3b4f-4a8c-8dbe-2f3a4b5c6d7e',
      settings,
      providerOptions,
      format: 'wav',
      logger,
    });
    const logged = logOutput.join('');
    expect(logged).toContain('azure');
    expect(logged).not.toContain(AZURE_KEY);
    expect(logged).not.toContain(ELEVENLABS_KEY);
  });
});
