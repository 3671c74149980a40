/** Messages between the search screen and its search worker (search-worker.ts). */
import type { SearchableDocument, SearchResult } from '../../text/corpus-search.ts';
import type { Query } from '../../text/query.ts';

/** To the worker: add documents it has not seen, and keep only `keep` (the current document ids). */
export interface SyncRequest {
  type: 'sync';
  add: SearchableDocument[];
  keep: string[];
}

/** To the worker: run a query over some of its documents; `seq` identifies the answer. */
export interface SearchRequest {
  type: 'search';
  seq: number;
  query: Query;
  documentIds: string[];
  width: number;
}

/** From the worker: the result of search `seq`, or why it failed. */
export type SearchResponse =
  | { type: 'result'; seq: number; result: SearchResult; ms: number }
  | { type: 'failed'; seq: number; message: string };

/** Any message to the worker. */
export type WorkerRequest = SyncRequest | SearchRequest;
