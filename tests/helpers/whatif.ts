import type { Page } from 'playwright-core';

import { analyzeProblem, formatEstimate, type Estimates } from '@/lib/analysis';

/** The reference problem the what-if browser tests edit: 175B on 256 A100s, 99.9%, $500k. */
export const WHATIF_PROBLEM =
  'Design infrastructure to train a 175B parameter GPT model across 256 A100 GPUs with 99.9% uptime and cost under $500k.';

/** Returns the analyser's estimates for the reference problem typed with another GPU count and model. */
export function estimatesFor(gpuCount: number, gpu: string): Estimates {
  return analyzeProblem(WHATIF_PROBLEM.replace('256 A100', `${gpuCount} ${gpu}`)).estimates;
}

/** Returns an estimate formatted as the panels show it; throws when the analyser gave none. */
export function formatted(estimates: Estimates, key: keyof Estimates): string {
  const estimate = estimates[key];
  if (estimate === undefined) throw new Error(`the analyser gave no ${key}`);
  return formatEstimate(estimate);
}

/**
 * Reads the what-if panel's three headline figures and the estimate key behind the memory one,
 * on the lesson page or in an exported file, which share the test hooks.
 */
export async function headline(page: Page) {
  const memory = page.getByTestId('whatif-memory');
  return {
    memoryKey: (await memory.getAttribute('data-estimate-key')) as keyof Estimates,
    memory: await memory.textContent(),
    days: await page.getByTestId('whatif-days').textContent(),
    cost: await page.getByTestId('whatif-cost').textContent(),
  };
}

/**
 * Returns each chart label that reaches outside its chart's SVG, as "<chart id>: <text>",
 * measured with the fonts the browser draws, on the lesson page or in an exported file. The SVG
 * clips at its edges, so an empty list means every label shows in full.
 */
export function clippedChartLabels(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-chart]')).flatMap((figure) => {
      const svg = figure.querySelector('svg');
      if (svg === null) return [`${figure.getAttribute('data-chart')}: no SVG`];
      const chart = svg.getBoundingClientRect();
      // Half a CSS pixel absorbs subpixel rounding of the two boxes.
      const tolerance = 0.5;
      return Array.from(svg.querySelectorAll('text')).flatMap((text) => {
        const label = text.getBoundingClientRect();
        const inside =
          label.left >= chart.left - tolerance &&
          label.right <= chart.right + tolerance &&
          label.top >= chart.top - tolerance &&
          label.bottom <= chart.bottom + tolerance;
        return inside ? [] : [`${figure.getAttribute('data-chart')}: ${text.textContent}`];
      });
    }),
  );
}
