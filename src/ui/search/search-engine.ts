/**
 * The search core the worker runs (and the main thread, where no Worker exists): documents by
 * id with their folded text cached, searched with text/corpus-search.ts (and, for the reader's
 * find bar, one line in one document with text/find-in-text.ts).
 */
import { PreparedTextCache, runSearch, type SearchableDocument, type SearchResult } from '../../text/corpus-search.ts';
import type { Query } from '../../text/query.ts';
import { findInText } from '../../text/find-in-text.ts';
import type { TextRange } from '../../text/sentence.ts';

/** Documents kept for searching, folded once each. */
export class SearchEngine {
  private readonly docs = new Map<string, SearchableDocument>();
  private readonly cache = new PreparedTextCache();

  /** Adds documents and drops those whose id is not in `keep`. */
  sync(add: readonly SearchableDocument[], keep: readonly string[]): void {
    for (const d of add) this.docs.set(d.id, d);
    const k = new Set(keep);
    for (const id of [...this.docs.keys()]) if (!k.has(id)) this.docs.delete(id);
    this.cache.retain(k);
  }

  /** The ids of the documents held. */
  has(id: string): boolean {
    return this.docs.has(id);
  }

  /** Searches the given documents (in the given order) with the query. */
  search(query: Query, documentIds: readonly string[], width: number): SearchResult {
    const docs = documentIds.flatMap((id) => this.docs.get(id) ?? []);
    return runSearch(docs, query, { width, cache: this.cache });
  }

  /** The hits of one line of the query language in one document, in reading order (the reader's find bar). */
  find(documentId: string, line: string): TextRange[] {
    const doc = this.docs.get(documentId);
    if (!doc) throw new Error(`document ${documentId} is not loaded`);
    const found = findInText(this.cache.get(doc.id, doc.text), line);
    if ('error' in found) throw new Error(`line ${found.error.line}, column ${found.error.column}: ${found.error.reason}`);
    return found.hits;
  }
}
