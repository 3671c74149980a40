import { describe, expect, it } from 'vitest';
import { compileFilter, filterFragments, isFiltering, type FilterableFragment } from '../../../src/analysis/fragment-filter.ts';
import type { CoderId, DocumentId } from '../../../src/model/ids.ts';

const f = (documentId: string, start: number, end: number, extra: Partial<FilterableFragment> = {}): FilterableFragment => ({
  documentId: documentId as DocumentId,
  anchor: { start, end },
  coderId: 'anna' as CoderId,
  flags: [],
  createdAt: '2024-03-01T10:00:00.000Z',
  ...extra,
});

describe('the fragment filter', () => {
  it('lets everything through without conditions', () => {
    const list = [f('A', 0, 5), f('B', 0, 5)];
    expect(filterFragments(list, {})).toEqual(list);
    expect(isFiltering({})).toBe(false);
    expect(isFiltering({ documentIds: [] })).toBe(false);
  });

  it('keeps only the chosen documents and coders', () => {
    const list = [f('A', 0, 5), f('B', 0, 5, { coderId: 'bert' as CoderId }), f('C', 0, 5)];
    expect(filterFragments(list, { documentIds: ['A', 'B'] }).map((x) => x.documentId)).toEqual(['A', 'B']);
    expect(filterFragments(list, { coderIds: ['bert'] }).map((x) => x.documentId)).toEqual(['B']);
  });

  it('keeps fragments with a flag, or only those without any flag', () => {
    const list = [f('A', 0, 5, { flags: ['glocalisation'] }), f('B', 0, 5), f('C', 0, 5, { flags: ['other'] })];
    expect(filterFragments(list, { flag: { with: 'glocalisation' } }).map((x) => x.documentId)).toEqual(['A']);
    expect(filterFragments(list, { flag: { without: true } }).map((x) => x.documentId)).toEqual(['B']);
  });

  it('keeps fragments created from the start (inclusive) to the end (exclusive) of a date range', () => {
    const at = (iso: string) => f('A', 0, 5, { createdAt: iso });
    const list = [at('2024-02-29T23:59:59.999Z'), at('2024-03-01T00:00:00.000Z'), at('2024-03-01T23:59:59.999Z'), at('2024-03-02T00:00:00.000Z')];
    const keep = filterFragments(list, { from: Date.parse('2024-03-01T00:00:00Z'), to: Date.parse('2024-03-02T00:00:00Z') });
    expect(keep.map((x) => x.createdAt)).toEqual(['2024-03-01T00:00:00.000Z', '2024-03-01T23:59:59.999Z']);
  });

  it('keeps fragments that share at least one character with a hit of the saved search', () => {
    const hits = [
      { documentId: 'A', start: 10, end: 20 },
      { documentId: 'A', start: 50, end: 55 },
      { documentId: 'B', start: 0, end: 4 },
    ];
    const keep = compileFilter({ hits });
    expect(keep(f('A', 0, 11))).toBe(true); // shares 10
    expect(keep(f('A', 19, 30))).toBe(true); // shares 19
    expect(keep(f('A', 20, 50))).toBe(false); // touches both, shares none
    expect(keep(f('A', 12, 14))).toBe(true); // inside a hit
    expect(keep(f('A', 40, 60))).toBe(true); // contains a hit
    expect(keep(f('B', 4, 9))).toBe(false);
    expect(keep(f('C', 0, 100))).toBe(false); // no hits in C
  });

  it('with dismissed hits excluded, drops hits a dismissal overlaps, and without a search the fragments at dismissals', () => {
    const hits = [
      { documentId: 'A', start: 10, end: 20 },
      { documentId: 'A', start: 50, end: 55 },
    ];
    const dismissals = [{ documentId: 'A', start: 50, end: 55 }];
    expect(compileFilter({ hits, dismissals, includeDismissed: true })(f('A', 48, 60))).toBe(true);
    const excluding = compileFilter({ hits, dismissals, includeDismissed: false });
    expect(excluding(f('A', 48, 60))).toBe(false);
    expect(excluding(f('A', 5, 15))).toBe(true);
    const noSearch = compileFilter({ dismissals, includeDismissed: false });
    expect(noSearch(f('A', 48, 60))).toBe(false);
    expect(noSearch(f('A', 5, 15))).toBe(true);
  });

  it('needs every condition to hold', () => {
    const keep = compileFilter({ documentIds: ['A'], flag: { with: 'g' }, hits: [{ documentId: 'A', start: 0, end: 3 }] });
    expect(keep(f('A', 0, 5, { flags: ['g'] }))).toBe(true);
    expect(keep(f('A', 0, 5))).toBe(false);
    expect(keep(f('A', 10, 15, { flags: ['g'] }))).toBe(false);
  });
});
