/**
 * Near-duplicates on import: a new text nearly the same as a document already in the project (the
 * same report in another print) is stored but flagged, and the user chooses: keep both, or skip
 * the new one (it is removed, with a snapshot first). The measure and its threshold are in
 * import/near-duplicate.ts. Sketches are derived data: kept in memory for the session (keyed by
 * document and text length), computed from the stored text on first need, never stored.
 */
import type { DocumentId, NearDuplicate, PolicyDocument } from '../model/index.ts';
import { findNearDuplicate, textSignature } from '../import/near-duplicate.ts';
import { getDocument, getText, listDocuments, updateDocument } from '../storage/repository.ts';
import type { WorthmarkDb } from '../storage/db.ts';
import { removeDocuments } from './documents.ts';

const sketches = new Map<DocumentId, { length: number; signature: number[] }>();

/** Remembers the sketch of a document's text (just stored), so later imports need not read it. */
export function rememberSignature(id: DocumentId, text: string): void {
  sketches.set(id, { length: text.length, signature: textSignature(text) });
}

/**
 * The document already in the project that `text` nearly duplicates, if any. A document's sketch
 * is computed from its stored text the first time it is needed in a session (and again when its
 * text changed length, e.g. after re-extraction).
 */
export async function nearDuplicateOf(db: WorthmarkDb, text: string): Promise<NearDuplicate | undefined> {
  const signature = textSignature(text);
  const docs = await listDocuments(db);
  const candidates: { id: DocumentId; signature: readonly number[] }[] = [];
  for (const d of docs) {
    let known = sketches.get(d.id);
    if (!known || known.length !== d.charCount) {
      const stored = (await getText(db, d.id))?.text ?? '';
      known = { length: stored.length, signature: textSignature(stored) };
      sketches.set(d.id, known);
    }
    candidates.push({ id: d.id, signature: known.signature });
  }
  const match = findNearDuplicate(signature, candidates);
  if (!match) return undefined;
  const of = docs.find((d) => d.id === match.id)!;
  return { of: of.id, title: of.title, similarity: match.similarity };
}

/** Keeps a document flagged as a near-duplicate: the flag goes, the document stays. */
export async function keepNearDuplicate(db: WorthmarkDb, id: DocumentId): Promise<void> {
  await updateDocument(db, id, { nearDuplicate: undefined });
}

/** Skips a document flagged as a near-duplicate: it is removed (after a snapshot). Returns it, or undefined when it was gone. */
export async function skipNearDuplicate(db: WorthmarkDb, id: DocumentId): Promise<PolicyDocument | undefined> {
  const doc = await getDocument(db, id);
  if (!doc) return undefined;
  await removeDocuments(db, [id]);
  return doc;
}
