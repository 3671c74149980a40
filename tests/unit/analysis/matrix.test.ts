import { describe, expect, it } from 'vitest';
import { codeColumns, groupDocuments, tally, valueColumns } from '../../../src/analysis/tally.ts';
import type { CodeId } from '../../../src/model/ids.ts';
import { codes, documents, fragments } from './fixture.ts';

const ids = codes.map((c) => c.id);
const byDocument = tally({ documents, codes: ids, fragments });
const [a, b, c] = byDocument.rows;

describe('the code matrix per document', () => {
  it('counts multi-regime fragments once under each regime and leaves out unknown documents', () => {
    // A: civic f0 f1, market f0; B: civic f5, market f4, fame f3; C: civic f6, market f6, fame f6 f7.
    expect(a!.counts).toEqual([2, 1, 0]);
    expect(b!.counts).toEqual([1, 1, 1]);
    expect(c!.counts).toEqual([1, 1, 2]);
    expect(byDocument.totals.counts).toEqual([4, 3, 3]);
    expect(byDocument.ignoredFragments).toBe(1);
    expect(byDocument.totals).toMatchObject({ mereStatements: 1, codedFragments: 7, fragments: 8, assignments: 10 });
  });

  it('gives row percentages as shares of the row’s regime assignments', () => {
    // A: 3 assignments → 2/3, 1/3, 0; C: 4 assignments → 1/4, 1/4, 2/4.
    expect(a!.percentages.map((p) => Math.round(p! * 10) / 10)).toEqual([66.7, 33.3, 0]);
    expect(c!.percentages).toEqual([25, 25, 50]);
  });

  it('gives column percentages as the row’s share of the column total', () => {
    // civic total 4: A 2 → 50 %; market total 3: A 1 → 33.3 %; fame total 3: C 2 → 66.7 %.
    expect(a!.columnPercentages[0]).toBe(50);
    expect(a!.columnPercentages[1]).toBeCloseTo(100 / 3);
    expect(a!.columnPercentages[2]).toBe(0);
    expect(c!.columnPercentages[2]).toBeCloseTo(200 / 3);
    expect(byDocument.totals.columnPercentages).toEqual([100, 100, 100]);
  });

  it('marks presence as 0 or 1 per cell and counts documents with at least one', () => {
    expect(a!.presence).toEqual([1, 1, 0]);
    expect(b!.presence).toEqual([1, 1, 1]);
    expect(byDocument.documentsWithAtLeastOne).toEqual([3, 3, 2]);
  });

  it('names the dominant regime per document, keeping ties, and overall by documents then count', () => {
    expect(a!.dominant).toEqual(['civic']);
    expect(b!.dominant).toEqual(['civic', 'market', 'fame']);
    expect(c!.dominant).toEqual(['fame']);
    // civic and market both in 3 documents; civic has 4 fragments, market 3.
    expect(byDocument.dominant).toEqual(['civic']);
  });

  it('totals the presence columns as the number of documents each regime occurs in, and mere statements likewise', () => {
    // civic in A, B, C; market in A, B, C; fame in B, C. Only A has a mere statement (f2).
    expect(byDocument.rowsWithAtLeastOne).toEqual([3, 3, 2]);
    expect(byDocument.rowsWithAtLeastOne).toEqual(byDocument.documentsWithAtLeastOne);
    expect(byDocument.rowsWithMereStatement).toBe(1);
  });

  it('names the most coded regime overall by total count, apart from the dominant one by documents', () => {
    // civic totals 4, market 3, fame 3 → civic is most coded (and also dominant here).
    expect(byDocument.mostCoded).toEqual(['civic']);
    // Doc A: fame three times, civic once; Doc B: civic once. fame has 3 codings in 1 document,
    // civic 2 codings in 2 documents: civic is dominant (thesis' sense), fame most coded.
    const split = tally({
      documents: documents.slice(0, 2),
      codes: ids,
      fragments: [
        { documentId: documents[0]!.id, codes: ['fame' as CodeId] },
        { documentId: documents[0]!.id, codes: ['fame' as CodeId, 'civic' as CodeId] },
        { documentId: documents[0]!.id, codes: ['fame' as CodeId] },
        { documentId: documents[1]!.id, codes: ['civic' as CodeId] },
      ],
    });
    expect(split.dominant).toEqual(['civic']);
    expect(split.mostCoded).toEqual(['fame']);
    expect(tally({ documents, codes: ids, fragments: [] }).mostCoded).toEqual([]);
  });

  it('keeps the fragments behind every cell for drill-down', () => {
    expect(a!.cells[0]).toEqual([0, 1]);
    expect(a!.mere).toEqual([2]);
    expect(c!.cells[2]).toEqual([6, 7]);
    expect(byDocument.totals.cells[1]).toEqual([0, 4, 6]);
    // Every count equals the length of its cell.
    for (const row of [...byDocument.rows, byDocument.totals]) expect(row.cells.map((x) => x.length)).toEqual(row.counts);
  });
});

describe('the code matrix per group of documents', () => {
  const regions = groupDocuments(documents, 'region', '(no region)');

  it('groups documents by a metadata field, sorted, with the missing ones last', () => {
    expect(regions.map((g) => [g.title, g.documentIds])).toEqual([
      ['North', ['A', 'B']],
      ['South', ['C']],
    ]);
    const years = groupDocuments(documents, 'year', '(no year)');
    expect(years.map((g) => g.title)).toEqual(['2020', '2021', '(no year)']);
  });

  it('adds up the documents of a group and counts per group which documents have a regime', () => {
    const r = tally({ documents, codes: ids, fragments, groups: regions });
    const [north, south] = r.rows;
    expect(r.rowKind).toBe('group');
    // North = A + B: civic 2+1, market 1+1, fame 0+1; 6 fragments, 1 mere.
    expect(north).toMatchObject({ title: 'North', counts: [3, 2, 1], fragments: 6, mereStatements: 1, assignments: 6 });
    expect(north!.documentsWithAtLeastOne).toEqual([2, 2, 1]);
    expect(north!.columnPercentages[0]).toBe(75);
    expect(north!.percentages[0]).toBe(50);
    expect(south!.counts).toEqual([1, 1, 2]);
    // "Documents with ≥1" still counts documents, not groups.
    expect(r.documentsWithAtLeastOne).toEqual([3, 3, 2]);
    expect(r.documentCount).toBe(3);
    expect(r.totals.counts).toEqual(byDocument.totals.counts);
  });

  it('totals the presence columns per group: the number of groups a regime occurs in', () => {
    const r = tally({ documents, codes: ids, fragments, groups: regions });
    // North (A+B) and South (C) both have civic, market and fame; only North has a mere statement.
    expect(r.rowsWithAtLeastOne).toEqual([2, 2, 2]);
    expect(r.rowsWithMereStatement).toBe(1);
  });
});

describe('the matrix of values within regimes', () => {
  const columns = valueColumns(codes);
  const r = tally({ documents, codes: [], columns, fragments });

  it('makes a column per value and one for the regime without a value', () => {
    expect(r.codes).toEqual(['civic:access', 'civic:common', 'civic:', 'market:profit', 'market:', 'fame:image', 'fame:']);
  });

  it('counts a value only together with its regime, and a regime without its values under "no value"', () => {
    // f0 civic:access + market (no value); f1 access + common; f3 fame:image; f4 market:;
    // f5 civic: (its market:profit is not its regime); f6 civic: fame: market:profit; f7 fame:.
    expect(r.totals.counts).toEqual([2, 1, 2, 1, 2, 1, 2]);
    expect(r.rows[0]!.counts).toEqual([2, 1, 0, 0, 1, 0, 0]);
    expect(r.rows[1]!.counts).toEqual([0, 0, 1, 0, 1, 1, 0]);
    expect(r.rows[2]!.counts).toEqual([0, 0, 1, 1, 0, 0, 2]);
    expect(r.totals.mereStatements).toBe(1);
  });

  it('counts per value column the documents it occurs in for the presence total', () => {
    // From the rows above: access A; common A; civic: B, C; profit C; market: A, B; image B; fame: C.
    expect(r.rowsWithAtLeastOne).toEqual([1, 1, 2, 1, 2, 1, 1]);
  });

  it('treats regime columns given as codeColumns like the plain code list', () => {
    const viaColumns = tally({ documents, codes: [], columns: codeColumns(ids as CodeId[]), fragments });
    expect(viaColumns.totals.counts).toEqual(byDocument.totals.counts);
  });
});
