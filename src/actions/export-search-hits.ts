/**
 * The hits of a saved search over the whole project, as ranges for the tally's "saved search"
 * filter (analysis/fragment-filter.ts). Reads every document's text once per call; the tally
 * calls it when the chosen search (or its terms) changes, not on every filter change.
 */
import type { SavedSearch } from '../model/search.ts';
import type { TextRange } from '../analysis/fragment-filter.ts';
import { runSearch } from '../text/corpus-search.ts';
import { parseQuery, type QueryError } from '../text/query.ts';
import type { WorthmarkDb } from '../storage/db.ts';
import { listDocuments, listTexts } from '../storage/repository.ts';

/** Runs a saved search on every stored document; the hit ranges, or the first error in its terms. */
export async function searchHitRanges(db: WorthmarkDb, search: SavedSearch): Promise<{ hits: TextRange[] } | { error: QueryError }> {
  const query = parseQuery(search.terms);
  if (!('parsed' in query)) return { error: query.error };
  const [documents, texts] = await Promise.all([listDocuments(db), listTexts(db)]);
  const textOf = new Map(texts.map((t) => [t.documentId as string, t.text]));
  const result = runSearch(
    documents.map((d) => ({ id: d.id, title: d.title, text: textOf.get(d.id) ?? '', pages: d.pages })),
    query.parsed,
    { width: 0 },
  );
  return { hits: result.hits.map((h) => ({ documentId: h.documentId, start: h.start, end: h.end })) };
}
