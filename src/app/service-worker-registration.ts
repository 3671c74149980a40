/** Registers the service worker (service-worker.js) of a production build, so the app works offline after its first load. */

/** Registers `sw.js` beside the page; does nothing in development or where service workers are missing. */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('./sw.js', { scope: './' }).catch((e: unknown) => console.warn('service worker not registered', e));
}
