/**
 * A tally (analysis/tally.ts) laid out as a table for people: as rows of cells for CSV and
 * spreadsheets, as aligned plain text for a terminal, or as JSON for scripts; and each measure
 * (counts, row %, column %, presence), the co-occurrence tables and the coded-fragment list as
 * typed tables (exchange/table.ts) for CSV and XLSX.
 * Percentages are row shares of code assignments (see analysis/tally.ts), shown with one decimal;
 * a row without assignments shows "–" in text and an empty cell in CSV.
 */
import type { LocalText } from '../model/codebook.ts';
import type { TallyResult } from '../analysis/tally.ts';
import type { CoOccurrenceResult } from '../analysis/co-occurrence.ts';
import { CELL_LIST_SEPARATOR, FRAGMENT_HEADERS, fragmentCells, type CsvCell, type FragmentCsvRow } from './csv.ts';
import type { ColumnType, Table, TableCell, TableColumn } from './table.ts';

/** How to label a tally table. */
export interface TallyTableOptions {
  /** Display names of the codes, aligned with `TallyResult.codes`. */
  codeNames: readonly string[];
  /** Language of the labels; default 'en'. */
  lang?: keyof LocalText;
}

const LABELS: Record<keyof LocalText, Record<string, string>> = {
  en: {
    document: 'Document',
    group: 'Group',
    mere: 'Mere statement',
    coded: 'Coded fragments',
    fragments: 'Fragments',
    mostCoded: 'Most coded',
    count: '{label} (count)',
    total: 'Total',
    withOne: 'Documents with ≥1',
    withOneOf: 'Documents with ≥1 (of {n})',
    overall: 'Dominant code overall',
    none: 'none',
    inDocs: 'in {d} of {n} {documents}, {c} {fragments}',
    docOne: 'document',
    docMany: 'documents',
    fragOne: 'fragment',
    fragMany: 'fragments',
    percentOf: '{label} (%)',
  },
  nl: {
    document: 'Document',
    group: 'Groep',
    mere: 'Constatering',
    coded: 'Gecodeerde fragmenten',
    fragments: 'Fragmenten',
    mostCoded: 'Meest gecodeerd',
    count: '{label} (aantal)',
    total: 'Totaal',
    withOne: 'Documenten met ≥1',
    withOneOf: 'Documenten met ≥1 (van {n})',
    overall: 'Dominante code in het geheel',
    none: 'geen',
    inDocs: 'in {d} van {n} {documents}, {c} {fragments}',
    docOne: 'document',
    docMany: 'documenten',
    fragOne: 'fragment',
    fragMany: 'fragmenten',
    percentOf: '{label} (%)',
  },
};

const round1 = (p: number | null): number | null => (p === null ? null : Math.round(p * 10) / 10);

function namesOf(codes: readonly string[], result: TallyResult, names: readonly string[]): string {
  return codes.map((c) => names[result.codes.findIndex((x) => x === c)] ?? c).join(CELL_LIST_SEPARATOR);
}

/**
 * Lays a tally out as CSV cells: a header; one row per document with, per code, the count and the
 * row percentage; then mere statements, coded fragments, fragments and the most coded code(s)
 * (highest count; the totals row: highest total); then a totals row, a "documents with ≥1" row and
 * the dominant code overall in the thesis' sense (the code in the most documents; dominantLine).
 */
export function tallyToRows(result: TallyResult, options: TallyTableOptions): CsvCell[][] {
  const l = LABELS[options.lang ?? 'en'];
  const names = options.codeNames;
  const header: CsvCell[] = [result.rowKind === 'group' ? l.group! : l.document!];
  result.codes.forEach((c, i) => header.push(names[i] ?? c, `${names[i] ?? c} %`));
  header.push(l.mere!, l.coded!, l.fragments!, l.mostCoded!);
  const line = (label: string, r: TallyResult['totals'], mostCoded: readonly string[]): CsvCell[] => [
    label,
    ...r.counts.flatMap((n, i) => [n, round1(r.percentages[i] ?? null)]),
    r.mereStatements,
    r.codedFragments,
    r.fragments,
    namesOf(mostCoded, result, names),
  ];
  return [
    header,
    ...result.rows.map((row) => line(row.title, row, row.dominant)),
    line(l.total!, result.totals, result.mostCoded),
    [l.withOne!, ...result.documentsWithAtLeastOne.flatMap((n) => [n, null]), result.documentsWithMereStatement, null, null, null],
    [dominantLine(result, options)],
  ];
}

const pct = (p: number | null | undefined): string => (p === null || p === undefined ? '–' : `${p.toFixed(1)}%`);

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Lays a tally out as aligned plain text: counts with row percentages ("2 (40.0%)"), a totals row,
 * a "documents with ≥1" row, a "most coded" column, and a closing line naming the dominant code
 * overall (the thesis' sense: the code occurring in the most documents).
 */
export function tallyToText(result: TallyResult, options: TallyTableOptions): string {
  const l = LABELS[options.lang ?? 'en'];
  const names = result.codes.map((c, i) => options.codeNames[i] ?? c);
  const header = [result.rowKind === 'group' ? l.group! : l.document!, ...names, l.mere!, l.coded!, l.fragments!, l.mostCoded!];
  const line = (label: string, r: TallyResult['totals'], mostCoded: readonly string[]): string[] => [
    truncate(label, 40),
    ...r.counts.map((n, i) => `${n} (${pct(r.percentages[i])})`),
    String(r.mereStatements),
    String(r.codedFragments),
    String(r.fragments),
    namesOf(mostCoded, result, names) || '–',
  ];
  const rows = [
    header,
    ...result.rows.map((row) => line(row.title, row, row.dominant)),
    line(l.total!, result.totals, result.mostCoded),
    [l.withOne!, ...result.documentsWithAtLeastOne.map(String), String(result.documentsWithMereStatement), '', '', ''],
  ];
  const widths = header.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const last = header.length - 1;
  const render = (r: string[]) =>
    r
      .map((cell, c) => (c === 0 || c === last ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  const body = rows.map(render);
  body.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  body.splice(body.length - 2, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const overall = dominantLine(result, options);
  return `${body.join('\n')}\n\n${overall}\n`;
}

/**
 * The one-line summary of a tally, the same in every export and on the screen's terms: the
 * dominant code overall in the thesis' sense — the one occurring in the most documents, ties
 * broken by the number of fragments (analysis/tally.ts) — with in how many documents and how many
 * fragments it occurs: "Dominant code overall: Fame (in 5 of 6 documents, 12 fragments)".
 */
export function dominantLine(result: TallyResult, options: TallyTableOptions): string {
  const l = LABELS[options.lang ?? 'en'];
  const names = result.codes.map((c, i) => options.codeNames[i] ?? c);
  if (result.dominant.length === 0) return `${l.overall}: ${l.none}`;
  const first = result.codes.indexOf(result.dominant[0]!);
  const count = result.totals.counts[first] ?? 0;
  const where = l
    .inDocs!.replace('{d}', String(result.documentsWithAtLeastOne[first]))
    .replace('{n}', String(result.documentCount))
    .replace('{documents}', result.documentCount === 1 ? l.docOne! : l.docMany!)
    .replace('{c}', String(count))
    .replace('{fragments}', count === 1 ? l.fragOne! : l.fragMany!);
  return `${l.overall}: ${namesOf(result.dominant, result, names)} (${where})`;
}

/** Drops the drill-down indices (into the input fragments) that mean nothing outside the process. */
function withoutCells<T extends { cells: unknown; mere: unknown }>(counts: T): Omit<T, 'cells' | 'mere'> {
  const { cells: _cells, mere: _mere, ...rest } = counts;
  return rest;
}

/** The tally as JSON for scripts: the TallyResult with each column's display name, without drill-down indices. */
export function tallyToJson(result: TallyResult, options: TallyTableOptions): string {
  const { codes, columns, rows, totals, ...rest } = result;
  return (
    JSON.stringify(
      {
        codes: codes.map((id, i) => ({ id, name: options.codeNames[i] ?? id, code: columns[i]?.code ?? id, ...(columns[i]?.value !== undefined ? { value: columns[i]!.value } : {}) })),
        ...rest,
        rows: rows.map(withoutCells),
        totals: withoutCells(totals),
      },
      null,
      2,
    ) + '\n'
  );
}

/** What a matrix table shows in its cells. */
export type MatrixMeasure = 'counts' | 'row' | 'column' | 'presence';

/** The measures in the order the app and the workbook show them. */
export const MATRIX_MEASURES: readonly MatrixMeasure[] = ['counts', 'row', 'column', 'presence'];

const MEASURE_LABELS: Record<keyof LocalText, Record<MatrixMeasure, string>> = {
  en: { counts: 'Counts', row: 'Row %', column: 'Column %', presence: 'Presence' },
  nl: { counts: 'Aantallen', row: 'Rij-%', column: 'Kolom-%', presence: 'Aanwezigheid' },
};

/** The name of a measure in a language (a sheet name, a file name part). */
export function measureLabel(measure: MatrixMeasure, lang: keyof LocalText = 'en'): string {
  return MEASURE_LABELS[lang][measure];
}

/** Options for a typed matrix table. */
export interface MatrixTableOptions extends TallyTableOptions {
  /** Header of the first column; default "Document" (or "Group" for group rows). */
  rowHeader?: string;
}

/**
 * One measure of a tally as a typed table: a row per document or group with the measure per
 * column, then mere statements, coded fragments, fragments and the most coded column(s); a totals
 * row; for counts and presence a "documents with ≥1 (of n)" row; last the dominant code overall as
 * one line (dominantLine). Row and column percentages are percent columns (headers "Civic (%)"),
 * counts and presence integer columns.
 *
 * Presence: a row's cells are 0/1, the mere-statement column too (1 when the row has one), and
 * the totals row counts the rows with a 1 (with document rows: the documents a column occurs in).
 * Columns that stay counts under another measure say so in their header ("Fragments (count)").
 */
export function matrixTable(result: TallyResult, measure: MatrixMeasure, options: MatrixTableOptions): Table {
  const lang = options.lang ?? 'en';
  const l = LABELS[lang];
  const names = result.codes.map((c, i) => options.codeNames[i] ?? c);
  const valueType = measure === 'row' || measure === 'column' ? 'percent' : 'integer';
  const counted = (label: string) => (measure === 'counts' ? label : l.count!.replace('{label}', label));
  const columns: TableColumn[] = [
    { header: options.rowHeader ?? (result.rowKind === 'group' ? l.group! : l.document!), type: 'text' },
    ...names.map((name) => ({ header: valueType === 'percent' ? l.percentOf!.replace('{label}', name) : name, type: valueType }) as TableColumn),
    { header: measure === 'presence' ? l.mere! : counted(l.mere!), type: 'integer' },
    { header: counted(l.coded!), type: 'integer' },
    { header: counted(l.fragments!), type: 'integer' },
    { header: l.mostCoded!, type: 'text' },
  ];
  const values = (r: TallyResult['totals']): TableCell[] =>
    measure === 'counts' ? r.counts : measure === 'row' ? r.percentages : measure === 'column' ? r.columnPercentages : r.presence;
  const line = (label: string, r: TallyResult['totals'], mostCoded: readonly string[]): TableCell[] => [
    label,
    ...values(r),
    measure === 'presence' ? (r.mereStatements > 0 ? 1 : 0) : r.mereStatements,
    r.codedFragments,
    r.fragments,
    namesOf(mostCoded, result, names),
  ];
  const total = line(l.total!, result.totals, result.mostCoded);
  if (measure === 'presence') total.splice(1, names.length + 1, ...result.rowsWithAtLeastOne, result.rowsWithMereStatement);
  const rows: TableCell[][] = [...result.rows.map((row) => line(row.title, row, row.dominant)), total];
  const summaryRows = [rows.length - 1];
  if (measure === 'counts' || measure === 'presence') {
    rows.push([l.withOneOf!.replace('{n}', String(result.documentCount)), ...result.documentsWithAtLeastOne, result.documentsWithMereStatement, null, null, null]);
    summaryRows.push(rows.length - 1);
  }
  // The dominant code in the thesis' sense, as one line under the table.
  rows.push([dominantLine(result, options), ...columns.slice(1).map(() => null)]);
  summaryRows.push(rows.length - 1);
  return { name: measureLabel(measure, lang), columns, rows, summaryRows };
}

/** Labels for co-occurrence tables. */
const CO_LABELS: Record<keyof LocalText, { same: string; overlapping: string; corner: string }> = {
  en: { same: 'Co-occurrence, same fragment', overlapping: 'Co-occurrence, overlapping', corner: 'Regime' },
  nl: { same: 'Samen in één fragment', overlapping: 'Overlappende fragmenten', corner: 'Regime' },
};

/** A co-occurrence table (analysis/co-occurrence.ts) as a typed code × code table. */
export function coOccurrenceTable(
  result: CoOccurrenceResult,
  which: 'sameFragment' | 'overlapping',
  options: TallyTableOptions,
): Table {
  const l = CO_LABELS[options.lang ?? 'en'];
  const names = result.codes.map((c, i) => options.codeNames[i] ?? c);
  return {
    name: which === 'sameFragment' ? l.same : l.overlapping,
    columns: [{ header: l.corner, type: 'text' }, ...names.map((header) => ({ header, type: 'integer' }) as TableColumn)],
    rows: result[which].counts.map((row, a) => [names[a]!, ...row]),
  };
}

const FRAGMENT_TYPES: ColumnType[] = ['text', 'integer', 'integer', 'integer', 'text', 'text', 'text', 'text', 'text', 'text', 'date', 'text', 'text', 'text'];

/** A page label as a spreadsheet holds it: a whole number where it is one ("13"), else the label as text ("iv"). */
function pageCell(label: string): string | number | null {
  return label === '' ? null : /^[1-9]\d{0,8}$/.test(label) ? Number(label) : label;
}

/**
 * The coded-fragment table as a typed table (page, start and end whole numbers, so "100" sorts
 * after "13"; a page label that is not a number, such as "iv", stays text; creation a date).
 */
export function fragmentTable(rows: readonly FragmentCsvRow[], lang: keyof LocalText = 'en'): Table {
  return {
    name: lang === 'nl' ? 'Fragmenten' : 'Fragments',
    // The CSV's columns and cells, and the fragment id after them.
    columns: [...FRAGMENT_HEADERS[lang], 'id'].map((header, i) => ({ header, type: FRAGMENT_TYPES[i]! })),
    rows: rows.map((r) => {
      const cells: (string | number | null)[] = [...fragmentCells(r), r.id ?? null];
      cells[1] = pageCell(r.page);
      return cells;
    }),
  };
}
