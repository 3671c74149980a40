/** Test support: a minimal stored document, so coding steps have a document to belong to. */
import type { DocumentId, PolicyDocument } from '../../../src/model/index.ts';
import type { WorthmarkDb } from '../../../src/storage/db.ts';

/** A document record with no pages, enough for fragments to refer to. */
export function documentRecord(id: string): PolicyDocument {
  return {
    id: id as DocumentId,
    title: id,
    fileName: `${id}.txt`,
    format: 'txt',
    contentHash: `hash-${id}`,
    pages: [],
    charCount: 0,
    meta: {},
    report: { joinedHyphens: 0, removedLines: [], pageCount: 1 },
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

/**
 * Stores document records. Not awaited by synchronous test setup: IndexedDB runs read-write
 * transactions with overlapping scopes in the order they were created, so every later coding
 * write (its transaction includes `documents`) sees them.
 */
export function storeDocuments(db: WorthmarkDb, ...ids: string[]): Promise<unknown> {
  return db.documents.bulkPut(ids.map(documentRecord));
}
