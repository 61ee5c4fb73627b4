'use client';

import { useEffect, useRef, useState } from 'react';

import { chapterIndexAt, formatClock } from '@/lib/podcast/clock';
import type { Chapter } from '@/lib/podcast/types';

/** Playback speeds offered, as multiples of normal speed. */
const PLAYBACK_RATES = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;
/** localStorage key that keeps the chosen speed between episodes. */
const RATE_STORAGE_KEY = 'infra-learn:podcast-rate';

export interface PodcastPlayerProps {
  audioUrl: string;
  chapters: Chapter[];
  durationMs: number;
}

/**
 * Audio player with a chapter list: clicking a chapter seeks to it and plays, the chapter
 * playing now is highlighted as the audio advances, and a menu sets the playback speed.
 */
export function PodcastPlayer({ audioUrl, chapters, durationMs }: PodcastPlayerProps) {
  const audio = useRef<HTMLAudioElement>(null);
  const [currentIndex, setCurrentIndex] = useState(chapters.length > 0 ? 0 : -1);
  const [rate, setRate] = useState(1);

  useEffect(() => {
    const stored = Number(window.localStorage.getItem(RATE_STORAGE_KEY));
    if (!(PLAYBACK_RATES as readonly number[]).includes(stored)) return;
    if (audio.current) audio.current.playbackRate = stored;
    // Reading localStorage is only possible after hydration, so the first render uses 1.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setRate(stored);
  }, []);

  const updateChapter = () => {
    const element = audio.current;
    if (!element) return;
    setCurrentIndex(chapterIndexAt(chapters, element.currentTime * 1000));
  };

  const seekTo = (index: number) => {
    const element = audio.current;
    if (!element) return;
    element.currentTime = chapters[index].startMs / 1000;
    setCurrentIndex(index);
    void element.play().catch(() => {
      // Autoplay rules may refuse; the position is set and the learner can press play.
    });
  };

  const changeRate = (value: number) => {
    setRate(value);
    if (audio.current) audio.current.playbackRate = value;
    window.localStorage.setItem(RATE_STORAGE_KEY, String(value));
  };

  return (
    <section aria-label="Player" className="space-y-4">
      <div className="flex flex-wrap items-center gap-4 rounded-lg border border-slate-200 bg-slate-50 p-4 dark:border-slate-800 dark:bg-slate-900">
        <audio
          ref={audio}
          src={audioUrl}
          controls
          preload="metadata"
          className="min-w-64 flex-1"
          data-testid="podcast-audio"
          onTimeUpdate={updateChapter}
          onSeeked={updateChapter}
          onLoadedMetadata={() => {
            if (audio.current) audio.current.playbackRate = rate;
          }}
        >
          Your browser cannot play this audio; <a href={audioUrl}>download it</a> instead.
        </audio>
        <label className="flex items-center gap-2 text-sm">
          Speed
          <select
            value={rate}
            onChange={(event) => changeRate(Number(event.target.value))}
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-950"
          >
            {PLAYBACK_RATES.map((value) => (
              <option key={value} value={value}>
                {value}×
              </option>
            ))}
          </select>
        </label>
        <span className="text-sm text-slate-600 dark:text-slate-400">
          {formatClock(durationMs)} in total
        </span>
      </div>

      <nav aria-label="Chapters">
        <h2 className="mb-2 text-lg font-semibold">Chapters</h2>
        <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {chapters.map((chapter, index) => {
            const active = index === currentIndex;
            return (
              <li key={`${index}-${chapter.startMs}`}>
                <button
                  type="button"
                  onClick={() => seekTo(index)}
                  aria-current={active ? 'true' : undefined}
                  data-chapter-index={index}
                  data-active={active ? 'true' : 'false'}
                  className={`flex w-full items-baseline gap-4 border-l-4 px-4 py-2 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-700 dark:hover:bg-slate-800 ${
                    active
                      ? 'border-blue-700 bg-blue-50 font-semibold text-blue-900 dark:border-blue-400 dark:bg-blue-950 dark:text-blue-100'
                      : 'border-transparent'
                  }`}
                >
                  <span className="w-16 shrink-0 font-mono text-sm text-slate-600 tabular-nums dark:text-slate-400">
                    {formatClock(chapter.startMs)}
                  </span>
                  <span>{chapter.title}</span>
                  {active && <span className="sr-only">(playing)</span>}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
    </section>
  );
}
