/** Removing documents from the project. */
import type { DocumentId } from '../model/index.ts';
import type { WorthmarkDb } from '../storage/db.ts';
import { deleteDocuments } from '../storage/repository.ts';
import { codingHistory } from './history.ts';
import { snapshotBefore } from './snapshots.ts';

/**
 * Deletes documents with everything coded in them. The undo history is cleared: its steps
 * hold fragments of the deleted documents, and redoing one would bring a fragment back
 * for a document that no longer exists. A snapshot is taken first (unless the caller took one),
 * so the deletion can be undone from the library; when it cannot be written, nothing is deleted.
 */
export async function removeDocuments(db: WorthmarkDb, ids: DocumentId[], options: { snapshot?: boolean } = {}): Promise<void> {
  if (ids.length === 0) return;
  if (options.snapshot ?? true) await snapshotBefore(db, 'delete');
  await deleteDocuments(db, ids);
  codingHistory().clear();
}
