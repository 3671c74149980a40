/**
 * One tally view: the filter applied once, then the code matrix (documents or groups × codes
 * or values) and the regime co-occurrence over the same filtered fragments. The app recomputes
 * this on every filter change and the CLI once; both export from it, so a table, a chart and
 * an export made under one filter always agree.
 */
import type { Code, LocalText } from '../model/codebook.ts';
import type { PolicyDocument } from '../model/document.ts';
import type { Fragment } from '../model/fragment.ts';
import { coOccurrence, type CoOccurrenceResult } from './co-occurrence.ts';
import { compileFilter, type FragmentFilter } from './fragment-filter.ts';
import { codeColumns, groupDocuments, tally, valueColumns, type GroupField, type TallyColumn, type TallyResult } from './tally.ts';

/** Rows: one per document, or one per value of a metadata field. */
export type RowMode = 'document' | GroupField;

/** Columns: one per code (regime), or one per value within each code. */
export type ColumnMode = 'codes' | 'values';

/** What a view shows. */
export interface TallyViewInput {
  documents: readonly PolicyDocument[];
  fragments: readonly Fragment[];
  codes: readonly Code[];
  filter: FragmentFilter;
  rows: RowMode;
  columns: ColumnMode;
  /** Language for group titles of documents without the field and for column names. */
  lang: keyof LocalText;
}

/** A computed view. */
export interface TallyView {
  /** The documents in the rows (all, or the chosen ones), in project order. */
  documents: PolicyDocument[];
  /** The fragments that pass the filter; the matrix and co-occurrence indices point here. */
  fragments: Fragment[];
  matrix: TallyResult;
  /** Column display names, aligned with matrix.codes. */
  columnNames: string[];
  coOccurrence: CoOccurrenceResult;
}

const MISSING: Record<keyof LocalText, Record<GroupField, string>> = {
  nl: { region: '(geen regio)', year: '(geen jaar)', type: '(geen soort)' },
  en: { region: '(no region)', year: '(no year)', type: '(no type)' },
};
const NO_VALUE: Record<keyof LocalText, string> = { nl: 'geen waarde', en: 'no value' };

/** Display names of columns: the code's name, or "Code – value" / "Code – no value". */
export function columnNames(columns: readonly TallyColumn[], codes: readonly Code[], lang: keyof LocalText): string[] {
  const byId = new Map(codes.map((c) => [c.id as string, c]));
  return columns.map((col) => {
    const code = byId.get(col.code);
    const name = code?.name[lang] ?? col.code;
    if (col.value === undefined) return name;
    if (col.value === null) return `${name} – ${NO_VALUE[lang]}`;
    return `${name} – ${code?.values.find((v) => v.id === col.value)?.name[lang] ?? col.value}`;
  });
}

/** Filters once and computes the matrix and co-occurrence; pure. */
export function computeTallyView(input: TallyViewInput): TallyView {
  const chosen = input.filter.documentIds && input.filter.documentIds.length > 0 ? new Set(input.filter.documentIds) : null;
  const documents = chosen ? input.documents.filter((d) => chosen.has(d.id)) : [...input.documents];
  const keep = compileFilter(input.filter);
  const fragments = input.fragments.filter(keep);
  const columns = input.columns === 'values' ? valueColumns(input.codes) : codeColumns(input.codes.map((c) => c.id));
  const groups = input.rows === 'document' ? undefined : groupDocuments(documents, input.rows, MISSING[input.lang][input.rows]);
  const matrix = tally({ documents, codes: [], columns, groups, fragments });
  return {
    documents,
    fragments,
    matrix,
    columnNames: columnNames(columns, input.codes, input.lang),
    coOccurrence: coOccurrence({ codes: input.codes.map((c) => c.id), fragments }),
  };
}
