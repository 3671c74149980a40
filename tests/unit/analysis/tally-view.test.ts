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
