/**
 * A screen's choices kept for the browser session (sessionStorage when it can be), so going to
 * the reader and back finds the same view. Without sessionStorage (privacy mode) or with a bad
 * stored value the defaults are used; the screen works the same.
 */

/** The stored choices under `key` over the defaults, or the defaults. */
export function loadSession<T extends object>(key: string, defaults: T): T {
  try {
    const raw = sessionStorage.getItem(key);
    if (raw) return { ...defaults, ...(JSON.parse(raw) as Partial<T>) };
  } catch {
    // No sessionStorage or bad JSON: start fresh.
  }
  return defaults;
}

/** Keeps the choices under `key` for this session. */
export function saveSession(key: string, value: object): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Not kept.
  }
}
