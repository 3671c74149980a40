import { describe, expect, it } from 'vitest';
import { PreparedTextCache, runSearch } from '../../../src/text/corpus-search.ts';
import { findInText } from '../../../src/text/find-in-text.ts';
import { prepareText } from '../../../src/text/matcher.ts';
import { parseQuery, type Query } from '../../../src/text/query.ts';

function query(src: string): Query {
  const r = parseQuery(src);
  if ('error' in r) throw new Error(JSON.stringify(r.error));
  return r.parsed;
}

const docs = [
  { id: 'a', title: 'A', text: 'De wereld is groot.\n\nWereldwijde samenwerking over de grenzen.', pages: [{ index: 1, label: '1', start: 0, end: 63 }] },
  { id: 'b', title: 'B', text: 'Geen treffers hier. Wel de Wereld.', pages: [{ index: 1, label: 'iv', start: 0, end: 34 }] },
];

describe('corpus search', () => {
  it('finds the same hits with and without the folded-text cache, and folds each document once', () => {
    const q = query('wereld*\ngrens/grenzen');
    const cache = new PreparedTextCache();
    const plain = runSearch(docs, q);
    const first = runSearch(docs, q, { cache });
    expect(first).toEqual(plain);
    expect(cache.size).toBe(2);
    const prepared = cache.get('a', docs[0]!.text);
    expect(runSearch(docs, q, { cache })).toEqual(plain);
    expect(cache.get('a', docs[0]!.text)).toBe(prepared);
    expect(plain.documents.map((d) => d.byTerm)).toEqual([[2, 1], [1, 0]]);
    expect(plain.hits.find((h) => h.documentId === 'b')).toMatchObject({ match: 'Wereld', page: 'iv', pageIndex: 1 });
  });

  it('folds a document again when its text changed, and forgets documents no longer kept', () => {
    const cache = new PreparedTextCache();
    const before = cache.get('a', 'oude tekst');
    const after = cache.get('a', 'nieuwe tekst');
    expect(after).not.toBe(before);
    expect(after.text).toBe('nieuwe tekst');
    cache.get('b', 'x');
    cache.retain(['b']);
    expect(cache.size).toBe(1);
  });
});

describe('find in one document', () => {
  const prepared = prepareText('Grens en grenzen; de grenzeloze wereld. Internationale, internationaal.');

  it('finds every hit of one line of the query language in reading order', () => {
    expect(findInText(prepared, 'grens/grenzen')).toEqual({ hits: [{ start: 0, end: 5 }, { start: 9, end: 16 }] });
    const r = findInText(prepared, '/internationa(al|le)/');
    expect('hits' in r && r.hits.map((h) => prepared.text.slice(h.start, h.end))).toEqual(['Internationale', 'internationaal']);
  });

  it('visits a place once when alternatives overlap', () => {
    const r = findInText(prepared, 'grenz*/grenzeloze');
    expect('hits' in r && r.hits.map((h) => prepared.text.slice(h.start, h.end))).toEqual(['grenzen', 'grenzeloze']);
  });

  it('returns the line error with its column for a malformed line, and nothing for a comment', () => {
    expect(findInText(prepared, '"culturele')).toEqual({ error: { line: 1, column: 1, reason: 'unclosed-quote' } });
    expect(findInText(prepared, '# niets')).toEqual({ hits: [] });
  });
});
