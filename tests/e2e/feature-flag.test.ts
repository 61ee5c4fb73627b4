import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCli } from '../helpers/cli';
import { startApp, type RunningApp } from '../helpers/server';

describe('learning turned off with MVP_LLM_INFRA_LEARNING=false', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp({ MVP_LLM_INFRA_LEARNING: 'false' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it.each(['/concepts', '/lessons', '/lessons/abc', '/graph', '/review', '/progress'])(
    'page %s answers 404 with the explanation',
    async (path) => {
      const response = await fetch(`${app.baseUrl}${path}`);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('MVP_LLM_INFRA_LEARNING=false');
    },
  );

  it.each(['/api/concepts', '/api/lessons', '/api/progress/x'])(
    'API route %s answers 404 with a JSON error',
    async (path) => {
      const response = await fetch(`${app.baseUrl}${path}`);
      expect(response.status).toBe(404);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('LEARNING_DISABLED');
    },
  );

  it('still serves the home page with a notice', async () => {
    const response = await fetch(app.baseUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('learning features are turned off');
  });

  it.each([['0'], ['false']])('CLI learning commands exit non-zero with %s', async (value) => {
    const result = await runCli(['concepts', '--json'], { MVP_LLM_INFRA_LEARNING: value });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('MVP_LLM_INFRA_LEARNING=false');
  });
});
