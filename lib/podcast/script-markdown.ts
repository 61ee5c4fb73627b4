/** Renders the podcast script as Markdown: a heading per chapter and a paragraph per line. */

import { escapeMarkdown } from './prose';
import type { ScriptChapter, ShowNotes, Speaker } from './types';

const SPEAKER_LABELS: Record<Speaker, string> = { host: 'Host', expert: 'Expert' };

/**
 * Returns the script as Markdown. Every spoken text is escaped, so a problem that contains
 * Markdown or HTML shows as written, and the recall pause is marked where it falls.
 */
export function renderScriptMarkdown(
  title: string,
  chapters: readonly ScriptChapter[],
  showNotes: ShowNotes,
): string {
  const blocks: string[] = [`# ${escapeMarkdown(title)}`];

  chapters.forEach((chapter, index) => {
    blocks.push(`## ${index + 1}. ${escapeMarkdown(chapter.title)}`);
    for (const line of chapter.lines) {
      blocks.push(`**${SPEAKER_LABELS[line.speaker]}:** ${escapeMarkdown(line.text)}`);
      if (line.recall === 'question') {
        blocks.push(`*(${formatSeconds(line.pauseAfterMs)} pause to think of your answer)*`);
      }
    }
  });

  if (showNotes.concepts.length > 0) {
    blocks.push('## Show notes');
    blocks.push(
      showNotes.concepts
        .map(
          (concept) =>
            `- [${escapeMarkdown(concept.title)}](${concept.url}): ${escapeMarkdown(concept.summary)}`,
        )
        .join('\n'),
    );
  }
  return `${blocks.join('\n\n')}\n`;
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
