import { execFileSync } from 'node:child_process';
import ExcelJSModule from 'exceljs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { computeTallyView } from '../../../src/analysis/tally-view.ts';
import { sheetNames, tablesToXlsx } from '../../../src/exchange/xlsx.ts';
import { exportStamp, tallyTables } from '../../../src/exchange/tally-workbook.ts';
import type { Table } from '../../../src/exchange/table.ts';
import { fragmentTable } from '../../../src/exchange/tally-table.ts';
import { codes, documents, fragments } from '../analysis/fixture.ts';

const Excel = ExcelJSModule as unknown as typeof import('exceljs');

/** Why the XML check cannot run, or undefined when xmllint is there. */
function xmllintMissing(): string | undefined {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'xmllint is not installed (Debian: apt-get install libxml2-utils; .ci/run installs it)';
  }
}

async function readBack(bytes: Uint8Array) {
  const wb = new Excel.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

describe('tables as an XLSX workbook', () => {
  const table: Table = {
    name: 'Counts',
    columns: [
      { header: 'Document', type: 'text' },
      { header: 'Civic', type: 'integer' },
      { header: 'Civic %', type: 'percent' },
      { header: 'created', type: 'date' },
    ],
    rows: [
      ['=HYPERLINK("x")', 2, 66.66666, '2024-03-01T10:00:00.000Z'],
      ['Leeg', 0, null, null],
    ],
    summaryRows: [1],
  };

  it('opens again with exceljs, one sheet per table, header frozen and bold', async () => {
    const wb = await readBack(await tablesToXlsx([table, { ...table, name: 'Row %' }]));
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Counts', 'Row %']);
    const sheet = wb.getWorksheet('Counts')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).values).toEqual([undefined, 'Document', 'Civic', 'Civic %', 'created']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getRow(3).font?.bold).toBe(true);
  });

  it('types its cells: text stays text, counts are numbers, percentages fractions, dates dates', async () => {
    const sheet = (await readBack(await tablesToXlsx([table]))).getWorksheet('Counts')!;
    const row = sheet.getRow(2);
    expect(row.getCell(1).type).toBe(Excel.ValueType.String);
    expect(row.getCell(1).value).toBe('=HYPERLINK("x")');
    expect(row.getCell(2).value).toBe(2);
    expect(row.getCell(3).value).toBeCloseTo(0.6666666);
    expect(row.getCell(3).numFmt).toBe('0.0%');
    // The cell shows the local time (Excel has no zones): the UTC clock of the stored value is it.
    const at = new Date('2024-03-01T10:00:00.000Z');
    expect(row.getCell(4).value).toEqual(new Date(Date.UTC(at.getFullYear(), at.getMonth(), at.getDate(), at.getHours(), at.getMinutes())));
    expect(sheet.getRow(3).getCell(3).value).toBeNull();
  });

  it('makes sheet names valid and unique for Excel', () => {
    expect(sheetNames(['Row %', 'a/b:c', 'x'.repeat(40), 'Counts', 'counts', ''])).toEqual([
      'Row %',
      'a-b-c',
      'x'.repeat(31),
      'Counts',
      'counts (2)',
      'Sheet',
    ]);
  });

  it('carries the fragments, every matrix measure and both co-occurrence tables of a view', async () => {
    const view = computeTallyView({ documents, fragments, codes, filter: { documentIds: ['A', 'B'] }, rows: 'document', columns: 'codes', lang: 'en' });
    const tables = tallyTables({ view, codebooks: [{ id: 'b' as never, formatVersion: 1, name: { nl: 'b', en: 'b' }, codes, flags: [] }], coders: [], lang: 'en', about: ['Filtered'] });
    const wb = await readBack(await tablesToXlsx(tables));
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      'About',
      'Fragments',
      'Counts',
      'Row %',
      'Column %',
      'Presence',
      'Co-occurrence, same fragment',
      'Co-occurrence, overlapping',
    ]);
    // The filter holds: A and B have 6 fragments (f0–f5).
    expect(wb.getWorksheet('Fragments')!.rowCount).toBe(7);
    const counts = wb.getWorksheet('Counts')!;
    // Doc A: civic 2, market 1, fame 0, mere 1, coded 2, fragments 3, dominant Civic.
    expect(counts.getRow(2).values).toEqual([undefined, 'Doc A', 2, 1, 0, 1, 2, 3, 'Civic']);
    expect(counts.getRow(4).values).toEqual([undefined, 'Total', 3, 2, 1, 1, 5, 6, 'Civic']);
    const rowPct = wb.getWorksheet('Row %')!.getRow(2);
    expect(rowPct.getCell(2).value).toBeCloseTo(2 / 3);
    const same = wb.getWorksheet('Co-occurrence, same fragment')!;
    expect(same.getRow(2).values).toEqual([undefined, 'Civic', 3, 1, 0]);
  });
});

describe('the date in the About sheet', () => {
  it('is written as an ISO date with 24-hour time, whatever the locale', () => {
    // 23 November 2026, 9:05 in the afternoon, local time: never "11/23/2026, 9:05 PM".
    expect(exportStamp(new Date(2026, 10, 23, 21, 5, 59))).toBe('2026-11-23 21:05');
    expect(exportStamp(new Date(2026, 0, 2, 0, 0))).toBe('2026-01-02 00:00');
  });
});

describe('the workbook as written', () => {
  it('writes the fragment page column as numbers, so 100 sorts after 13, and a label like "iv" as text', async () => {
    const rows = ['13', '100', 'iv', ''].map((page, i) => ({ document: 'D', page, start: i, end: i + 1, text: 't', regimes: [], flags: [], memo: '', coder: 'c', created: '2024-01-01T00:00:00.000Z' }));
    const sheet = (await readBack(await tablesToXlsx([fragmentTable(rows, 'en')]))).getWorksheet('Fragments')!;
    expect([2, 3, 4, 5].map((r) => sheet.getRow(r).getCell(2).value)).toEqual([13, 100, 'iv', null]);
    expect(sheet.getRow(2).getCell(2).type).toBe(Excel.ValueType.Number);
  });

  it('keeps any text as written: XML specials, a literal _x0041_, and characters XML cannot hold as U+FFFD', async () => {
    const odd = ['<a & "b">', 'bell\u0007 and lone \uD800 surrogate', 'tab\tand\nnew line', 'emoji 😀', 'code _x0041_ here'];
    const table: Table = { name: 'Text', columns: [{ header: 'text', type: 'text' }], rows: odd.map((t) => [t]) };
    const bytes = await tablesToXlsx([table]);
    const sheet = (await readBack(bytes)).getWorksheet('Text')!;
    expect(odd.slice(0, 4).map((_, i) => sheet.getRow(i + 2).getCell(1).value)).toEqual(['<a & "b">', 'bell\uFFFD and lone \uFFFD surrogate', 'tab\tand\nnew line', 'emoji 😀']);
    // Excel reads _xHHHH_ in text as the character U+HHHH; a literal one is escaped by writing its
    // underscore as _x005F_ (ECMA-376 Part 1, 22.9.2.19 ST_Xstring). exceljs does not decode either.
    const xml = new TextDecoder().decode(unzipSync(bytes)['xl/worksheets/sheet1.xml']);
    expect(xml).toContain('code _x005F_x0041_ here');
  });

  it('names columns past Z and writes coefficients with three decimals', async () => {
    const columns = Array.from({ length: 30 }, (_, i) => ({ header: `c${i}`, type: i === 29 ? ('decimal' as const) : ('integer' as const) }));
    const table: Table = { name: 'Wide', columns, rows: [columns.map((_, i) => (i === 29 ? 0.71234 : i))] };
    const sheet = (await readBack(await tablesToXlsx([table]))).getWorksheet('Wide')!;
    expect(sheet.getCell('AD1').value).toBe('c29');
    expect(sheet.getCell('AD2').value).toBeCloseTo(0.71234);
    expect(sheet.getCell('AD2').numFmt).toBe('0.000');
    expect(sheet.getCell('Z2').value).toBe(25);
  });

  it('is a zip of well-formed XML parts', async (ctx) => {
    const skip = xmllintMissing();
    if (skip) return ctx.skip(skip);
    const parts = unzipSync(await tablesToXlsx([{ name: 'A & B', columns: [{ header: 'x', type: 'text' }], rows: [['<y>']] }]));
    expect(Object.keys(parts).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'docProps/app.xml', 'docProps/core.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    for (const [name, bytes] of Object.entries(parts)) {
      expect(() => execFileSync('xmllint', ['--noout', '-'], { input: bytes, stdio: ['pipe', 'ignore', 'pipe'] }), name).not.toThrow();
    }
  });
});
