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
    expect(t.rows[4]).toEqual(['Documents with ≥1', 3, 3, 2, 1, null, 3, null]);
    expect(t.summaryRows).toEqual([3, 4]);
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

  it('lays out a co-occurrence table as regime × regime', () => {
    const t = coOccurrenceTable(coOccurrence({ codes: ids, fragments: fragments.slice(0, 8) }), 'overlapping', names);
    expect(t.rows).toEqual([
      ['Civic', 1, 1, 0],
      ['Market', 1, 0, 1],
      ['Fame', 0, 1, 0],
    ]);
  });
});
