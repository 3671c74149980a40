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
  FragmentId,
  PolicyDocument,
  SavedSearch,
  SearchId,
} from '../model/index.ts';
import type { OriginalFile, SettingRow, WorthmarkDb } from './db.ts';

/** Stores a document with its text and original file, all or nothing. */
export async function addDocument(
  db: WorthmarkDb,
  doc: PolicyDocument,
  text: DocumentText,
  original?: OriginalFile,
): Promise<void> {
  await db.transaction('rw', [db.documents, db.texts, db.originals], async () => {
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

/** Updates editable document metadata. */
export async function updateDocument(
  db: WorthmarkDb,
  id: DocumentId,
  changes: Partial<Pick<PolicyDocument, 'title' | 'meta'>>,
): Promise<void> {
  await db.documents.update(id, changes);
}

/** Deletes documents with their texts, originals, fragments and hit decisions. */
export async function deleteDocuments(db: WorthmarkDb, ids: DocumentId[]): Promise<void> {
  await db.transaction(
    'rw',
    [db.documents, db.texts, db.originals, db.fragments, db.hits, db.reviews],
    async () => {
      const fragmentIds = await db.fragments.where('documentId').anyOf(ids).primaryKeys();
      await db.reviews.where('fragmentId').anyOf(fragmentIds).delete();
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
  documents: PolicyDocument[];
  texts: DocumentText[];
  codebooks: Codebook[];
  fragments: Fragment[];
  searches: SavedSearch[];
  coders: Coder[];
  settings: SettingRow[];
}

/** Reads everything in one consistent read transaction. */
export async function readSnapshot(db: WorthmarkDb): Promise<ProjectSnapshot> {
  return db.transaction(
    'r',
    [db.documents, db.texts, db.codebooks, db.fragments, db.searches, db.coders, db.settings],
    async () => ({
      documents: await db.documents.orderBy('createdAt').toArray(),
      texts: await db.texts.toArray(),
      codebooks: await db.codebooks.toArray(),
      fragments: await db.fragments.toArray(),
      searches: await db.searches.toArray(),
      coders: await db.coders.toArray(),
      settings: await db.settings.toArray(),
    }),
  );
}

/** Replaces the whole project with a snapshot, all or nothing. */
export async function replaceWithSnapshot(db: WorthmarkDb, snap: ProjectSnapshot): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
    await db.documents.bulkAdd(snap.documents);
    await db.texts.bulkAdd(snap.texts);
    await db.codebooks.bulkAdd(snap.codebooks);
    await db.fragments.bulkAdd(snap.fragments);
    await db.searches.bulkAdd(snap.searches);
    await db.coders.bulkAdd(snap.coders);
    await db.settings.bulkAdd(snap.settings);
  });
}
