/**
 * Searching a set of documents with one query: hits with page and keyword-in-context, and
 * counts per document and term. The app's search screen and the CLI both report from this.
 */
import { pageAt, type Page } from '../model/document.ts';
import { countByTerm, DEFAULT_KWIC_WIDTH, kwic } from './concordance.ts';
import { compileQuery, findAll, prepareText } from './matcher.ts';
import type { Query } from './query.ts';

/** A document to search. */
export interface SearchableDocument {
  id: string;
  title: string;
  text: string;
  pages: readonly Page[];
}

/** One hit with where it is and its context. */
export interface CorpusHit {
  documentId: string;
  termIndex: number;
  /** The matched text exactly as in the document ([start, end)). */
  match: string;
  start: number;
  end: number;
  /** 1-based page index in the source file. */
  pageIndex: number;
  /** The page label to cite. */
  page: string;
  left: string;
  right: string;
}

/** Counts of one document. */
export interface CorpusDocumentCounts {
  id: string;
  title: string;
  hits: number;
  /** Hits per term, aligned with the query's terms. */
  byTerm: number[];
}

/** The result of searching a set of documents. */
export interface SearchResult {
  documents: CorpusDocumentCounts[];
  /** Hits in document order, then by position. */
  hits: CorpusHit[];
}

/** Options of a corpus search. */
export interface SearchOptions {
  /** KWIC context width on each side, in characters. */
  width?: number;
}

/** Searches every document with the query (compiled once). */
export function runSearch(documents: readonly SearchableDocument[], query: Query, options: SearchOptions = {}): SearchResult {
  const compiled = compileQuery(query);
  const width = options.width ?? DEFAULT_KWIC_WIDTH;
  const result: SearchResult = { documents: [], hits: [] };
  for (const doc of documents) {
    const hits = findAll(prepareText(doc.text), compiled);
    result.documents.push({ id: doc.id, title: doc.title, hits: hits.length, byTerm: countByTerm(hits, query.terms.length) });
    for (const h of hits) {
      const page = pageAt(doc.pages, h.start);
      const row = kwic(doc.text, h.start, h.end, { width });
      result.hits.push({
        documentId: doc.id,
        termIndex: h.termIndex,
        match: doc.text.slice(h.start, h.end),
        start: h.start,
        end: h.end,
        pageIndex: page?.index ?? 1,
        page: page?.label ?? '1',
        left: row.left,
        right: row.right,
      });
    }
  }
  return result;
}
