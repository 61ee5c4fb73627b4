'use client';

import { useEffect, useRef, useState } from 'react';

import type { JobView } from '@/lib/queue/view';

export interface JobProgressProps {
  /** Id returned when the job was started. */
  jobId: string;
  /** Description of the job, such as "Generating the podcast", also used as the bar's label. */
  label: string;
  /** Time between two status requests, in ms. Default 1,000. */
  pollIntervalMs?: number;
  /** Called once when the job completes or fails for good. */
  onFinished?: (job: JobView) => void;
}

/** HTTP statuses after which polling again cannot return a different result. */
const PERMANENT_HTTP_STATUSES = new Set([400, 404]);

/**
 * Progress bar for a background job, fed by polling `GET /api/jobs/[id]` until the job
 * completes or fails. Shows the result link or the error.
 */
export function JobProgress({
  jobId,
  label,
  pollIntervalMs = 1_000,
  onFinished,
}: JobProgressProps) {
  const [job, setJob] = useState<JobView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const onFinishedRef = useRef(onFinished);

  useEffect(() => {
    onFinishedRef.current = onFinished;
  }, [onFinished]);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const poll = async () => {
      const keepPolling = await fetchJob(
        jobId,
        controller.signal,
        setJob,
        setProblem,
        onFinishedRef,
      );
      if (keepPolling && !controller.signal.aborted) timer = setTimeout(poll, pollIntervalMs);
    };
    void poll();

    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [jobId, pollIntervalMs]);

  const progress = job?.progress ?? 0;
  return (
    <section
      aria-live="polite"
      className="space-y-2 rounded-lg border border-slate-300 p-4 dark:border-slate-700"
    >
      <div className="flex items-baseline justify-between gap-4 text-sm">
        <span className="font-medium">{label}</span>
        <span className="text-slate-600 dark:text-slate-400">{describeState(job)}</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress}
        data-state={job?.state ?? 'loading'}
        className="h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
      >
        <div
          className="h-full bg-blue-700 transition-[width] duration-300 motion-reduce:transition-none"
          style={{ width: `${progress}%` }}
        />
      </div>
      {job?.state === 'completed' && job.resultUrl && (
        <a
          href={job.resultUrl}
          className="inline-block text-sm font-medium text-blue-700 underline"
        >
          Open the result
        </a>
      )}
      {job?.state === 'delayed' && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Attempt {job.attemptsMade} of {job.maxAttempts} failed ({job.error}); retrying shortly.
        </p>
      )}
      {job?.state === 'failed' && (
        <p
          role="alert"
          className="rounded bg-rose-50 p-3 text-sm text-rose-900 dark:bg-rose-950 dark:text-rose-100"
        >
          Failed after {job.attemptsMade} of {job.maxAttempts} attempts: {job.error}
        </p>
      )}
      {problem && (
        <p
          role="alert"
          className="rounded bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          {problem}
        </p>
      )}
    </section>
  );
}

/** Fetches the job once and stores what it finds; returns whether to poll again. */
async function fetchJob(
  jobId: string,
  signal: AbortSignal,
  setJob: (job: JobView) => void,
  setProblem: (problem: string | null) => void,
  onFinishedRef: { current?: (job: JobView) => void },
): Promise<boolean> {
  try {
    const response = await fetch(`/api/jobs/${encodeURIComponent(jobId)}`, {
      signal,
      cache: 'no-store',
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
      setProblem(body.error?.message ?? `the server answered ${response.status}`);
      return !PERMANENT_HTTP_STATUSES.has(response.status);
    }
    const job = (await response.json()) as JobView;
    setProblem(null);
    setJob(job);
    if (job.state !== 'completed' && job.state !== 'failed') return true;
    onFinishedRef.current?.(job);
    return false;
  } catch (caught) {
    if (signal.aborted) return false;
    setProblem(`could not reach the server: ${(caught as Error).message}; retrying`);
    return true;
  }
}

function describeState(job: JobView | null): string {
  if (!job) return 'Checking…';
  switch (job.state) {
    case 'waiting':
      return 'Queued';
    case 'active':
      return `${job.progress}%`;
    case 'delayed':
      return 'Waiting to retry';
    case 'completed':
      return 'Done';
    case 'failed':
      return 'Failed';
  }
}
