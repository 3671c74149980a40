/** Messages between the search screen and its search worker (search-worker.ts). */
import type { SearchableDocument, SearchResult } from '../../text/corpus-search.ts';
import type { Query } from '../../text/query.ts';
import type { TextRange } from '../../text/sentence.ts';

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

/** To the worker: find one line of the query language in one of its documents (the reader's find bar). */
export interface FindRequest {
  type: 'find';
  seq: number;
  documentId: string;
  line: string;
}

/** From the worker: the result of search `seq`, the hits of find `seq`, or why it failed. */
export type SearchResponse =
  | { type: 'result'; seq: number; result: SearchResult; ms: number }
  | { type: 'found'; seq: number; hits: TextRange[]; ms: number }
  | { type: 'failed'; seq: number; message: string };

/** Any message to the worker. */
export type WorkerRequest = SyncRequest | SearchRequest | FindRequest;
