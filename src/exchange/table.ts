/**
 * A typed table: the one shape every table export goes through, so CSV and XLSX carry the same
 * rows. Column types say how a spreadsheet should hold a cell:
 * - `text`: a string (never a formula: XLSX writes it as a string cell, CSV guards it);
 * - `integer`: a whole number (counts, offsets);
 * - `percent`: a percentage in points (66.7 means 66.7 %); CSV writes it rounded to one decimal,
 *   XLSX as the fraction 0.667 with a percent format, so sums and charts in Excel work;
 * - `date`: an ISO 8601 time; XLSX writes a real date cell, CSV the local time as spreadsheets read
 *   it in any locale ("2024-03-01 11:00:00", csv.ts spreadsheetTime);
 * - `decimal`: a coefficient such as κ or α; CSV writes it rounded to three decimals, XLSX as a
 *   number shown with three.
 * A cell may be null (empty) in any column.
 */
import { spreadsheetTime, tableToCsv, type CsvCell, type CsvOptions } from './csv.ts';

/** How a column's cells are typed in a spreadsheet. */
export type ColumnType = 'text' | 'integer' | 'percent' | 'date' | 'decimal';

/** One column: header and type. */
export interface TableColumn {
  header: string;
  type: ColumnType;
}

/** A cell of a typed table: text, a number, an ISO date-time string (in `date` columns), or empty. */
export type TableCell = string | number | null;

/** A named table with typed columns, e.g. one sheet of a workbook. */
export interface Table {
  /** Sheet name or file name part. */
  name: string;
  columns: TableColumn[];
  rows: TableCell[][];
  /** Rows that sum up the others (totals), shown bold in a spreadsheet; indices into `rows`. */
  summaryRows?: number[];
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/** The table as CSV cells with its header row: percentages rounded to one decimal, decimals to three. */
export function tableCells(table: Table): CsvCell[][] {
  return [
    table.columns.map((c) => c.header),
    ...table.rows.map((row) =>
      row.map((cell, i) => {
        const type = table.columns[i]?.type;
        if (type === 'date' && typeof cell === 'string') return spreadsheetTime(cell);
        if (typeof cell !== 'number') return cell;
        return type === 'percent' ? round1(cell) : type === 'decimal' ? round3(cell) : cell;
      }),
    ),
  ];
}

/** Writes a typed table as CSV (exchange/csv.ts rules). */
export function typedTableToCsv(table: Table, options: CsvOptions = {}): string {
  return tableToCsv(tableCells(table), options);
}
