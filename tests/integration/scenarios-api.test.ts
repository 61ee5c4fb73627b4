import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openRepository } from '@/lib/db/client';
import type { Lesson } from '@/lib/lessons/types';
import { MAX_SCENARIOS_PER_LESSON } from '@/lib/server/scenarios';
import type { SavedScenario } from '@/lib/whatif/saved';
import { startApp, type RunningApp } from '../helpers/server';
import { createTestDatabase, postgresAvailable } from '../helpers/services';

const PROBLEM =
  'Design infrastructure to train a 175B parameter GPT model across 256 A100 GPUs with 99.9% uptime and cost under $500k.';
const MISSING_LESSON_ID = '0f0e0d0c-0b0a-4909-8807-060504030201';
const MISSING_SCENARIO_ID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

type ErrorBody = { error: { code: string; message: string; field?: string } };

/** Runs the saved-scenario API suite against an app on one database. */
function scenariosApiSuite(name: string, start: () => Promise<RunningApp>) {
  describe(name, () => {
    let app: RunningApp;
    let lesson: Lesson;
    let scenariosUrl: string;

    beforeAll(async () => {
      app = await start();
      const response = await fetch(`${app.baseUrl}/api/lessons`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ problem: PROBLEM }),
      });
      expect(response.status).toBe(201);
      lesson = (await response.json()) as Lesson;
      scenariosUrl = `${app.baseUrl}/api/lessons/${lesson.id}/scenarios`;
    });
    afterAll(async () => {
      await app?.stop();
    });

    const post = (body: unknown, url = scenariosUrl) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });

    async function storedScenarios(): Promise<SavedScenario[]> {
      const repository = openRepository(app.databaseUrl);
      try {
        return await repository.listLessonScenarios(lesson.id);
      } finally {
        await repository.close();
      }
    }

    it('saves a scenario and answers 201 with it', async () => {
      const response = await post({
        name: '  512 × A10G, no budget  ',
        scenario: {
          stated: lesson.analysis.quantities,
          edits: { gpuCount: 512, gpuModel: 'A10G', budgetUsd: null },
        },
      });
      expect(response.status).toBe(201);
      const saved = (await response.json()) as SavedScenario;
      expect(saved.name).toBe('512 × A10G, no budget');
      expect(saved.lessonId).toBe(lesson.id);
      expect(saved.scenario).toEqual({
        stated: lesson.analysis.quantities,
        edits: { gpuCount: 512, gpuModel: 'A10G', budgetUsd: null },
      });
      expect(await storedScenarios()).toEqual([saved]);
    });

    it('stores the lesson’s quantities when the request leaves them out', async () => {
      const response = await post({ name: 'H100', scenario: { edits: { gpuModel: 'H100 SXM' } } });
      expect(response.status).toBe(201);
      const saved = (await response.json()) as SavedScenario;
      expect(saved.scenario.stated).toEqual(lesson.analysis.quantities);
    });

    it('lists the saved scenarios oldest first', async () => {
      const response = await fetch(scenariosUrl);
      expect(response.status).toBe(200);
      const { scenarios } = (await response.json()) as { scenarios: SavedScenario[] };
      expect(scenarios.map((scenario) => scenario.name)).toEqual(['512 × A10G, no budget', 'H100']);
      expect(scenarios).toEqual(await storedScenarios());
    });

    it.each([
      ['the same name', 'H100'],
      ['another case', 'h100'],
      ['surrounding spaces', '  H100 '],
    ])('rejects a taken name in %s with 409', async (_case, name) => {
      const before = await storedScenarios();
      const response = await post({ name, scenario: { edits: { gpuCount: 1024 } } });
      expect(response.status).toBe(409);
      const { error } = (await response.json()) as ErrorBody;
      expect(error.code).toBe('DUPLICATE_SCENARIO_NAME');
      expect(error.field).toBe('name');
      expect(error.message).toBe(
        `name "${name.trim()}" is taken: the lesson already has a saved scenario named "H100", ` +
          'and names that differ only in case or surrounding spaces count as the same. Choose ' +
          'another name, or delete "H100" first',
      );
      expect(await storedScenarios()).toEqual(before);
    });

    it('saves one of concurrent same-name saves', async () => {
      const before = (await storedScenarios()).length;
      const responses = await Promise.all(
        Array.from({ length: 6 }, (_, index) =>
          post({ name: 'Sent together', scenario: { edits: { gpuCount: 100 + index } } }),
        ),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
      const stored = await storedScenarios();
      expect(stored.filter((scenario) => scenario.name === 'Sent together')).toHaveLength(1);
      expect(stored).toHaveLength(before + 1);
    });

    it.each<[string, unknown, string, string]>([
      [
        'a missing name',
        { scenario: { edits: { gpuCount: 512 } } },
        'name',
        'name is missing: expected 1 to 80 characters',
      ],
      [
        'a blank name',
        { name: '   ', scenario: { edits: { gpuCount: 512 } } },
        'name',
        'name must be 1 to 80 characters, got 0',
      ],
      [
        'a name of 81 characters',
        { name: 'x'.repeat(81), scenario: { edits: { gpuCount: 512 } } },
        'name',
        'name must be 1 to 80 characters, got 81',
      ],
      [
        'an unknown field',
        { name: 'n', scenario: { edits: { gpus: 512 } } },
        'scenario.edits',
        'scenario.edits: unknown field "gpus": expected fields among parameters, tokens, gpuModel, gpuCount, mfu, pricePerGpuHourUsd, budgetUsd, uptimeTarget, mtbfHours, checkpointWriteMinutes, zeroStage, tensorParallel, pipelineParallel, dataParallel',
      ],
      [
        'a GPU count of 0',
        { name: 'n', scenario: { edits: { gpuCount: 0 } } },
        'scenario.edits.gpuCount',
        'scenario.edits.gpuCount: invalid GPU count 0: expected a whole number of GPUs from 1 to 1,000,000',
      ],
      [
        'a fractional GPU count',
        { name: 'n', scenario: { edits: { gpuCount: 2.5 } } },
        'scenario.edits.gpuCount',
        'scenario.edits.gpuCount: invalid GPU count 2.5: expected a whole number of GPUs from 1 to 1,000,000',
      ],
      [
        'MFU as a percentage',
        { name: 'n', scenario: { edits: { mfu: 40 } } },
        'scenario.edits.mfu',
        'scenario.edits.mfu: invalid MFU 40: expected a fraction above 0 and at most 1, such as 0.4 for 40%',
      ],
      [
        'an unknown GPU',
        { name: 'n', scenario: { edits: { gpuModel: 'Z100' } } },
        'scenario.edits.gpuModel',
        'scenario.edits.gpuModel: invalid GPU model "Z100": expected a catalogue id, one of A100 40GB, A100 80GB, H100 SXM, H100 PCIe, H200, B200, V100, V100 16GB, L40S, A10G, MI250X, MI300X',
      ],
      [
        'a number as text',
        { name: 'n', scenario: { edits: { parameters: '7e9' } } },
        'scenario.edits.parameters',
        'scenario.edits.parameters: invalid parameter count "7e9": expected a number of parameters from 1e6 to 1e16',
      ],
      [
        'a cleared required field',
        { name: 'n', scenario: { edits: { gpuCount: null } } },
        'scenario.edits.gpuCount',
        'scenario.edits.gpuCount: invalid GPU count null: only an optional field (budget, uptime target) can be cleared',
      ],
      [
        'an uptime target of 50%',
        { name: 'n', scenario: { edits: { uptimeTarget: 0.5 } } },
        'scenario.edits.uptimeTarget',
        'scenario.edits.uptimeTarget: invalid uptime target 0.5: expected a fraction above 0.5 and at most 1, such as 0.999 for 99.9%, or null for no target',
      ],
      [
        'the panel’s derived fields',
        { name: 'n', scenario: { edits: { gpuCount: 512 }, fields: {} } },
        'scenario',
        'scenario: unknown field "fields": a scenario has only stated and edits',
      ],
      [
        'another lesson’s quantities',
        { name: 'n', scenario: { stated: { gpuCount: 8 }, edits: { gpuCount: 512 } } },
        'scenario.stated',
        "scenario.stated: does not match the lesson's stated quantities; send the lesson's analysis.quantities or leave stated out",
      ],
      [
        'edits that change nothing',
        { name: 'n', scenario: { edits: { gpuCount: 256 } } },
        'scenario.edits',
        "scenario.edits: changes no value of the lesson's problem; edit a field before saving",
      ],
      [
        'a body that is not an object',
        [],
        'body',
        'body: scenario request must be an object, got an array',
      ],
    ])('rejects %s with a 400 naming the field', async (_case, body, field, message) => {
      const before = (await storedScenarios()).length;
      const response = await post(body);
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as ErrorBody;
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.field).toBe(field);
      expect(error.message).toBe(message);
      expect(await storedScenarios()).toHaveLength(before);
    });

    it('rejects a body that is not JSON', async () => {
      const response = await post('{"name": ');
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorBody).error.code).toBe('MALFORMED_JSON');
    });

    it('rejects another content type with 415', async () => {
      const response = await fetch(scenariosUrl, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: '{}',
      });
      expect(response.status).toBe(415);
    });

    it('rejects a body over the cap with 413', async () => {
      const response = await post({ name: 'n', scenario: { edits: {} }, pad: 'x'.repeat(70_000) });
      expect(response.status).toBe(413);
    });

    it.each([
      ['an unknown lesson', MISSING_LESSON_ID],
      ['a malformed lesson id', 'not-a-lesson'],
    ])('answers 404 for %s', async (_case, lessonId) => {
      const url = `${app.baseUrl}/api/lessons/${lessonId}/scenarios`;
      const listed = await fetch(url);
      expect(listed.status).toBe(404);
      const { error } = (await listed.json()) as ErrorBody;
      expect(error.message).toBe(`no lesson with id "${lessonId}"`);

      const saved = await post({ name: 'n', scenario: { edits: { gpuCount: 512 } } }, url);
      expect(saved.status).toBe(404);
      const deleted = await fetch(`${url}/${MISSING_SCENARIO_ID}`, { method: 'DELETE' });
      expect(deleted.status).toBe(404);
    });

    it('deletes a scenario, then answers 404 for it', async () => {
      const [first] = await storedScenarios();
      const response = await fetch(`${scenariosUrl}/${first.id}`, { method: 'DELETE' });
      expect(response.status).toBe(204);
      expect((await storedScenarios()).map((scenario) => scenario.id)).not.toContain(first.id);

      const again = await fetch(`${scenariosUrl}/${first.id}`, { method: 'DELETE' });
      expect(again.status).toBe(404);
      const { error } = (await again.json()) as ErrorBody;
      expect(error.message).toBe(`lesson "${lesson.id}" has no saved scenario "${first.id}"`);
      const malformed = await fetch(`${scenariosUrl}/not-an-id`, { method: 'DELETE' });
      expect(malformed.status).toBe(404);
    });

    it('accepts the name of a deleted scenario again', async () => {
      const response = await post({
        name: '512 × A10G, no budget',
        scenario: { edits: { gpuCount: 512, gpuModel: 'A10G' } },
      });
      expect(response.status).toBe(201);
    });

    it(`stops at ${MAX_SCENARIOS_PER_LESSON} scenarios per lesson with a 409`, async () => {
      const stored = (await storedScenarios()).length;
      for (let index = stored; index < MAX_SCENARIOS_PER_LESSON; index += 1) {
        const response = await post({
          name: `GPU count ${index + 1}`,
          scenario: { edits: { gpuCount: index + 1 } },
        });
        expect(response.status).toBe(201);
      }
      const response = await post({ name: 'one more', scenario: { edits: { gpuCount: 4096 } } });
      expect(response.status).toBe(409);
      const { error } = (await response.json()) as ErrorBody;
      expect(error.code).toBe('TOO_MANY_SCENARIOS');
      expect(error.message).toBe(
        `the lesson already has ${MAX_SCENARIOS_PER_LESSON} saved scenarios; delete one before saving another`,
      );
      expect(await storedScenarios()).toHaveLength(MAX_SCENARIOS_PER_LESSON);
    });
  });
}

scenariosApiSuite('saved scenario API on SQLite', () => startApp());

const hasPostgres = await postgresAvailable();
describe.skipIf(!hasPostgres)('with PostgreSQL', () => {
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await drop?.();
  });
  scenariosApiSuite('saved scenario API on PostgreSQL', async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    return startApp({ DATABASE_URL: database.url });
  });
});
