/**
 * Rolling snapshots of the project, so that no restore, merge, deletion or storage failure is
 * final. Policy:
 * - automatic: after every {@link AUTO_EVERY_WRITES} committed writes, and every
 *   {@link AUTO_INTERVAL_MS} when something was written since the last one; the last
 *   {@link KEEP_AUTO} automatic snapshots are kept;
 * - before a restore, a merge, a deletion of documents or of the sample (and anything else
 *   destructive that calls {@link snapshotBefore}), one is taken whatever the counts; the last
 *   {@link KEEP_BEFORE} of these are kept;
 * - a snapshot is a project file (exchange/project-file.ts), kept in OPFS or a second IndexedDB
 *   database (storage/snapshot-store.ts), listed in the library and restorable from there.
 */
import type { WorthmarkDb } from '../storage/db.ts';
import { readSnapshot, type ProjectSnapshot } from '../storage/repository.ts';
import { mirrorRows, type WriteGuard } from '../storage/write-guard.ts';
import { snapshotStore, type SnapshotInfo, type SnapshotStore } from '../storage/snapshot-store.ts';
import { toProjectFile, type ProjectData } from '../exchange/project-file.ts';

/** Committed writes between two automatic snapshots. */
export const AUTO_EVERY_WRITES = 25;
/** Time between automatic snapshots while the project changes (5 minutes). */
export const AUTO_INTERVAL_MS = 5 * 60_000;
/** Automatic snapshots kept. */
export const KEEP_AUTO = 10;
/** Snapshots taken before a restore, merge or deletion kept. */
export const KEEP_BEFORE = 10;

/** Why a snapshot was taken before an action: the action. */
export type SnapshotReason = 'auto' | 'restore' | 'merge' | 'delete' | 'remove-sample' | 'manual';

/** A stored project as project-file data. */
export function toProjectData(snap: ProjectSnapshot): ProjectData {
  return {
    documents: snap.documents,
    texts: snap.texts,
    codebooks: snap.codebooks,
    fragments: snap.fragments,
    searches: snap.searches,
    coders: snap.coders,
    settings: Object.fromEntries(snap.settings.map((s) => [s.key, s.value])),
    hits: snap.hits,
    reviews: snap.reviews ?? [],
    conflicts: snap.conflicts ?? [],
    deletions: snap.deletions ?? [],
  };
}

/** The project as the write guard last saw it committed (what is in memory). */
export function mirrorProject(guard: WriteGuard): ProjectSnapshot {
  const m = guard.mirror;
  const documents = mirrorRows<ProjectSnapshot['documents'][number]>(m, 'documents').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return {
    documents,
    texts: mirrorRows(m, 'texts'),
    codebooks: mirrorRows(m, 'codebooks'),
    fragments: mirrorRows(m, 'fragments'),
    searches: mirrorRows(m, 'searches'),
    coders: mirrorRows(m, 'coders'),
    settings: mirrorRows(m, 'settings'),
    hits: mirrorRows(m, 'hits'),
    reviews: mirrorRows(m, 'reviews'),
    conflicts: mirrorRows(m, 'conflicts'),
    deletions: mirrorRows(m, 'deletions'),
  };
}

/** The project id a database holds (its write guard row); null for a database without one. */
export async function projectIdOf(db: WorthmarkDb): Promise<string | null> {
  if (!db.tables.some((t) => t.name === 'meta')) return null;
  return (await db.meta.get('guard'))?.projectId ?? null;
}

/** Writes one snapshot and drops the oldest beyond what is kept. */
async function write(store: SnapshotStore, projectId: string, reason: SnapshotReason, data: ProjectData): Promise<SnapshotInfo> {
  const takenAt = new Date().toISOString();
  const info = await store.write({ projectId, takenAt, reason, documents: data.documents.length, fragments: data.fragments.length }, toProjectFile(data, { exportedAt: takenAt, indent: 0 }));
  const all = await store.list(projectId);
  const auto = all.filter((s) => s.reason === 'auto');
  const before = all.filter((s) => s.reason !== 'auto');
  for (const s of [...auto.slice(KEEP_AUTO), ...before.slice(KEEP_BEFORE)]) await store.remove(projectId, s.id);
  return info;
}

/**
 * Takes a snapshot of the project in `db` before a destructive action; null when the database has
 * no project id (then there is nowhere to file it). A failure to write it is thrown: the caller
 * should not go on destroying what could not be saved.
 */
export async function snapshotBefore(db: WorthmarkDb, reason: Exclude<SnapshotReason, 'auto'>): Promise<SnapshotInfo | null> {
  const projectId = await projectIdOf(db);
  if (!projectId) return null;
  const snap = await readSnapshot(db);
  return write(await snapshotStore(), projectId, reason, toProjectData(snap));
}

/** Takes a snapshot of what the guard holds in memory (works even after storage failed). */
export async function snapshotFromMemory(guard: WriteGuard, reason: SnapshotReason): Promise<SnapshotInfo | null> {
  if (!guard.projectId) return null;
  return write(await snapshotStore(), guard.projectId, reason, toProjectData(mirrorProject(guard)));
}

/** Lists a project's snapshots, newest first. */
export async function listSnapshots(projectId: string): Promise<SnapshotInfo[]> {
  return (await snapshotStore()).list(projectId);
}

/** Reads a snapshot's project file text; null when it is gone. */
export async function readSnapshotFile(projectId: string, id: string): Promise<string | null> {
  return (await snapshotStore()).read(projectId, id);
}

/**
 * Starts the automatic snapshots of the app's project: after every {@link AUTO_EVERY_WRITES}
 * commits and on a timer. Returns a stop function. `onTaken` hears of each snapshot (the library
 * list refreshes).
 */
export function startAutoSnapshots(guard: WriteGuard, onTaken?: (s: SnapshotInfo) => void): () => void {
  let writes = 0;
  let running = false;
  const take = () => {
    if (running || writes === 0 || guard.failed) return;
    running = true;
    const counted = writes;
    void snapshotFromMemory(guard, 'auto')
      .then((s) => {
        writes -= counted;
        if (s) onTaken?.(s);
      })
      .catch((e: unknown) => console.warn('automatic snapshot failed', e))
      .finally(() => {
        running = false;
      });
  };
  const stopCommits = guard.onCommitted(() => {
    writes++;
    if (writes >= AUTO_EVERY_WRITES) take();
  });
  const timer = setInterval(take, AUTO_INTERVAL_MS);
  return () => {
    stopCommits();
    clearInterval(timer);
  };
}
