import { describe, expect, it } from 'vitest';
import { columnNames, computeTallyView } from '../../../src/analysis/tally-view.ts';
import { valueColumns } from '../../../src/analysis/tally.ts';
import { codes, documents, fragments } from './fixture.ts';

describe('a tally view', () => {
  it('applies one filter to the matrix and the co-occurrence alike', () => {
    const view = computeTallyView({ documents, fragments, codes, filter: { documentIds: ['A'] }, rows: 'document', columns: 'codes', lang: 'en' });
    expect(view.documents.map((d) => d.id)).toEqual(['A']);
    expect(view.fragments.map((f) => f.id)).toEqual(['f0', 'f1', 'f2']);
    expect(view.matrix.totals.counts).toEqual([2, 1, 0]);
    expect(view.coOccurrence.overlappingPairs).toBe(1);
    expect(view.coOccurrence.sameFragment.counts[0]![1]).toBe(1);
  });

  it('groups rows by region and names the group without one', () => {
    const view = computeTallyView({ documents, fragments, codes, filter: {}, rows: 'year', columns: 'codes', lang: 'nl' });
    expect(view.matrix.rows.map((r) => r.title)).toEqual(['2020', '2021', '(geen jaar)']);
  });

  it('names value columns after their regime and value', () => {
    expect(columnNames(valueColumns(codes).slice(0, 3), codes, 'en')).toEqual(['Civic – access', 'Civic – common', 'Civic – no value']);
  });
});

describe('a tally view recomputed after changes', () => {
  it('gives the same numbers when reusing the prepared list for a new filter as when computed afresh', () => {
    const base = { documents, codes, rows: 'document' as const, columns: 'codes' as const, lang: 'en' as const };
    computeTallyView({ ...base, fragments, filter: {} });
    const reused = computeTallyView({ ...base, fragments, filter: { documentIds: ['A'] } });
    const fresh = computeTallyView({ ...base, fragments: [...fragments], filter: { documentIds: ['A'] } });
    expect(reused.matrix).toEqual(fresh.matrix);
    // The overlap cells list their pairs on demand: compare what they list, cell by cell.
    const listed = (v: typeof fresh) => {
      const { overlapping, ...rest } = v.coOccurrence;
      const n = rest.codes.length;
      const pairs = Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => overlapping.cells.pairs(a, b)));
      return { ...rest, counts: overlapping.counts, pairs };
    };
    expect(listed(reused)).toEqual(listed(fresh));
  });

  it('counts an edited fragment when the list changes, and reads unsorted lists the same as sorted ones', () => {
    const base = { documents, codes, filter: {}, rows: 'document' as const, columns: 'codes' as const, lang: 'en' as const };
    const before = computeTallyView({ ...base, fragments });
    const first = fragments[0]!;
    const edited = [{ ...first, codes: [] }, ...fragments.slice(1)];
    const after = computeTallyView({ ...base, fragments: edited });
    expect(after.matrix.totals.mereStatements).toBe(before.matrix.totals.mereStatements + (first.codes.length > 0 ? 1 : 0));
    const shuffled = computeTallyView({ ...base, fragments: [...fragments].reverse() });
    // Counts agree; the drill-down cells hold indices into each list, so they differ by design.
    const counts = (v: typeof before) => ({ counts: v.matrix.totals.counts, mere: v.matrix.totals.mereStatements, fragments: v.matrix.totals.fragments, rows: v.matrix.rows.map((r) => r.counts) });
    expect(counts(shuffled)).toEqual(counts(before));
    expect(shuffled.coOccurrence.overlappingPairs).toBe(before.coOccurrence.overlappingPairs);
  });
});
