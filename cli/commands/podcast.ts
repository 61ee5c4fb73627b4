import { randomUUID } from 'node:crypto';

import { getConfig } from '../../lib/config';
import type { Repository } from '../../lib/db/repository';
import { getLogger } from '../../lib/logger';
import { formatClock } from '../../lib/podcast/clock';
import type { PodcastProgress } from '../../lib/podcast/generate';
import { podcastSummary, producePodcast } from '../../lib/podcast/produce';
import { PROVIDER_NAMES, type ProviderName } from '../../lib/podcast/types';
import { isLessonId } from '../../lib/server/lessons';
import type { CliOptions } from '../main';
import { printJson, writeStdout } from '../output';
import { UsageError } from '../usage';

/** Characters of the progress bar between its brackets. */
const BAR_WIDTH = 30;
/** Without a terminal, a progress line is written every this many percent. */
const PLAIN_PROGRESS_STEP_PERCENT = 10;

/**
 * Synthesises and stores the podcast of a stored lesson, showing a progress bar on stderr, then
 * prints its id, provider, duration, chapters and show notes (`--json`) or a short summary.
 */
export async function podcastCommand(
  lessonId: string,
  options: CliOptions,
  openRepository: () => Promise<Repository>,
): Promise<void> {
  if (!isLessonId(lessonId)) {
    throw new UsageError(
      `invalid lesson id "${lessonId.slice(0, 80)}": expected a UUID as printed by the lesson command`,
    );
  }
  const requested = parseProvider(options.provider);

  const repository = await openRepository();
  const lesson = await repository.getLesson(lessonId);
  if (!lesson)
    throw new Error(
      `no lesson with id "${lessonId}"; create one with: infra-learn lesson "<problem>"`,
    );

  const progress = createProgressBar();
  let podcast;
  try {
    ({ podcast } = await producePodcast(repository, lesson, {
      id: randomUUID(),
      requested,
      settings: getConfig(),
      logger: getLogger().child({ lessonId }),
      onProgress: progress.update,
    }));
  } finally {
    progress.end();
  }

  if (options.json) return printJson(podcastSummary(podcast));
  const lines = [
    `Podcast ${podcast.id} (${formatClock(podcast.durationMs ?? 0)}, ${podcast.provider})`,
    '',
    'Chapters:',
    ...podcast.chapters.map((chapter) => `  ${formatClock(chapter.startMs)}  ${chapter.title}`),
    '',
    `Play it at /podcasts/${podcast.id} in the web app.`,
  ];
  return writeStdout(`${lines.join('\n')}\n`);
}

function parseProvider(value: string | undefined): ProviderName | undefined {
  if (value === undefined) return undefined;
  if ((PROVIDER_NAMES as readonly string[]).includes(value)) return value as ProviderName;
  throw new UsageError(`invalid --provider "${value}": expected stub, espeak, azure or elevenlabs`);
}

/**
 * Returns a progress reporter on stderr: a bar redrawn in place on a terminal, otherwise one
 * line per `PLAIN_PROGRESS_STEP_PERCENT`, so logs of a non-interactive run stay short.
 */
function createProgressBar(): { update: (progress: PodcastProgress) => void; end: () => void } {
  const interactive = process.stderr.isTTY === true;
  let lastPercent = -1;
  let drawn = false;

  const update = (progress: PodcastProgress) => {
    const percent = Math.floor(progress.fraction * 100);
    if (percent === lastPercent) return;
    if (!interactive && percent < 100 && percent - lastPercent < PLAIN_PROGRESS_STEP_PERCENT)
      return;
    lastPercent = percent;
    const filled = Math.round((percent / 100) * BAR_WIDTH);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
    const text = `${bar} ${String(percent).padStart(3)}% ${progress.provider}: ${progress.completedLines}/${progress.totalLines} lines`;
    process.stderr.write(interactive ? `\r${text}` : `${text}\n`);
    drawn = true;
  };
  const end = () => {
    if (interactive && drawn) process.stderr.write('\n');
  };
  return { update, end };
}
