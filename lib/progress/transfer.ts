/**
 * Progress export and import: a versioned JSON file that moves a learner's cards and review
 * log between browsers. Times in the file are ISO 8601 strings. Importing validates the whole
 * file first, so a bad file changes nothing and every problem is reported with its path.
 */

import { z } from 'zod';

import { describeValue } from './describe';
import { MAX_STORED_SCORES } from './rate';
import { FSRS_WEIGHTS, MAXIMUM_INTERVAL_DAYS, REQUEST_RETENTION } from './scheduler';
import { progressStatus } from './status';
import {
  CARD_STATES,
  PROGRESS_STATUSES,
  RATING_NAMES,
  REVIEW_SOURCES,
  type CardState,
  type ConceptProgress,
  type ProgressChange,
  type ReviewLogEntry,
} from './types';

/** Value of the file's `format` field. */
export const PROGRESS_FILE_FORMAT = 'infra-learn-progress';
/** Version this code writes and reads. */
export const PROGRESS_FILE_VERSION = 1;
/** Largest import file, in bytes. */
export const PROGRESS_FILE_MAX_BYTES = 8 * 1024 * 1024;
/** Most progress rows one file may hold. */
export const PROGRESS_FILE_MAX_CARDS = 10_000;
/** Most review log entries one file may hold. */
export const PROGRESS_FILE_MAX_LOGS = 25_000;
/** Problems an import reports at most; the rest are counted. */
const MAX_REPORTED_PROBLEMS = 10;

const isoTime = z.iso.datetime({
  offset: true,
  error: (issue) =>
    `expected an ISO 8601 time such as 2026-12-04T12:00:00.000Z, got ${describeValue(issue.input)}`,
});

const cardSchema = z.object({
  due: isoTime,
  stability: z.number().finite().min(0),
  difficulty: z.number().finite().min(0).max(10),
  scheduledDays: z.number().finite().min(0),
  learningSteps: z.number().int().min(0),
  reps: z.number().int().min(0),
  lapses: z.number().int().min(0),
  state: z.enum(CARD_STATES),
  lastReview: isoTime.nullable(),
  lastRating: z.enum(RATING_NAMES).nullable(),
  creditedDays: z.number().finite().min(0),
});

const progressEntrySchema = z.object({
  conceptId: z.string().min(1).max(64),
  status: z.enum(PROGRESS_STATUSES),
  scores: z.array(z.number().min(0).max(1)).max(MAX_STORED_SCORES),
  updatedAt: isoTime,
  card: cardSchema,
});

const reviewDetailSchema = z.object({
  kind: z.literal('review'),
  stateBefore: z.enum(CARD_STATES),
  dueBefore: isoTime,
  stabilityAfter: z.number().finite().min(0),
  difficultyAfter: z.number().finite().min(0).max(10),
  elapsedDays: z.number().int().min(0),
  scheduledDays: z.number().finite().min(0),
  dueAfter: isoTime,
  quizScore: z.number().min(0).max(1).optional(),
});

const creditDetailSchema = z.object({
  kind: z.literal('credit'),
  fromConceptId: z.string().min(1).max(64),
  effect: z.enum(['extend', 'check']),
  shiftDays: z.number().finite(),
  dueBefore: isoTime,
  dueAfter: isoTime,
});

const logEntrySchema = z.object({
  conceptId: z.string().min(1).max(64),
  rating: z.enum(RATING_NAMES),
  source: z.enum(REVIEW_SOURCES),
  reviewedAt: isoTime,
  detail: z.discriminatedUnion('kind', [reviewDetailSchema, creditDetailSchema]),
});

/** Schema of a progress file. Field checks only; `parseProgressFile` adds the cross-checks. */
export const progressFileSchema = z.object({
  format: z.literal(PROGRESS_FILE_FORMAT, {
    error: (issue) =>
      `expected "${PROGRESS_FILE_FORMAT}", got ${describeValue(issue.input)}: this is not a progress export`,
  }),
  version: z.literal(PROGRESS_FILE_VERSION, {
    error: (issue) =>
      `unsupported version ${describeValue(issue.input)}: this app reads version ${PROGRESS_FILE_VERSION}`,
  }),
  exportedAt: isoTime,
  scheduler: z
    .object({
      fsrsWeights: z.array(z.number()),
      requestRetention: z.number(),
      maximumIntervalDays: z.number(),
    })
    .optional(),
  progress: z.array(progressEntrySchema).max(PROGRESS_FILE_MAX_CARDS),
  reviewLogs: z.array(logEntrySchema).max(PROGRESS_FILE_MAX_LOGS),
});

export type ProgressFile = z.infer<typeof progressFileSchema>;

/** One problem found in an import file, with the JSON path of the offending value. */
export interface ProgressFileProblem {
  path: string;
  message: string;
}

export type ProgressFileResult =
  | { ok: true; change: ProgressChange }
  | { ok: false; problems: ProgressFileProblem[]; problemCount: number };

/** Builds the export file of a learner's rows and log (the log in the order it was written). */
export function buildProgressFile(
  progress: readonly ConceptProgress[],
  logs: readonly ReviewLogEntry[],
  nowMs: number,
): ProgressFile {
  return {
    format: PROGRESS_FILE_FORMAT,
    version: PROGRESS_FILE_VERSION,
    exportedAt: iso(nowMs),
    scheduler: {
      fsrsWeights: [...FSRS_WEIGHTS],
      requestRetention: REQUEST_RETENTION,
      maximumIntervalDays: MAXIMUM_INTERVAL_DAYS,
    },
    progress: progress.map((row) => ({
      conceptId: row.conceptId,
      status: row.status,
      scores: [...row.scores],
      updatedAt: iso(row.updatedAtMs),
      card: cardToFile(row.card),
    })),
    reviewLogs: logs.map(logToFile),
  };
}

/**
 * Validates a parsed JSON value as a progress file and converts it to the rows to store.
 * Besides the schema, checks that every concept id is in `knownConceptIds`, that no concept
 * appears twice, and that each card is consistent (a card with reviews is not new, lapses do
 * not exceed reviews). Statuses are recomputed from the cards.
 */
export function parseProgressFile(
  value: unknown,
  knownConceptIds: ReadonlySet<string>,
): ProgressFileResult {
  const parsed = progressFileSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
    }));
    return report(problems);
  }

  const file = parsed.data;
  const problems: ProgressFileProblem[] = [];
  const seen = new Set<string>();
  file.progress.forEach((entry, index) => {
    const path = `progress[${index}]`;
    if (!knownConceptIds.has(entry.conceptId)) {
      problems.push({ path: `${path}.conceptId`, message: `unknown concept "${entry.conceptId}"` });
    }
    if (seen.has(entry.conceptId)) {
      problems.push({
        path: `${path}.conceptId`,
        message: `concept "${entry.conceptId}" appears twice`,
      });
    }
    seen.add(entry.conceptId);
    problems.push(...cardProblems(entry.card, `${path}.card`));
  });
  file.reviewLogs.forEach((entry, index) => {
    const path = `reviewLogs[${index}]`;
    if (!knownConceptIds.has(entry.conceptId)) {
      problems.push({ path: `${path}.conceptId`, message: `unknown concept "${entry.conceptId}"` });
    }
    const isCredit = entry.detail.kind === 'credit';
    if (isCredit !== (entry.source === 'graph-credit')) {
      problems.push({
        path: `${path}.source`,
        message: `source "${entry.source}" does not match a detail of kind "${entry.detail.kind}"`,
      });
    }
  });
  if (problems.length > 0) return report(problems);

  // NOTE: cards are stored as the file gives them, without replaying the file's review log, so a
  // hand-edited file can hold cards that its log does not explain.
  return {
    ok: true,
    change: {
      progress: file.progress.map((entry) => {
        const card = cardFromFile(entry.card);
        return {
          conceptId: entry.conceptId,
          card,
          status: progressStatus(card),
          scores: entry.scores,
          updatedAtMs: Date.parse(entry.updatedAt),
        };
      }),
      logs: file.reviewLogs.map(logFromFile),
    },
  };
}

function cardProblems(
  card: ProgressFile['progress'][number]['card'],
  path: string,
): ProgressFileProblem[] {
  const problems: ProgressFileProblem[] = [];
  if (card.lapses > card.reps) {
    problems.push({
      path: `${path}.lapses`,
      message: `lapses (${card.lapses}) exceed reps (${card.reps})`,
    });
  }
  if ((card.reps === 0) !== (card.state === 'new')) {
    problems.push({
      path: `${path}.state`,
      message: `state "${card.state}" does not fit ${card.reps} reviews: only a card without reviews is new`,
    });
  }
  if ((card.reps === 0) !== (card.lastReview === null)) {
    problems.push({
      path: `${path}.lastReview`,
      message: 'lastReview must be null exactly when the card has no reviews',
    });
  }
  if (card.reps > 0 && (card.stability <= 0 || card.difficulty < 1)) {
    problems.push({
      path: `${path}.stability`,
      message: `a reviewed card needs stability above 0 and difficulty from 1 to 10, got ${card.stability} and ${card.difficulty}`,
    });
  }
  return problems;
}

function report(problems: ProgressFileProblem[]): ProgressFileResult {
  return {
    ok: false,
    problems: problems.slice(0, MAX_REPORTED_PROBLEMS),
    problemCount: problems.length,
  };
}

function cardToFile(card: CardState): ProgressFile['progress'][number]['card'] {
  return {
    due: iso(card.dueMs),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduledDays,
    learningSteps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.lastReviewMs === null ? null : iso(card.lastReviewMs),
    lastRating: card.lastRating,
    creditedDays: card.creditedDays,
  };
}

function cardFromFile(card: ProgressFile['progress'][number]['card']): CardState {
  return {
    dueMs: Date.parse(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduledDays,
    learningSteps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReviewMs: card.lastReview === null ? null : Date.parse(card.lastReview),
    lastRating: card.lastRating,
    creditedDays: card.creditedDays,
  };
}

function logToFile(entry: ReviewLogEntry): ProgressFile['reviewLogs'][number] {
  const { detail } = entry;
  const base = {
    conceptId: entry.conceptId,
    rating: entry.rating,
    source: entry.source,
    reviewedAt: iso(entry.reviewedAtMs),
  };
  if (detail.kind === 'credit') {
    return {
      ...base,
      detail: {
        kind: 'credit',
        fromConceptId: detail.fromConceptId,
        effect: detail.effect,
        shiftDays: detail.shiftDays,
        dueBefore: iso(detail.dueBeforeMs),
        dueAfter: iso(detail.dueAfterMs),
      },
    };
  }
  return {
    ...base,
    detail: {
      kind: 'review',
      stateBefore: detail.stateBefore,
      dueBefore: iso(detail.dueBeforeMs),
      stabilityAfter: detail.stabilityAfter,
      difficultyAfter: detail.difficultyAfter,
      elapsedDays: detail.elapsedDays,
      scheduledDays: detail.scheduledDays,
      dueAfter: iso(detail.dueAfterMs),
      ...(detail.quizScore === undefined ? {} : { quizScore: detail.quizScore }),
    },
  };
}

function logFromFile(entry: ProgressFile['reviewLogs'][number]): ReviewLogEntry {
  const { detail } = entry;
  const base = {
    conceptId: entry.conceptId,
    rating: entry.rating,
    source: entry.source,
    reviewedAtMs: Date.parse(entry.reviewedAt),
  };
  if (detail.kind === 'credit') {
    return {
      ...base,
      detail: {
        kind: 'credit',
        fromConceptId: detail.fromConceptId,
        effect: detail.effect,
        shiftDays: detail.shiftDays,
        dueBeforeMs: Date.parse(detail.dueBefore),
        dueAfterMs: Date.parse(detail.dueAfter),
      },
    };
  }
  return {
    ...base,
    detail: {
      kind: 'review',
      stateBefore: detail.stateBefore,
      dueBeforeMs: Date.parse(detail.dueBefore),
      stabilityAfter: detail.stabilityAfter,
      difficultyAfter: detail.difficultyAfter,
      elapsedDays: detail.elapsedDays,
      scheduledDays: detail.scheduledDays,
      dueAfterMs: Date.parse(detail.dueAfter),
      ...(detail.quizScore === undefined ? {} : { quizScore: detail.quizScore }),
    },
  };
}

function iso(timeMs: number): string {
  return new Date(timeMs).toISOString();
}

/** Formats a zod issue path as `progress[3].card.due`. */
function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text || 'file';
}
