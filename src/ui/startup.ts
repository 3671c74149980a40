/**
 * What the app is still doing after its first screen is drawn (app/main.tsx renders first, then
 * loads): the sample project on a first run. A small store the app sets and the UI reads.
 */
import { useSyncExternalStore } from 'react';

/** The state of work done after the first paint. */
export interface StartupState {
  /** The sample project: not asked for, being imported, done, or failed (with the reason). */
  sample: 'none' | 'loading' | 'done' | { failed: string };
}

/** A store of {@link StartupState}. */
export interface StartupStatus {
  get(): StartupState;
  set(state: StartupState): void;
  subscribe(listener: () => void): () => void;
  /** Resolves once nothing is loading (at once when nothing is). */
  settled(): Promise<void>;
}

/** Makes a store, starting with nothing to do. */
export function createStartupStatus(initial: StartupState = { sample: 'none' }): StartupStatus {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next) {
      state = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settled() {
      return new Promise((resolve) => {
        const check = () => {
          if (state.sample === 'loading') return false;
          listeners.delete(check);
          resolve();
          return true;
        };
        if (!check()) listeners.add(check);
      });
    },
  };
}

const idle = createStartupStatus();

/** The current startup state (nothing to do when no store is given). */
export function useStartup(status: StartupStatus | undefined): StartupState {
  const s = status ?? idle;
  return useSyncExternalStore(s.subscribe, s.get);
}
