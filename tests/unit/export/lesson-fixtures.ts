import { loadCatalogueFiles } from '@/lib/knowledge/files';
import type { Concept } from '@/lib/knowledge/types';
import { generateLesson } from '@/lib/lessons/generate';
import { lessonRequestSchema } from '@/lib/lessons/input';
import type { Lesson } from '@/lib/lessons/types';
import type { ExportPodcast } from '@/lib/export/types';
import { generatePodcast } from '@/lib/podcast/generate';
import { writePodcastScript } from '@/lib/podcast/script';
import { StubProvider } from '@/lib/podcast/tts/stub';

export const REFERENCE_PROBLEM =
  'Design infrastructure to train a 175B parameter GPT model across 256 A100 GPUs with 99.9% uptime and cost under $500k.';

/**
 * A problem whose every line tries to become markup or script. It contains a script element,
 * event-handler attributes, `javascript:` links in HTML and Markdown, and SVG payloads. It also
 * contains a Mermaid directive and click callback, and breakouts from an attribute, the title
 * and a style element. Each payload sets `window.__canary`, so a test can tell whether one ran.
 */
export const HOSTILE_PROBLEM = [
  'Train 7B on 8 A100 GPUs <script>window.__canary = "script"</script>',
  '<img src=x onerror="window.__canary = \'img\'">',
  '<a href="javascript:window.__canary = \'link\'">open</a>',
  "[markdown link](javascript:window.__canary='markdown')",
  '<svg onload="window.__canary = \'svg\'"><script>window.__canary = "svg-script"</script></svg>',
  '<svg><animate onbegin="window.__canary = \'animate\'" attributeName="x" dur="1s"/></svg>',
  '<iframe srcdoc="<script>parent.__canary = \'iframe\'</script>"></iframe>',
  '%%{init: {"securityLevel": "loose", "startOnLoad": true}}%%',
  '```mermaid\ngraph TD\nA-->B\nclick A href "javascript:window.__canary = \'mermaid\'"\n```',
  '"><script>window.__canary = "attribute"</script>',
  '</title><script>window.__canary = "title"</script>',
  '<style>body { background: url(http://leak.invalid/leak.png) }</style>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__canary = \'meta\'">',
  '<base href="http://leak.invalid/">',
].join('\n');

export const HOSTILE_CONSTRAINTS = [
  '<b onmouseover="window.__canary = \'constraint\'">budget $10k</b>',
  '<svg><foreignObject><img src=x onerror="window.__canary = \'foreign\'"></foreignObject></svg>',
  '<a href="javascript:window.__canary = \'constraint-link\'">99.9% uptime</a>',
  '%%{init: {"theme": "base", "themeVariables": {"fontFamily": "</style><script>window.__canary = 1</script>"}}}%%',
];

const NOW = new Date('2026-12-04T12:00:00Z');
let catalogue: Concept[] | undefined;

/** Generates a lesson from the shipped catalogue, validating the request as the API does. */
export function buildTestLesson(
  problem: string,
  constraints: string[] = [],
  id = '3f1c2a4e-8b7d-4c6e-9a1b-2d3e4f5a6b7c',
): Lesson {
  catalogue ??= loadCatalogueFiles();
  const request = lessonRequestSchema.parse({ problem, constraints });
  return generateLesson(request, { concepts: catalogue, now: NOW, id });
}

/**
 * Synthesises a podcast of `lesson` with the stub provider, as `infra-learn podcast --provider
 * stub` does, keeping the first `chapterCount` chapters so browser tests stay quick.
 */
export async function buildStubPodcast(lesson: Lesson, chapterCount = 4): Promise<ExportPodcast> {
  const script = writePodcastScript(lesson);
  const shortened = { ...script, chapters: script.chapters.slice(0, chapterCount) };
  const generated = await generatePodcast(lesson, {
    providers: [{ name: 'stub', provider: new StubProvider() }],
    script: shortened,
  });
  return {
    id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    mimeType: generated.mimeType,
    audio: generated.audio,
    durationMs: generated.durationMs,
    chapters: generated.chapters,
    showNotes: script.showNotes,
    script: script.markdown,
    provider: generated.provider,
  };
}
