import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openRepository } from '@/lib/db/client';
import type { Repository } from '@/lib/db/repository';
import { Mp3StreamEncoder } from '@/lib/podcast/audio/mp3-encoder';
import { writePodcastScript } from '@/lib/podcast/script';

import { startApp, type RunningApp } from '../helpers/server';
import { firstSeedLesson } from '../unit/podcast/fixtures';

const PODCAST_ID = '8e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b';

/** Two seconds of a 440 Hz tone as MP3. */
function sampleMp3(): Buffer {
  const encoder = new Mp3StreamEncoder();
  const samples = new Int16Array(32_000);
  for (let index = 0; index < samples.length; index += 1) {
    samples[index] = Math.round(8_000 * Math.sin((2 * Math.PI * 440 * index) / 16_000));
  }
  encoder.write(samples);
  return encoder.finish();
}

describe('podcast API routes', () => {
  const lesson = firstSeedLesson();
  const script = writePodcastScript(lesson);
  const audio = sampleMp3();
  const chapters = script.chapters.map((chapter, index) => ({
    title: chapter.title,
    startMs: index * 100,
  }));
  let app: RunningApp;
  let repository: Repository;

  beforeAll(async () => {
    app = await startApp();
    repository = openRepository(app.databaseUrl);
    await repository.insertLesson(lesson);
    await repository.insertPodcast({
      id: PODCAST_ID,
      lessonId: lesson.id,
      status: 'generating',
      script: script.markdown,
      mimeType: null,
      durationMs: null,
      chapters: [],
      showNotes: script.showNotes,
      provider: null,
      error: null,
      createdAt: new Date().toISOString(),
    });
    await repository.completePodcast(PODCAST_ID, {
      audio,
      mimeType: 'audio/mpeg',
      durationMs: 2_000,
      chapters,
      provider: 'stub',
    });
  }, 120_000);
  afterAll(async () => {
    await repository?.close();
    await app?.stop();
  });

  const audioUrl = () => `${app.baseUrl}/api/podcasts/${PODCAST_ID}/audio`;

  it('returns the podcast as JSON with its audio link', async () => {
    const response = await fetch(`${app.baseUrl}/api/podcasts/${PODCAST_ID}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.audioUrl).toBe(`/api/podcasts/${PODCAST_ID}/audio`);
    expect(body.provider).toBe('stub');
    expect(body.chapters).toEqual(chapters);
    expect(body).not.toHaveProperty('audio');
  });

  it('serves the whole audio with its content type', async () => {
    const response = await fetch(audioUrl());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await response.arrayBuffer()).equals(audio)).toBe(true);
  });

  it('serves a byte range with 206', async () => {
    const response = await fetch(audioUrl(), { headers: { range: 'bytes=100-199' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 100-199/${audio.length}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(audio.subarray(100, 200))).toBe(true);
  });

  it('serves an open-ended and a suffix range', async () => {
    const tail = await fetch(audioUrl(), { headers: { range: 'bytes=-50' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(audio.subarray(audio.length - 50))).toBe(
      true,
    );

    const rest = await fetch(audioUrl(), { headers: { range: `bytes=${audio.length - 10}-` } });
    expect(rest.headers.get('content-range')).toBe(
      `bytes ${audio.length - 10}-${audio.length - 1}/${audio.length}`,
    );
    expect((await rest.arrayBuffer()).byteLength).toBe(10);
  });

  it('answers 416 for a range past the end', async () => {
    const response = await fetch(audioUrl(), { headers: { range: `bytes=${audio.length}-` } });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${audio.length}`);
  });

  it('answers HEAD without a body', async () => {
    const response = await fetch(audioUrl(), { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect((await response.arrayBuffer()).byteLength).toBe(0);
  });

  it.each([
    ['an unknown id', '00000000-0000-4000-8000-000000000000'],
    ['a malformed id', 'not-an-id'],
  ])('answers 404 for %s', async (_case, id) => {
    expect((await fetch(`${app.baseUrl}/api/podcasts/${id}`)).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/api/podcasts/${id}/audio`)).status).toBe(404);
  });

  it('renders the player page with chapters and show notes', async () => {
    const response = await fetch(`${app.baseUrl}/podcasts/${PODCAST_ID}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`/api/podcasts/${PODCAST_ID}/audio`);
    expect(html).toContain('The problem and its numbers');
    expect(html).toContain(`/lessons/${lesson.id}#card-${lesson.cards[0].conceptId}`);
  });

  it('rejects an unknown provider when starting a podcast', async () => {
    const response = await fetch(`${app.baseUrl}/api/lessons/${lesson.id}/podcast`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'festival' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { field: string; message: string } };
    expect(body.error.field).toBe('provider');
    expect(body.error.message).toContain(
      'expected stub, espeak, azure or elevenlabs, got "festival"',
    );
  });

  it('answers 404 when starting a podcast of an unknown lesson', async () => {
    const response = await fetch(
      `${app.baseUrl}/api/lessons/00000000-0000-4000-8000-000000000000/podcast`,
      {
        method: 'POST',
      },
    );
    expect(response.status).toBe(404);
  });

  it('starts one job per lesson and provider', async () => {
    const start = () =>
      fetch(`${app.baseUrl}/api/lessons/${lesson.id}/podcast`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ provider: 'stub' }),
      });
    const first = await start();
    expect(first.status).toBe(202);
    const firstBody = (await first.json()) as { jobId: string; statusUrl: string };
    expect(firstBody.jobId).toMatch(/^podcast-[0-9a-f]{32}$/);
    expect(firstBody.statusUrl).toBe(`/api/jobs/${firstBody.jobId}`);

    const second = (await (await start()).json()) as { jobId: string; created: boolean };
    expect(second.jobId).toBe(firstBody.jobId);
    expect(second.created).toBe(false);
  });
});
