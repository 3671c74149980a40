/**
 * Merging: another coder's project file, or a review file, added to the project in this
 * browser — never replacing it. The plan is exchange/merge-plan.ts; this module reads the files,
 * previews the plan (so the user sees what will be matched and added, and can say which coder is
 * them), and applies it in one transaction. Conflicts it leaves are resolved here too.
 */
import type { Result } from '../model/index.ts';
import { bumpVersion, fail, joinVersions, newId, ok, type CoderId, type Fragment, type FragmentConflict, type FragmentDeletion, type FragmentId } from '../model/index.ts';
import type { FormatError } from '../exchange/format-error.ts';
import { attachedFragments, isEmptyPlan, planMerge, type MergeOptions, type MergePlan, type ProjectBundle } from '../exchange/merge-plan.ts';
import { parseProjectFile } from '../exchange/project-file.ts';
import { parseReviewFile, reviewBundle } from '../exchange/review-file.ts';
import { readProjectBytes } from '../exchange/project-reader.ts';
import type { ReadReport } from '../exchange/exchange-report.ts';
import type { ReadOriginal } from '../exchange/qdpx-read.ts';
import type { OriginalFile } from '../storage/db.ts';
import type { WorthmarkDb } from '../storage/db.ts';
import { applyMerge, getSetting, readSnapshot, resolveStoredConflict, type ConflictResolutionWrites, type MergeWrites, type ProjectSnapshot } from '../storage/repository.ts';
import { SETTINGS } from '../storage/settings-keys.ts';
import { changedBy } from './coding.ts';
import { snapshotBefore } from './snapshots.ts';
import { codingHistory } from './history.ts';

/** What kind of file came in. */
export type MergeFileKind = 'project' | 'review';

/** A file read for merging. */
export interface MergeFile {
  kind: MergeFileKind;
  fileName: string;
  bundle: ProjectBundle;
  /** The original files that came with it (a project zip, a .qdpx), by the file's document ids. */
  originals?: readonly ReadOriginal[];
}

/** Reads a project file or a review file (`expect` says which the user chose; the other is refused with its reason). */
export function readMergeFile(fileName: string, content: string, expect: MergeFileKind): Result<MergeFile, FormatError & { file: string }> {
  if (expect === 'review') {
    const parsed = parseReviewFile(content);
    return 'error' in parsed ? fail({ ...parsed.error, file: fileName }) : ok({ kind: 'review', fileName, bundle: reviewBundle(parsed.parsed) });
  }
  const parsed = parseProjectFile(content);
  return 'error' in parsed ? fail({ ...parsed.error, file: fileName }) : ok({ kind: 'project', fileName, bundle: parsed.parsed });
}

/**
 * Reads another project for merging from any project-like file — a Worthmark project file or
 * project zip, a REFI-QDA .qdpx or .qde — by its content; the report says what a REFI-QDA file
 * left out. Documents match by their text, so a .qdpx made from this project merges onto it.
 */
export async function readMergeProject(fileName: string, bytes: Uint8Array): Promise<Result<MergeFile & { report: ReadReport }, FormatError & { file: string }>> {
  const read = await readProjectBytes(bytes, fileName);
  if ('error' in read) return fail({ ...read.error, file: fileName });
  return ok({ kind: 'project', fileName, bundle: read.parsed.data, originals: read.parsed.originals, report: read.parsed.report });
}

/** The choices the user makes before a merge. */
export interface MergeChoices {
  /** Incoming coder id → our coder id ("this is me" / "the same person"). */
  coderMap?: Record<string, string>;
  /** Who merges (for the codebook's change log). */
  mergerId?: CoderId;
  /** The time of the merge; default now. */
  now?: string;
}

function mergeOptions(state: ProjectSnapshot, file: MergeFile, choices: MergeChoices): MergeOptions {
  const target = state.settings.find((s) => s.key === SETTINGS.codebookId)?.value;
  return {
    source: file.fileName,
    now: choices.now ?? new Date().toISOString(),
    coderMap: choices.coderMap,
    mergerId: choices.mergerId,
    ...(typeof target === 'string' ? { targetCodebookId: target } : {}),
  };
}

/** The plan a merge would carry out now, without writing anything (for the preview). */
export async function previewMerge(db: WorthmarkDb, file: MergeFile, choices: MergeChoices = {}): Promise<MergePlan> {
  const state = await readSnapshot(db);
  return planMerge(state, file.bundle, mergeOptions(state, file, choices));
}

/**
 * The writes of a plan. Originals that came with the file are stored for the documents it adds
 * (under their id here), and for documents matched by text that have none here, when the original
 * is of the same file (its content hash is theirs) — so "Show original page" works for them.
 */
export function mergeWrites(plan: MergePlan, originals: readonly ReadOriginal[] = [], incoming: ProjectBundle = {}): MergeWrites {
  const byDocument = new Map(originals.map((o) => [o.documentId, o]));
  const hashOf = new Map((incoming.documents ?? []).map((d) => [d.id as string, d.contentHash]));
  const stored = (o: ReadOriginal, documentId: string): OriginalFile => ({
    documentId,
    fileName: o.fileName,
    type: o.type,
    blob: new Blob([o.bytes as BlobPart], { type: o.type }),
  });
  const removed = new Set(plan.fragments.removed.map((f) => f.id as string));
  return {
    documents: plan.documents.added.map((a) => ({ document: a.document, text: a.text })),
    attached: plan.documents.attached.map((a) => ({ document: a.document, text: a.text })),
    removeHits: plan.documents.attached.flatMap((a) => a.hits.remove),
    // A document given its text (it had none, so no original either) takes the file's original too.
    originals: [...plan.documents.added, ...plan.documents.attached.map((a) => ({ incomingId: a.incomingId, document: a.document }))].flatMap((a) => {
      const o = byDocument.get(a.incomingId);
      return o ? [stored(o, a.document.id)] : [];
    }),
    originalsIfMissing: plan.documents.matched.flatMap((m) => {
      const o = byDocument.get(m.incomingId);
      const contentHash = hashOf.get(m.incomingId);
      return o && contentHash !== undefined ? [{ original: stored(o, m.localId), contentHash }] : [];
    }),
    codebooks: plan.codebooks.put,
    coders: [...plan.coders.updated, ...plan.coders.added],
    fragments: [...attachedFragments(plan).filter((f) => !removed.has(f.id)), ...plan.fragments.updated.map((u) => u.after), ...plan.fragments.added],
    removeFragments: plan.fragments.removed.map((f) => f.id),
    deletions: plan.deletions,
    conflicts: plan.conflicts,
    reviews: plan.reviews.put,
    searches: plan.searches.added,
    hits: [...plan.documents.attached.flatMap((a) => a.hits.put), ...plan.hits.put],
  };
}

/**
 * Merges a file into the project, all or nothing; the plan is made anew inside the write
 * transaction from the project as stored then. Returns the plan that was carried out.
 */
export async function mergeFile(db: WorthmarkDb, file: MergeFile, choices: MergeChoices = {}): Promise<MergePlan> {
  // A snapshot first, so the merge can be undone from the library (it throws when none can be written).
  await snapshotBefore(db, 'merge');
  const plan = await applyMerge(db, (state) => {
    const plan = planMerge(state, file.bundle, mergeOptions(state, file, choices));
    return { writes: mergeWrites(plan, file.originals, file.bundle), result: plan };
  });
  // Steps in the history hold anchors into the stand-ins that were given their texts: undoing one would write a stale anchor back.
  if (plan.documents.attached.length > 0) codingHistory().clear();
  return plan;
}

/** Whether a plan changes nothing (the file was merged before). */
export { isEmptyPlan };

/**
 * The choices a merge makes without asking: a coder in the file with the name of the one coding
 * in this browser is them ("this is me"), and they are the one merging.
 */
export async function defaultChoices(db: WorthmarkDb, file: MergeFile): Promise<MergeChoices> {
  const me = await getSetting<string | null>(db, SETTINGS.coderId, null);
  const plan = await previewMerge(db, file);
  const coderMap = Object.fromEntries(plan.coders.sameName.filter((s) => s.local.id === me).map((s) => [s.incoming.id, s.local.id as string]));
  return { coderMap, ...(me ? { mergerId: me as CoderId } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Resolving conflicts

/** How a conflict is resolved: keep our version, take theirs, or keep both as two fragments. */
export type ConflictChoice = 'ours' | 'theirs' | 'both';

/**
 * Resolves a conflict. Whatever is chosen, the result counts as a change by `by` made after both
 * versions (its version vector covers both), so merging either file again does not bring the
 * conflict back. 'both' keeps ours and adds theirs as a new fragment (same coder, new id); it
 * needs two versions. Returns false when the conflict was already resolved.
 */
export async function resolveConflict(db: WorthmarkDb, id: string, choice: ConflictChoice, by: CoderId, now = new Date().toISOString()): Promise<boolean> {
  return resolveStoredConflict(db, id, (conflict: FragmentConflict, ours, deletion) => {
    const theirs = conflict.theirs;
    const theirVersions = theirs?.versions ?? conflict.deletedThere?.versions;
    const covered = bumpVersion(joinVersions(ours?.versions ?? deletion?.versions, theirVersions), by);
    const writes: ConflictResolutionWrites = { put: [], remove: [], deletions: [], undelete: [] };
    const deleted = (f: Fragment | undefined, documentId: string): FragmentDeletion => ({
      id: conflict.fragmentId,
      documentId: (f?.documentId ?? documentId) as Fragment['documentId'],
      versions: covered,
      deletedAt: now,
      deletedBy: by,
    });
    if (choice === 'theirs') {
      if (theirs) {
        writes.put.push({ ...changedBy(theirs, {}, by, now), versions: covered });
        if (!ours) writes.undelete.push(conflict.fragmentId);
      } else {
        // They deleted it: so do we.
        writes.remove.push(conflict.fragmentId);
        writes.deletions.push(deleted(ours, conflict.documentId));
      }
      return writes;
    }
    if (ours) writes.put.push({ ...changedBy(ours, {}, by, now), versions: covered });
    else writes.deletions.push(deleted(undefined, conflict.documentId)); // ours is the deletion: it stays, covering theirs
    if (choice === 'both' && theirs && ours) {
      const copy: Fragment = { ...theirs, id: newId<FragmentId>(), createdAt: now, updatedAt: now, versions: bumpVersion(undefined, by) };
      if (by !== copy.coderId) copy.updatedBy = by;
      else delete copy.updatedBy;
      writes.put.push(copy);
    }
    return writes;
  });
}
