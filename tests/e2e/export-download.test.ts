import { readFileSync } from 'node:fs';

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openRepository } from '@/lib/db/client';
import { launchBrowser } from '../helpers/browser';
import { startApp, type RunningApp } from '../helpers/server';
import { REFERENCE_PROBLEM } from '../unit/export/lesson-fixtures';

const FILE_NAME = 'lesson-design-infrastructure-to-train-a-175b-parameter-gpt-model.html';
const UNKNOWN_LESSON_ID = '00000000-0000-4000-8000-000000000000';
/** Time for a test that loads pages through a cold production server, in ms. */
const PAGE_TEST_TIMEOUT_MS = 90_000;

describe('learner downloads a lesson as one HTML file', { timeout: PAGE_TEST_TIMEOUT_MS }, () => {
  let app: RunningApp;
  let browser: Browser;
  let lessonId: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    const response = await fetch(`${app.baseUrl}/api/lessons`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ problem: REFERENCE_PROBLEM }),
    });
    expect(response.status).toBe(201);
    lessonId = ((await response.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('answers the export as an attachment named after the problem', async () => {
    const response = await fetch(`${app.baseUrl}/api/lessons/${lessonId}/export`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${FILE_NAME}"`);
    const html = await response.text();
    expect(html.startsWith('<!doctype html>')).toBe(true);

    const exportId = response.headers.get('x-export-id') ?? '';
    const repository = openRepository(app.databaseUrl);
    try {
      const stored = await repository.getExport(exportId);
      expect(stored?.lessonId).toBe(lessonId);
      expect(stored?.html).toBe(html);
    } finally {
      await repository.close();
    }

    const again = await fetch(`${app.baseUrl}/api/lessons/${lessonId}/export/${exportId}`);
    expect(again.status).toBe(200);
    expect(again.headers.get('content-disposition')).toBe(`attachment; filename="${FILE_NAME}"`);
    expect(await again.text()).toBe(html);
  });

  it.each([
    ['an unknown lesson', `/api/lessons/${UNKNOWN_LESSON_ID}/export`],
    ['an id that is not a UUID', '/api/lessons/not-a-lesson/export'],
  ])('answers 404 for %s', async (_name, path) => {
    const response = await fetch(`${app.baseUrl}${path}`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.message).toMatch(/^no lesson with id /);
  });

  it('answers 404 for a stored export of another lesson', async () => {
    const exported = await fetch(`${app.baseUrl}/api/lessons/${lessonId}/export`);
    const exportId = exported.headers.get('x-export-id');
    const response = await fetch(
      `${app.baseUrl}/api/lessons/${UNKNOWN_LESSON_ID}/export/${exportId}`,
    );
    expect(response.status).toBe(404);
  });

  it('answers 400 naming the field for a bad audio flag', async () => {
    const response = await fetch(`${app.baseUrl}/api/lessons/${lessonId}/export?audio=maybe`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { field: string; message: string } };
    expect(body.error.field).toBe('audio');
    expect(body.error.message).toBe('audio: expected 0, 1, false or true, got "maybe"');
  });

  it('downloads the file from the Export HTML link on the lesson page', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.baseUrl}/lessons/${lessonId}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export HTML' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(FILE_NAME);
    const path = await download.path();
    expect(readFileSync(path, 'utf8')).toContain(`lesson ${lessonId}`);
    await page.close();
  });
});
