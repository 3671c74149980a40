/**
 * Find in one document (the reader's find bar): one line of the query language, its hits in
 * reading order. Hits of different alternatives or terms that overlap are merged into the first,
 * so stepping through them never visits the same place twice.
 */
import { compileQuery, findAll, type PreparedText } from './matcher.ts';
import { parseQuery, type QueryError } from './query.ts';
import type { TextRange } from './sentence.ts';

/** The hits of a line of the query language in a prepared text, or the line's first error. */
export function findInText(prepared: PreparedText, line: string): { hits: TextRange[] } | { error: QueryError } {
  const parsed = parseQuery(line);
  if ('error' in parsed) return { error: parsed.error };
  if (parsed.parsed.terms.length === 0) return { hits: [] };
  const hits: TextRange[] = [];
  let lastEnd = -1;
  for (const h of findAll(prepared, compileQuery(parsed.parsed))) {
    if (h.start < lastEnd) continue;
    hits.push({ start: h.start, end: h.end });
    lastEnd = h.end;
  }
  return { hits };
}
