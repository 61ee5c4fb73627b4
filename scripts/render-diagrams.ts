// `npm run content:build`: renders every `mermaid` fence of the concept bodies to SVG with
// Mermaid in headless Chromium (Mermaid needs a DOM), so pages and exports need no Mermaid
// runtime. Writes content/diagrams/<id>-<n>.svg and a manifest of source hashes that the test
// suite uses to detect stale diagrams. Only changed diagrams are rendered unless --all is given.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import {
  diagramFileName,
  diagramSourceHash,
  findMermaidFences,
  type MermaidFence,
} from '../lib/knowledge/diagrams';
import { fromRoot } from '../lib/paths';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const contentDir = process.env.CONTENT_DIR || fromRoot('content');
const bodiesDir = join(contentDir, 'bodies');
const diagramsDir = join(contentDir, 'diagrams');
const manifestPath = join(diagramsDir, 'manifest.json');
const renderAll = process.argv.includes('--all');

const fences: MermaidFence[] = readdirSync(bodiesDir)
  .filter((name) => /^c\d{3,}\.md$/.test(name))
  .sort()
  .flatMap((name) =>
    findMermaidFences(name.slice(0, -3), readFileSync(join(bodiesDir, name), 'utf8')),
  );

mkdirSync(diagramsDir, { recursive: true });
const previous: Record<string, string> = existsSync(manifestPath)
  ? JSON.parse(readFileSync(manifestPath, 'utf8'))
  : {};
const manifest: Record<string, string> = {};
const pending = fences.filter((fence) => {
  const name = diagramFileName(fence);
  manifest[name] = diagramSourceHash(fence.source);
  return renderAll || previous[name] !== manifest[name] || !existsSync(join(diagramsDir, name));
});

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const failures: string[] = [];
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ path: fromRoot('node_modules', 'mermaid', 'dist', 'mermaid.min.js') });
  await page.evaluate(() => {
    const mermaid = (window as unknown as { mermaid: { initialize(options: object): void } })
      .mermaid;
    // SVG text labels, not HTML in foreignObject, so the SVG survives sanitising and works in any viewer.
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: 'neutral',
      fontFamily: 'sans-serif',
      htmlLabels: false,
      flowchart: { htmlLabels: false },
    });
  });
  for (const fence of pending) {
    const name = diagramFileName(fence);
    try {
      const svg = await page.evaluate(
        async ({ id, source }) => {
          const mermaid = (
            window as unknown as {
              mermaid: { render(id: string, text: string): Promise<{ svg: string }> };
            }
          ).mermaid;
          return (await mermaid.render(id, source)).svg;
        },
        { id: `diagram-${fence.conceptId}-${fence.index}`, source: fence.source },
      );
      writeFileSync(join(diagramsDir, name), `${svg}\n`);
      process.stderr.write(`rendered ${name}\n`);
    } catch (error) {
      failures.push(`${name}: ${(error as Error).message.split('\n')[0]}`);
      delete manifest[name];
    }
  }
} finally {
  await browser.close();
}

// Remove SVGs whose fence no longer exists.
for (const name of readdirSync(diagramsDir)) {
  if (name.endsWith('.svg') && !(name in manifest)) rmSync(join(diagramsDir, name));
}
const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(manifestPath, `${JSON.stringify(sorted, null, 2)}\n`);

process.stderr.write(
  `${pending.length - failures.length} rendered, ${fences.length} diagrams in all\n`,
);
if (failures.length > 0) {
  process.stderr.write(`failed to render:\n  ${failures.join('\n  ')}\n`);
  process.exitCode = 1;
}
