// Time for the lesson page's what-if panel to recompute after an edit: headless Chromium opens a
// lesson, then types a series of GPU counts and GPU models into the panel. For each edit the
// panel itself records the time from its input handler to the committed figures (the
// `data-recompute-ms` attribute its provider writes in a layout effect, after React has applied
// the DOM changes and before the browser paints). The charts, rebuilt card and role text and the
// predicted concept change follow in a deferred render and are not part of the figure.
//
//   npx tsx scripts/bench/whatif.ts <baseUrl> <lessonId>
import { performance } from 'node:perf_hooks';

import type { Page } from 'playwright-core';

import { launchBrowser } from '../../tests/helpers/browser';

/** Edits timed after the warm-up, at least the 30 the budget requires. */
const MEASURED_EDITS = 40;
/** Edits made first and not timed, so the JIT and the lazily loaded Markdown renderer are warm. */
const WARM_UP_EDITS = 5;
/** Maximum wait for one edit to commit, in ms. */
const EDIT_TIMEOUT_MS = 10_000;

/** GPU counts and models the edits cycle through: each changes every memory, time and cost figure. */
const GPU_COUNTS = ['64', '128', '512', '1024', '2048', '96', '384'] as const;
const GPU_MODELS = ['H100 SXM', 'A10G', 'A100 40GB', 'MI300X', 'H200'] as const;

export interface WhatIfMeasurement {
  medianMs: number;
  p95Ms: number;
  samples: number;
}

/**
 * Opens `/lessons/<lessonId>` on a running app in headless Chromium and returns the median and
 * 95th percentile of the panel's recompute time over at least 30 edits, in ms. Every fourth edit
 * switches the GPU model, and the rest change the GPU count.
 */
export async function measureWhatIf(baseUrl: string, lessonId: string): Promise<WhatIfMeasurement> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(60_000);
    await page.goto(`${baseUrl}/lessons/${lessonId}`);
    await page.getByTestId('whatif-gpuCount').waitFor();

    const samples: number[] = [];
    for (let edit = 0; edit < WARM_UP_EDITS + MEASURED_EDITS; edit += 1) {
      const recomputeMs = await editOnce(page, edit);
      if (edit >= WARM_UP_EDITS) samples.push(recomputeMs);
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const at = (quantile: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))];
    return { medianMs: at(0.5), p95Ms: at(0.95), samples: samples.length };
  } finally {
    await browser.close();
  }
}

/** Makes edit number `edit`, waits until the panel has committed it and returns its time in ms. */
async function editOnce(page: Page, edit: number): Promise<number> {
  const root = page.locator('[data-whatif-root]');
  const before = Number((await root.getAttribute('data-recompute-count')) ?? '0');

  if (edit % 4 === 3) {
    await page
      .getByTestId('whatif-gpuModel')
      .selectOption(GPU_MODELS[Math.floor(edit / 4) % GPU_MODELS.length]);
  } else {
    await page.getByTestId('whatif-gpuCount').fill(GPU_COUNTS[edit % GPU_COUNTS.length]);
  }

  await page.waitForFunction(
    (previous) => {
      const element = document.querySelector<HTMLElement>('[data-whatif-root]');
      return Number(element?.dataset.recomputeCount ?? '0') > previous;
    },
    before,
    { timeout: EDIT_TIMEOUT_MS },
  );
  const recomputeMs = Number(await root.getAttribute('data-recompute-ms'));
  if (!Number.isFinite(recomputeMs)) {
    throw new Error(`edit ${edit} committed without a numeric data-recompute-ms attribute`);
  }
  return recomputeMs;
}

// Run directly: measure against a server that is already listening.
if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [baseUrl, lessonId] = process.argv.slice(2);
  if (baseUrl === undefined || lessonId === undefined) {
    process.stderr.write('usage: npx tsx scripts/bench/whatif.ts <baseUrl> <lessonId>\n');
    process.exit(2);
  }
  const startedAt = performance.now();
  const result = await measureWhatIf(baseUrl, lessonId);
  process.stdout.write(
    `${JSON.stringify({ ...result, wallSeconds: (performance.now() - startedAt) / 1000 })}\n`,
  );
}
