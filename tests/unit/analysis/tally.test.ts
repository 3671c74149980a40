import { describe, expect, it } from 'vitest';
import { tally, type TallyInput } from '../../../src/analysis/tally.ts';
import type { CodeId, DocumentId } from '../../../src/model/ids.ts';

const doc = (id: string, title = id) => ({ id: id as DocumentId, title });
const codes = ['civic', 'market', 'fame'] as CodeId[];
const frag = (documentId: string, ...c: string[]) => ({ documentId: documentId as DocumentId, codes: c as CodeId[] });

// Hand-computed fixture:
//   A: [civic+market], [civic], [] , [market]  → civic 2, market 2, fame 0; mere 1; coded 3; fragments 4; assignments 4
//   B: [fame], [fame+civic], []                → civic 1, market 0, fame 2; mere 1; coded 2; fragments 3; assignments 3
//   C: no fragments
//   totals: civic 3, market 2, fame 2; assignments 7; mere 2; coded 5; fragments 7
//   documents with ≥1: civic 2, market 1, fame 1 → dominant overall civic
const input: TallyInput = {
  documents: [doc('A', 'Doc A'), doc('B', 'Doc B'), doc('C', 'Doc C')],
  codes,
  fragments: [frag('A', 'civic', 'market'), frag('A', 'civic'), frag('A'), frag('A', 'market'), frag('B', 'fame'), frag('B', 'fame', 'civic'), frag('B')],
};

describe('tally', () => {
  const result = tally(input);
  const [a, b, c] = result.rows;

  it('keeps the codes as columns and the documents as rows, in the order given', () => {
    expect(result.codes).toEqual(codes);
    expect(result.rows.map((r) => r.title)).toEqual(['Doc A', 'Doc B', 'Doc C']);
  });

  it('counts a fragment with several codes once under each of its codes', () => {
    expect(a!.counts).toEqual([2, 2, 0]);
    expect(b!.counts).toEqual([1, 0, 2]);
  });

  it('counts a fragment without codes as a mere statement, not as a coded fragment', () => {
    expect(a!.mereStatements).toBe(1);
    expect(a!.codedFragments).toBe(3);
    expect(a!.fragments).toBe(4);
    expect(b!).toMatchObject({ mereStatements: 1, codedFragments: 2, fragments: 3 });
  });

  it('divides each count by the number of code assignments in the document', () => {
    expect(a!.assignments).toBe(4);
    expect(a!.percentages).toEqual([50, 50, 0]);
    expect(b!.assignments).toBe(3);
    expect(b!.percentages[0]).toBeCloseTo(100 / 3);
    expect(b!.percentages[2]).toBeCloseTo(200 / 3);
  });

  it('gives a document with no fragments zero counts and no percentages', () => {
    expect(c).toMatchObject({ counts: [0, 0, 0], mereStatements: 0, codedFragments: 0, fragments: 0, assignments: 0 });
    expect(c!.percentages).toEqual([null, null, null]);
    expect(c!.dominant).toEqual([]);
  });

  it('sums the columns into a totals row with the same percentage rule', () => {
    expect(result.totals).toMatchObject({ counts: [3, 2, 2], mereStatements: 2, codedFragments: 5, fragments: 7, assignments: 7 });
    expect(result.totals.percentages[0]).toBeCloseTo(300 / 7);
  });

  it('counts the documents with at least one fragment per code and with a mere statement', () => {
    expect(result.documentsWithAtLeastOne).toEqual([2, 1, 1]);
    expect(result.documentsWithMereStatement).toBe(2);
  });

  it('names the dominant code of a document by its count, keeping ties', () => {
    expect(a!.dominant).toEqual(['civic', 'market']);
    expect(b!.dominant).toEqual(['fame']);
  });

  it('names as dominant overall the code that occurs in the most documents', () => {
    expect(result.dominant).toEqual(['civic']);
  });

  it('breaks a tie in documents by the total count', () => {
    // market and fame both in 2 documents; market 3 fragments, fame 2.
    const r = tally({
      documents: [doc('A'), doc('B')],
      codes,
      fragments: [frag('A', 'market'), frag('A', 'market'), frag('B', 'market'), frag('A', 'fame'), frag('B', 'fame')],
    });
    expect(r.documentsWithAtLeastOne).toEqual([0, 2, 2]);
    expect(r.dominant).toEqual(['market']);
  });

  it('keeps all codes tied in both documents and total count, in codebook order', () => {
    const r = tally({
      documents: [doc('A'), doc('B')],
      codes,
      fragments: [frag('A', 'fame'), frag('B', 'civic'), frag('A', 'civic'), frag('B', 'fame')],
    });
    expect(r.dominant).toEqual(['civic', 'fame']);
  });

  it('names no dominant code when nothing is coded', () => {
    const r = tally({ documents: [doc('A')], codes, fragments: [frag('A')] });
    expect(r.dominant).toEqual([]);
    expect(r.rows[0]!.dominant).toEqual([]);
    expect(r.totals.percentages).toEqual([null, null, null]);
  });

  it('counts a code repeated within one fragment once', () => {
    const r = tally({ documents: [doc('A')], codes, fragments: [frag('A', 'civic', 'civic')] });
    expect(r.rows[0]!.counts).toEqual([1, 0, 0]);
    expect(r.rows[0]!.assignments).toBe(1);
  });

  it('ignores unknown codes and documents, and counts what it ignored', () => {
    const r = tally({
      documents: [doc('A')],
      codes,
      fragments: [frag('A', 'civic', 'project'), frag('A', 'project'), frag('Z', 'civic')],
    });
    expect(r.rows[0]).toMatchObject({ counts: [1, 0, 0], codedFragments: 1, mereStatements: 1, fragments: 2 });
    expect(r.ignoredCodeAssignments).toBe(2);
    expect(r.ignoredFragments).toBe(1);
  });

  it('handles an empty project', () => {
    const r = tally({ documents: [], codes, fragments: [] });
    expect(r.rows).toEqual([]);
    expect(r.totals.counts).toEqual([0, 0, 0]);
    expect(r.dominant).toEqual([]);
  });
});
