/**
 * One tally view: the filter applied once, then the code matrix (documents or groups × codes
 * or values) and the regime co-occurrence over the same filtered fragments. The app recomputes
 * this on every filter change and the CLI once; both export from it, so a table, a chart and
 * an export made under one filter always agree.
 */
import type { Code, LocalText } from '../model/codebook.ts';
import type { PolicyDocument } from '../model/document.ts';
import type { Fragment } from '../model/fragment.ts';
import { coOccurrenceOf, prepareCoOccurrence, type CoOccurrenceResult, type PreparedCoOccurrence } from './co-occurrence.ts';
import { compileFilter, type FragmentFilter } from './fragment-filter.ts';
import { codeColumns, groupDocuments, prepareTally, tallyOf, valueColumns, type GroupField, type PreparedTally, type TallyColumn, type TallyResult } from './tally.ts';

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

/**
 * Work that depends on the fragments but not on the filter, kept per fragment list: parsed
 * creation times, and the prepared tally (per column set) and co-occurrence (per code list).
 * A filter change then only tests the filter and counts.
 */
interface Prepared {
  /** The fragment objects the work was done for: a list whose items differ is prepared anew. */
  items: readonly Fragment[];
  created: Float64Array | null;
  tally: Map<string, PreparedTally>;
  coOccurrence: Map<string, PreparedCoOccurrence>;
}

/**
 * Prepared work per fragment list (the app passes the same list, from its live query, on every
 * filter change; a changed project yields a new list). Fragments are treated as immutable, as
 * storage hands them out; a list whose length or items changed is prepared again.
 */
const preparedByList = new WeakMap<readonly Fragment[], Prepared>();

function prepared(fragments: readonly Fragment[]): Prepared {
  const known = preparedByList.get(fragments);
  if (known && known.items.length === fragments.length && known.items.every((f, i) => f === fragments[i])) return known;
  const fresh: Prepared = { items: [...fragments], created: null, tally: new Map(), coOccurrence: new Map() };
  preparedByList.set(fragments, fresh);
  return fresh;
}

/** A map entry, made on first use (the maps hold one entry per column set or code list a view used). */
function cached<T>(map: Map<string, T>, key: string, make: () => T): T {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** Filters once and computes the matrix and co-occurrence; pure (cached work aside). */
export function computeTallyView(input: TallyViewInput): TallyView {
  const chosen = input.filter.documentIds && input.filter.documentIds.length > 0 ? new Set(input.filter.documentIds) : null;
  const documents = chosen ? input.documents.filter((d) => chosen.has(d.id)) : [...input.documents];
  const all = input.fragments;
  const work = prepared(all);
  const createdAt = (i: number): number => {
    if (!work.created) work.created = Float64Array.from(work.items, (f) => Date.parse(f.createdAt));
    return work.created[i]!;
  };
  const keep = compileFilter(input.filter, createdAt);
  const indices: number[] = [];
  for (let i = 0; i < all.length; i++) if (keep(all[i]!, i)) indices.push(i);
  const kept = indices.length === all.length ? null : Int32Array.from(indices);
  const fragments = indices.map((i) => all[i]!);
  const columns = input.columns === 'values' ? valueColumns(input.codes) : codeColumns(input.codes.map((c) => c.id));
  const groups = input.rows === 'document' ? undefined : groupDocuments(documents, input.rows, MISSING[input.lang][input.rows]);
  const preparedTally = cached(work.tally, JSON.stringify(columns), () => prepareTally(all, columns));
  const codeIds = input.codes.map((c) => c.id as string);
  const preparedCo = cached(work.coOccurrence, JSON.stringify(codeIds), () => prepareCoOccurrence({ codes: codeIds, fragments: all }));
  return {
    documents,
    fragments,
    matrix: tallyOf(preparedTally, kept, { documents, groups }),
    columnNames: columnNames(columns, input.codes, input.lang),
    coOccurrence: coOccurrenceOf(preparedCo, kept),
  };
}
