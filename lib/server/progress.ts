/**
 * Server side of spaced repetition: reads the learner key, applies ratings through the
 * repository, and builds the due queue, the summary and the export. Every function reaches
 * only the rows of the learner key it is given.
 */

import type { Repository } from '../db/repository';
import type { Concept, Domain, Level } from '../knowledge/types';
import { learnerKeySchema, type RateRequest } from '../progress/input';
import { LEARNER_KEY_HEADER } from '../progress/learner-key';
import { computeRating, lockedConceptIds } from '../progress/rate';
import { formatInterval } from '../progress/format';
import { ratingForQuiz } from '../progress/ratings';
import { DAY_MS, previewDueTimes } from '../progress/scheduler';
import {
  dueProgress,
  nextDueTime,
  REVIEW_HISTORY_DAYS,
  summarizeProgress,
  type ProgressSummary,
} from '../progress/summary';
import { buildProgressFile, parseProgressFile, type ProgressFile } from '../progress/transfer';
import type {
  CardState,
  CardStateName,
  LearnerSource,
  ProgressStatus,
  RatingName,
} from '../progress/types';
import { learnerContext, type LearnerProgressContext } from '../progress/weak';
import { getCatalogue } from './catalogue';
import { ApiError } from './http';

/**
 * Returns the learner key from the `x-learner-key` header.
 * @throws ApiError 400 naming the header when it is missing or not a UUID.
 */
export function readLearnerKey(request: Request): string {
  const value = request.headers.get(LEARNER_KEY_HEADER);
  if (value === null || value.trim() === '') {
    throw new ApiError(
      400,
      'INVALID_INPUT',
      `${LEARNER_KEY_HEADER} header is missing: send this browser's learner key (a UUID)`,
      LEARNER_KEY_HEADER,
    );
  }
  const parsed = learnerKeySchema.safeParse(value.trim());
  if (!parsed.success) {
    throw new ApiError(400, 'INVALID_INPUT', parsed.error.issues[0].message, LEARNER_KEY_HEADER);
  }
  return parsed.data;
}

/** A prerequisite the graph credit rule changed, as the rating response reports it. */
export interface CreditView {
  conceptId: string;
  effect: 'extend' | 'check';
  dueBefore: string;
  dueAfter: string;
}

/** Response of `POST /api/review`. */
export interface RatingResult {
  conceptId: string;
  rating: RatingName;
  source: LearnerSource;
  /** Quiz score (0 to 1) when the rating came from a quiz. */
  quizScore?: number;
  status: ProgressStatus;
  state: CardStateName;
  reviewedAt: string;
  dueAt: string;
  /** Days until `dueAt`, 0 while the card is inside learning steps (minutes apart). */
  scheduledDays: number;
  credited: CreditView[];
}

/**
 * Time after a card's last own rating during which another rating of it is rejected while the
 * card is not yet due, in ms. It stops a burst of clicks from counting as several reviews,
 * because FSRS-6 raises stability on every same-day review. One "easy" gives a new card 8.3 days
 * of stability, and five in a row give it 42.8 (ts-fsrs 5.4.2 with the weights in
 * `scheduler.ts`). A due card is always accepted, so the rule never blocks a learning step.
 */
export const REPEAT_RATING_WINDOW_MS = 10 * 60_000;

export interface RateOptions {
  /** Repeat window in ms in place of REPEAT_RATING_WINDOW_MS. 0 accepts every rating. */
  repeatWindowMs?: number;
}

/**
 * Returns when a card may next be rated, in epoch ms, or undefined when a rating at `nowMs` is
 * accepted: the card has no own rating yet, is due, or was last rated `windowMs` or more ago.
 */
export function nextRatingAllowedMs(
  card: CardState | undefined,
  nowMs: number,
  windowMs: number = REPEAT_RATING_WINDOW_MS,
): number | undefined {
  if (card === undefined || card.lastReviewMs === null || windowMs <= 0) return undefined;
  if (card.dueMs <= nowMs) return undefined;
  const allowedMs = Math.min(card.lastReviewMs + windowMs, card.dueMs);
  return nowMs < allowedMs ? allowedMs : undefined;
}

function repeatRatingError(
  conceptId: string,
  card: CardState,
  nowMs: number,
  allowedMs: number,
  windowMs: number,
): ApiError {
  const ago = formatInterval(card.lastReviewMs ?? nowMs, nowMs);
  const wait = formatInterval(nowMs, allowedMs);
  const windowMinutes = windowMs / 60_000;
  return new ApiError(
    409,
    'RATED_RECENTLY',
    `concept ${conceptId} was already rated ${card.lastRating ?? 'once'} ${ago} ago; rate it ` +
      `again in ${wait} (at ${new Date(allowedMs).toISOString()}), because a card that is not ` +
      `due yet takes one rating per ${windowMinutes} minutes`,
    'conceptId',
    Math.ceil((allowedMs - nowMs) / 1000),
  );
}

/**
 * Applies a validated rating for the learner in one transaction, with graph credit for the
 * concept's direct prerequisites. The repeated-rating check runs inside that transaction, so of
 * two concurrent ratings of one card only the first is stored.
 * @throws ApiError 404 when the concept is not in the catalogue, and 409 RATED_RECENTLY when the
 * card is not due and had an own rating less than the repeat window ago.
 */
export async function rateConcept(
  repository: Repository,
  learnerKey: string,
  request: RateRequest,
  nowMs: number,
  options: RateOptions = {},
): Promise<RatingResult> {
  const windowMs = options.repeatWindowMs ?? REPEAT_RATING_WINDOW_MS;
  const concept = await findConcept(repository, request.conceptId);
  let rating: RatingName;
  let quizScore: number | undefined;
  if (request.source === 'quiz') {
    const outcome = ratingForQuiz(request.answers);
    rating = outcome.rating;
    quizScore = outcome.score;
  } else {
    rating = request.rating;
  }

  const ratingRequest = {
    concept: { id: concept.id, level: concept.level, prereqIds: concept.prereqIds },
    rating,
    source: request.source,
    quizScore,
    nowMs,
  };
  const change = await repository.updateProgress(
    learnerKey,
    lockedConceptIds(ratingRequest.concept),
    (current) => {
      const previous = current.get(concept.id)?.card;
      const allowedMs = nextRatingAllowedMs(previous, nowMs, windowMs);
      if (previous !== undefined && allowedMs !== undefined) {
        throw repeatRatingError(concept.id, previous, nowMs, allowedMs, windowMs);
      }
      return computeRating(ratingRequest, current);
    },
  );

  const [review, ...credits] = change.logs;
  const reviewed = change.progress[0];
  return {
    conceptId: concept.id,
    rating,
    source: request.source,
    ...(quizScore === undefined ? {} : { quizScore }),
    status: reviewed.status,
    state: reviewed.card.state,
    reviewedAt: new Date(review.reviewedAtMs).toISOString(),
    dueAt: new Date(reviewed.card.dueMs).toISOString(),
    scheduledDays: reviewed.card.scheduledDays,
    credited: credits.flatMap((entry) =>
      entry.detail.kind === 'credit'
        ? [
            {
              conceptId: entry.conceptId,
              effect: entry.detail.effect,
              dueBefore: new Date(entry.detail.dueBeforeMs).toISOString(),
              dueAfter: new Date(entry.detail.dueAfterMs).toISOString(),
            },
          ]
        : [],
    ),
  };
}

/** A due card as `GET /api/review` returns it: the concept to recall and its schedule. */
export interface DueCard {
  conceptId: string;
  title: string;
  domain: Domain;
  level: Level;
  summary: string;
  body: string;
  diagrams: string[];
  status: ProgressStatus;
  dueAt: string;
  /** Due time each rating would give, ISO 8601. */
  preview: Record<RatingName, string>;
}

/** Response of `GET /api/review`. */
export interface DueCards {
  /** Every card due now, even beyond the returned `cards`. */
  dueCount: number;
  /** Due cards, oldest due first, at most the requested limit. */
  cards: DueCard[];
  /** Earliest due time among cards not yet due, or null when none is scheduled. */
  nextDueAt: string | null;
  now: string;
}

/** Returns the learner's due cards at `nowMs`, oldest due first. */
export async function listDueCards(
  repository: Repository,
  learnerKey: string,
  nowMs: number,
  limit: number,
): Promise<DueCards> {
  const [concepts, progress] = await Promise.all([
    getCatalogue(repository),
    repository.listProgress(learnerKey),
  ]);
  const byId = new Map(concepts.map((concept) => [concept.id, concept]));
  const known = progress.filter((row) => byId.has(row.conceptId));
  const due = dueProgress(known, nowMs);

  const cards = due.slice(0, limit).map((row): DueCard => {
    const concept = byId.get(row.conceptId)!;
    const preview = previewDueTimes(row.card, nowMs);
    return {
      conceptId: concept.id,
      title: concept.title,
      domain: concept.domain,
      level: concept.level,
      summary: concept.summary,
      body: concept.body,
      diagrams: concept.diagrams,
      status: row.status,
      dueAt: new Date(row.card.dueMs).toISOString(),
      preview: {
        again: new Date(preview.again).toISOString(),
        hard: new Date(preview.hard).toISOString(),
        good: new Date(preview.good).toISOString(),
        easy: new Date(preview.easy).toISOString(),
      },
    };
  });
  return {
    dueCount: due.length,
    cards,
    nextDueAt: nextDueTime(known, nowMs),
    now: new Date(nowMs).toISOString(),
  };
}

/** Returns the progress page's summary for the learner at `nowMs`. */
export async function summarizeLearner(
  repository: Repository,
  learnerKey: string,
  nowMs: number,
  utcOffsetMinutes: number,
): Promise<ProgressSummary> {
  // One extra day covers the first local day of the history at any UTC offset.
  const sinceMs = nowMs - (REVIEW_HISTORY_DAYS + 1) * DAY_MS;
  const [concepts, progress, logs] = await Promise.all([
    getCatalogue(repository),
    repository.listProgress(learnerKey),
    repository.listReviewLogs(learnerKey, sinceMs),
  ]);
  return summarizeProgress({ concepts, progress, logs, nowMs, utcOffsetMinutes });
}

/** Returns the learner's export file: every progress row and the whole review log. */
export async function exportProgress(
  repository: Repository,
  learnerKey: string,
  nowMs: number,
): Promise<ProgressFile> {
  const [progress, logs] = await Promise.all([
    repository.listProgress(learnerKey),
    repository.listReviewLogs(learnerKey),
  ]);
  return buildProgressFile(progress, logs, nowMs);
}

/** Counts of the rows an import stored. */
export interface ImportResult {
  cards: number;
  reviewLogEntries: number;
}

/**
 * Validates a progress file and, only when all of it is valid, replaces the learner's progress
 * and review log with it in one transaction.
 * @throws ApiError 400 naming the first problem's path, with the number of problems found.
 */
export async function importProgress(
  repository: Repository,
  learnerKey: string,
  file: unknown,
): Promise<ImportResult> {
  const concepts = await getCatalogue(repository);
  const result = parseProgressFile(file, new Set(concepts.map((concept) => concept.id)));
  if (!result.ok) {
    const [first] = result.problems;
    const more = result.problemCount > 1 ? ` (and ${result.problemCount - 1} more problems)` : '';
    throw new ApiError(
      400,
      'INVALID_PROGRESS_FILE',
      `${first.path}: ${first.message}${more}; nothing was imported`,
      first.path,
    );
  }
  await repository.replaceProgress(learnerKey, result.change);
  return { cards: result.change.progress.length, reviewLogEntries: result.change.logs.length };
}

/** Returns the learner's weak and mastered concepts at `nowMs` for lesson selection. */
export async function loadLearnerContext(
  repository: Repository,
  learnerKey: string,
  nowMs: number,
): Promise<LearnerProgressContext> {
  return learnerContext(await repository.listProgress(learnerKey), nowMs);
}

async function findConcept(repository: Repository, conceptId: string): Promise<Concept> {
  const concepts = await getCatalogue(repository);
  const concept = concepts.find((candidate) => candidate.id === conceptId);
  if (!concept) {
    throw new ApiError(404, 'NOT_FOUND', `no concept with id "${conceptId}"`, 'conceptId');
  }
  return concept;
}
