/** The app's one database connection, opened on first use. */
import { WorthmarkDb } from './db.ts';

let instance: WorthmarkDb | undefined;
const closedListeners = new Set<() => void>();

/** Returns the app's database, creating it on first call. */
export function appDb(): WorthmarkDb {
  if (!instance) {
    instance = new WorthmarkDb();
    // Another tab opened a newer schema: close so it can upgrade, and tell the user to reload.
    instance.on('versionchange', () => {
      instance?.close();
      for (const l of closedListeners) l();
      return false;
    });
  }
  return instance;
}

/** Registers a callback for when the database had to close because another tab upgraded it. */
export function onDatabaseClosed(listener: () => void): () => void {
  closedListeners.add(listener);
  return () => closedListeners.delete(listener);
}
