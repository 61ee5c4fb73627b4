import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { buildLessonExport, EXPORT_CONTENT_SECURITY_POLICY } from '@/lib/export';
import { EXPORT_RUNTIME_JS } from '@/lib/export/runtime';
import { WHATIF_BUNDLE_JS } from '@/lib/export/whatif-bundle';
import { fromRoot } from '@/lib/paths';
import {
  BUNDLE_MODULE,
  bundleWhatIfScript,
  renderBundleModule,
} from '../../../scripts/build-export-bundle';
import { buildTestLesson, REFERENCE_PROBLEM } from './lesson-fixtures';

describe('what-if bundle', () => {
  it('matches the code it is built from', async () => {
    const expected = await renderBundleModule(await bundleWhatIfScript());
    const committed = readFileSync(fromRoot(BUNDLE_MODULE), 'utf8');
    expect(
      committed === expected,
      `${BUNDLE_MODULE} is stale: run \`npm run export:bundle\` and commit the result`,
    ).toBe(true);
  }, 60_000);

  it('runs inside the one script the policy allows by hash', () => {
    expect(EXPORT_RUNTIME_JS).toContain(WHATIF_BUNDLE_JS);
    const hash = createHash('sha256').update(EXPORT_RUNTIME_JS).digest('base64');
    expect(EXPORT_CONTENT_SECURITY_POLICY).toContain(`script-src 'sha256-${hash}'`);
    const html = buildLessonExport(buildTestLesson(REFERENCE_PROBLEM)).html;
    expect(html.match(/<script/gi)).toHaveLength(1);
  });

  it.each([
    ['eval', /\beval\(/],
    ['the Function constructor', /\bnew Function\(/],
    ['fetch', /\bfetch\(/],
    ['XMLHttpRequest', /XMLHttpRequest/],
    ['a web socket', /WebSocket/],
    ['an import', /\bimport\(/],
  ])('contains no %s', (_name, pattern) => {
    expect(WHATIF_BUNDLE_JS.match(pattern)?.[0]).toBeUndefined();
  });
});
