import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openRepository } from '@/lib/db/client';
import type { Lesson } from '@/lib/lessons/types';
import { startApp, type RunningApp } from '../helpers/server';

const PROBLEM =
  'Design infrastructure to train a 175B parameter GPT model across 256 A100 GPUs with 99.9% uptime and cost under $500k.';

describe('lesson API', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const post = (body: string, contentType = 'application/json') =>
    fetch(`${app.baseUrl}/api/lessons`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });

  async function storedLessonCount(): Promise<number> {
    const repository = openRepository(app.databaseUrl);
    try {
      return await repository.countLessons();
    } finally {
      await repository.close();
    }
  }

  it('creates a lesson and answers 201 with the stored lesson', async () => {
    const response = await post(
      JSON.stringify({ problem: PROBLEM, constraints: ['400 Gb/s InfiniBand'] }),
    );
    expect(response.status).toBe(201);
    const lesson = (await response.json()) as Lesson;
    expect(lesson.problem).toBe(PROBLEM);
    expect(lesson.constraints).toEqual(['400 Gb/s InfiniBand']);
    expect(lesson.concepts.length).toBeGreaterThanOrEqual(6);
    expect(lesson.concepts.length).toBeLessThanOrEqual(8);
    expect(lesson.cards).toHaveLength(lesson.concepts.length);
    expect(lesson.roles.map((role) => role.role)).toEqual([
      'architect',
      'data-lead',
      'training-engineer',
      'sre',
      'cost-officer',
      'red-team',
    ]);
    expect(lesson.analysis.quantities.parameters).toBe(175e9);
    expect(response.headers.get('location')).toBe(`/lessons/${lesson.id}`);

    const stored = await fetch(`${app.baseUrl}/api/lessons/${lesson.id}`);
    expect(stored.status).toBe(200);
    expect(await stored.json()).toEqual(lesson);
  });

  it('never returns the learner key that made a lesson', async () => {
    const learnerKey = '3f1c2a9e-8b7d-4c6e-9a0b-1d2e3f4a5b6c';
    const response = await post(JSON.stringify({ problem: PROBLEM, learnerKey }));
    expect(response.status).toBe(201);
    const created = await response.text();
    expect(created).not.toContain(learnerKey);
    const { id } = JSON.parse(created) as { id: string };
    const stored = await (await fetch(`${app.baseUrl}/api/lessons/${id}`)).text();
    expect(stored).not.toContain(learnerKey);
    expect(JSON.parse(stored)).not.toHaveProperty('learnerKey');
  });

  it.each([
    ['a short problem', JSON.stringify({ problem: 'too short' }), 'problem'],
    ['a missing problem', JSON.stringify({ constraints: [] }), 'problem'],
    [
      '13 constraints',
      JSON.stringify({ problem: PROBLEM, constraints: Array(13).fill('x') }),
      'constraints',
    ],
    [
      'a long constraint',
      JSON.stringify({ problem: PROBLEM, constraints: ['x'.repeat(301)] }),
      'constraints.0',
    ],
    [
      'a non-UUID learner key',
      JSON.stringify({ problem: PROBLEM, learnerKey: 'me' }),
      'learnerKey',
    ],
    ['an array body', JSON.stringify([PROBLEM]), 'body'],
  ])('rejects %s with 400 naming the field', async (_label, body, field) => {
    const before = await storedLessonCount();
    const response = await post(body);
    expect(response.status).toBe(400);
    const error = (
      (await response.json()) as { error: { code: string; field: string; message: string } }
    ).error;
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe(field);
    expect(error.message).toMatch(new RegExp(field.split('.')[0]));
    expect(await storedLessonCount()).toBe(before);
  });

  it.each([
    ['problem', { problem: `Train a 13B \u0000 model on 64 A100 GPUs` }],
    ['constraints.1', { problem: PROBLEM, constraints: ['ok', 'a\u0000b'] }],
  ])('rejects a NUL character in %s with 400', async (field, body) => {
    const response = await post(JSON.stringify(body));
    expect(response.status).toBe(400);
    const error = ((await response.json()) as { error: { field: string; message: string } }).error;
    expect(error.field).toBe(field);
    expect(error.message).toContain('NUL character');
  });

  it('lists lessons newest first and filters by problem text', async () => {
    const marker = `Marker ${Date.now()} 50% check`;
    const created = await post(
      JSON.stringify({ problem: `${marker}: train a 7B model on 8 H100 GPUs` }),
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const all = (await (await fetch(`${app.baseUrl}/api/lessons?limit=100`)).json()) as {
      lessons: { id: string; createdAt: string; conceptTitles: string[] }[];
    };
    expect(all.lessons[0].id).toBe(id);
    const times = all.lessons.map((lesson) => lesson.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(all.lessons[0].conceptTitles.length).toBeGreaterThanOrEqual(6);

    const found = (await (
      await fetch(`${app.baseUrl}/api/lessons?q=${encodeURIComponent('50% check')}`)
    ).json()) as { lessons: { id: string }[] };
    expect(found.lessons.map((lesson) => lesson.id)).toEqual([id]);
    // A LIKE wildcard in the query is matched literally.
    const none = (await (
      await fetch(`${app.baseUrl}/api/lessons?q=${encodeURIComponent('5_% check')}`)
    ).json()) as {
      lessons: unknown[];
    };
    expect(none.lessons).toEqual([]);
  });

  it.each(['0', '101', 'ten'])('rejects limit=%s with 400', async (limit) => {
    const response = await fetch(`${app.baseUrl}/api/lessons?limit=${limit}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { field: string } }).error.field).toBe('limit');
  });

  it('rejects malformed JSON with 400', async () => {
    const response = await post('{"problem": ');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'MALFORMED_JSON',
    );
  });

  it('rejects another content type with 415', async () => {
    const response = await post(
      `problem=${encodeURIComponent(PROBLEM)}`,
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(415);
  });

  it('rejects a body over 64 KB with 413', async () => {
    const response = await post(JSON.stringify({ problem: 'x'.repeat(70_000) }));
    expect(response.status).toBe(413);
  });

  it.each(['00000000-0000-4000-8000-000000000000', '..%2F..%2Fetc%2Fpasswd', 'abc'])(
    'answers 404 for unknown lesson %s',
    async (id) => {
      const response = await fetch(`${app.baseUrl}/api/lessons/${id}`);
      expect(response.status).toBe(404);
      const text = await response.text();
      expect(text).not.toMatch(/\n\s+at /);
    },
  );
});
