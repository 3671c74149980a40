/** Hash routes: the app is a static bundle, so the location hash carries the screen. */
import { useEffect, useState } from 'react';

/** A screen and its parameters. */
export type Route =
  | { screen: 'library' }
  | { screen: 'search' }
  | { screen: 'reader'; documentId?: string; start?: number; end?: number; fragmentId?: string }
  | { screen: 'tally' }
  | { screen: 'codebook' }
  | { screen: 'review' }
  | { screen: 'agreement' }
  | { screen: 'settings' };

/** Reads a route from a location hash. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  const params = new URLSearchParams(query);
  const num = (k: string) => {
    const v = params.get(k);
    return v === null || !/^\d+$/.test(v) ? undefined : Number(v);
  };
  switch (parts[0]) {
    case 'search':
      return { screen: 'search' };
    case 'tally':
      return { screen: 'tally' };
    case 'settings':
      return { screen: 'settings' };
    case 'codebook':
      return { screen: 'codebook' };
    case 'agreement':
      return { screen: 'agreement' };
    case 'review':
      return { screen: 'review' };
    case 'reader':
      return {
        screen: 'reader',
        documentId: parts[1] ? decodeURIComponent(parts[1]) : undefined,
        start: num('start'),
        end: num('end'),
        fragmentId: params.get('fragment') ?? undefined,
      };
    default:
      return { screen: 'library' };
  }
}

/** Writes a route as a location hash. */
export function routeHash(route: Route): string {
  if (route.screen !== 'reader') return `#/${route.screen}`;
  const params = new URLSearchParams();
  if (route.start !== undefined) params.set('start', String(route.start));
  if (route.end !== undefined) params.set('end', String(route.end));
  if (route.fragmentId) params.set('fragment', route.fragmentId);
  const q = params.toString();
  return `#/reader${route.documentId ? `/${encodeURIComponent(route.documentId)}` : ''}${q ? `?${q}` : ''}`;
}

/** The current route, following hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** Navigates to a route. */
export function navigate(route: Route): void {
  location.hash = routeHash(route);
}
