import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { fragmentsToCsv, spreadsheetTime, tableToCsv, type FragmentCsvRow } from '../../../src/exchange/csv.ts';

const row = (over: Partial<FragmentCsvRow> = {}): FragmentCsvRow => ({
  document: 'Regioprofiel Twente',
  page: '15',
  start: 120,
  end: 184,
  text: 'Internationale festivals trekken bezoekers.',
  regimes: ['Roem', 'Markt'],
  flags: [],
  memo: '',
  coder: 'Anna de Vries',
  created: '2024-03-01T10:00:00.000Z',
  ...over,
});

/** Parses CSV the way a spreadsheet would, after removing the BOM. */
function parse(csv: string, delimiter = ','): string[][] {
  const body = csv.startsWith('\uFEFF') ? csv.slice(1) : csv;
  const result = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

describe('fragmentsToCsv', () => {
  it('starts with a UTF-8 byte order mark by default, and not when asked', () => {
    expect(fragmentsToCsv([row()]).startsWith('\uFEFF')).toBe(true);
    expect(fragmentsToCsv([row()], { bom: false }).startsWith('\uFEFF')).toBe(false);
    expect(new TextEncoder().encode(fragmentsToCsv([])).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('writes a header and one row per fragment with regimes joined by " + "', () => {
    const rows = parse(fragmentsToCsv([row(), row({ regimes: [], flags: ['Glocalisering / andere trend'] })]));
    expect(rows[0]).toEqual(['document', 'page', 'start', 'end', 'fragment', 'regimes', 'values', 'flag', 'memo', 'coder', 'created', 'review', 'comments']);
    const local = new Date('2024-03-01T10:00:00.000Z');
    const created = `2024-03-01 ${String(local.getHours()).padStart(2, '0')}:00:00`;
    expect(rows[1]).toEqual(['Regioprofiel Twente', '15', '120', '184', 'Internationale festivals trekken bezoekers.', 'Roem + Markt', '', '', '', 'Anna de Vries', created, '', '']);
    expect(rows[2]![5]).toBe('');
    expect(rows[2]![7]).toBe('Glocalisering / andere trend');
  });

  it('writes the creation time as local date and time in ISO order, which spreadsheets read as a date in every locale', () => {
    const [, first] = parse(fragmentsToCsv([row({ created: '2024-11-23T14:05:09.000Z' })], { separator: ';' }), ';');
    const at = new Date('2024-11-23T14:05:09.000Z');
    expect(first![10]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(new Date(first![10]!.replace(' ', 'T')).getTime()).toBe(at.getTime());
  });

  it('writes the values within the regimes right after the regimes, joined by " + " as in the workbook', () => {
    const rows = parse(fragmentsToCsv([row({ values: ['algemeen belang', 'internationale samenwerking'] })]));
    expect(rows[0]![6]).toBe('values');
    expect(rows[1]!.slice(5, 8)).toEqual(['Roem + Markt', 'algemeen belang + internationale samenwerking', '']);
  });

  it('writes each reviewer’s status and the comment thread in the last two columns, guarded like every cell', () => {
    const rows = parse(fragmentsToCsv([row({ review: 'Prof. Jansen: rejected', comments: '[Prof. Jansen, 2026-03-01] =markt?\n[Anna de Vries, 2026-03-02] Nee.' })]));
    expect(rows[1]!.slice(11)).toEqual(['Prof. Jansen: rejected', '[Prof. Jansen, 2026-03-01] =markt?\n[Anna de Vries, 2026-03-02] Nee.']);
    expect(parse(fragmentsToCsv([row({ comments: '=HYPERLINK("x")' })]))[1]![12]).toBe('\'=HYPERLINK("x")');
  });

  it('writes Dutch headers when asked', () => {
    expect(parse(fragmentsToCsv([], { lang: 'nl' }))[0]).toEqual(['document', 'pagina', 'begin', 'eind', 'fragment', 'regimes', 'waarden', 'vlag', 'memo', 'codeur', 'aangemaakt', 'beoordeling', 'opmerkingen']);
  });

  it('ends records with CRLF as RFC 4180 says', () => {
    const csv = fragmentsToCsv([row()], { bom: false });
    expect(csv.split('\r\n')).toHaveLength(3);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('round-trips quotes, newlines, separators and accents through a CSV parser', () => {
    const text = 'Het "Löss"-profiel, zei men;\nwerkt over de grens\r\nheen — café';
    for (const separator of [',', ';'] as const) {
      const rows = parse(fragmentsToCsv([row({ text, memo: 'a, b; c' })], { separator }), separator);
      expect(rows[1]![4]).toBe(text);
      expect(rows[1]![8]).toBe('a, b; c');
    }
  });

  it('separates with semicolons for Dutch Excel, and quotes a cell with a comma all the same', () => {
    const csv = fragmentsToCsv([row({ text: 'een, twee' })], { separator: ';', bom: false });
    expect(csv.split('\r\n')[1]).toBe(`Regioprofiel Twente;15;120;184;"een, twee";Roem + Markt;;;;Anna de Vries;${spreadsheetTime('2024-03-01T10:00:00.000Z')};;`);
  });

  it('lets no cell start a formula whichever separator the reader splits on (the memo of issue 15)', () => {
    // The probe's memo: written with ',' and opened by Excel splitting on ';' (or the reverse).
    const memo = "zie noot;=cmd|' /C calc'!A0;";
    const formula = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
    for (const written of [',', ';'] as const) {
      const csv = fragmentsToCsv([row({ memo })], { separator: written, bom: false });
      // Read with the separator it was written with, the memo is one cell, neutralised inside.
      expect(parse(csv, written)[1]![8]).toBe("zie noot;'=cmd|' /C calc'!A0;");
      // Read with the other one (quotes in mid-field are then plain characters, as in Excel), or by
      // a reader that ignores quotes altogether: no piece starts a formula.
      const other = written === ',' ? ';' : ',';
      const cross = Papa.parse<string[]>(csv, { delimiter: other }).data.flat();
      for (const c of cross) expect(c.replace(/^"/, '')).not.toMatch(formula);
      for (const piece of csv.split(/[,;\r\n]/)) expect(piece.replace(/^"/, '').trimStart()).not.toMatch(formula);
    }
  });

  it.each([
    ['\uFF1D1+1', "'\uFF1D1+1"],
    ['\uFF0BSUM(A1)', "'\uFF0BSUM(A1)"],
    ['\uFF0D2', "'\uFF0D2"],
    ['\uFF20cmd', "'\uFF20cmd"],
    ['\uFE66x', "'\uFE66x"],
  ])('prefixes a cell starting with a fullwidth or small formula sign (%j)', (memo, expected) => {
    expect(parse(fragmentsToCsv([row({ memo })]))[1]![8]).toBe(expected);
  });

  it('puts a quote before a formula sign that follows a separator inside the cell, spaces allowed', () => {
    expect(parse(fragmentsToCsv([row({ memo: 'a, =1+1; \uFF1D2,@x' })]))[1]![8]).toBe("a, '=1+1; '\uFF1D2,'@x");
  });

  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+31 6 12345678', "'+31 6 12345678"],
    ['-2 + 3', "'-2 + 3"],
    ['@cmd', "'@cmd"],
    ['\tindent', "'\tindent"],
    ['\rreturn', "'\rreturn"],
  ])('prefixes a text cell starting like a formula (%j) with a single quote', (memo, expected) => {
    const rows = parse(fragmentsToCsv([row({ memo, text: memo, document: memo })]));
    expect(rows[1]![8]).toBe(expected);
    expect(rows[1]![4]).toBe(expected);
    expect(rows[1]![0]).toBe(expected);
  });

  it('leaves text that merely contains formula characters alone', () => {
    expect(parse(fragmentsToCsv([row({ memo: 'a = b - c' })]))[1]![8]).toBe('a = b - c');
  });

  it('keeps start and end numeric', () => {
    const line = fragmentsToCsv([row({ start: 0, end: 7 })], { bom: false }).split('\r\n')[1]!;
    expect(line.split(',').slice(2, 4)).toEqual(['0', '7']);
  });
});

describe('tableToCsv', () => {
  it('writes numbers plainly and never formula-prefixes a negative number', () => {
    expect(tableToCsv([['a', -1.5, 2]], { bom: false })).toBe('a,-1.5,2\r\n');
  });

  it('writes decimal commas with the semicolon separator, quoted in either mode (as every comma is)', () => {
    expect(tableToCsv([[12.5, 3]], { separator: ';', bom: false })).toBe('"12,5";3\r\n');
    expect(parse(tableToCsv([[12.5, 3]], { separator: ';' }), ';')[0]).toEqual(['12,5', '3']);
    expect(tableToCsv([[12.5]], { separator: ',', decimalComma: true, bom: false })).toBe('"12,5"\r\n');
  });

  it('writes empty cells for null, undefined and non-finite numbers', () => {
    expect(tableToCsv([['x', null, undefined, Number.NaN, 'y']], { bom: false })).toBe('x,,,,y\r\n');
  });

  it('writes only the byte order mark for an empty table', () => {
    expect(tableToCsv([])).toBe('\uFEFF');
  });
});
