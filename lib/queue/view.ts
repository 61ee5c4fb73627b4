import type { JobState, JobStatus } from './types';

/** Body of the `GET /api/jobs/[id]` response for one job. */
export interface JobView {
  id: string;
  kind: string;
  state: JobState;
  /** Whole percent from 0 to 100. */
  progress: number;
  attemptsMade: number;
  maxAttempts: number;
  /** Site-relative link to the stored result; present once the job has completed. */
  resultUrl?: string;
  /** Reason the job failed, or the reason its last attempt failed while it waits to retry. */
  error?: string;
}

/** Returns the public view of a job, leaving out internal fields such as the payload. */
export function toJobView(status: JobStatus): JobView {
  const view: JobView = {
    id: status.id,
    kind: status.kind,
    state: status.state,
    progress: status.progress,
    attemptsMade: status.attemptsMade,
    maxAttempts: status.maxAttempts,
  };
  if (status.state === 'completed' && status.result?.url) view.resultUrl = status.result.url;
  if (status.error !== undefined && status.state !== 'completed') view.error = status.error;
  return view;
}
