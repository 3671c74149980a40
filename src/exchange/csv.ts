/**
 * CSV out, written for spreadsheets as much as for scripts.
 *
 * - RFC 4180: fields separated by the chosen separator, records ended by CRLF, `"` inside a
 *   field doubled. A field is quoted when it holds a `"`, CR or LF, or either separator (`,` or
 *   `;`), whichever was chosen: a file saved with `,` and opened by a spreadsheet that splits on
 *   `;` (or the reverse) still keeps every cell whole.
 * - Encoding: the string is meant to be saved as UTF-8. With `bom` (the default) it starts with
 *   U+FEFF so Excel reads it as UTF-8 instead of the system code page (ë, é, – stay intact).
 * - Separator: `,` by default; `;` for Excel with Dutch (and other comma-decimal) regional
 *   settings, which splits on `;` when a file is opened by double-click.
 * - Formula injection: following OWASP's "CSV Injection" guidance
 *   (https://owasp.org/www-community/attacks/CSV_Injection), a text cell starting with
 *   `=`, `+`, `-`, `@`, TAB (0x09) or CR (0x0D), or with the fullwidth and small forms of the
 *   first four (`＝ ＋ － ＠`, `﹦ ﹢ ﹣ ﹫`, which spreadsheets in East Asian locales read as
 *   formula signs), is prefixed with a single quote `'` so a spreadsheet shows it as text
 *   instead of evaluating it. The same holds for such a sign right after a `,` or `;` inside
 *   the cell (spaces between allowed): a reader that splits the cell there anyway would
 *   start a cell with it, so a `'` goes before the sign there too. Cells given as numbers
 *   (offsets, counts, percentages) are written as plain numbers and are never prefixed, so they
 *   stay numeric; only finite numbers are accepted as such.
 * - Decimal numbers use a comma when the separator is `;` (override with `decimalComma`): a file
 *   with `;` is meant for comma-decimal regional settings, where Excel reads "12.5" as text or a date.
 *   Whole numbers are the same either way.
 * - Lists inside a cell (a fragment's regimes, values or flags) are joined with " + ", which reads well
 *   and never collides with either separator.
 */
import type { LocalText } from '../model/codebook.ts';

/** The separators Worthmark writes. */
export type CsvSeparator = ',' | ';';

/** How to write CSV. */
export interface CsvOptions {
  /** Field separator; default `,`. */
  separator?: CsvSeparator;
  /** Start with a UTF-8 byte order mark (U+FEFF) for Excel; default true. */
  bom?: boolean;
  /** Write decimals with a comma ("12,5"); default true when the separator is `;`, else false. */
  decimalComma?: boolean;
}

/** Options for the fragment list: CSV options plus the language of headers and names. */
export interface FragmentCsvOptions extends CsvOptions {
  /** Language of the header row; default 'en'. Regime and flag names come already resolved in the rows. */
  lang?: keyof LocalText;
}

/** A cell: text (guarded against formulas), a number (kept numeric), or nothing. */
export type CsvCell = string | number | null | undefined;

/** One fragment as a CSV row, with names already resolved to the chosen language. */
export interface FragmentCsvRow {
  /** Document title. */
  document: string;
  /** Page label to cite ("15", "iv"); empty when unknown. */
  page: string;
  /** UTF-16 offset of the fragment's first character in the normalised document text. */
  start: number;
  /** UTF-16 offset just past the fragment's last character. */
  end: number;
  /** The fragment text (the quote's `exact`). */
  text: string;
  /** Names of the fragment's regimes (codes) in the chosen language, in the order given. */
  regimes: string[];
  /** Names of the fragment's flags in the chosen language. */
  flags: string[];
  /** Names of the fragment's values within its regimes, in the chosen language; none when absent. */
  values?: string[];
  /** The fragment's id (spreadsheet export; not in the CSV). */
  id?: string;
  memo: string;
  /** Coder's name. */
  coder: string;
  /** When the fragment was created (ISO 8601). */
  created: string;
  /** Each reviewer's status ("Prof. Jansen: rejected"), joined; empty when none. */
  review?: string;
  /** Every review comment with its author and date, one per line; empty when none. */
  comments?: string;
}

/** Joins a list inside one cell. */
export const CELL_LIST_SEPARATOR = ' + ';

/** The header of the coded-fragment table, per language (CSV here; the XLSX sheet adds an id column). */
export const FRAGMENT_HEADERS: Record<keyof LocalText, string[]> = {
  en: ['document', 'page', 'start', 'end', 'fragment', 'regimes', 'values', 'flag', 'memo', 'coder', 'created', 'review', 'comments'],
  nl: ['document', 'pagina', 'begin', 'eind', 'fragment', 'regimes', 'waarden', 'vlag', 'memo', 'codeur', 'aangemaakt', 'beoordeling', 'opmerkingen'],
};

/** A cell that starts like a formula: = + - @ (ASCII, fullwidth ＝＋－＠, small ﹦﹢﹣﹫), TAB or CR. */
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\t\r]/;
/** A formula sign after a `,` or `;` inside a cell, with any spaces or tabs between. */
const FORMULA_AFTER_SEPARATOR = /([,;][ \t]*)(?=[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B])/g;
/** What makes a cell need quotes, whichever separator was chosen. */
const NEEDS_QUOTES = /[",;\r\n]/;

/** Neutralises a text cell against formula evaluation (see the module header). */
export function guardFormula(value: string): string {
  const inner = value.replace(FORMULA_AFTER_SEPARATOR, "$1'");
  return FORMULA_START.test(inner) ? `'${inner}` : inner;
}

/** Writes one cell: numbers as numbers, text guarded against formulas and quoted when needed. */
function cell(value: CsvCell, decimalComma: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    const text = decimalComma ? String(value).replace('.', ',') : String(value);
    // A decimal comma is quoted (as any comma is); numbers are never formula-prefixed.
    return text.includes(',') ? `"${text}"` : text;
  }
  const text = guardFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes a table (first row usually the header) as CSV; see the module header for the rules. */
export function tableToCsv(rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const separator = options.separator ?? ',';
  const decimalComma = options.decimalComma ?? separator === ';';
  const body = rows.map((row) => row.map((v) => cell(v, decimalComma)).join(separator)).join('\r\n');
  return (options.bom ?? true ? '\uFEFF' : '') + body + (rows.length > 0 ? '\r\n' : '');
}

/**
 * An ISO 8601 time as spreadsheets read a date and time in any locale: local time, ISO order,
 * "2024-03-01 11:00:00" (Excel with Dutch settings shows "2024-03-01T10:00:00.000Z" as text).
 * Text that is not a time is returned as it is.
 */
export function spreadsheetTime(iso: string): string {
  const at = new Date(iso);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(at.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
}

/** Writes one CSV row per fragment with a header row: document, page, start, end, fragment, regimes, values, flag, memo, coder, created (local time, spreadsheetTime), review, comments. */
export function fragmentsToCsv(rows: readonly FragmentCsvRow[], options: FragmentCsvOptions = {}): string {
  return tableToCsv([FRAGMENT_HEADERS[options.lang ?? 'en'], ...rows.map((r) => fragmentCells({ ...r, created: spreadsheetTime(r.created) }))], options);
}

/** One fragment's cells in {@link FRAGMENT_HEADERS} order: lists joined with {@link CELL_LIST_SEPARATOR}. */
export function fragmentCells(r: FragmentCsvRow): (string | number)[] {
  return [
    r.document,
    r.page,
    r.start,
    r.end,
    r.text,
    r.regimes.join(CELL_LIST_SEPARATOR),
    (r.values ?? []).join(CELL_LIST_SEPARATOR),
    r.flags.join(CELL_LIST_SEPARATOR),
    r.memo,
    r.coder,
    r.created,
    r.review ?? '',
    r.comments ?? '',
  ];
}
