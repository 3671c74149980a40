import { describe, expect, it } from 'vitest';
import { coOccurrence } from '../../../src/analysis/co-occurrence.ts';
import { groupDocuments, tally } from '../../../src/analysis/tally.ts';
import { typedTableToCsv } from '../../../src/exchange/table.ts';
import { coOccurrenceTable, matrixTable } from '../../../src/exchange/tally-table.ts';
import { codes, documents, fragments } from '../analysis/fixture.ts';

const ids = codes.map((c) => c.id);
const names = { codeNames: ['Civic', 'Market', 'Fame'] };
const result = tally({ documents, codes: ids, fragments });

describe('a matrix measure as a typed table', () => {
  it('lays out counts with totals and a documents-with-at-least-one row', () => {
    const t = matrixTable(result, 'counts', names);
    expect(t.name).toBe('Counts');
    expect(t.columns.map((c) => c.type)).toEqual(['text', 'integer', 'integer', 'integer', 'integer', 'integer', 'integer', 'text']);
    expect(t.rows[0]).toEqual(['Doc A', 2, 1, 0, 1, 2, 3, 'Civic']);
    expect(t.rows[3]).toEqual(['Total', 4, 3, 3, 1, 7, 8, 'Civic']);
    // The number of documents is in the label, not as a stray number in the Fragments column.
    expect(t.rows[4]).toEqual(['Documents with ≥1 (of 3)', 3, 3, 2, 1, null, null, null]);
    expect(t.summaryRows).toEqual([3, 4, 5]);
  });

  it('states the dominant code in the thesis\' sense (in the most documents, a tie broken by fragments: civic 4 over market 3) under every measure, in CSV too', () => {
    for (const measure of ['counts', 'row', 'column', 'presence'] as const) {
      const t = matrixTable(result, measure, names);
      expect(t.rows.at(-1)).toEqual([`Dominant code overall: Civic (in 3 of 3 documents, 4 fragments)`, null, null, null, null, null, null, null]);
    }
    const csv = typedTableToCsv(matrixTable(result, 'counts', { ...names, lang: 'nl' }), { bom: false, separator: ';' });
    expect(csv.trimEnd().split('\r\n').at(-1)).toBe('"Dominante code in het geheel: Civic (in 3 van 3 documenten, 4 fragmenten)";;;;;;;');
  });

  it('says "%" in the header of percentage columns, so "14,3" reads as a share', () => {
    const t = matrixTable(result, 'row', { ...names, lang: 'nl' });
    expect(t.columns.slice(1, 4).map((c) => c.header)).toEqual(['Civic (%)', 'Market (%)', 'Fame (%)']);
    expect(matrixTable(result, 'counts', names).columns[1]!.header).toBe('Civic');
  });

  it('lays out column percentages as percent columns, rounded to one decimal in CSV', () => {
    const t = matrixTable(result, 'column', names);
    expect(t.columns[1]!.type).toBe('percent');
    expect(typedTableToCsv(t, { bom: false }).split('\r\n')[1]).toBe('Doc A,50,33.3,0,1,2,3,Civic');
  });

  it('lays out presence as 0/1 and names the first column after groups', () => {
    const grouped = tally({ documents, codes: ids, fragments, groups: groupDocuments(documents, 'region', '-') });
    const t = matrixTable(grouped, 'presence', { ...names, lang: 'nl' });
    expect(t.name).toBe('Aanwezigheid');
    expect(t.columns[0]!.header).toBe('Groep');
    expect(t.rows.slice(0, 2).map((r) => r.slice(0, 4))).toEqual([
      ['North', 1, 1, 1],
      ['South', 1, 1, 1],
    ]);
  });

  it('totals presence as the number of documents a regime occurs in, with the mere statements as 0/1 too', () => {
    const t = matrixTable(result, 'presence', names);
    // Doc A: civic, market, no fame, a mere statement (f2); coded 2, fragments 3.
    expect(t.rows[0]).toEqual(['Doc A', 1, 1, 0, 1, 2, 3, 'Civic']);
    // Doc B has no mere statement: 0, not a count.
    expect(t.rows[1]!.slice(0, 5)).toEqual(['Doc B', 1, 1, 1, 0]);
    // civic in A, B, C; market in A, B, C; fame in B, C; a mere statement only in A. Most coded: civic (4).
    expect(t.rows[3]).toEqual(['Total', 3, 3, 2, 1, 7, 8, 'Civic']);
    expect(t.rows[4]).toEqual(['Documents with ≥1 (of 3)', 3, 3, 2, 1, null, null, null]);
  });

  it('totals presence per group as the number of groups, leaving the documents to the last row', () => {
    const grouped = tally({ documents, codes: ids, fragments, groups: groupDocuments(documents, 'region', '-') });
    const t = matrixTable(grouped, 'presence', names);
    expect(t.rows[2]!.slice(0, 5)).toEqual(['Total', 2, 2, 2, 1]);
    expect(t.rows[3]!.slice(0, 5)).toEqual(['Documents with ≥1 (of 3)', 3, 3, 2, 1]);
  });

  it('marks the columns that stay counts under another measure, in both languages', () => {
    const headers = (measure: 'counts' | 'row' | 'presence', lang: 'en' | 'nl' = 'en') => matrixTable(result, measure, { ...names, lang }).columns.slice(4).map((c) => c.header);
    expect(headers('counts')).toEqual(['Mere statement', 'Coded fragments', 'Fragments', 'Most coded']);
    expect(headers('presence')).toEqual(['Mere statement', 'Coded fragments (count)', 'Fragments (count)', 'Most coded']);
    expect(headers('row')).toEqual(['Mere statement (count)', 'Coded fragments (count)', 'Fragments (count)', 'Most coded']);
    expect(headers('presence', 'nl')).toEqual(['Constatering', 'Gecodeerde fragmenten (aantal)', 'Fragmenten (aantal)', 'Meest gecodeerd']);
  });

  it('lays out a co-occurrence table as regime × regime', () => {
    const t = coOccurrenceTable(coOccurrence({ codes: ids, fragments: fragments.slice(0, 8) }), 'overlapping', names);
    expect(t.rows).toEqual([
      ['Civic', 1, 1, 0],
      ['Market', 1, 0, 1],
      ['Fame', 0, 1, 0],
    ]);
  });
});
