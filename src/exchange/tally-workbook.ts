/**
 * The tables of a tally view, as the workbook and the CSV exports carry them: the coded-fragment
 * list, the matrix in each measure (counts, row %, column %, presence) and the two co-occurrence
 * tables — all made from one filtered view (analysis/tally-view.ts), so they agree. An "About"
 * table first says what was exported: the date, the rows and columns, and the filters in words,
 * then the one-line summary (the dominant code in the thesis' sense, tally-table.ts dominantLine).
 */
import type { Codebook, LocalText } from '../model/codebook.ts';
import type { Coder } from '../model/fragment.ts';
import type { Review } from '../model/review.ts';
import type { TallyView } from '../analysis/tally-view.ts';
import { fragmentRows } from './fragment-rows.ts';
import type { Table } from './table.ts';
import { coOccurrenceTable, dominantLine, fragmentTable, MATRIX_MEASURES, matrixTable } from './tally-table.ts';

/**
 * A moment as the About table writes it: ISO 8601 date and 24-hour local time, "2026-11-23 14:05",
 * the same in every language and locale (never "11/23/2026", which reads as another day elsewhere).
 */
export function exportStamp(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}`;
}

/** What the tables are made from besides the view. */
export interface TallyTablesInput {
  view: TallyView;
  codebooks: readonly Codebook[];
  coders: readonly Coder[];
  /** Reviews of the fragments, for the review and comments columns (absent: none). */
  reviews?: readonly Review[];
  lang: keyof LocalText;
  /** Lines describing the export (filters, rows, columns) for the About table. */
  about?: readonly string[];
}

/** Every table of a tally view, in workbook order (see the module header). */
export function tallyTables(input: TallyTablesInput): Table[] {
  const { view, lang } = input;
  const names = { codeNames: view.columnNames, lang };
  const regimeNames = { codeNames: view.coOccurrence.codes.map((id) => input.codebooks.flatMap((b) => b.codes).find((c) => c.id === id)?.name[lang] ?? id), lang };
  const rows = fragmentRows({ documents: view.documents, codebooks: input.codebooks, fragments: view.fragments, coders: input.coders, reviews: input.reviews }, lang);
  const tables: Table[] = [];
  if (input.about && input.about.length > 0) {
    tables.push({
      name: lang === 'nl' ? 'Over deze export' : 'About',
      columns: [{ header: 'Worthmark', type: 'text' }],
      // The one-line summary under the lines that say what was exported.
      rows: [...input.about, dominantLine(view.matrix, names)].map((line) => [line]),
    });
  }
  tables.push(fragmentTable(rows, lang));
  for (const measure of MATRIX_MEASURES) tables.push(matrixTable(view.matrix, measure, names));
  tables.push(coOccurrenceTable(view.coOccurrence, 'sameFragment', regimeNames));
  tables.push(coOccurrenceTable(view.coOccurrence, 'overlapping', regimeNames));
  return tables;
}
