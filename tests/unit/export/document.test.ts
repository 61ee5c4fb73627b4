import { createHash } from 'node:crypto';

import { beforeAll, describe, expect, it } from 'vitest';

import { buildLessonExport, EXPORT_CONTENT_SECURITY_POLICY } from '@/lib/export';
import { EXPORT_RUNTIME_JS } from '@/lib/export/runtime';
import type { ExportPodcast } from '@/lib/export/types';
import type { Lesson } from '@/lib/lessons/types';
import {
  buildTestLesson,
  HOSTILE_CONSTRAINTS,
  HOSTILE_PROBLEM,
  REFERENCE_PROBLEM,
} from './lesson-fixtures';

/** Export size budget without audio, in bytes (1 MB, decimal). */
const MAX_EXPORT_BYTES = 1_000_000;

/** Returns the markup between `<body>` and the runtime script, where lesson content goes. */
function bodyMarkup(html: string): string {
  return html.slice(html.indexOf('<body>'), html.lastIndexOf('<script>'));
}

/** Returns the first match of `pattern`, so a failure prints the offending snippet only. */
function firstMatch(text: string, pattern: RegExp): string | null {
  return text.match(pattern)?.[0] ?? null;
}

/** Checks that `text` contains `snippet`, naming the snippet and not the whole document on failure. */
function expectSnippet(text: string, snippet: string): void {
  expect(text.includes(snippet), `expected the export to contain ${snippet}`).toBe(true);
}

function expectNoSnippet(text: string, snippet: string): void {
  expect(text.includes(snippet), `expected the export not to contain ${snippet}`).toBe(false);
}

/** Returns a tiny podcast with made-up audio bytes, which the builder only base64-encodes. */
function fakePodcast(lesson: Lesson): ExportPodcast {
  return {
    id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    mimeType: 'audio/mpeg',
    audio: new Uint8Array([0xff, 0xfb, 0x90, 0x64, 0x00]),
    durationMs: 125_000,
    chapters: [
      { title: 'Opening', startMs: 0 },
      { title: 'The problem <b>and</b> its numbers', startMs: 61_500 },
    ],
    showNotes: {
      title: 'Episode',
      lessonId: lesson.id,
      lessonUrl: `/lessons/${lesson.id}`,
      concepts: [
        {
          id: lesson.cards[0].conceptId,
          title: lesson.cards[0].front.title,
          summary: 'Summary <i>here</i>',
          url: `/lessons/${lesson.id}#card-${lesson.cards[0].conceptId}`,
        },
        { id: 'c999', title: 'Not in this lesson', summary: 'x', url: '/lessons/x#card-c999' },
      ],
      estimates: [
        {
          key: 'costUsd',
          label: 'Cost',
          value: '$1.23M',
          formula: 'GPU-hours × price',
          source: 'list price',
        },
      ],
      sources: [{ chapterId: 'problem', chapterTitle: 'The problem', sources: ['Chinchilla'] }],
    },
    script: '# Episode\n\n**Host:** 2 \\* 3 \\<b\\> welcome\n',
    provider: 'stub',
  };
}

describe('buildLessonExport', () => {
  let lesson: Lesson;
  let html: string;

  beforeAll(() => {
    lesson = buildTestLesson(REFERENCE_PROBLEM, ['400 Gb/s InfiniBand']);
    html = buildLessonExport(lesson).html;
  });

  it('puts the Content-Security-Policy first in the head', () => {
    const head = html.slice(html.indexOf('<head>'), html.indexOf('</head>'));
    const firstTags = head.split('\n').slice(1, 3);
    expect(firstTags[0]).toBe('<meta charset="utf-8">');
    expect(firstTags[1]).toContain('http-equiv="Content-Security-Policy"');
  });

  it('forbids every fetch and allows only its own script by hash', () => {
    const hash = createHash('sha256').update(EXPORT_RUNTIME_JS).digest('base64');
    expect(EXPORT_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(EXPORT_CONTENT_SECURITY_POLICY).toContain(`script-src 'sha256-${hash}'`);
    expect(EXPORT_CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(EXPORT_CONTENT_SECURITY_POLICY).not.toMatch(/https?:|'self'|\*/);
    expectSnippet(html, `<script>${EXPORT_RUNTIME_JS}</script>`);
  });

  it('references no outside resource', () => {
    expect(firstMatch(html, /<link(?![^>]*href="data:)[^>]*href=/)).toBeNull();
    expect(firstMatch(html, /\ssrc="(?!data:)/)).toBeNull();
    expect(firstMatch(html, /url\((?!#|['"]?#|data:)[^)]*\)/)).toBeNull();
  });

  it('holds every card, role and estimate', () => {
    for (const card of lesson.cards) expectSnippet(html, `data-card-id="${card.conceptId}"`);
    for (const role of lesson.roles) expectSnippet(html, `id="role-panel-${role.role}"`);
    expectSnippet(html, 'data-estimate="memoryPerGpuZero3Bytes"');
    expectSnippet(html, '400 Gb/s InfiniBand');
  });

  it('inlines the diagrams of the cards', () => {
    const diagramCount = lesson.cards.reduce((sum, card) => sum + card.back.diagrams.length, 0);
    expect(diagramCount).toBeGreaterThan(0);
    expect(html.match(/<figure class="diagram"/g)).toHaveLength(diagramCount);
  });

  it('starts with every card on its front and the first role selected', () => {
    const body = bodyMarkup(html);
    expect(body.match(/data-flipped="false"/g)).toHaveLength(lesson.cards.length);
    expect(firstMatch(body, /data-flipped="true"/)).toBeNull();
    expect(body.match(/aria-selected="true"/g)).toHaveLength(1);
    expectSnippet(html, `id="role-tab-${lesson.roles[0].role}" aria-selected="true"`);
  });

  it('stays under 1 MB without audio', () => {
    const { sizeBytes } = buildLessonExport(lesson);
    expect(sizeBytes).toBe(Buffer.byteLength(html));
    expect(sizeBytes).toBeLessThan(MAX_EXPORT_BYTES);
  });

  it('gives the same bytes for the same lesson', () => {
    expect(buildLessonExport(lesson).html).toBe(html);
  });

  it('has no player without a podcast', () => {
    expectNoSnippet(html, '<audio');
    expectNoSnippet(html, 'id="podcast"');
  });

  describe('with a podcast', () => {
    let withPodcast: string;
    let podcast: ExportPodcast;

    beforeAll(() => {
      podcast = fakePodcast(lesson);
      withPodcast = buildLessonExport(lesson, { podcast }).html;
    });

    it('embeds the audio as a data URI', () => {
      const base64 = Buffer.from(podcast.audio).toString('base64');
      expectSnippet(withPodcast, `src="data:audio/mpeg;base64,${base64}"`);
    });

    it('lists chapters with their start times', () => {
      expectSnippet(withPodcast, 'data-chapter-index="1" data-start-ms="61500"');
      expectSnippet(withPodcast, '<span class="clock">1:01</span>');
      expectSnippet(withPodcast, 'The problem &lt;b&gt;and&lt;/b&gt; its numbers');
    });

    it('links show notes to cards in the file only', () => {
      const firstId = lesson.cards[0].conceptId;
      expectSnippet(withPodcast, `<a href="#card-${firstId}">`);
      expectNoSnippet(withPodcast, 'href="/lessons/');
      expectSnippet(withPodcast, '<strong>Not in this lesson</strong>');
      expectSnippet(withPodcast, 'Summary &lt;i&gt;here&lt;/i&gt;');
    });

    it('shows the transcript as text without Markdown escapes', () => {
      expectSnippet(withPodcast, '**Host:** 2 * 3 &lt;b&gt; welcome');
    });

    it('leaves out audio of a type that is not audio', () => {
      const odd = buildLessonExport(lesson, {
        podcast: { ...podcast, mimeType: 'text/html' },
      }).html;
      expectNoSnippet(odd, '<audio');
    });
  });

  describe('with hostile problem text', () => {
    let hostile: string;

    beforeAll(() => {
      hostile = buildLessonExport(buildTestLesson(HOSTILE_PROBLEM, HOSTILE_CONSTRAINTS)).html;
    });

    it('contains exactly one script element, its own', () => {
      expect(hostile.match(/<script/gi)?.length).toBe(1);
    });

    it.each([
      ['an img element', /<img\s/i],
      ['an event handler', /<[^>]*\son[a-z]+\s*=/i],
      ['a javascript: link', /href="javascript:/i],
      ['an iframe', /<iframe/i],
      ['a base element', /<base/i],
      ['a refresh', /http-equiv="refresh"/i],
      ['a foreignObject', /<foreignObject/i],
      ['a style element', /<style>body \{/i],
      ['a Mermaid directive', /<[^>]*%%\{init/],
    ])('turns %s into text', (_name, forbidden) => {
      expect(firstMatch(bodyMarkup(hostile), forbidden)).toBeNull();
    });

    it('shows the problem as escaped text', () => {
      expectSnippet(
        hostile,
        'Train 7B on 8 A100 GPUs &lt;script&gt;window.__canary = &quot;script&quot;&lt;/script&gt;',
      );
      expectSnippet(hostile, '<title>Lesson: Train 7B on 8 A100 GPUs &lt;script&gt;');
    });
  });
});
