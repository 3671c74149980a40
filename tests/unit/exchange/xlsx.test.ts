import ExcelJSModule from 'exceljs';
import { describe, expect, it } from 'vitest';
import { computeTallyView } from '../../../src/analysis/tally-view.ts';
import { sheetNames, tablesToXlsx } from '../../../src/exchange/xlsx.ts';
import { exportStamp, tallyTables } from '../../../src/exchange/tally-workbook.ts';
import type { Table } from '../../../src/exchange/table.ts';
import { codes, documents, fragments } from '../analysis/fixture.ts';

const Excel = ExcelJSModule as unknown as typeof import('exceljs');

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
