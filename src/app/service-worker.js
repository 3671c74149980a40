/*
 * Worthmark's service worker: the app works offline after its first load.
 *
 * The build (vite.config.ts, plugin "worthmark-service-worker") puts two constants before this
 * code: PRECACHE, every file of the build (the app shell, its chunks, the pdf.js and search
 * workers, the sample), and VERSION, a hash of their contents. Policy:
 * - install: every file of the build is fetched into a cache named after the version; the new
 *   worker takes over at once (there is no server state to keep in step with);
 * - activate: caches of other versions are deleted;
 * - fetch: a GET of this origin is answered from the cache, else from the network (a navigation
 *   falls back to the cached index.html). Nothing else is touched: the app makes no other requests.
 */
/* global self, caches, PRECACHE, VERSION */
const CACHE = `worthmark-${VERSION}`;
const scope = new URL(self.registration.scope);

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((file) => new URL(file, scope).href)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('worthmark-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // ignoreVary: the server varies on Origin, which a module script request carries and the precache request did not.
      const hit = await cache.match(request, { ignoreSearch: true, ignoreVary: true });
      if (hit) return hit;
      try {
        return await fetch(request);
      } catch (err) {
        if (request.mode === 'navigate') {
          const shell = (await cache.match(new URL('index.html', scope).href, { ignoreVary: true })) ?? (await cache.match(scope.href, { ignoreVary: true }));
          if (shell) return shell;
        }
        throw err;
      }
    })(),
  );
});
