/** Removing documents from the project. */
import type { DocumentId } from '../model/index.ts';
import type { WorthmarkDb } from '../storage/db.ts';
import { deleteDocuments } from '../storage/repository.ts';
import { codingHistory } from './history.ts';

/**
 * Deletes documents with everything coded in them. The undo history is cleared: its steps
 * hold fragments of the deleted documents, and redoing one would bring a fragment back
 * for a document that no longer exists.
 */
export async function removeDocuments(db: WorthmarkDb, ids: DocumentId[]): Promise<void> {
  await deleteDocuments(db, ids);
  codingHistory().clear();
}
