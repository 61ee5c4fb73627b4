/** The podcast of the export: the audio inlined as a data URI, chapters that seek, and show notes. */

import { formatClock } from '../../podcast/clock';
import type { ShowNotes } from '../../podcast/types';
import { escapeHtml, toIdFragment } from '../escape';
import type { ExportPodcast } from '../types';

/** Playback speeds offered, as multiples of normal speed, as on the web player. */
const PLAYBACK_RATES = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;

/** Audio content types the export embeds; anything else is left out rather than guessed. */
const AUDIO_MIME_TYPE = /^audio\/[a-z0-9.+-]+$/i;

/** A backslash escape that the podcast script's Markdown puts before punctuation. */
const MARKDOWN_ESCAPE = /\\([\\`*_[\]<>#|~])/g;

/** Returns whether a podcast's audio can be embedded. */
export function canEmbedPodcast(podcast: ExportPodcast): boolean {
  return AUDIO_MIME_TYPE.test(podcast.mimeType) && podcast.audio.byteLength > 0;
}

/**
 * Returns the podcast section. `cardIds` are the concept ids with a card in this file, so the
 * show notes link to those cards and show the others as text.
 */
export function renderPodcastSection(podcast: ExportPodcast, cardIds: ReadonlySet<string>): string {
  const source = `data:${podcast.mimeType.toLowerCase()};base64,${Buffer.from(podcast.audio).toString('base64')}`;
  const rates = PLAYBACK_RATES.map(
    (rate) => `<option value="${rate}"${rate === 1 ? ' selected' : ''}>${rate}×</option>`,
  ).join('');
  const chapters = podcast.chapters.map((chapter, index) => {
    const active = index === 0;
    return `<li><button type="button" data-chapter-index="${index}" data-start-ms="${Math.max(0, Math.round(chapter.startMs))}" data-active="${active}"${active ? ' aria-current="true"' : ''}><span class="clock">${formatClock(chapter.startMs)}</span><span>${escapeHtml(chapter.title)}</span></button></li>`;
  });

  return [
    '<section id="podcast" aria-labelledby="podcast-heading">',
    '<h2 id="podcast-heading">Podcast</h2>',
    '<div class="player">',
    `<audio controls preload="metadata" src="${escapeHtml(source)}" data-podcast-audio></audio>`,
    `<label>Speed <select data-playback-rate>${rates}</select></label>`,
    `<span class="muted">${formatClock(podcast.durationMs)} in total · voices: ${escapeHtml(podcast.provider)}</span>`,
    '</div>',
    podcast.provider === 'stub'
      ? '<p class="muted">This episode was made by the stub speech provider: a hum as long as the speech would be, not speech. The chapters and transcript are real.</p>'
      : '',
    chapters.length > 0
      ? `<nav aria-label="Chapters"><h3>Chapters</h3><ol class="chapters">${chapters.join('')}</ol></nav>`
      : '',
    renderShowNotes(podcast.showNotes, cardIds),
    '<details class="transcript"><summary>Transcript</summary>',
    `<div class="transcript-text">${escapeHtml(podcast.script.replace(MARKDOWN_ESCAPE, '$1'))}</div>`,
    '</details>',
    '</section>',
  ].join('\n');
}

function renderShowNotes(notes: ShowNotes, cardIds: ReadonlySet<string>): string {
  const parts = ['<section class="show-notes" aria-labelledby="show-notes-heading">'];
  parts.push('<h3 id="show-notes-heading">Show notes</h3>');

  if (notes.concepts.length > 0) {
    parts.push('<ul>');
    for (const concept of notes.concepts) {
      const title = escapeHtml(concept.title);
      const link = cardIds.has(concept.id)
        ? `<a href="#card-${toIdFragment(concept.id)}">${title}</a>`
        : `<strong>${title}</strong>`;
      parts.push(`<li>${link}: ${escapeHtml(concept.summary)}</li>`);
    }
    parts.push('</ul>');
  }

  if (notes.estimates.length > 0) {
    parts.push(
      '<table><thead><tr><th scope="col">Key number</th><th scope="col">Value</th><th scope="col">Formula</th><th scope="col">Source</th></tr></thead><tbody>',
      ...notes.estimates.map(
        (estimate) =>
          `<tr><th scope="row">${escapeHtml(estimate.label)}</th><td class="value">${escapeHtml(estimate.value)}</td><td>${escapeHtml(estimate.formula)}</td><td>${escapeHtml(estimate.source)}</td></tr>`,
      ),
      '</tbody></table>',
    );
  }

  if (notes.sources.length > 0) {
    parts.push('<details><summary>Sources by chapter</summary><ul>');
    for (const chapter of notes.sources) {
      const sources = chapter.sources.map(escapeHtml).join('; ');
      parts.push(`<li><strong>${escapeHtml(chapter.chapterTitle)}:</strong> ${sources}</li>`);
    }
    parts.push('</ul></details>');
  }
  parts.push('</section>');
  return parts.join('\n');
}
