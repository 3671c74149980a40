import { describe, expect, it } from 'vitest';
import { tally } from '../../../src/analysis/tally.ts';
import { tableToCsv } from '../../../src/exchange/csv.ts';
import { tallyToJson, tallyToRows, tallyToText } from '../../../src/exchange/tally-table.ts';
import type { CodeId, DocumentId } from '../../../src/model/ids.ts';

const frag = (documentId: string, ...codes: string[]) => ({ documentId: documentId as DocumentId, codes: codes as CodeId[] });
const result = tally({
  documents: [
    { id: 'a' as DocumentId, title: 'Regioprofiel Twente' },
    { id: 'b' as DocumentId, title: 'Leeg' },
  ],
  codes: ['civic', 'market'] as CodeId[],
  fragments: [frag('a', 'civic', 'market'), frag('a', 'civic'), frag('a')],
});
const options = { codeNames: ['Civic', 'Market'] };

describe('tallyToRows', () => {
  const rows = tallyToRows(result, options);

  it('puts a count and a row percentage per code, then the fragment counts and the most coded code', () => {
    expect(rows[0]).toEqual(['Document', 'Civic', 'Civic %', 'Market', 'Market %', 'Mere statement', 'Coded fragments', 'Fragments', 'Most coded']);
    expect(rows[1]).toEqual(['Regioprofiel Twente', 2, 66.7, 1, 33.3, 1, 2, 3, 'Civic']);
  });

  it('leaves percentages empty for a document without code assignments', () => {
    expect(rows[2]).toEqual(['Leeg', 0, null, 0, null, 0, 0, 0, '']);
  });

  it('ends with a totals row and a documents-with-at-least-one row', () => {
    expect(rows[3]).toEqual(['Total', 2, 66.7, 1, 33.3, 1, 2, 3, 'Civic']);
    expect(rows[4]).toEqual(['Documents with ≥1', 1, null, 1, null, 1, null, null, null]);
  });

  it('labels in Dutch when asked', () => {
    const nl = tallyToRows(result, { ...options, lang: 'nl' });
    expect(nl[0]![5]).toBe('Constatering');
    expect(nl[0]![8]).toBe('Meest gecodeerd');
    expect(nl[3]![0]).toBe('Totaal');
  });

  it('keeps the word "dominant" out of the column headers, which say what the screen says', () => {
    for (const lang of ['en', 'nl'] as const) expect(tallyToRows(result, { ...options, lang })[0]!.join(' ')).not.toMatch(/dominant/i);
  });

  it('names the most coded code overall in the totals row, also where it is not the dominant one by documents', () => {
    // a: market three times; b: civic once, c: civic once → civic in 2 documents (dominant), market 3 codings (most coded).
    const split = tally({
      documents: ['a', 'b', 'c'].map((id) => ({ id: id as DocumentId, title: id })),
      codes: ['civic', 'market'] as CodeId[],
      fragments: [frag('a', 'market'), frag('a', 'market'), frag('a', 'market'), frag('b', 'civic'), frag('c', 'civic')],
    });
    expect(split.dominant).toEqual(['civic']);
    expect(tallyToRows(split, options)[4]).toEqual(['Total', 2, 40, 3, 60, 0, 5, 5, 'Market']);
    expect(tallyToText(split, options)).toMatch(/^Total\s+2 \(40\.0%\)\s+3 \(60\.0%\)\s+0\s+5\s+5\s+Market$/m);
    expect(tallyToText(split, options)).toContain('Dominant code overall: Civic (in 2 of 3 documents, 2 fragments)');
  });

  it('becomes CSV with decimal commas for the semicolon separator', () => {
    expect(tableToCsv(rows, { separator: ';', bom: false }).split('\r\n')[1]).toBe('Regioprofiel Twente;2;"66,7";1;"33,3";1;2;3;Civic');
  });
});

describe('tallyToText', () => {
  const text = tallyToText(result, options);
  const lines = text.split('\n');

  it('right-aligns the code columns under their headers', () => {
    const header = lines[0]!;
    const first = lines[2]!;
    // Code columns are right-aligned: the header and the cells end at the same column.
    expect(first.indexOf('2 (66.7%)') + '2 (66.7%)'.length).toBe(header.indexOf('Civic') + 'Civic'.length);
    expect(lines[1]).toMatch(/^-+ {2}-+/);
  });

  it('shows counts with row percentages and a dash where there is nothing to share', () => {
    expect(lines[2]).toMatch(/^Regioprofiel Twente\s+2 \(66\.7%\)\s+1 \(33\.3%\)\s+1\s+2\s+3\s+Civic$/);
    expect(lines[3]).toMatch(/^Leeg\s+0 \(–\)\s+0 \(–\)\s+0\s+0\s+0\s+–$/);
  });

  it('has a totals row, a documents-with-at-least-one row and names the dominant code overall', () => {
    expect(text).toMatch(/^Total\s+2 \(66\.7%\)/m);
    expect(text).toMatch(/^Documents with ≥1\s+1\s+1\s+1$/m);
    expect(text).toContain('Dominant code overall: Civic (in 1 of 2 documents, 2 fragments)');
  });

  it('says there is no dominant code when nothing is coded', () => {
    const empty = tally({ documents: [], codes: ['civic'] as CodeId[], fragments: [] });
    expect(tallyToText(empty, { codeNames: ['Civic'] })).toContain('Dominant code overall: none');
  });
});

describe('tallyToJson', () => {
  it('gives the tally with code names for scripts', () => {
    const json = JSON.parse(tallyToJson(result, options));
    expect(json.codes).toEqual([{ id: 'civic', name: 'Civic', code: 'civic' }, { id: 'market', name: 'Market', code: 'market' }]);
    // Drill-down indices are internal and left out.
    expect(json.rows[0].cells).toBeUndefined();
    expect(json.totals.mere).toBeUndefined();
    expect(json.rows[0].counts).toEqual([2, 1]);
    expect(json.dominant).toEqual(['civic']);
  });
});
