'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { JobProgress } from '@/components/JobProgress';
import type { JobView } from '@/lib/queue/view';

export interface PodcastGenerateButtonProps {
  lessonId: string;
}

/**
 * "Generate podcast" button: starts the podcast job, shows its progress, and opens the player
 * when the job completes. After a failure the button works again and starts a new attempt.
 */
export function PodcastGenerateButton({ lessonId }: PodcastGenerateButtonProps) {
  const router = useRouter();
  const [jobId, setJobId] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  // A retry after a failure gets the same job id back, so the progress view is keyed by start.
  const [starts, setStarts] = useState(0);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      const response = await fetch(`/api/lessons/${encodeURIComponent(lessonId)}/podcast`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      const body = (await response.json().catch(() => ({}))) as {
        jobId?: string;
        error?: { message?: string };
      };
      if (!response.ok || !body.jobId) {
        setError(body.error?.message ?? `starting the podcast failed with HTTP ${response.status}`);
        return;
      }
      setJobId(body.jobId);
      setStarts((count) => count + 1);
      setRunning(true);
    } catch (caught) {
      setError(`could not reach the server: ${(caught as Error).message}`);
    } finally {
      setStarting(false);
    }
  };

  const onFinished = (job: JobView) => {
    if (job.state === 'completed' && job.resultUrl) router.push(job.resultUrl);
    else setRunning(false);
  };

  return (
    <div className="space-y-2">
      <button
        type="button"
        onClick={start}
        disabled={starting || running}
        className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:opacity-60"
      >
        {starting ? 'Starting…' : 'Generate podcast'}
      </button>
      {jobId && (
        <JobProgress
          key={`${jobId}-${starts}`}
          jobId={jobId}
          label="Generating the podcast"
          onFinished={onFinished}
        />
      )}
      {error && (
        <p role="alert" className="text-sm text-rose-800 dark:text-rose-200">
          {error}
        </p>
      )}
    </div>
  );
}
