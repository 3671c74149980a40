/**
 * The search core the worker runs (and the main thread, where no Worker exists): documents by
 * id with their folded text cached, searched with text/corpus-search.ts.
 */
import { PreparedTextCache, runSearch, type SearchableDocument, type SearchResult } from '../../text/corpus-search.ts';
import type { Query } from '../../text/query.ts';

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
}
