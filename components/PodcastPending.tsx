'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** Time between two reloads of a podcast page whose audio is still being made, in ms. */
const REFRESH_INTERVAL_MS = 3_000;

/** Notice on a podcast page whose audio is still being generated; reloads the page until ready. */
export function PodcastPending() {
  const router = useRouter();

  useEffect(() => {
    const timer = setInterval(() => router.refresh(), REFRESH_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [router]);

  return (
    <p
      aria-live="polite"
      className="rounded-lg bg-amber-50 p-4 text-amber-900 dark:bg-amber-950 dark:text-amber-100"
    >
      The audio is still being generated. This page updates by itself when it is ready; the script
      below is final already.
    </p>
  );
}
