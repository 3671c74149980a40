/**
 * The baseline of the XLSX bench lines: the same typed tables written with exceljs's in-memory
 * writer, as src/exchange/xlsx.ts did until it was replaced by a direct writer (measured in
 * tally.bench.ts). Same sheets, header style, frozen row, typed cells, widths and autofilter.
 */
import type { Table } from '../../src/exchange/table.ts';
import { sheetNames, type XlsxOptions } from '../../src/exchange/xlsx.ts';

type ExcelModule = typeof import('exceljs');

/** Loads exceljs (a large library, so only when an export asks for it). */
async function loadExcel(): Promise<ExcelModule> {
  const mod = (await import('exceljs')) as ExcelModule & { default?: ExcelModule };
  // CommonJS interop differs between Node and the browser bundle.
  return mod.Workbook ? mod : mod.default!;
}

const NUMBER_FORMAT = { integer: '0', percent: '0.0%', date: 'yyyy-mm-dd hh:mm', decimal: '0.000' } as const;

/** Writes the tables as one workbook with exceljs (the baseline). */
export async function tablesToXlsxWithExceljs(tables: readonly Table[], options: XlsxOptions = {}): Promise<Uint8Array> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  workbook.creator = options.creator ?? 'Worthmark';
  workbook.created = options.created ?? new Date();
  const names = sheetNames(tables.map((t) => t.name));
  tables.forEach((table, t) => {
    const sheet = workbook.addWorksheet(names[t], { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    const styles: Partial<import('exceljs').Style>[] = [];
    sheet.columns = table.columns.map((c, i) => {
      const widest = Math.max(
        c.header.length,
        ...table.rows.slice(0, 500).map((r) => {
          const v = r[i];
          return c.type === 'date' ? 16 : v === null || v === undefined ? 0 : String(v).length;
        }),
      );
      const style: Partial<import('exceljs').Style> =
        c.type === 'text' ? { alignment: { wrapText: widest > 80, vertical: 'top' } } : { numFmt: NUMBER_FORMAT[c.type] };
      styles.push(style);
      return { header: c.header, key: `c${i}`, width: Math.min(c.type === 'text' ? 80 : 18, Math.max(8, widest + 2)), style };
    });
    sheet.getRow(1).font = { bold: true };
    const rows = table.rows.map((row) =>
      row.map((cell, i) => {
        if (cell === null || cell === undefined) return null;
        const type = table.columns[i]?.type;
        if (type === 'percent' && typeof cell === 'number') return cell / 100;
        if (type === 'date' && typeof cell === 'string') {
          const at = Date.parse(cell);
          return Number.isNaN(at) ? cell : new Date(at - new Date(at).getTimezoneOffset() * 60_000);
        }
        return cell;
      }),
    );
    sheet.addRows(rows);
    // exceljs gives every cell its own copy of the column style, and its writer then finds each
    // copy's style id by rendering it to XML — most of the time a 20,000-row sheet takes. One
    // shared object per column is looked up once. Bold rows keep their own copies: setting a
    // row's font changes its cells' style objects.
    const summary = new Set(table.summaryRows ?? []);
    for (let r = 0; r < rows.length; r++) {
      if (summary.has(r)) continue;
      sheet.getRow(r + 2).eachCell({ includeEmpty: true }, (cell, col) => {
        const style = styles[col - 1];
        if (style) cell.style = style;
      });
    }
    for (const i of summary) sheet.getRow(i + 2).font = { bold: true };
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, table.columns.length) } };
  });
  // Deflate level 3 (of 9; exceljs uses 6): the 20,000-row workbook compresses about twice as
  // fast for a file ~20% larger (1.7 instead of 1.4 MB). (exceljs's in-memory writer always
  // writes a shared-string table; its `useSharedStrings` option only affects the streaming one.)
  const buffer = await workbook.xlsx.writeBuffer({ zip: { compression: 'DEFLATE', compressionOptions: { level: 3 } } });
  return new Uint8Array(buffer as ArrayBuffer);
}
