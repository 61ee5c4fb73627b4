// Service worker of the AI Infrastructure Learning System. It keeps the pages a learner visits,
// and the scripts and styles they use, so those pages load again without a network. The page
// registers it only while the "Keep visited lessons offline" setting is on, in
// components/OfflineToggle.tsx.
//
// Pages: network first, with the last copy as the fallback; a page never visited offline gets a
// short explanation with status 503. Build assets under /_next/static/ have content-hashed names,
// so they are served from the cache first. API calls and Next.js data requests are not touched.

const CACHE_PREFIX = 'infra-learn-';
const PAGES_CACHE = `${CACHE_PREFIX}pages-v1`;
const ASSETS_CACHE = `${CACHE_PREFIX}assets-v1`;
/** Maximum number of pages kept. The least recently stored go first. */
const MAX_PAGES = 60;
/** Maximum number of build assets kept. The least recently stored go first. */
const MAX_ASSETS = 400;
/** How long a page request may wait for the network before a stored copy is served, in ms. */
const NETWORK_TIMEOUT_MS = 4000;

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      const stale = names.filter(
        (name) => name.startsWith(CACHE_PREFIX) && name !== PAGES_CACHE && name !== ASSETS_CACHE,
      );
      await Promise.all(stale.map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;

  if (request.mode === 'navigate') {
    event.respondWith(networkFirstPage(request, event));
  } else if (url.pathname.startsWith('/_next/static/')) {
    event.respondWith(cacheFirstAsset(request));
  }
});

// The page that turns the setting on sends its own URL and the assets it has already loaded,
// which were fetched before this worker controlled it.
// The page that turns the setting off sends 'stop': from then on nothing is stored, and every
// cache of this worker is deleted, including one that a store still running re-creates.
let stopped = false;

self.addEventListener('message', (event) => {
  const data = event.data;
  if (data && data.type === 'stop') {
    stopped = true;
    event.waitUntil(deleteOwnCaches());
    return;
  }
  if (!data || data.type !== 'keep' || !Array.isArray(data.urls)) return;
  event.waitUntil(keepUrls(data.urls));
});

async function deleteOwnCaches() {
  const names = await caches.keys();
  await Promise.all(
    names.filter((name) => name.startsWith(CACHE_PREFIX)).map((name) => caches.delete(name)),
  );
}

async function keepUrls(urls) {
  for (const value of urls) {
    let url;
    try {
      url = new URL(value, self.location.origin);
    } catch {
      continue;
    }
    if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) continue;
    const isAsset = url.pathname.startsWith('/_next/static/');
    try {
      const response = await fetch(url.href, { credentials: 'same-origin' });
      if (isAsset) await store(ASSETS_CACHE, url.href, response, MAX_ASSETS);
      else if (isHtml(response)) await store(PAGES_CACHE, url.href, response, MAX_PAGES);
    } catch {
      // The request failed, so the URL is kept the next time it is visited instead.
    }
  }
}

async function networkFirstPage(request, event) {
  const key = pageKey(request.url);
  const network = fetch(request);
  // Registered at once, because waitUntil is refused once the response has been sent.
  event.waitUntil(
    network
      .then((response) =>
        isHtml(response) ? store(PAGES_CACHE, key, response.clone(), MAX_PAGES) : undefined,
      )
      .catch(() => undefined),
  );

  try {
    return await Promise.race([network, timeout(NETWORK_TIMEOUT_MS)]);
  } catch {
    const cached = await caches.match(key, { cacheName: PAGES_CACHE, ignoreVary: true });
    if (cached) return cached;
    try {
      return await network;
    } catch {
      return offlinePage();
    }
  }
}

async function cacheFirstAsset(request) {
  const cached = await caches.match(request, { cacheName: ASSETS_CACHE, ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await store(ASSETS_CACHE, request.url, response.clone(), MAX_ASSETS);
  return response;
}

/** Stores a successful response under `key`, dropping the oldest entries beyond `maxEntries`. */
async function store(cacheName, key, response, maxEntries) {
  if (stopped || !response.ok || response.status !== 200) return;
  const cache = await caches.open(cacheName);
  await cache.delete(key, { ignoreVary: true });
  await cache.put(key, response);
  if (stopped) {
    await caches.delete(cacheName);
    return;
  }
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - maxEntries))) await cache.delete(old);
}

/** Returns the URL a page is stored under: without its fragment, which never reaches a server. */
function pageKey(url) {
  return url.split('#')[0];
}

function isHtml(response) {
  return response.ok && (response.headers.get('content-type') || '').includes('text/html');
}

function timeout(ms) {
  return new Promise((_resolve, reject) => {
    setTimeout(() => reject(new Error(`network request timed out after ${ms} ms`)), ms);
  });
}

function offlinePage() {
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline</title></head>' +
    '<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">' +
    '<h1>You are offline</h1><p>This page was not saved for offline use. Lessons you visited while offline copies were on open without a network; this one needs the network once first.</p>' +
    '<p><a href="/">Home</a></p></body></html>';
  return new Response(html, {
    status: 503,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });
}
