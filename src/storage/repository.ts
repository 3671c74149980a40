/**
 * Repository functions: every read and write the app makes goes through here and
 * returns model types. Writes that touch several tables run in one transaction, so a
 * failure leaves nothing half-written.
 */
import type {
  Codebook,
  CodebookId,
  Coder,
  CoderId,
  DocumentId,
  DocumentText,
  Fragment,
  FragmentConflict,
  FragmentDeletion,
  FragmentId,
  PolicyDocument,
  SavedSearch,
  SearchId,
} from '../model/index.ts';
import { bumpVersion, joinVersions } from '../model/index.ts';
import { projectTables, type HitDecision, type OriginalFile, type Review, type SettingRow, type WorthmarkDb } from './db.ts';

/** A document refused because one with the same content is stored (found inside the write transaction). */
export class DuplicateDocumentError extends Error {
  constructor(readonly existing: PolicyDocument) {
    super(`a document with the same content is stored: ${existing.title}`);
    this.name = 'DuplicateDocumentError';
  }
}

/**
 * Stores a document with its text and original file, all or nothing. The content hash is checked
 * inside the write transaction: IndexedDB runs write transactions on the same tables one at a
 * time, also across tabs, so two tabs importing the same file at once store it once; the second
 * gets {@link DuplicateDocumentError}.
 */
export async function addDocument(
  db: WorthmarkDb,
  doc: PolicyDocument,
  text: DocumentText,
  original?: OriginalFile,
): Promise<void> {
  await db.transaction('rw', [db.documents, db.texts, db.originals], async () => {
    const existing = await db.documents.where('contentHash').equals(doc.contentHash).first();
    if (existing) throw new DuplicateDocumentError(existing);
    await db.documents.add(doc);
    await db.texts.add(text);
    if (original) await db.originals.add(original);
  });
}

/** Finds a stored document with the same content hash, if any. */
export function findDocumentByHash(db: WorthmarkDb, hash: string): Promise<PolicyDocument | undefined> {
  return db.documents.where('contentHash').equals(hash).first();
}

/** Lists documents in import order. */
export function listDocuments(db: WorthmarkDb): Promise<PolicyDocument[]> {
  return db.documents.orderBy('createdAt').toArray();
}

/** Reads one document's metadata. */
export function getDocument(db: WorthmarkDb, id: DocumentId): Promise<PolicyDocument | undefined> {
  return db.documents.get(id);
}

/** Reads one document's text. */
export function getText(db: WorthmarkDb, id: DocumentId): Promise<DocumentText | undefined> {
  return db.texts.get(id);
}

/** Reads all texts (for searching the whole project). */
export function listTexts(db: WorthmarkDb): Promise<DocumentText[]> {
  return db.texts.toArray();
}

/** Updates editable document metadata (and the near-duplicate flag; `undefined` clears it). */
export async function updateDocument(
  db: WorthmarkDb,
  id: DocumentId,
  changes: Partial<Pick<PolicyDocument, 'title' | 'meta' | 'nearDuplicate'>>,
): Promise<void> {
  await db.documents.update(id, changes);
}

/** Tells whether a document's original file is stored (a restored project carries none). */
export async function hasOriginal(db: WorthmarkDb, id: DocumentId): Promise<boolean> {
  return (await db.originals.where(':id').equals(id).count()) > 0;
}

/**
 * The document an original file can be re-attached to: one stored without its original (a
 * restored or REFI-QDA project) whose content hash is `hash`, or, failing that, whose text is
 * exactly `text` (a document read from a .qdpx is hashed by its text). Undefined when none.
 */
export async function findDocumentMissingOriginal(db: WorthmarkDb, hash: string, text?: string): Promise<PolicyDocument | undefined> {
  return db.transaction('r', [db.documents, db.texts, db.originals], async () => {
    const withOriginal = new Set((await db.originals.toCollection().primaryKeys()) as string[]);
    const missing = (await db.documents.toArray()).filter((d) => !withOriginal.has(d.id));
    const byHash = missing.find((d) => d.contentHash === hash);
    if (byHash || text === undefined) return byHash;
    for (const d of missing) {
      if (d.charCount !== text.length) continue;
      if ((await db.texts.get(d.id))?.text === text) return d;
    }
    return undefined;
  });
}

/** Stores the original file of a document that has none, and records its content hash; one transaction. */
export async function attachOriginal(db: WorthmarkDb, original: OriginalFile, contentHash: string): Promise<PolicyDocument | undefined> {
  return db.transaction('rw', [db.documents, db.originals], async () => {
    const doc = await db.documents.get(original.documentId as DocumentId);
    if (!doc || (await db.originals.get(original.documentId))) return undefined;
    await db.originals.add(original);
    if (doc.contentHash !== contentHash) await db.documents.update(doc.id, { contentHash });
    return { ...doc, contentHash };
  });
}

/** Deletes documents with their texts, originals, fragments, reviews, conflicts, deletion records and hit decisions. */
export async function deleteDocuments(db: WorthmarkDb, ids: DocumentId[]): Promise<void> {
  await db.transaction(
    'rw',
    [db.documents, db.texts, db.originals, db.fragments, db.hits, db.reviews, db.conflicts, db.deletions],
    async () => {
      const fragmentIds = await db.fragments.where('documentId').anyOf(ids).primaryKeys();
      await db.reviews.where('fragmentId').anyOf(fragmentIds).delete();
      await db.reviews.where('documentId').anyOf(ids).delete();
      await db.conflicts.where('documentId').anyOf(ids).delete();
      await db.deletions.where('documentId').anyOf(ids).delete();
      await db.fragments.bulkDelete(fragmentIds);
      await db.hits.where('documentId').anyOf(ids).delete();
      await db.originals.bulkDelete(ids);
      await db.texts.bulkDelete(ids);
      await db.documents.bulkDelete(ids);
    },
  );
}

/** Lists fragments, of one document in reading order, or of all documents. */
export async function listFragments(db: WorthmarkDb, documentId?: DocumentId): Promise<Fragment[]> {
  if (documentId === undefined) return db.fragments.toArray();
  return db.fragments
    .where('[documentId+anchor.start]')
    .between([documentId, -Infinity], [documentId, Infinity])
    .toArray();
}

/** Creates or replaces a fragment. */
export async function putFragment(db: WorthmarkDb, fragment: Fragment): Promise<void> {
  await db.fragments.put(fragment);
}

/** Reads one fragment. */
export function getFragment(db: WorthmarkDb, id: FragmentId): Promise<Fragment | undefined> {
  return db.fragments.get(id);
}

/** Deletes a fragment and its reviews. */
export async function deleteFragment(db: WorthmarkDb, id: FragmentId): Promise<void> {
  await db.transaction('rw', [db.fragments, db.reviews], async () => {
    await db.reviews.where('fragmentId').equals(id).delete();
    await db.fragments.delete(id);
  });
}

/** Reads a setting, or the fallback when it was never set. */
export async function getSetting<T>(db: WorthmarkDb, key: string, fallback: T): Promise<T> {
  const row = await db.settings.get(key);
  return row === undefined ? fallback : (row.value as T);
}

/** Writes a setting. */
export async function setSetting(db: WorthmarkDb, key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
}

/** Lists codebooks. */
export function listCodebooks(db: WorthmarkDb): Promise<Codebook[]> {
  return db.codebooks.toArray();
}

/** Stores a codebook. */
export async function putCodebook(db: WorthmarkDb, codebook: Codebook): Promise<void> {
  await db.codebooks.put(codebook);
}

/** Reads one codebook. */
export function getCodebook(db: WorthmarkDb, id: CodebookId): Promise<Codebook | undefined> {
  return db.codebooks.get(id);
}

/** Stores a coder. */
export async function putCoder(db: WorthmarkDb, coder: Coder): Promise<void> {
  await db.coders.put(coder);
}

/** Removes a coder unless a fragment still names them; tells whether it was removed. */
export async function deleteUnusedCoder(db: WorthmarkDb, id: CoderId): Promise<boolean> {
  return db.transaction('rw', [db.coders, db.fragments], async () => {
    if ((await db.fragments.where('coderId').equals(id).count()) > 0) return false;
    await db.coders.delete(id);
    return true;
  });
}

/** Lists coders. */
export function listCoders(db: WorthmarkDb): Promise<Coder[]> {
  return db.coders.toArray();
}

/** Reads one coder. */
export function getCoder(db: WorthmarkDb, id: CoderId): Promise<Coder | undefined> {
  return db.coders.get(id);
}

/** Lists saved searches by name. */
export function listSearches(db: WorthmarkDb): Promise<SavedSearch[]> {
  return db.searches.orderBy('name').toArray();
}

/** Creates or replaces a saved search. */
export async function putSearch(db: WorthmarkDb, search: SavedSearch): Promise<void> {
  await db.searches.put(search);
}

/** Deletes a saved search and its hit decisions. */
export async function deleteSearch(db: WorthmarkDb, id: SearchId): Promise<void> {
  await db.transaction('rw', [db.searches, db.hits], async () => {
    await db.hits.where('searchId').equals(id).delete();
    await db.searches.delete(id);
  });
}

/** Everything stored except original files: what a project file carries. */
export interface ProjectSnapshot {
  /** Reviews of fragments, merge conflicts and deletion records (absent: none). */
  reviews?: Review[];
  conflicts?: FragmentConflict[];
  deletions?: FragmentDeletion[];
  documents: PolicyDocument[];
  texts: DocumentText[];
  codebooks: Codebook[];
  fragments: Fragment[];
  searches: SavedSearch[];
  coders: Coder[];
  settings: SettingRow[];
  /** Worklist decisions (dismissed hits) per saved search. */
  hits: HitDecision[];
  /** Original files that came with the snapshot (a project zip or .qdpx); they replace kept ones. */
  originals?: OriginalFile[];
}

/** Reads everything in one consistent read transaction. */
export async function readSnapshot(db: WorthmarkDb): Promise<ProjectSnapshot> {
  return db.transaction(
    'r',
    [db.documents, db.texts, db.codebooks, db.fragments, db.searches, db.coders, db.settings, db.hits, db.reviews, db.conflicts, db.deletions],
    async () => ({
      reviews: await db.reviews.toArray(),
      conflicts: await db.conflicts.toArray(),
      deletions: await db.deletions.toArray(),
      documents: await db.documents.orderBy('createdAt').toArray(),
      texts: await db.texts.toArray(),
      codebooks: await db.codebooks.toArray(),
      fragments: await db.fragments.toArray(),
      searches: await db.searches.toArray(),
      coders: await db.coders.toArray(),
      settings: await db.settings.toArray(),
      hits: await db.hits.toArray(),
    }),
  );
}

/** Setting keys that belong to this browser, not to the project: a restore keeps them. */
const BROWSER_SETTINGS = ['lang', 'coderId'];

/** Who is coding in a project's browser, and its language: what a new project made from a file keeps of the current one. */
export interface BrowserIdentity {
  settings: SettingRow[];
  coder?: Coder;
}

/** Reads the browser settings (language, who is coding) of a project, with that coder's record. */
export async function readBrowserIdentity(db: WorthmarkDb): Promise<BrowserIdentity> {
  const settings = (await db.settings.bulkGet(BROWSER_SETTINGS)).filter((x): x is SettingRow => x !== undefined);
  const coderId = settings.find((x) => x.key === 'coderId')?.value;
  const coder = typeof coderId === 'string' ? await db.coders.get(coderId as CoderId) : undefined;
  return coder ? { settings, coder } : { settings: settings.filter((x) => x.key !== 'coderId') };
}

/** Writes browser settings and the coder they name into a project (a new one, before a restore fills it). */
export async function writeBrowserIdentity(db: WorthmarkDb, identity: BrowserIdentity): Promise<void> {
  await db.transaction('rw', [db.settings, db.coders], async () => {
    await db.settings.bulkPut(identity.settings);
    if (identity.coder) await db.coders.put(identity.coder);
  });
}

/**
 * Replaces the whole project with a snapshot, all or nothing. What a project file does not
 * carry is kept where it still fits: the original file of a document restored with the same
 * content hash, and this browser's own settings (language, who is coding — with that coder's
 * record). A snapshot without reviews (`reviews` absent) keeps the reviews of restored fragments.
 */
export async function replaceWithSnapshot(db: WorthmarkDb, snap: ProjectSnapshot, options: { identity?: CoderId } = {}): Promise<void> {
  await db.transaction('rw', projectTables(db), async () => {
    const oldHash = new Map((await db.documents.toArray()).map((d) => [d.id as string, d.contentHash]));
    const keepOriginals = new Set(snap.documents.filter((d) => oldHash.get(d.id) === d.contentHash).map((d) => d.id as string));
    const brought = new Set((snap.originals ?? []).map((o) => o.documentId));
    const originals = [
      ...(await db.originals.toArray()).filter((o) => keepOriginals.has(o.documentId) && !brought.has(o.documentId)),
      ...(snap.originals ?? []),
    ];
    const restoredFragments = new Set(snap.fragments.map((f) => f.id as string));
    const reviews = snap.reviews ?? (await db.reviews.toArray()).filter((r) => restoredFragments.has(r.fragmentId));
    let local = (await db.settings.bulkGet(BROWSER_SETTINGS)).filter((x): x is SettingRow => x !== undefined);
    const localCoderId = local.find((x) => x.key === 'coderId')?.value;
    let localCoder = typeof localCoderId === 'string' ? await db.coders.get(localCoderId as CoderId) : undefined;
    const coders = [...snap.coders];
    // "This is me": the user is the file's coder; this browser's coder id becomes their alias.
    const me = options.identity ? coders.findIndex((c) => c.id === options.identity) : -1;
    if (me >= 0) {
      const them = coders[me]!;
      if (localCoder && localCoder.id !== them.id) coders[me] = { ...them, aliases: [...new Set([...(them.aliases ?? []), localCoder.id, ...(localCoder.aliases ?? [])])] as CoderId[] };
      local = [...local.filter((x) => x.key !== 'coderId'), { key: 'coderId', value: them.id }];
      localCoder = undefined;
    }

    await Promise.all(projectTables(db).map((t) => t.clear()));
    await db.documents.bulkAdd(snap.documents);
    await db.texts.bulkAdd(snap.texts);
    await db.originals.bulkAdd(originals);
    await db.codebooks.bulkAdd(snap.codebooks);
    await db.fragments.bulkAdd(snap.fragments);
    await db.reviews.bulkAdd(reviews);
    await db.searches.bulkAdd(snap.searches);
    await db.coders.bulkAdd(coders);
    if (localCoder && !coders.some((c) => c.id === localCoder.id)) await db.coders.add(localCoder);
    // The file's value of a browser setting is taken only where this browser has none.
    const localKeys = new Set(local.map((x) => x.key));
    await db.settings.bulkAdd(snap.settings.filter((x) => !localKeys.has(x.key)));
    await db.settings.bulkAdd(local);
    await db.hits.bulkAdd(snap.hits);
    await db.conflicts.bulkAdd(snap.conflicts ?? []);
    await db.deletions.bulkAdd(snap.deletions ?? []);
  });
}

// ---------------------------------------------------------------------------------------------
// Worklist: hit decisions per saved search, and the documents a saved search has already seen.
// ---------------------------------------------------------------------------------------------

/** The id of a dismissal (defined in the model, where merging needs it too). */
export { hitDecisionId } from '../model/search.ts';

/** Reads one hit decision by id. */
export function getHitDecision(db: WorthmarkDb, id: string): Promise<HitDecision | undefined> {
  return db.hits.get(id);
}

/** Lists the hit decisions (dismissals) of a saved search. */
export function listHitDecisions(db: WorthmarkDb, searchId: SearchId): Promise<HitDecision[]> {
  return db.hits.where('searchId').equals(searchId).toArray();
}

/** Stores a hit decision (a dismissal with its optional reason). */
export async function putHitDecision(db: WorthmarkDb, decision: HitDecision): Promise<void> {
  await db.hits.put(decision);
}

/** Removes hit decisions by id (a dismissal undone). */
export async function deleteHitDecisions(db: WorthmarkDb, ids: string[]): Promise<void> {
  await db.hits.bulkDelete(ids);
}

/** The settings key under which a saved search keeps the documents it has seen. */
export function searchBaselineKey(searchId: string): string {
  return `searchSeen:${searchId}`;
}

/** The documents a saved search was last marked as having seen, or null when never. */
export async function getSearchBaseline(db: WorthmarkDb, searchId: SearchId): Promise<string[] | null> {
  const value = await getSetting<unknown>(db, searchBaselineKey(searchId), null);
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : null;
}

/** Records the documents a saved search has seen (later imports are "new" for it). */
export async function setSearchBaseline(db: WorthmarkDb, searchId: SearchId, documentIds: string[]): Promise<void> {
  await setSetting(db, searchBaselineKey(searchId), [...documentIds]);
}

/** Deletes a saved search with its hit decisions and its seen-documents record, all or nothing. */
export async function deleteSearchWithDecisions(db: WorthmarkDb, id: SearchId): Promise<void> {
  await db.transaction('rw', [db.searches, db.hits, db.settings], async () => {
    await db.hits.where('searchId').equals(id).delete();
    await db.settings.delete(searchBaselineKey(id));
    await db.searches.delete(id);
  });
}

/** One fragment's stored state to write: the fragment, or null to delete it (with its reviews). */
export interface FragmentWrite {
  id: FragmentId;
  fragment: Fragment | null;
}

/** A set of writes made as one coding step (and undone as one). */
export interface CodingWrites {
  fragments: readonly FragmentWrite[];
  /** A codebook to store as well (a codebook change, or one undone). */
  codebook?: Codebook;
  /** Reviews to put back (undoing a delete brings back the deleted fragment's reviews). */
  reviews?: readonly Review[];
  /** Who writes: recorded with each deleted fragment's deletion record. */
  by?: CoderId;
  /**
   * Write the fragments as a new change (an undo or redo): each one put gets a version vector
   * that covers what is stored now (the fragment, or its deletion record) with one more change
   * by `by`, and `updatedAt` = `at`, so a merge never takes the restored state for an older one.
   */
  renew?: { by: CoderId; at: string };
  /**
   * What the stored fragments must be before the write (null: absent). An undo or redo passes
   * the state its step left behind; when a fragment was changed since by anything else, the
   * write is refused (StaleWriteError) and nothing is written.
   */
  expect?: readonly FragmentWrite[];
  /** Worklist decisions to put or delete (a dismissal and its undo). */
  hits?: readonly HitWrite[];
  /** What the stored decisions must be before the write (as `expect` for fragments). */
  expectHits?: readonly HitWrite[];
}

/** One hit decision's stored state to write: the decision, or null to delete it. */
export interface HitWrite {
  id: string;
  decision: HitDecision | null;
}

/** A coding write refused because the stored fragments are no longer what the step left. */
export class StaleWriteError extends Error {
  constructor(readonly fragmentId: string) {
    super(`fragment ${fragmentId} changed since this step`);
    this.name = 'StaleWriteError';
  }
}

/** Whether a stored fragment is still the one a step left (same edit time and place). */
function sameFragment(stored: Fragment | undefined, expected: Fragment | null): boolean {
  if (!stored || !expected) return !stored && !expected;
  return (
    stored.updatedAt === expected.updatedAt &&
    stored.documentId === expected.documentId &&
    stored.anchor.start === expected.anchor.start &&
    stored.anchor.end === expected.anchor.end
  );
}

/** What a coding write did. */
export interface CodingWriteResult {
  /** The reviews that went with deleted fragments, so an undo can bring them back. */
  removedReviews: Review[];
  /** The fragments as stored (with `renew`: their new versions), in the order given. */
  written: Fragment[];
}

/**
 * Writes a coding step — fragments put or deleted, a codebook, reviews — all or nothing.
 * A deleted fragment leaves a deletion record (its version vector with the deletion counted), so
 * a merge does not bring it back; a fragment put back (an undone delete) loses its record, and
 * with `renew` its version covers that record.
 */
export async function applyCodingWrites(db: WorthmarkDb, writes: CodingWrites): Promise<CodingWriteResult> {
  return db.transaction('rw', [db.fragments, db.reviews, db.codebooks, db.documents, db.deletions, db.hits], async () => {
    if (writes.expectHits && writes.expectHits.length > 0) {
      const stored = await db.hits.bulkGet(writes.expectHits.map((w) => w.id));
      for (const [i, w] of writes.expectHits.entries()) {
        const s = stored[i];
        if (s?.decidedAt !== w.decision?.decidedAt || s?.reason !== w.decision?.reason) throw new StaleWriteError(w.id);
      }
    }
    if (writes.expect) {
      const stored = await db.fragments.bulkGet(writes.expect.map((w) => w.id as FragmentId));
      for (const [i, w] of writes.expect.entries()) {
        if (!sameFragment(stored[i], w.fragment)) throw new StaleWriteError(w.id);
      }
      // A fragment must not come back for a document that is gone.
      const documents = new Set(writes.fragments.flatMap((w) => (w.fragment ? [w.fragment.documentId] : [])));
      for (const id of documents) if (!(await db.documents.get(id))) throw new StaleWriteError(String(id));
    }
    const gone = writes.fragments.filter((w) => w.fragment === null).map((w) => w.id as string);
    let removedReviews: Review[] = [];
    if (gone.length > 0) {
      removedReviews = await db.reviews.where('fragmentId').anyOf(gone).toArray();
      if (removedReviews.length > 0) await db.reviews.bulkDelete(removedReviews.map((r) => r.id));
      const stored = (await db.fragments.bulkGet(gone as FragmentId[])).filter((f): f is Fragment => f !== undefined);
      const at = writes.renew?.at ?? new Date().toISOString();
      await db.deletions.bulkPut(
        stored.map((f) => {
          const by = writes.renew?.by ?? writes.by ?? f.coderId;
          return { id: f.id, documentId: f.documentId, versions: bumpVersion(f.versions, by), deletedAt: at, deletedBy: by };
        }),
      );
      await db.fragments.bulkDelete(gone as FragmentId[]);
    }
    let puts = writes.fragments.flatMap((w) => (w.fragment ? [w.fragment] : []));
    if (writes.renew && puts.length > 0) {
      const { by, at } = writes.renew;
      const ids = puts.map((f) => f.id);
      const [stored, records] = await Promise.all([db.fragments.bulkGet(ids), db.deletions.bulkGet(ids)]);
      puts = puts.map((f, i) => {
        const now = stored[i]?.versions ?? records[i]?.versions;
        const next: Fragment = { ...f, updatedAt: at, versions: bumpVersion(joinVersions(f.versions, now), by) };
        if (by === f.coderId) delete next.updatedBy;
        else next.updatedBy = by;
        return next;
      });
    }
    if (puts.length > 0) {
      await db.fragments.bulkPut(puts);
      await db.deletions.bulkDelete(puts.map((f) => f.id));
    }
    if (writes.codebook) await db.codebooks.put(writes.codebook);
    if (writes.reviews && writes.reviews.length > 0) await db.reviews.bulkPut([...writes.reviews]);
    for (const w of writes.hits ?? []) {
      if (w.decision) await db.hits.put(w.decision);
      else await db.hits.delete(w.id);
    }
    return { removedReviews, written: puts };
  });
}

/** Reads several fragments by id (missing ones are left out). */
export async function getFragments(db: WorthmarkDb, ids: readonly FragmentId[]): Promise<Fragment[]> {
  return (await db.fragments.bulkGet([...ids])).filter((f): f is Fragment => f !== undefined);
}

/** Lists the fragments, in any document, that carry one of the given codes (or a value of one). */
export async function listFragmentsWithCodes(db: WorthmarkDb, codeIds: readonly string[]): Promise<Fragment[]> {
  const wanted = new Set(codeIds);
  return db.fragments
    .filter((f) => f.codes.some((c) => wanted.has(c)) || (f.values ?? []).some((v) => wanted.has(v.slice(0, v.indexOf(':')))))
    .toArray();
}

// ---------------------------------------------------------------------------------------------
// Import: original files, re-extraction, the hit decisions of one document.
// ---------------------------------------------------------------------------------------------

/** Reads a document's stored original file (undefined for documents stored without one). */
export function getOriginal(db: WorthmarkDb, id: DocumentId): Promise<OriginalFile | undefined> {
  return db.originals.get(id);
}

/** Lists the hit decisions about one document (across saved searches). */
export function listDocumentHitDecisions(db: WorthmarkDb, documentId: DocumentId): Promise<import('./db.ts').HitDecision[]> {
  return db.hits.where('documentId').equals(documentId).toArray();
}

/** What re-extracting a document writes: its record and text, its re-anchored fragments and hit decisions. */
export interface ExtractionWrites {
  document: PolicyDocument;
  text: DocumentText;
  /** Fragments with their new anchors (orphans included, unchanged but for their offsets). */
  fragments: Fragment[];
  /** Hit decisions to delete (by id) and to store (moved ones get a new id). */
  hits: { remove: string[]; put: import('./db.ts').HitDecision[] };
}

/** What a re-extraction is planned from: the document's stored state at the moment of writing. */
export interface ExtractionState {
  document: PolicyDocument;
  text: DocumentText;
  fragments: Fragment[];
  hits: import('./db.ts').HitDecision[];
}

/**
 * Stores a re-extraction, all or nothing. `plan` turns the document's stored state into the
 * writes; it runs inside the write transaction (so it must be synchronous and pure), which means
 * a fragment coded, a title edited or a hit decided while the seconds-long extraction ran is
 * planned with, not overwritten. Returns the writes, or null when the document (or its text) was
 * deleted in the meantime — then nothing is written.
 */
export async function applyExtraction(
  db: WorthmarkDb,
  documentId: DocumentId,
  plan: (state: ExtractionState) => ExtractionWrites,
): Promise<ExtractionWrites | null> {
  return db.transaction('rw', [db.documents, db.texts, db.fragments, db.hits], async () => {
    const [document, text, fragments, hits] = await Promise.all([
      db.documents.get(documentId),
      db.texts.get(documentId),
      listFragments(db, documentId),
      listDocumentHitDecisions(db, documentId),
    ]);
    if (!document || !text) return null;
    const writes = plan({ document, text, fragments, hits });
    await db.documents.put(writes.document);
    await db.texts.put(writes.text);
    if (writes.fragments.length > 0) await db.fragments.bulkPut(writes.fragments);
    if (writes.hits.remove.length > 0) await db.hits.bulkDelete(writes.hits.remove);
    if (writes.hits.put.length > 0) await db.hits.bulkPut(writes.hits.put);
    return writes;
  });
}

/**
 * Stores the text attached to a document whose text was missing, with the file as its original,
 * all or nothing. `plan` runs inside the write transaction on the stored state and returns null to
 * write nothing (the text is no longer missing, or does not fit). A document with the same content
 * hash is refused with {@link DuplicateDocumentError}.
 */
export async function applyTextAttach(
  db: WorthmarkDb,
  documentId: DocumentId,
  original: OriginalFile,
  plan: (state: ExtractionState) => ExtractionWrites | null,
): Promise<ExtractionWrites | null> {
  return db.transaction('rw', [db.documents, db.texts, db.fragments, db.hits, db.originals], async () => {
    const [document, text, fragments, hits] = await Promise.all([
      db.documents.get(documentId),
      db.texts.get(documentId),
      listFragments(db, documentId),
      listDocumentHitDecisions(db, documentId),
    ]);
    if (!document || !text) return null;
    const writes = plan({ document, text, fragments, hits });
    if (!writes) return null;
    const clash = await db.documents.where('contentHash').equals(writes.document.contentHash).first();
    if (clash && clash.id !== documentId) throw new DuplicateDocumentError(clash);
    await db.documents.put(writes.document);
    await db.texts.put(writes.text);
    if (writes.fragments.length > 0) await db.fragments.bulkPut(writes.fragments);
    if (writes.hits.remove.length > 0) await db.hits.bulkDelete(writes.hits.remove);
    if (writes.hits.put.length > 0) await db.hits.bulkPut(writes.hits.put);
    await db.originals.put(original);
    return writes;
  });
}

// ---------------------------------------------------------------------------------------------
// Merging another project, reviews, conflicts.
// ---------------------------------------------------------------------------------------------

/** What a merge writes (planned from the stored project by exchange/merge-plan.ts). */
export interface MergeWrites {
  documents: { document: PolicyDocument; text: DocumentText }[];
  /** Documents of ours whose missing text the file brought: stored over ours (same id). */
  attached?: { document: PolicyDocument; text: DocumentText }[];
  /** Worklist decisions to delete (moved to new ids: their document was given its text). */
  removeHits?: string[];
  /** Original files of added documents. */
  originals?: OriginalFile[];
  /**
   * Original files of matched documents with the SHA-256 of each (checked by the reader), stored
   * only where the document has no original and that hash is the document's content hash (the same file).
   */
  originalsIfMissing?: { original: OriginalFile; contentHash: string }[];
  codebooks: Codebook[];
  coders: Coder[];
  /** Fragments to store (added, or newer versions of ours). */
  fragments: Fragment[];
  /** Fragments to delete (deleted on the other side); their reviews stay. */
  removeFragments: FragmentId[];
  deletions: FragmentDeletion[];
  conflicts: FragmentConflict[];
  reviews: Review[];
  searches: SavedSearch[];
  hits: HitDecision[];
}

/**
 * Merges into the stored project, all or nothing: `plan` gets the whole project as stored at
 * the moment of writing (inside the write transaction, so it must be synchronous and pure) and
 * returns the writes with a result for the caller.
 */
export async function applyMerge<T>(db: WorthmarkDb, plan: (state: ProjectSnapshot) => { writes: MergeWrites; result: T }): Promise<T> {
  const tables = [db.documents, db.texts, db.originals, db.codebooks, db.fragments, db.searches, db.coders, db.settings, db.hits, db.reviews, db.conflicts, db.deletions];
  return db.transaction('rw', tables, async () => {
    const state = await readSnapshot(db);
    const { writes, result } = plan(state);
    if (writes.documents.length > 0) {
      await db.documents.bulkAdd(writes.documents.map((d) => d.document));
      await db.texts.bulkAdd(writes.documents.map((d) => d.text));
    }
    if (writes.attached && writes.attached.length > 0) {
      await db.documents.bulkPut(writes.attached.map((d) => d.document));
      await db.texts.bulkPut(writes.attached.map((d) => d.text));
    }
    if (writes.originals && writes.originals.length > 0) await db.originals.bulkPut(writes.originals);
    if (writes.originalsIfMissing && writes.originalsIfMissing.length > 0) {
      const hashOf = new Map(state.documents.map((d) => [d.id as string, d.contentHash]));
      const same = writes.originalsIfMissing.filter((o) => hashOf.get(o.original.documentId) === o.contentHash).map((o) => o.original);
      const have = await db.originals.bulkGet(same.map((o) => o.documentId));
      const missing = same.filter((_, i) => !have[i]);
      if (missing.length > 0) await db.originals.bulkPut(missing);
    }
    if (writes.codebooks.length > 0) await db.codebooks.bulkPut(writes.codebooks);
    if (writes.coders.length > 0) await db.coders.bulkPut(writes.coders);
    if (writes.removeFragments.length > 0) await db.fragments.bulkDelete(writes.removeFragments);
    if (writes.fragments.length > 0) await db.fragments.bulkPut(writes.fragments);
    if (writes.deletions.length > 0) await db.deletions.bulkPut(writes.deletions);
    if (writes.conflicts.length > 0) await db.conflicts.bulkPut(writes.conflicts);
    if (writes.reviews.length > 0) await db.reviews.bulkPut(writes.reviews);
    if (writes.searches.length > 0) await db.searches.bulkAdd(writes.searches);
    if (writes.removeHits && writes.removeHits.length > 0) await db.hits.bulkDelete(writes.removeHits);
    if (writes.hits.length > 0) await db.hits.bulkPut(writes.hits);
    return result;
  });
}

/** Lists all reviews. */
export function listReviews(db: WorthmarkDb): Promise<Review[]> {
  return db.reviews.toArray();
}

/** Lists the reviews of one document's fragments. */
export function listDocumentReviews(db: WorthmarkDb, documentId: DocumentId): Promise<Review[]> {
  return db.reviews.where('documentId').equals(documentId).toArray();
}

/** Reads one review. */
export function getReview(db: WorthmarkDb, id: string): Promise<Review | undefined> {
  return db.reviews.get(id);
}

/**
 * Changes one review in a read-write transaction: `change` gets the stored review (undefined
 * when there is none) and the fragment it is about, and returns the review to store, or null to
 * leave everything as it is. Returns what was stored.
 */
export async function updateReview(
  db: WorthmarkDb,
  id: string,
  fragmentId: FragmentId,
  change: (stored: Review | undefined, fragment: Fragment | undefined) => Review | null,
): Promise<Review | null> {
  return db.transaction('rw', [db.reviews, db.fragments], async () => {
    const next = change(await db.reviews.get(id), await db.fragments.get(fragmentId));
    if (next) await db.reviews.put(next);
    return next;
  });
}

/** Lists the unresolved merge conflicts. */
export function listConflicts(db: WorthmarkDb): Promise<FragmentConflict[]> {
  return db.conflicts.toArray();
}

/** What resolving a conflict writes. */
export interface ConflictResolutionWrites {
  put: Fragment[];
  remove: FragmentId[];
  deletions: FragmentDeletion[];
  /** Deletion records to drop (a deleted fragment brought back). */
  undelete: FragmentId[];
}

/**
 * Resolves a conflict, all or nothing: `plan` gets the conflict with the stored fragment and
 * deletion record (inside the transaction) and returns the writes; the conflict is then removed.
 * Returns false when the conflict is gone (resolved elsewhere).
 */
export async function resolveStoredConflict(
  db: WorthmarkDb,
  conflictId: string,
  plan: (conflict: FragmentConflict, ours: Fragment | undefined, deletion: FragmentDeletion | undefined) => ConflictResolutionWrites,
): Promise<boolean> {
  return db.transaction('rw', [db.conflicts, db.fragments, db.deletions, db.reviews], async () => {
    const conflict = await db.conflicts.get(conflictId);
    if (!conflict) return false;
    const writes = plan(conflict, await db.fragments.get(conflict.fragmentId), await db.deletions.get(conflict.fragmentId));
    if (writes.remove.length > 0) await db.fragments.bulkDelete(writes.remove);
    if (writes.put.length > 0) await db.fragments.bulkPut(writes.put);
    if (writes.deletions.length > 0) await db.deletions.bulkPut(writes.deletions);
    if (writes.undelete.length > 0) await db.deletions.bulkDelete(writes.undelete);
    await db.conflicts.delete(conflictId);
    return true;
  });
}
