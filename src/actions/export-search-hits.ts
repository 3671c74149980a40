/**
 * The hits of a saved search over the whole project, as ranges for the tally's "saved search"
 * filter (analysis/fragment-filter.ts). Reads every document's text once per call; the tally
 * calls it when the chosen search (or its terms) changes, not on every filter change.
 */
import type { SavedSearch } from '../model/search.ts';
import type { TextRange } from '../analysis/fragment-filter.ts';
import { runSearch, type SearchableDocument, type SearchResult } from '../text/corpus-search.ts';
import { parseQuery, type Query, type QueryError } from '../text/query.ts';
import type { WorthmarkDb } from '../storage/db.ts';
import { listDocuments, listTexts } from '../storage/repository.ts';

/** Runs a query over documents: in process (the default, for the CLI and tests), or in the app's search worker. */
export type SearchRunner = (documents: SearchableDocument[], query: Query) => Promise<SearchResult>;

const inProcess: SearchRunner = async (documents, query) => runSearch(documents, query, { width: 0 });

/**
 * Runs a saved search on every stored document; the hit ranges, or the first error in its terms.
 * The app passes its worker's runner, so a `/regex/` term never runs on the page's thread and a
 * runaway one is stopped (ui/search/search-client.ts); a runner's rejection is passed on.
 */
export async function searchHitRanges(db: WorthmarkDb, search: SavedSearch, runner: SearchRunner = inProcess): Promise<{ hits: TextRange[] } | { error: QueryError }> {
  const query = parseQuery(search.terms);
  if (!('parsed' in query)) return { error: query.error };
  const [documents, texts] = await Promise.all([listDocuments(db), listTexts(db)]);
  const textOf = new Map(texts.map((t) => [t.documentId as string, t.text]));
  const result = await runner(
    documents.map((d) => ({ id: d.id, title: d.title, text: textOf.get(d.id) ?? '', pages: d.pages })),
    query.parsed,
  );
  return { hits: result.hits.map((h) => ({ documentId: h.documentId, start: h.start, end: h.end })) };
}
