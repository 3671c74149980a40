/**
 * The app's one database connection, opened on first use, with its write guard (write-guard.ts).
 *
 * Projects: each project is a database of its own (`worthmark` for the first, `worthmark-<id>`
 * for copies); the one in use is named in localStorage, which also remembers which project id
 * each database held. That record lives outside IndexedDB on purpose: when the browser drops a
 * database and a new empty one appears under the same name, the app can tell that a project
 * existed there and must not be replaced by the sample.
 */
import { DB_NAME, SCHEMA_VERSION, WorthmarkDb } from './db.ts';
import { WriteGuard, type StorageFailure } from './write-guard.ts';

const ACTIVE_KEY = 'worthmark.activeProject';
const KNOWN_KEY = 'worthmark.projects';

/** A project this browser knows: its database name and the project id it held. */
export interface KnownProject {
  dbName: string;
  projectId: string;
  /** A name for lists (the first document's title or the file it was restored from). */
  label?: string;
  createdAt: string;
}

let instance: WorthmarkDb | undefined;
let guard: WriteGuard | undefined;
const closedListeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The database name of the project in use. */
export function activeDbName(): string {
  return storage()?.getItem(ACTIVE_KEY) || DB_NAME;
}

/** Chooses the project to use from the next page load on. */
export function setActiveDbName(name: string): void {
  storage()?.setItem(ACTIVE_KEY, name);
}

/** The projects this browser has held, by database name. */
export function knownProjects(): KnownProject[] {
  try {
    const raw = JSON.parse(storage()?.getItem(KNOWN_KEY) ?? '[]') as unknown;
    return Array.isArray(raw) ? (raw as KnownProject[]).filter((p) => typeof p?.dbName === 'string' && typeof p?.projectId === 'string') : [];
  } catch {
    return [];
  }
}

/** Records which project a database holds. */
export function rememberProject(project: KnownProject): void {
  const list = knownProjects().filter((p) => p.dbName !== project.dbName);
  storage()?.setItem(KNOWN_KEY, JSON.stringify([...list, project]));
}

/** Forgets a project (its database was deleted). */
export function forgetProject(dbName: string): void {
  storage()?.setItem(KNOWN_KEY, JSON.stringify(knownProjects().filter((p) => p.dbName !== dbName)));
}

/** Returns the app's database, creating it (with its write guard) on first call. */
export function appDb(): WorthmarkDb {
  if (!instance) {
    // Never opened implicitly: openAppDb() checks the version first, and a connection the browser
    // closed is not silently reopened onto a new, empty database.
    instance = new WorthmarkDb(activeDbName(), { autoOpen: false });
    guard = new WriteGuard(instance);
    // Another tab opened a newer schema: close so it can upgrade, and tell the user to reload.
    instance.on('versionchange', () => {
      guard?.fail({ kind: 'upgraded-elsewhere', detail: 'another tab opened a newer version of the database' });
      instance?.close();
      for (const l of closedListeners) l();
      return false;
    });
  }
  return instance;
}

/** The write guard of the app's database. */
export function appGuard(): WriteGuard {
  appDb();
  return guard!;
}

/** Registers a callback for when the database had to close because another tab upgraded it. */
export function onDatabaseClosed(listener: () => void): () => void {
  closedListeners.add(listener);
  return () => closedListeners.delete(listener);
}

/** How opening the project went. */
export type OpenOutcome =
  | { state: 'ok'; projectId: string; fresh: boolean }
  /** The database is new, but this browser knew a project under its name: it vanished. */
  | { state: 'vanished'; projectId: string; lost: KnownProject }
  /** The database was written by a newer Worthmark: not opened, not touched. */
  | { state: 'newer'; version: number };

/** The schema version of an existing database, without opening (or creating) it; null when absent. */
async function storedVersion(name: string): Promise<number | null> {
  const factory = globalThis.indexedDB;
  if (!factory?.databases) return null;
  const found = (await factory.databases()).find((d) => d.name === name);
  // Dexie stores version n as n × 10 (and may add a little when it patches a schema).
  return found?.version ? Math.floor(found.version / 10) : null;
}

/**
 * Opens the project in use: refuses a database newer than this code, starts the write guard and
 * tells whether a project that existed under this name has vanished.
 */
export async function openAppDb(): Promise<OpenOutcome> {
  const name = activeDbName();
  const version = await storedVersion(name);
  if (version !== null && version > SCHEMA_VERSION) {
    const failure: StorageFailure = { kind: 'newer-version', detail: `database version ${version}, this Worthmark reads up to ${SCHEMA_VERSION}` };
    appGuard().fail(failure);
    return { state: 'newer', version };
  }
  const g = appGuard();
  await g.start();
  const projectId = g.projectId ?? '';
  const known = knownProjects().find((p) => p.dbName === name);
  if (known && known.projectId !== projectId) return { state: 'vanished', projectId, lost: known };
  if (!known) rememberProject({ dbName: name, projectId, createdAt: new Date().toISOString() });
  return { state: 'ok', projectId, fresh: version === null };
}

/** Accepts the database as it now is (after a vanished project was restored or given up). */
export function acceptCurrentProject(): void {
  const g = appGuard();
  if (g.projectId) rememberProject({ dbName: activeDbName(), projectId: g.projectId, createdAt: new Date().toISOString() });
}
