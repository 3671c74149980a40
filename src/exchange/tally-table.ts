/**
 * A tally (analysis/tally.ts) laid out as a table for people: as rows of cells for CSV and
 * spreadsheets, as aligned plain text for a terminal, or as JSON for scripts.
 * Percentages are row shares of code assignments (see analysis/tally.ts), shown with one decimal;
 * a row without assignments shows "–" in text and an empty cell in CSV.
 */
import type { LocalText } from '../model/codebook.ts';
import type { TallyResult } from '../analysis/tally.ts';
import { CELL_LIST_SEPARATOR, type CsvCell } from './csv.ts';

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
    mere: 'Mere statement',
    coded: 'Coded fragments',
    fragments: 'Fragments',
    dominant: 'Dominant',
    total: 'Total',
    withOne: 'Documents with ≥1',
    overall: 'Dominant code overall',
    none: 'none',
    inDocs: 'in {d} of {n} documents, {c} fragments',
  },
  nl: {
    document: 'Document',
    mere: 'Constatering',
    coded: 'Gecodeerde fragmenten',
    fragments: 'Fragmenten',
    dominant: 'Dominant',
    total: 'Totaal',
    withOne: 'Documenten met ≥1',
    overall: 'Dominante code in het geheel',
    none: 'geen',
    inDocs: 'in {d} van {n} documenten, {c} fragmenten',
  },
};

const round1 = (p: number | null): number | null => (p === null ? null : Math.round(p * 10) / 10);

function namesOf(codes: readonly string[], result: TallyResult, names: readonly string[]): string {
  return codes.map((c) => names[result.codes.findIndex((x) => x === c)] ?? c).join(CELL_LIST_SEPARATOR);
}

/**
 * Lays a tally out as CSV cells: a header; one row per document with, per code, the count and the
 * row percentage; then mere statements, coded fragments, fragments and the dominant code(s);
 * then a totals row and a "documents with ≥1" row.
 */
export function tallyToRows(result: TallyResult, options: TallyTableOptions): CsvCell[][] {
  const l = LABELS[options.lang ?? 'en'];
  const names = options.codeNames;
  const header: CsvCell[] = [l.document!];
  result.codes.forEach((c, i) => header.push(names[i] ?? c, `${names[i] ?? c} %`));
  header.push(l.mere!, l.coded!, l.fragments!, l.dominant!);
  const line = (label: string, r: TallyResult['totals'], dominant: readonly string[]): CsvCell[] => [
    label,
    ...r.counts.flatMap((n, i) => [n, round1(r.percentages[i] ?? null)]),
    r.mereStatements,
    r.codedFragments,
    r.fragments,
    namesOf(dominant, result, names),
  ];
  return [
    header,
    ...result.rows.map((row) => line(row.title, row, row.dominant)),
    line(l.total!, result.totals, result.dominant),
    [l.withOne!, ...result.documentsWithAtLeastOne.flatMap((n) => [n, null]), result.documentsWithMereStatement, null, null, null],
  ];
}

const pct = (p: number | null | undefined): string => (p === null || p === undefined ? '–' : `${p.toFixed(1)}%`);

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Lays a tally out as aligned plain text: counts with row percentages ("2 (40.0%)"), a totals row,
 * a "documents with ≥1" row, and a closing line naming the dominant code overall.
 */
export function tallyToText(result: TallyResult, options: TallyTableOptions): string {
  const l = LABELS[options.lang ?? 'en'];
  const names = result.codes.map((c, i) => options.codeNames[i] ?? c);
  const header = [l.document!, ...names, l.mere!, l.coded!, l.fragments!, l.dominant!];
  const line = (label: string, r: TallyResult['totals'], dominant: readonly string[]): string[] => [
    truncate(label, 40),
    ...r.counts.map((n, i) => `${n} (${pct(r.percentages[i])})`),
    String(r.mereStatements),
    String(r.codedFragments),
    String(r.fragments),
    namesOf(dominant, result, names) || '–',
  ];
  const rows = [
    header,
    ...result.rows.map((row) => line(row.title, row, row.dominant)),
    line(l.total!, result.totals, result.dominant),
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
  const overall = result.dominant.length
    ? `${l.overall}: ${namesOf(result.dominant, result, names)} (${l
        .inDocs!.replace('{d}', String(result.documentsWithAtLeastOne[result.codes.indexOf(result.dominant[0]!)]))
        .replace('{n}', String(result.rows.length))
        .replace('{c}', String(result.totals.counts[result.codes.indexOf(result.dominant[0]!)]))})`
    : `${l.overall}: ${l.none}`;
  return `${body.join('\n')}\n\n${overall}\n`;
}

/** The tally as JSON for scripts: the TallyResult with each code's display name. */
export function tallyToJson(result: TallyResult, options: TallyTableOptions): string {
  const { codes, ...rest } = result;
  return JSON.stringify({ codes: codes.map((id, i) => ({ id, name: options.codeNames[i] ?? id })), ...rest }, null, 2) + '\n';
}
