'use client';

import { useEffect, useState } from 'react';

/** localStorage key of the setting; the value `on` enables the service worker. */
export const OFFLINE_SETTING_KEY = 'infra-learn:offline';
/** Prefix of the service worker's cache names, so turning the setting off can delete them. */
const CACHE_PREFIX = 'infra-learn-';
const SERVICE_WORKER_URL = '/sw.js';

type Status = 'unsupported' | 'off' | 'starting' | 'on' | 'failed';

const STATUS_TEXT: Record<Status, string> = {
  unsupported: 'This browser cannot keep pages offline.',
  off: 'Offline copies are off.',
  starting: 'Turning offline copies on…',
  on: 'Lessons you visit are kept for offline use.',
  failed: 'Changing the offline setting failed; reload the page and try again.',
};

/**
 * Renders the settings switch of the optional service worker that keeps visited lessons
 * available offline. It is off until the learner turns it on, and the choice is kept in
 * localStorage. Turning it off unregisters the worker and deletes its caches.
 */
export function OfflineToggle() {
  const [status, setStatus] = useState<Status>('off');

  useEffect(() => {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) {
      // Feature detection needs the browser, so it runs after hydration.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setStatus('unsupported');
      return;
    }
    if (window.localStorage.getItem(OFFLINE_SETTING_KEY) !== 'on') return;
    setStatus('on');
    // Registering again on each load lets an updated worker replace the old one.
    navigator.serviceWorker.register(SERVICE_WORKER_URL).catch(() => setStatus('failed'));
  }, []);

  const turnOn = async () => {
    setStatus('starting');
    try {
      await navigator.serviceWorker.register(SERVICE_WORKER_URL);
      const registration = await navigator.serviceWorker.ready;
      window.localStorage.setItem(OFFLINE_SETTING_KEY, 'on');
      registration.active?.postMessage({ type: 'keep', urls: urlsOfThisPage() });
      setStatus('on');
    } catch {
      setStatus('failed');
    }
  };

  const turnOff = async () => {
    window.localStorage.removeItem(OFFLINE_SETTING_KEY);
    setStatus('off');
    try {
      const registrations = await navigator.serviceWorker.getRegistrations();
      // An active worker keeps serving this page until it reloads; tell it to stop storing.
      for (const registration of registrations) registration.active?.postMessage({ type: 'stop' });
      await Promise.all(registrations.map((registration) => registration.unregister()));
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith(CACHE_PREFIX)).map((name) => caches.delete(name)),
      );
    } catch {
      setStatus('failed');
    }
  };

  const checked = status === 'on' || status === 'starting';
  return (
    <label className="flex items-center gap-2 text-sm" title={STATUS_TEXT[status]}>
      <input
        type="checkbox"
        checked={checked}
        disabled={status === 'unsupported' || status === 'starting'}
        onChange={(event) => void (event.target.checked ? turnOn() : turnOff())}
        data-testid="offline-toggle"
        data-status={status}
      />
      Keep visited lessons offline
      <span className="sr-only" role="status">
        {STATUS_TEXT[status]}
      </span>
    </label>
  );
}

/** Returns this page's URL and the build assets it loaded before the worker controlled it. */
function urlsOfThisPage(): string[] {
  const assets = performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => new URL(url).pathname.startsWith('/_next/static/'));
  return [window.location.href, ...assets];
}
