/**
 * Reliability data and unitizing segments as researchers keep them in CSV, read with papaparse.
 *
 * - A reliability data table: a header row of coder names, then one row per unit with each
 *   coder's value; an empty cell is a missing value. A cell is a number when it reads as one
 *   ("3", "-0.5", "1e3"; with `;` or TAB as separator also "2,5", the decimal comma of Dutch
 *   spreadsheets), otherwise a label (trimmed). Every row has as many cells as the header.
 * - Segments: rows `coder,start,length,category`, optionally under a header row naming exactly
 *   those columns; start and length are whole numbers.
 * - The separator is found from the file: `,`, `;` or TAB. A byte order mark is ignored.
 * Parsers never throw; a problem comes back as a value naming the row (1-based, the header is
 * row 1) and the reason.
 */
import Papa from 'papaparse';
import type { ReliabilityValue } from '../analysis/agreement.ts';

/** The largest table or segment file read (bytes); the work is linear, the memory is not free. */
export const MAX_TABLE_BYTES = 100 * 1024 * 1024;

/** Why a CSV file cannot be used. */
export type TableCsvError =
  | { reason: 'empty' }
  | { reason: 'unterminated-quote'; row: number }
  | { reason: 'too-few-coders'; coders: number }
  | { reason: 'unnamed-coder'; column: number }
  | { reason: 'duplicate-coder'; name: string; column: number }
  | { reason: 'ragged'; row: number; cells: number; expected: number }
  | { reason: 'not-whole-number'; row: number; column: string; value: string }
  | { reason: 'empty-cell'; row: number; column: string };

/** A reliability data table. */
export interface ReliabilityTable {
  coders: string[];
  /** One row per unit, aligned with `coders`; null where the cell was empty. */
  units: (ReliabilityValue | null)[][];
}

/** One segment row. */
export interface SegmentRow {
  /** The row in the file (1-based). */
  row: number;
  coder: string;
  start: number;
  length: number;
  category: string;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/** Splits CSV text into rows of cells; the separator is guessed from the text. */
function rows(text: string): { rows: string[][]; separator: string } | { error: TableCsvError } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { error: { reason: 'empty' } };
  const result = Papa.parse<string[]>(body, { delimitersToGuess: [',', ';', '\t'], skipEmptyLines: true });
  const quote = result.errors.find((e) => e.type === 'Quotes');
  if (quote) return { error: { reason: 'unterminated-quote', row: (quote.row ?? 0) + 1 } };
  return { rows: result.data, separator: result.meta.delimiter };
}

/** A cell as a value: null when empty, a number when it reads as one, else the trimmed label. */
function cellValue(cell: string, decimalComma: boolean): ReliabilityValue | null {
  const s = cell.trim();
  if (s === '') return null;
  if (NUMBER.test(s)) return Number(s);
  if (decimalComma && DECIMAL_COMMA.test(s)) return Number(s.replace(',', '.'));
  return s;
}

/** Reads a reliability data table (see the module header). */
export function parseReliabilityCsv(text: string): { parsed: ReliabilityTable } | { error: TableCsvError } {
  const read = rows(text);
  if ('error' in read) return read;
  const [header, ...data] = read.rows;
  const coders = header!.map((name) => name.trim());
  if (coders.length < 2) return { error: { reason: 'too-few-coders', coders: coders.length } };
  const seen = new Set<string>();
  for (const [i, name] of coders.entries()) {
    if (name === '') return { error: { reason: 'unnamed-coder', column: i + 1 } };
    if (seen.has(name)) return { error: { reason: 'duplicate-coder', name, column: i + 1 } };
    seen.add(name);
  }
  const decimalComma = read.separator !== ',';
  const units: (ReliabilityValue | null)[][] = [];
  for (const [i, row] of data.entries()) {
    if (row.length !== coders.length) return { error: { reason: 'ragged', row: i + 2, cells: row.length, expected: coders.length } };
    units.push(row.map((cell) => cellValue(cell, decimalComma)));
  }
  return { parsed: { coders, units } };
}

const SEGMENT_COLUMNS = ['coder', 'start', 'length', 'category'] as const;

/** Reads segment rows `coder,start,length,category` (see the module header). */
export function parseSegmentsCsv(text: string): { parsed: SegmentRow[] } | { error: TableCsvError } {
  const read = rows(text);
  if ('error' in read) return read;
  const first = read.rows[0]!.map((c) => c.trim().toLowerCase());
  const hasHeader = first.length === SEGMENT_COLUMNS.length && SEGMENT_COLUMNS.every((c, i) => first[i] === c);
  const out: SegmentRow[] = [];
  for (let i = hasHeader ? 1 : 0; i < read.rows.length; i++) {
    const cells = read.rows[i]!.map((c) => c.trim());
    const row = i + 1;
    if (cells.length !== SEGMENT_COLUMNS.length) return { error: { reason: 'ragged', row, cells: cells.length, expected: SEGMENT_COLUMNS.length } };
    const [coder, start, length, category] = cells as [string, string, string, string];
    if (coder === '') return { error: { reason: 'empty-cell', row, column: 'coder' } };
    if (category === '') return { error: { reason: 'empty-cell', row, column: 'category' } };
    for (const [column, value] of [['start', start], ['length', length]] as const) {
      if (!/^[+-]?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) return { error: { reason: 'not-whole-number', row, column, value } };
    }
    out.push({ row, coder, start: Number(start), length: Number(length), category });
  }
  return { parsed: out };
}

/** Describes a CSV problem in English (the CLI's words). */
export function tableCsvErrorText(e: TableCsvError): string {
  switch (e.reason) {
    case 'empty':
      return 'the file is empty';
    case 'unterminated-quote':
      return `row ${e.row}: a quoted cell is not closed`;
    case 'too-few-coders':
      return `the header names ${e.coders} coder${e.coders === 1 ? '' : 's'}; agreement needs at least 2`;
    case 'unnamed-coder':
      return `column ${e.column} of the header has no coder name`;
    case 'duplicate-coder':
      return `column ${e.column} of the header repeats the coder name "${e.name}"`;
    case 'ragged':
      return `row ${e.row} has ${e.cells} cell${e.cells === 1 ? '' : 's'}, expected ${e.expected}`;
    case 'not-whole-number':
      return `row ${e.row}: ${e.column} "${e.value}" is not a whole number`;
    case 'empty-cell':
      return `row ${e.row}: the ${e.column} is empty`;
  }
}
