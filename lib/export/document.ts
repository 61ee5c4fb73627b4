/**
 * Builds the single-file HTML export of a lesson: every section rendered to markup, the style
 * sheet and the runtime inlined, and a Content-Security-Policy that lets the file fetch nothing.
 * Pure: the same lesson and podcast give the same bytes.
 */

import { createHash } from 'node:crypto';

import type { Lesson } from '../lessons/types';
import { escapeHtml } from './escape';
import { exportFileName } from './file-name';
import { EXPORT_RUNTIME_JS } from './runtime';
import { renderAnalysisSection } from './sections/analysis';
import { renderCardsSection } from './sections/cards';
import { renderObjectives } from './sections/objectives';
import { canEmbedPodcast, renderPodcastSection } from './sections/podcast';
import { renderRolesSection } from './sections/roles';
import { renderWhatIfSection, whatIfData } from './sections/whatif';
import { EXPORT_CSS } from './styles';
import type { BuildExportOptions, BuiltExport } from './types';

/** Maximum length of the problem in the page title, in characters. */
const MAX_TITLE_CHARS = 80;

/**
 * The file's Content-Security-Policy. `default-src 'none'` forbids every fetch: scripts, styles,
 * images, media, fonts, frames, `fetch()` and the like. Only the runtime runs (by its hash, so an
 * injected inline script or event handler is refused), inline styles are needed by the diagram
 * SVGs, and images and audio may come only from data: URIs in the file itself.
 */
export const EXPORT_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src '${sha256Source(EXPORT_RUNTIME_JS)}'`,
  "style-src 'unsafe-inline'",
  'img-src data:',
  'media-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Returns the export of `lesson` as one HTML document, with its size and download name. */
export function buildLessonExport(lesson: Lesson, options: BuildExportOptions = {}): BuiltExport {
  const podcast = options.podcast && canEmbedPodcast(options.podcast) ? options.podcast : undefined;
  const cardIds = new Set(lesson.cards.map((card) => card.conceptId));

  const body = [
    '<main>',
    renderHeader(lesson, podcast !== undefined),
    renderAnalysisSection(lesson.analysis),
    renderWhatIfSection(whatIfData(lesson, options.scenarios ?? [])),
    renderObjectives(lesson.objectives),
    renderCardsSection(lesson),
    renderRolesSection(lesson.roles, lesson.disagreements),
    podcast ? renderPodcastSection(podcast, cardIds) : '',
    '<footer class="offline-note"><p>Exported from the AI Infrastructure Learning System. This file works offline: it loads nothing from the network, its audio, diagrams and images are inside it, and the what-if panel recomputes in the browser.</p></footer>',
    '</main>',
  ].join('\n');

  const html = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(EXPORT_CONTENT_SECURITY_POLICY)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="referrer" content="no-referrer">',
    '<meta http-equiv="x-dns-prefetch-control" content="off">',
    `<title>${escapeHtml(pageTitle(lesson.problem))}</title>`,
    '<link rel="icon" href="data:,">',
    `<style>${EXPORT_CSS}</style>`,
    '</head>',
    '<body>',
    body,
    `<script>${EXPORT_RUNTIME_JS}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');

  return {
    html,
    sizeBytes: Buffer.byteLength(html, 'utf8'),
    fileName: exportFileName(lesson.problem, lesson.id),
  };
}

function renderHeader(lesson: Lesson, hasPodcast: boolean): string {
  const constraints =
    lesson.constraints.length > 0
      ? `<ul class="constraints" aria-label="Constraints">${lesson.constraints.map((constraint) => `<li>${escapeHtml(constraint)}</li>`).join('')}</ul>`
      : '';
  const links = [
    ['#numbers', 'The numbers'],
    ['#whatif', 'What if?'],
    ['#objectives', 'Objectives'],
    ['#cards', 'Cards'],
    ['#roles', 'Expert views'],
    ...(hasPodcast ? [['#podcast', 'Podcast']] : []),
  ].map(([href, label]) => `<a href="${href}">${label}</a>`);

  return [
    '<header>',
    '<p class="eyebrow">Lesson</p>',
    `<h1 class="problem" data-testid="lesson-problem">${escapeHtml(lesson.problem)}</h1>`,
    constraints,
    `<p class="meta">Created ${escapeHtml(lesson.createdAt.slice(0, 10))} · ${lesson.cards.length} concepts · lesson ${escapeHtml(lesson.id)}</p>`,
    `<nav class="toc" aria-label="Sections">${links.join('')}</nav>`,
    '</header>',
  ].join('\n');
}

function pageTitle(problem: string): string {
  const oneLine = problem.replace(/\s+/g, ' ').trim();
  const short =
    oneLine.length <= MAX_TITLE_CHARS ? oneLine : `${oneLine.slice(0, MAX_TITLE_CHARS - 1)}…`;
  return `Lesson: ${short}`;
}

/** Returns a CSP hash source (`sha256-<base64>`) for an inline script's exact text. */
function sha256Source(script: string): string {
  return `sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}`;
}
