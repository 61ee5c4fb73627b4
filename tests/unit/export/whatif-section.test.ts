import { beforeAll, describe, expect, it } from 'vitest';

import { buildLessonExport } from '@/lib/export';
import { WHATIF_DATA_ID, type WhatIfExportData } from '@/lib/export/sections/whatif';
import type { Lesson } from '@/lib/lessons/types';
import { formatEstimate } from '@/lib/analysis';
import { SCENARIO_FIELD_IDS } from '@/lib/whatif/fields';
import { analyseStored, type SavedScenario } from '@/lib/whatif/saved';
import {
  buildTestLesson,
  HOSTILE_CONSTRAINTS,
  HOSTILE_PROBLEM,
  REFERENCE_PROBLEM,
} from './lesson-fixtures';

/** Export size budget without audio, in bytes (1 MB, decimal). */
const MAX_EXPORT_BYTES = 1_000_000;

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** Returns the what-if data a file carries, read back as the file's script reads it. */
function dataOf(html: string): WhatIfExportData {
  const open = `<template id="${WHATIF_DATA_ID}">`;
  const start = html.indexOf(open) + open.length;
  const text = html.slice(start, html.indexOf('</template>', start));
  return JSON.parse(
    text.replace(/&(amp|lt|gt);/g, (entity) => ENTITIES[entity]),
  ) as WhatIfExportData;
}

function savedScenario(lesson: Lesson, name: string): SavedScenario {
  return {
    id: '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b',
    lessonId: lesson.id,
    name,
    scenario: { stated: lesson.analysis.quantities, edits: { gpuCount: 512, gpuModel: 'A10G' } },
    createdAt: '2026-12-04T12:00:00.000Z',
  };
}

describe('what-if panel of the export', () => {
  let lesson: Lesson;
  let html: string;

  beforeAll(() => {
    lesson = buildTestLesson(REFERENCE_PROBLEM, ['400 Gb/s InfiniBand']);
    html = buildLessonExport(lesson).html;
  });

  it('has every field at the lesson’s value', () => {
    for (const id of SCENARIO_FIELD_IDS) expect(html).toContain(`data-testid="whatif-${id}"`);
    expect(html).toContain('data-testid="whatif-gpuCount" data-field="gpuCount"');
    expect(html).toMatch(/data-testid="whatif-gpuCount"[^>]*value="256"/);
    expect(html).toContain('<option value="A100 80GB" selected>');
  });

  it('shows the original figures and charts before any script runs', () => {
    const memory = formatEstimate(lesson.analysis.estimates.memoryPerGpuZero3Bytes!);
    expect(html).toContain(
      `data-testid="whatif-memory" data-estimate-key="memoryPerGpuZero3Bytes">${memory}<`,
    );
    // The script contains the same markup in its renderers, so count in the body only.
    const body = html.slice(0, html.lastIndexOf('<script>'));
    expect(body.match(/data-whatif-estimate="/g)?.length).toBeGreaterThan(15);
    expect(body.match(/<figure class="scenario-chart"/g)).toHaveLength(5);
  });

  it('carries the lesson’s analysis and text inputs for the script', () => {
    const data = dataOf(html);
    expect(data.analysis).toEqual(lesson.analysis);
    expect(data.textSource.cards.map((card) => card.conceptId)).toEqual(
      lesson.cards.map((card) => card.conceptId),
    );
    expect(data.textSource.problemText).toBe(`${REFERENCE_PROBLEM}\n400 Gb/s InfiniBand`);
    expect(data.saved).toEqual([]);
  });

  it('compares saved scenarios read-only', () => {
    const saved = savedScenario(lesson, 'Twice the GPUs <b>on A10Gs</b>');
    const withSaved = buildLessonExport(lesson, { scenarios: [saved] }).html;
    expect(withSaved).toContain(`data-saved-scenario="${saved.id}"`);
    expect(withSaved).toContain('Twice the GPUs &lt;b&gt;on A10Gs&lt;/b&gt;');
    const savedMemory = formatEstimate(
      analyseStored(saved.scenario).estimates.memoryPerGpuZero3Bytes!,
    );
    expect(withSaved).toContain(
      `<td data-column="saved"><span class="mono" data-value>${savedMemory}`,
    );
    const { lessonId: _lessonId, ...exported } = saved;
    expect(dataOf(withSaved).saved).toEqual([exported]);
    expect(Buffer.byteLength(withSaved)).toBeLessThan(MAX_EXPORT_BYTES);
  });

  it('keeps hostile problem text inert in its data', () => {
    const hostile = buildLessonExport(buildTestLesson(HOSTILE_PROBLEM, HOSTILE_CONSTRAINTS)).html;
    const start = hostile.indexOf(`<template id="${WHATIF_DATA_ID}">`);
    const data = hostile.slice(start, hostile.indexOf('</template>', start));
    expect(data.slice(data.indexOf('>') + 1)).not.toMatch(/[<]/);
    expect(dataOf(hostile).textSource.problemText.startsWith(HOSTILE_PROBLEM)).toBe(true);
  });
});
