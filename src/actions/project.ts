/** Project files: back up everything to one file, or restore one into this browser. */
import type { Coder, CoderId, Result } from '../model/index.ts';
import { fail, ok } from '../model/index.ts';
import { toProjectFile, type ProjectData } from '../exchange/project-file.ts';
import { readProjectBytes, type ReadProjectOptions } from '../exchange/project-reader.ts';
import type { ReadReport } from '../exchange/exchange-report.ts';
import type { ReadOriginal } from '../exchange/qdpx-read.ts';
import type { FormatError } from '../exchange/format-error.ts';
import { safeFileName } from '../exchange/download.ts';
import { newProjectId, type WorthmarkDb } from '../storage/db.ts';
import type { SnapshotInfo } from '../storage/snapshot-store.ts';
import type { WriteGuard } from '../storage/write-guard.ts';
import { mirrorProject, projectIdOf, snapshotBefore, toProjectData } from './snapshots.ts';
import { getCoder, getSetting, readBrowserIdentity, readSnapshot, replaceWithSnapshot, writeBrowserIdentity, type ProjectSnapshot } from '../storage/repository.ts';
import { SETTINGS } from '../storage/settings-keys.ts';
import { codingHistory } from './history.ts';
import { reanchorProject } from '../text/reanchor-fragments.ts';

/** Reads the whole project as exchange data. */
export async function projectData(db: WorthmarkDb): Promise<ProjectData> {
  return toProjectData(await readSnapshot(db));
}

/** Writes the whole project as a project file. */
export async function exportProject(db: WorthmarkDb): Promise<{ fileName: string; content: string }> {
  const content = toProjectFile(await projectData(db));
  const day = new Date().toISOString().slice(0, 10);
  return { fileName: safeFileName(`worthmark-project-${day}.json`), content };
}

/** What the write guard holds in memory (the last committed project), as a project file: offered when storage failed. */
export function memoryProjectFile(guard: WriteGuard): { fileName: string; content: string } {
  const content = toProjectFile(toProjectData(mirrorProject(guard)));
  const day = new Date().toISOString().slice(0, 10);
  return { fileName: safeFileName(`worthmark-project-${day}-recovered.json`), content };
}

/** What a restore brought in. */
export interface RestoreSummary {
  documents: number;
  fragments: number;
  /** Fragments whose offsets did not hold their quote and were placed again by it. */
  moved: number;
  /** Fragments whose quote was not found in their text: kept, with an empty range. */
  orphaned: number;
  /** The snapshot taken of the project before it was replaced (null where none could be filed). */
  snapshot: SnapshotInfo | null;
  /** What the file was read as, what came along and what was left out (REFI-QDA, project zip). */
  report: ReadReport;
}

/** Counts of a project's parts, for the restore preview. */
export interface ProjectCounts {
  documents: number;
  fragments: number;
  searches: number;
  coders: number;
  codebooks: number;
  decisions: number;
}

/**
 * What restoring a file would do, shown before anything changes: what the file holds, and what
 * of the current project it does not hold (and so would be lost by replacing, though a snapshot
 * is taken first).
 */
export interface RestorePreview {
  file: string;
  exportedAt: string | null;
  holds: ProjectCounts;
  /** Document titles in the file (at most 20; `holds.documents` counts all). */
  titles: string[];
  current: ProjectCounts;
  /** Current parts the file lacks: documents by content, fragments, searches and decisions by id. */
  lost: { documents: number; fragments: number; searches: number; decisions: number; titles: string[] };
}

/** A project file that passed every check, ready to restore. */
export interface CheckedProjectFile {
  file: string;
  data: ProjectData;
  /** Original files that came with it (a project zip or a .qdpx). */
  originals: ReadOriginal[];
  /** What the file was read as, what came along and what was left out. */
  report: ReadReport;
  preview: RestorePreview;
}

function counts(p: ProjectData): ProjectCounts {
  return { documents: p.documents.length, fragments: p.fragments.length, searches: p.searches.length, coders: p.coders.length, codebooks: p.codebooks.length, decisions: p.hits.length };
}

/**
 * Reads and checks a project file completely and compares it with the project in `db`; nothing is
 * written. On failure, the first problem with its place and reason.
 */
export async function checkProjectFile(
  db: WorthmarkDb,
  fileName: string,
  content: string | Uint8Array,
  options: ReadProjectOptions = {},
): Promise<Result<CheckedProjectFile, FormatError & { file: string }>> {
  // Any project-like file, by its content: Worthmark JSON or zip, REFI-QDA .qdpx or .qde.
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  // A bare .qde reads its sources (`internal://NAME`) through `options.sourceFile` when given.
  const parsed = await readProjectBytes(bytes, fileName, options);
  if ('error' in parsed) return fail({ ...parsed.error, file: fileName });
  const { data, originals, report } = parsed.parsed;
  const now = await projectData(db);
  const hashes = new Set(data.documents.map((d) => d.contentHash));
  const ids = (xs: readonly { id: string }[]) => new Set(xs.map((x) => x.id));
  const fileFragments = ids(data.fragments);
  const fileSearches = ids(data.searches);
  const fileHits = ids(data.hits);
  const lostDocuments = now.documents.filter((d) => !hashes.has(d.contentHash));
  const hashOf = new Map(now.documents.map((d) => [d.id as string, d.contentHash]));
  const head = typeof content === 'string' ? content.slice(0, 400) : report.kind === 'worthmark-json' ? new TextDecoder().decode(bytes.subarray(0, 400)) : '';
  const exportedAt = /"exportedAt"\s*:\s*"([^"]+)"/.exec(head)?.[1] ?? null;
  return ok({
    file: fileName,
    data,
    originals,
    report,
    preview: {
      file: fileName,
      exportedAt,
      holds: counts(data),
      titles: data.documents.slice(0, 20).map((d) => d.title),
      current: counts(now),
      lost: {
        documents: lostDocuments.length,
        // A fragment survives only when the file has it (by id) and has its document (by content).
        fragments: now.fragments.filter((f) => !fileFragments.has(f.id) || !hashes.has(hashOf.get(f.documentId) ?? '')).length,
        searches: now.searches.filter((x) => !fileSearches.has(x.id)).length,
        decisions: now.hits.filter((h) => !fileHits.has(h.id)).length,
        titles: lostDocuments.slice(0, 20).map((d) => d.title),
      },
    },
  });
}

/** The project-file data as stored rows, with every fragment placed on its text by its quote. */
function toStored(data: ProjectData, originals: readonly ReadOriginal[] = []): { snap: ProjectSnapshot; moved: number; orphaned: number } {
  // Offsets from a file are checked against the quotes they claim (DESIGN "Anchoring a fragment").
  const placed = reanchorProject(data.fragments, new Map(data.texts.map((t) => [t.documentId as string, t.text])), new Date().toISOString());
  const snap: ProjectSnapshot = {
    documents: data.documents,
    texts: data.texts,
    codebooks: data.codebooks,
    fragments: placed.fragments,
    searches: data.searches,
    coders: data.coders,
    // A restored project exists: the next start must not take it for a first run and load the
    // sample into it (a file made elsewhere, by hand or from a .qdpx carries no `initialized`).
    settings: Object.entries({ ...data.settings, [SETTINGS.initialized]: true }).map(([key, value]) => ({ key, value })),
    hits: data.hits,
    reviews: data.reviews ?? [],
    conflicts: data.conflicts ?? [],
    deletions: data.deletions ?? [],
    originals: originals.map((o) => ({ documentId: o.documentId, fileName: o.fileName, type: o.type, blob: new Blob([o.bytes as BlobPart], { type: o.type }) })),
  };
  return { snap, moved: placed.moved, orphaned: placed.orphaned.length };
}

/**
 * The coder in a project who may be the person coding in this browser: same name (case and
 * surrounding spaces aside), another id, and not already known as them (an alias). The restore
 * then asks "Is that you?" (see restoreChecked's `asMe`). Null when there is none.
 */
export async function sameNameCoderIn(db: WorthmarkDb, data: Pick<ProjectData, 'coders'>): Promise<Coder | null> {
  const meId = await getSetting<string | null>(db, SETTINGS.coderId, null);
  const me = meId ? await getCoder(db, meId as CoderId) : undefined;
  const key = (s: string) => s.trim().toLocaleLowerCase();
  if (!me || !key(me.name)) return null;
  if (data.coders.some((c) => c.id === me.id || (c.aliases ?? []).includes(me.id))) return null;
  return data.coders.find((c) => key(c.name) === key(me.name)) ?? null;
}

/** Choices of a restore. */
export interface RestoreOptions {
  /**
   * The file's coder who is the person coding in this browser ("this is me"): the browser then
   * codes as that coder (this browser's coder id becomes their alias), so one person is one coder.
   */
  asMe?: CoderId;
}

/**
 * Replaces the project with a checked project file, after taking a snapshot of it (so the restore
 * can be undone from the library). When the snapshot cannot be written, nothing is replaced.
 */
export async function restoreChecked(db: WorthmarkDb, checked: CheckedProjectFile, options: RestoreOptions = {}): Promise<Result<RestoreSummary, FormatError & { file: string }>> {
  const { file, data } = checked;
  let snapshot: SnapshotInfo | null;
  try {
    snapshot = await snapshotBefore(db, 'restore');
  } catch (e) {
    return fail({ file, path: '', reason: `no snapshot could be taken first, so nothing was replaced: ${e instanceof Error ? e.message : String(e)}` });
  }
  const { snap, moved, orphaned } = toStored(data, checked.originals);
  try {
    await replaceWithSnapshot(db, snap, options.asMe ? { identity: options.asMe } : {});
    // The history's steps belong to the project that was replaced.
    codingHistory().clear();
  } catch (e) {
    return fail({ file, path: '', reason: e instanceof Error ? e.message : String(e) });
  }
  return ok({ documents: data.documents.length, fragments: data.fragments.length, moved, orphaned, snapshot, report: checked.report });
}

/** Replaces the project with a project file's content (checked first, snapshot taken); on any error nothing changes. */
export async function restoreProject(
  db: WorthmarkDb,
  fileName: string,
  content: string | Uint8Array,
  options: RestoreOptions = {},
): Promise<Result<RestoreSummary, FormatError & { file: string }>> {
  const checked = await checkProjectFile(db, fileName, content);
  if (!checked.ok) return checked;
  return restoreChecked(db, checked.value, options);
}

/** Choices of a restore as a copy. */
export interface RestoreCopyOptions extends RestoreOptions {
  /**
   * The project in use: the copy codes as the person coding there (and in its language), never as
   * the file's coder — unless `asMe` says the file's coder is that person.
   */
  from?: WorthmarkDb;
}

/**
 * Restores a checked project file as a new project beside the current one (its own database);
 * returns that database's name, to switch to. The current project is not touched. Who is coding
 * in the copy is who is coding in `from`: a coder id in the file's settings is not taken over,
 * since that would make the person in this browser the file's coder.
 */
export async function restoreAsCopy(
  checked: CheckedProjectFile,
  makeDb: (name: string) => WorthmarkDb,
  options: RestoreCopyOptions = {},
): Promise<Result<{ dbName: string; projectId: string; summary: RestoreSummary }, FormatError & { file: string }>> {
  const dbName = `worthmark-${newProjectId().slice(0, 8)}`;
  const identity = options.from ? await readBrowserIdentity(options.from) : { settings: [] };
  const db = makeDb(dbName);
  try {
    const { snap, moved, orphaned } = toStored(checked.data, checked.originals);
    await writeBrowserIdentity(db, identity);
    await replaceWithSnapshot(db, { ...snap, settings: snap.settings.filter((x) => x.key !== SETTINGS.coderId) }, options.asMe ? { identity: options.asMe } : {});
    const projectId = (await projectIdOf(db)) ?? '';
    return ok({ dbName, projectId, summary: { documents: checked.data.documents.length, fragments: checked.data.fragments.length, moved, orphaned, snapshot: null, report: checked.report } });
  } catch (e) {
    db.close();
    await db.delete().catch(() => undefined);
    return fail({ file: checked.file, path: '', reason: e instanceof Error ? e.message : String(e) });
  } finally {
    db.close();
  }
}
