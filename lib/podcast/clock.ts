/** Formats a time in ms as m:ss, or h:mm:ss from one hour, rounding down to the second. */
export function formatClock(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}

/**
 * Returns the index of the chapter playing at `timeMs`: the last one that starts at or before
 * it, or -1 before the first chapter.
 */
export function chapterIndexAt(chapters: readonly { startMs: number }[], timeMs: number): number {
  let current = -1;
  for (let index = 0; index < chapters.length; index += 1) {
    if (chapters[index].startMs <= timeMs) current = index;
  }
  return current;
}
