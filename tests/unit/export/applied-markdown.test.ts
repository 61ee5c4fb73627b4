import { describe, expect, it } from 'vitest';

import { renderAppliedMarkdown } from '@/lib/export/applied-markdown';
import { renderMarkdown } from '@/lib/export/markdown';
import { rebuildLessonText } from '@/lib/whatif/lesson-text';
import { recompute, scenarioFromAnalysis, setField } from '@/lib/whatif/scenario';

import { lessonFor, realProblems, seedExamples, textSourceOf } from '../whatif/fixtures';

const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
};

/** Returns the text a browser shows for HTML, with runs of white space made one space. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity])
    .replace(/\s+/g, ' ')
    .trim();
}

/** Returns how many of each structural tag the HTML opens. */
function tagCounts(html: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const tag of ['p', 'ul', 'li', 'table', 'tr', 'th', 'td', 'strong', 'code']) {
    counts[tag] = html.match(new RegExp(`<${tag}[\\s>]`, 'g'))?.length ?? 0;
  }
  return counts;
}

/** Every applied section of the reference lessons, as built and after two what-if edits. */
function appliedSections(): Array<[string, string]> {
  const problems = [
    ...seedExamples.map((example) => ({ name: example.name, problem: example.problem })),
    ...realProblems.map((entry) => ({ name: entry.id, problem: entry.problem })),
  ];
  const sections: Array<[string, string]> = [];
  for (const { name, problem } of problems) {
    const lesson = lessonFor(problem);
    lesson.cards.forEach((card) => sections.push([`${name} ${card.conceptId}`, card.back.applied]));

    let scenario = scenarioFromAnalysis(lesson.analysis);
    scenario = setField(scenario, 'gpuModel', 'A10G');
    scenario = setField(scenario, 'budgetUsd', 1000);
    const text = rebuildLessonText(textSourceOf(lesson), recompute(scenario));
    text.applied.forEach((applied, index) =>
      sections.push([`${name} ${lesson.cards[index].conceptId} edited`, applied]),
    );
  }
  return sections.filter(([, markdown]) => markdown !== '');
}

describe('renderAppliedMarkdown', () => {
  const sections = appliedSections();

  it('covers lists, tables and bold text', () => {
    const all = sections.map(([, markdown]) => markdown).join('\n');
    expect(sections.length).toBeGreaterThan(40);
    expect(all).toContain('| --- |');
    expect(all).toContain('\n- ');
    expect(all).toContain('**');
  });

  it.each(sections)('shows the text the server shows for %s', (_name, markdown) => {
    const html = renderAppliedMarkdown(markdown);
    const server = renderMarkdown(markdown);
    expect(visibleText(html)).toBe(visibleText(server));
    expect(tagCounts(html)).toEqual(tagCounts(server));
  });

  it('writes markup in the text as text', () => {
    const html = renderAppliedMarkdown(
      '<img src=x onerror="alert(1)"> **a <b>** [link](javascript:alert(1)) `<i>`',
    );
    expect(html).toBe(
      '<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <strong>a &lt;b&gt;</strong> [link](javascript:alert(1)) <code>&lt;i&gt;</code></p>',
    );
  });

  it('reads a list that follows a paragraph line', () => {
    expect(renderAppliedMarkdown('Assumptions:\n- one\n- two \\* three')).toBe(
      '<p>Assumptions:</p><ul><li>one</li><li>two * three</li></ul>',
    );
  });

  it('reads a table with an escaped pipe', () => {
    expect(renderAppliedMarkdown('| a | b |\n| --- | --- |\n| 1 \\| 2 | **3** |')).toBe(
      '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1 | 2</td><td><strong>3</strong></td></tr></tbody></table>',
    );
  });
});
