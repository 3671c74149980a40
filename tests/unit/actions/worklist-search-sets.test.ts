import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as repo from '../../../src/storage/repository.ts';
import { importSearchSet, nameInTermList, readSearchSet, searchSetFile } from '../../../src/actions/search-sets.ts';
import { parseQuery } from '../../../src/text/query.ts';
import { freshDbs } from '../support/db.ts';

const freshDb = freshDbs('search-sets');
const bytes = (s: string) => new TextEncoder().encode(s);

describe('search sets as .txt files', () => {
  it('exports a set with its name as the first comment line, and reads the name back', () => {
    const file = searchSetFile({ name: 'Wereld: en grens?', terms: 'wereld*\r\ngrens/grenzen' });
    expect(file).toEqual({ fileName: 'Wereld- en grens-.txt', text: '# Zoekset: Wereld: en grens?\nwereld*\ngrens/grenzen\n' });
    const back = readSearchSet(file.fileName, bytes(file.text));
    expect(back).toEqual({ parsed: { name: 'Wereld: en grens?', terms: file.text } });
  });

  it('does not add a second name line to a list that has one', () => {
    expect(searchSetFile({ name: 'X', terms: '# Search set: Y\nwereld\n' }).text).toBe('# Search set: Y\nwereld\n');
    expect(nameInTermList('\uFEFF# Zoekset:  Thesis  \nwereld')).toBe('Thesis');
    expect(nameInTermList('# gewoon commentaar\nwereld')).toBeUndefined();
  });

  it('names an imported list after its file when it carries no name', () => {
    expect(readSearchSet('map/termen cultuur.txt', bytes('\uFEFFwereld\n'))).toEqual({ parsed: { name: 'termen cultuur', terms: 'wereld\n' } });
  });

  it('refuses a file that is not UTF-8, has no terms, is too large or has a bad line, naming file and line', () => {
    expect(readSearchSet('a.txt', new Uint8Array([0x77, 0xff, 0xfe]))).toEqual({ error: { reason: 'not-text', file: 'a.txt' } });
    expect(readSearchSet('b.txt', bytes('# alleen commentaar\n\n'))).toEqual({ error: { reason: 'no-terms', file: 'b.txt' } });
    expect(readSearchSet('c.txt', new Uint8Array(2 * 1024 * 1024).fill(0x61))).toEqual({ error: { reason: 'too-large', file: 'c.txt' } });
    const bad = readSearchSet('d.txt', bytes('wereld\n  grens(en\n'));
    expect(bad).toEqual({ error: { reason: 'query', file: 'd.txt', errors: [{ line: 2, column: 8, reason: 'unclosed-group' }] } });
  });

  it('stores nothing when an import fails, and a new saved search that has seen the documents when it works', async () => {
    const db = freshDb();
    const failed = await importSearchSet(db, 'kapot.txt', bytes('"culturele\n'));
    expect(failed.ok).toBe(false);
    expect(await repo.listSearches(db)).toEqual([]);
    const ok = await importSearchSet(db, 'cultuur.txt', bytes('# Zoekset: Cultuur\nwereld*\n'));
    expect(ok.ok && ok.search.name).toBe('Cultuur');
    const stored = await repo.listSearches(db);
    expect(stored.map((s) => [s.name, s.terms])).toEqual([['Cultuur', '# Zoekset: Cultuur\nwereld*\n']]);
    expect(await repo.getSearchBaseline(db, stored[0]!.id)).toEqual([]);
  });

  it('ships the thesis term list in codebooks/ as a valid set with the twelve terms of the method', () => {
    const text = readFileSync(resolve(__dirname, '../../../codebooks/thesis-terms.txt'), 'utf8');
    const read = readSearchSet('thesis-terms.txt', bytes(text));
    expect('parsed' in read && read.parsed.name).toBe('Scriptie-termen internationalisering');
    const q = parseQuery(text);
    expect('parsed' in q && q.parsed.terms.map((t) => t.source)).toEqual([
      'internationalisering', '(inter-)', 'internationaal', 'internationale', 'buitenland', 'wereld',
      'wereldwijd(e)', 'grenzeloos', 'grens/grenzen', 'globaal', 'globalisering', 'mondiaal',
    ]);
  });
});
