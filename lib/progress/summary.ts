/**
 * Progress summary for the progress page: status counts by domain, own reviews per day, the
 * forecast of due cards, and the weak concepts. Days are the learner's local calendar days,
 * given as an offset from UTC.
 */

import type { Domain } from '../knowledge/types';
import { DOMAINS } from '../knowledge/types';
import { DAY_MS } from './scheduler';
import type { ConceptProgress, ProgressStatus, RatingName, ReviewLogEntry } from './types';
import { findWeakConcepts, type WeakConcept } from './weak';

/** Days the reviews-per-day chart covers, today included. */
export const REVIEW_HISTORY_DAYS = 30;
/** Days the due forecast covers, today included. */
export const FORECAST_DAYS = 30;
/** Largest UTC offset a time zone has, in minutes (UTC+14:00). */
export const MAX_UTC_OFFSET_MINUTES = 14 * 60;

/** The fields of a concept the summary reads. */
export interface SummaryConcept {
  id: string;
  title: string;
  domain: Domain;
}

export type StatusCounts = Record<ProgressStatus, number>;

export interface DomainMastery extends StatusCounts {
  domain: Domain;
  total: number;
}

export interface ReviewDay extends Record<RatingName, number> {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
}

export interface ForecastDay {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  /** Cards due that day; today's count includes every overdue card. */
  due: number;
}

export interface WeakConceptView extends WeakConcept {
  title: string;
  domain: Domain;
}

export interface ProgressSummary {
  generatedAt: string;
  /** Status counts over the whole catalogue; concepts without a card count as new. */
  totals: StatusCounts;
  byDomain: DomainMastery[];
  reviewsPerDay: ReviewDay[];
  forecast: ForecastDay[];
  dueNow: number;
  /** Earliest due time among cards not yet due, ISO 8601, or null when none is scheduled. */
  nextDueAt: string | null;
  weak: WeakConceptView[];
}

export interface SummaryInput {
  concepts: readonly SummaryConcept[];
  progress: readonly ConceptProgress[];
  /** The learner's log entries of at least the last `REVIEW_HISTORY_DAYS` days. */
  logs: readonly ReviewLogEntry[];
  nowMs: number;
  /** Learner's local time minus UTC, in minutes (60 for UTC+01:00). */
  utcOffsetMinutes: number;
}

/**
 * Builds the progress page's summary. Progress rows for concepts no longer in the catalogue are
 * left out.
 */
export function summarizeProgress(input: SummaryInput): ProgressSummary {
  const { concepts, nowMs } = input;
  const byId = new Map(concepts.map((concept) => [concept.id, concept]));
  const progress = input.progress.filter((row) => byId.has(row.conceptId));
  const offsetMs = input.utcOffsetMinutes * 60_000;

  const weak = findWeakConcepts(progress, nowMs).map((entry) => {
    const concept = byId.get(entry.conceptId)!;
    return { ...entry, title: concept.title, domain: concept.domain };
  });

  return {
    generatedAt: new Date(nowMs).toISOString(),
    ...countStatuses(concepts, progress),
    reviewsPerDay: countReviewsPerDay(input.logs, nowMs, offsetMs),
    forecast: forecastDue(progress, nowMs, offsetMs),
    dueNow: progress.filter((row) => row.card.dueMs <= nowMs).length,
    nextDueAt: nextDueTime(progress, nowMs),
    weak,
  };
}

/** Returns the due rows at `nowMs`, oldest due first (ties by concept id). */
export function dueProgress(
  progress: readonly ConceptProgress[],
  nowMs: number,
): ConceptProgress[] {
  return progress
    .filter((row) => row.card.dueMs <= nowMs)
    .sort((a, b) => a.card.dueMs - b.card.dueMs || (a.conceptId < b.conceptId ? -1 : 1));
}

/** Returns the earliest due time after `nowMs`, ISO 8601, or null when nothing is scheduled. */
export function nextDueTime(progress: readonly ConceptProgress[], nowMs: number): string | null {
  let nextMs = Number.POSITIVE_INFINITY;
  for (const row of progress) {
    if (row.card.dueMs > nowMs) nextMs = Math.min(nextMs, row.card.dueMs);
  }
  return Number.isFinite(nextMs) ? new Date(nextMs).toISOString() : null;
}

function emptyCounts(): StatusCounts {
  return { new: 0, learning: 0, review: 0, mastered: 0 };
}

function countStatuses(
  concepts: readonly SummaryConcept[],
  progress: readonly ConceptProgress[],
): { totals: StatusCounts; byDomain: DomainMastery[] } {
  const statusById = new Map(progress.map((row) => [row.conceptId, row.status]));
  const totals = emptyCounts();
  const domains = new Map<Domain, DomainMastery>();
  for (const concept of concepts) {
    const status = statusById.get(concept.id) ?? 'new';
    totals[status] += 1;
    const entry = domains.get(concept.domain) ?? {
      domain: concept.domain,
      total: 0,
      ...emptyCounts(),
    };
    entry[status] += 1;
    entry.total += 1;
    domains.set(concept.domain, entry);
  }
  const byDomain = DOMAINS.filter((domain) => domains.has(domain)).map((domain) =>
    domains.get(domain)!,
  );
  return { totals, byDomain };
}

function countReviewsPerDay(
  logs: readonly ReviewLogEntry[],
  nowMs: number,
  offsetMs: number,
): ReviewDay[] {
  const today = localDayIndex(nowMs, offsetMs);
  const firstDay = today - (REVIEW_HISTORY_DAYS - 1);
  const days: ReviewDay[] = [];
  for (let day = firstDay; day <= today; day += 1) {
    days.push({ date: dayLabel(day), again: 0, hard: 0, good: 0, easy: 0 });
  }
  for (const entry of logs) {
    if (entry.source === 'graph-credit') continue;
    const day = localDayIndex(entry.reviewedAtMs, offsetMs);
    if (day < firstDay || day > today) continue;
    days[day - firstDay][entry.rating] += 1;
  }
  return days;
}

function forecastDue(
  progress: readonly ConceptProgress[],
  nowMs: number,
  offsetMs: number,
): ForecastDay[] {
  const today = localDayIndex(nowMs, offsetMs);
  const days: ForecastDay[] = [];
  for (let offset = 0; offset < FORECAST_DAYS; offset += 1) {
    days.push({ date: dayLabel(today + offset), due: 0 });
  }
  for (const row of progress) {
    const offset = Math.max(0, localDayIndex(row.card.dueMs, offsetMs) - today);
    if (offset < FORECAST_DAYS) days[offset].due += 1;
  }
  return days;
}

/**
 * Returns the number of whole local days since 1970-01-01 at a UTC offset.
 * NOTE: one offset serves the whole 30-day range, so near a daylight-saving change a review
 * within an hour of midnight can land on the neighbouring day.
 */
function localDayIndex(timeMs: number, offsetMs: number): number {
  return Math.floor((timeMs + offsetMs) / DAY_MS);
}

function dayLabel(dayIndex: number): string {
  return new Date(dayIndex * DAY_MS).toISOString().slice(0, 10);
}
