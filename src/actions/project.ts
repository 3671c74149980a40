/** Project files: back up everything to one file, or restore one into this browser. */
import type { Result } from '../model/index.ts';
import { fail, ok } from '../model/index.ts';
import { parseProjectFile, toProjectFile, type ProjectData } from '../exchange/project-file.ts';
import type { FormatError } from '../exchange/format-error.ts';
import { safeFileName } from '../exchange/download.ts';
import type { WorthmarkDb } from '../storage/db.ts';
import { readSnapshot, replaceWithSnapshot, type ProjectSnapshot } from '../storage/repository.ts';
import { codingHistory } from './history.ts';
import { reanchorProject } from '../text/reanchor-fragments.ts';

/** Reads the whole project as exchange data. */
export async function projectData(db: WorthmarkDb): Promise<ProjectData> {
  const snap = await readSnapshot(db);
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

/** Writes the whole project as a project file. */
export async function exportProject(db: WorthmarkDb): Promise<{ fileName: string; content: string }> {
  const content = toProjectFile(await projectData(db));
  const day = new Date().toISOString().slice(0, 10);
  return { fileName: safeFileName(`worthmark-project-${day}.json`), content };
}

/** What a restore brought in. */
export interface RestoreSummary {
  documents: number;
  fragments: number;
  /** Fragments whose offsets did not hold their quote and were placed again by it. */
  moved: number;
  /** Fragments whose quote was not found in their text: kept, with an empty range. */
  orphaned: number;
}

/** Replaces the project with a project file's content; on any error nothing changes. */
export async function restoreProject(
  db: WorthmarkDb,
  fileName: string,
  content: string,
): Promise<Result<RestoreSummary, FormatError & { file: string }>> {
  const parsed = parseProjectFile(content);
  if ('error' in parsed) return fail({ ...parsed.error, file: fileName });
  const data = parsed.parsed;
  // Offsets from a file are checked against the quotes they claim (DESIGN "Anchoring a fragment").
  const placed = reanchorProject(data.fragments, new Map(data.texts.map((t) => [t.documentId as string, t.text])), new Date().toISOString());
  const snap: ProjectSnapshot = {
    documents: data.documents,
    texts: data.texts,
    codebooks: data.codebooks,
    fragments: placed.fragments,
    searches: data.searches,
    coders: data.coders,
    settings: Object.entries(data.settings).map(([key, value]) => ({ key, value })),
    hits: data.hits,
    reviews: data.reviews ?? [],
    conflicts: data.conflicts ?? [],
    deletions: data.deletions ?? [],
  };
  try {
    await replaceWithSnapshot(db, snap);
    // The history's steps belong to the project that was replaced.
    codingHistory().clear();
  } catch (e) {
    return fail({ file: fileName, path: '', reason: e instanceof Error ? e.message : String(e) });
  }
  return ok({ documents: data.documents.length, fragments: data.fragments.length, moved: placed.moved, orphaned: placed.orphaned.length });
}
