/**
 * Searching a set of documents with one query: hits with page and keyword-in-context, and
 * counts per document and term. The app's search screen and the CLI both report from this.
 */
import { pageAt, type Page } from '../model/document.ts';
import { countByTerm, DEFAULT_KWIC_WIDTH, kwic } from './concordance.ts';
import { compileQuery, findAll, prepareText, type PreparedText } from './matcher.ts';
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
  /** Keeps each document's folded text between searches, so a repeated search skips folding. */
  cache?: PreparedTextCache;
}

/**
 * Prepared (folded) texts by document id. Folding is about half the work of a search, and a
 * document's text does not change after import, so the app and its search worker fold each
 * document once. An entry is reused only while the document's text is the same string.
 */
export class PreparedTextCache {
  private readonly entries = new Map<string, PreparedText>();

  /** The prepared text of a document, folded on first use. */
  get(id: string, text: string): PreparedText {
    const hit = this.entries.get(id);
    if (hit && hit.text === text) return hit;
    const prepared = prepareText(text);
    this.entries.set(id, prepared);
    return prepared;
  }

  /** Drops the entries of documents not in `ids` (deleted documents). */
  retain(ids: Iterable<string>): void {
    const keep = new Set(ids);
    for (const id of [...this.entries.keys()]) if (!keep.has(id)) this.entries.delete(id);
  }

  /** How many documents are cached. */
  get size(): number {
    return this.entries.size;
  }
}

/** Searches every document with the query (compiled once). */
export function runSearch(documents: readonly SearchableDocument[], query: Query, options: SearchOptions = {}): SearchResult {
  const compiled = compileQuery(query);
  const width = options.width ?? DEFAULT_KWIC_WIDTH;
  const result: SearchResult = { documents: [], hits: [] };
  for (const doc of documents) {
    const hits = findAll(options.cache ? options.cache.get(doc.id, doc.text) : prepareText(doc.text), compiled);
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
