/**
 * Tallies: the code matrix — how often each code (or each value within a code) occurs per
 * document or per group of documents. The quantitative overview the thesis got from its
 * highlight colours ("welke waardenregimes kwantitatief het meeste of minste voorkwamen").
 *
 * Counting rules (the policy this module owns):
 * - Rows are documents (default) or groups of documents (`groups`, e.g. per region); columns
 *   are codes (default) or `columns` given by the caller: a code, a value within a code, or
 *   "the code without any of its values" (see {@link TallyColumn}).
 * - A fragment counts once in every column it matches: a fragment with several codes counts
 *   once under each of its codes; a code (or value) repeated within one fragment still counts
 *   once. In value columns a fragment counts under `code:value` when it carries that value and
 *   that code, and under "code, no value" when it carries the code but none of the code's
 *   values. Codes not among the columns are ignored and counted in `ignoredCodeAssignments`;
 *   fragments of documents not among the rows are ignored and counted in `ignoredFragments`.
 * - A fragment that matches no column is a "mere statement" and counts in its own column.
 * - Row percentages: `counts[i] / assignments × 100`, where `assignments` is the row's sum of
 *   counts (a fragment with two codes adds 2). Mere statements are not assignments, so a row's
 *   percentages sum to 100; a row without assignments has `null` percentages.
 * - Column percentages: `counts[i] / totals.counts[i] × 100`, the row's share of the column;
 *   `null` when the column is empty. Presence is 1 when the count is above 0, else 0.
 * - Most coded in a row (the row's `dominant` field; the screen and exports say "most coded"):
 *   the column(s) with the highest count, ties all kept; none without assignments. Most coded
 *   overall (`mostCoded`): the same over the totals.
 * - Presence totals: `rowsWithAtLeastOne` / `rowsWithMereStatement` count the rows whose
 *   presence is 1 (the sum of a presence column); with document rows that is the number of
 *   documents a column occurs in, the thesis' measure.
 * - Dominant overall (the thesis' sense of "dominant"): the column(s) occurring in the most documents (`documentsWithAtLeastOne`,
 *   counted per document also when rows are groups); a tie is broken by the total count; columns
 *   still tied are all kept, in column order. None when no column occurs at all.
 * - Drill-down: every cell keeps the indices (into `fragments`) of the fragments it counts.
 */
import type { CodeId, DocumentId } from '../model/ids.ts';
import type { Fragment } from '../model/fragment.ts';
import { parseValueRef } from '../model/fragment.ts';

/** A document as the tally needs it. */
export interface TallyDocument {
  id: DocumentId;
  title: string;
}

/** A row made of several documents (a region, a year). */
export interface TallyGroup {
  key: string;
  title: string;
  documentIds: readonly DocumentId[];
}

/**
 * A column: a whole code (`value` absent), one value within a code (`value` the value id), or
 * the code's fragments that carry none of its values (`value: null`).
 */
export interface TallyColumn {
  /** Unique column id: the code id, `code:value`, or `code:` for "no value". */
  id: string;
  code: CodeId;
  value?: string | null;
}

/** A fragment as the tally needs it. */
export type TallyFragment = Pick<Fragment, 'documentId' | 'codes'> & Partial<Pick<Fragment, 'values'>>;

/** What to tally: the documents, the columns (codes in display order) and the fragments. */
export interface TallyInput {
  documents: readonly TallyDocument[];
  codes: readonly CodeId[];
  fragments: readonly TallyFragment[];
  /** Rows as groups of documents instead of one row per document. */
  groups?: readonly TallyGroup[];
  /** Columns other than one per code (values within codes); `codes` is then ignored. */
  columns?: readonly TallyColumn[];
}

/** Counts for one row of the table (a document, a group, or the totals). */
export interface TallyCounts {
  /** Fragments per column, aligned with `TallyResult.codes`. */
  counts: number[];
  /** Fragments matching no column. */
  mereStatements: number;
  /** Fragments matching at least one column. */
  codedFragments: number;
  /** All fragments: codedFragments + mereStatements. */
  fragments: number;
  /** Assignments: the sum of `counts` (a fragment with k codes adds k). */
  assignments: number;
  /** counts[i] / assignments × 100, or null when assignments is 0. */
  percentages: (number | null)[];
  /** counts[i] / totals.counts[i] × 100, or null when the column is empty. */
  columnPercentages: (number | null)[];
  /** 1 when counts[i] > 0, else 0. */
  presence: (0 | 1)[];
  /** Indices into the input fragments, per column (drill-down). */
  cells: number[][];
  /** Indices into the input fragments of the mere statements. */
  mere: number[];
}

/** One row: a document or a group. */
export interface TallyRow extends TallyCounts {
  /** The document id, or the group key. */
  documentId: DocumentId;
  /** Same as documentId: the row's key. */
  key: string;
  title: string;
  /** The documents of the row (one for a document row). */
  documentIds: DocumentId[];
  /** Per column: how many of the row's documents have at least one fragment in it. */
  documentsWithAtLeastOne: number[];
  /** The column(s) with the highest count in this row ("most coded"); ties kept; empty without assignments. */
  dominant: string[];
}

/** A rows × columns table with totals. */
export interface TallyResult {
  /** Column ids in order (code ids when the columns are codes). */
  codes: string[];
  /** The columns in order. */
  columns: TallyColumn[];
  /** Whether the rows are documents or groups. */
  rowKind: 'document' | 'group';
  rows: TallyRow[];
  totals: TallyCounts;
  /** Per column: number of documents with at least one fragment in it. */
  documentsWithAtLeastOne: number[];
  /** Number of documents with at least one mere statement. */
  documentsWithMereStatement: number;
  /** Number of documents over all rows. */
  documentCount: number;
  /** The column(s) occurring in the most documents, ties broken by total count; see module header. */
  dominant: string[];
  /** The column(s) with the highest total count ("most coded" overall); ties kept; empty without assignments. */
  mostCoded: string[];
  /** Per column: the number of rows with a count above 0 (the total of the presence column). */
  rowsWithAtLeastOne: number[];
  /** The number of rows with at least one mere statement. */
  rowsWithMereStatement: number;
  /** Fragments whose document is not among the rows. */
  ignoredFragments: number;
  /** Code assignments to codes that are not among the columns. */
  ignoredCodeAssignments: number;
}

function emptyCounts(columns: number): TallyCounts {
  return {
    counts: new Array<number>(columns).fill(0),
    mereStatements: 0,
    codedFragments: 0,
    fragments: 0,
    assignments: 0,
    percentages: new Array<number | null>(columns).fill(null),
    columnPercentages: new Array<number | null>(columns).fill(null),
    presence: new Array<0 | 1>(columns).fill(0),
    cells: Array.from({ length: columns }, () => []),
    mere: [],
  };
}

function withPercentages(row: TallyCounts, columnTotals: readonly number[]): void {
  row.assignments = row.counts.reduce((a, b) => a + b, 0);
  row.percentages = row.counts.map((n) => (row.assignments === 0 ? null : (n / row.assignments) * 100));
  row.columnPercentages = row.counts.map((n, i) => (columnTotals[i] ? (n / columnTotals[i]!) * 100 : null));
  row.presence = row.counts.map((n) => (n > 0 ? 1 : 0));
}

/** Indices of the maxima of `primary` (must be > 0), ties broken by `secondary`, remaining ties kept. */
function argMax(primary: readonly number[], secondary: readonly number[]): number[] {
  const best = Math.max(0, ...primary);
  if (best === 0) return [];
  const first = primary.flatMap((v, i) => (v === best ? [i] : []));
  const bestSecondary = Math.max(...first.map((i) => secondary[i]!));
  return first.filter((i) => secondary[i] === bestSecondary);
}

/** One column per code, in the order given. */
export function codeColumns(codes: readonly CodeId[]): TallyColumn[] {
  return codes.map((code) => ({ id: code, code }));
}

/** Per code: one column per value, then one for "no value" (fragments with the code but none of its values). */
export function valueColumns(codes: readonly { id: CodeId; values: readonly { id: string }[] }[]): TallyColumn[] {
  return codes.flatMap((c) => [
    ...c.values.map((v) => ({ id: `${c.id}:${v.id}`, code: c.id, value: v.id })),
    { id: `${c.id}:`, code: c.id, value: null },
  ]);
}

/**
 * Finds, for each fragment, the columns it counts in. Built once per column set, so a tally
 * over many fragments does no string work beyond a map lookup per code and value.
 */
function columnMatcher(columns: readonly TallyColumn[]) {
  const wholeCode = new Map<string, number>();
  const byValue = new Map<string, number>();
  const noValue = new Map<string, number>();
  for (const [i, c] of columns.entries()) {
    if (c.value === undefined) wholeCode.set(c.code, i);
    else if (c.value === null) noValue.set(c.code, i);
    else byValue.set(`${c.code}:${c.value}`, i);
  }
  const known = new Set(columns.map((c) => c.code as string));
  const valued = byValue.size > 0 || noValue.size > 0;
  // Which columns the current fragment already matched: stamped with the fragment's number.
  const seen = new Int32Array(columns.length).fill(-1);
  let stamp = 0;
  const withValue: string[] = [];
  /** Puts the fragment's columns (each once) into `out`; returns its assignments to unknown codes. */
  return (fragment: TallyFragment, out: number[]): number => {
    out.length = 0;
    stamp++;
    // (No helper closure here: tsx's keep-names wrapper would cost more than the work.)
    let ignored = 0;
    const codes = fragment.codes;
    for (let k = 0; k < codes.length; k++) {
      const code = codes[k]!;
      if (k > 0 && codes.indexOf(code) < k) continue; // a repeated code counts once
      if (!known.has(code)) {
        ignored++;
        continue;
      }
      const whole = wholeCode.get(code);
      if (whole !== undefined && seen[whole] !== stamp) {
        seen[whole] = stamp;
        out.push(whole);
      }
    }
    if (valued) {
      withValue.length = 0;
      for (const ref of fragment.values ?? []) {
        const parsed = parseValueRef(ref);
        if (!parsed || !codes.includes(parsed.codeId)) continue;
        const i = byValue.get(ref);
        if (i !== undefined) {
          if (seen[i] !== stamp) {
            seen[i] = stamp;
            out.push(i);
          }
          withValue.push(parsed.codeId);
        }
      }
      for (const code of codes) {
        if (withValue.includes(code)) continue;
        const i = noValue.get(code);
        if (i !== undefined && seen[i] !== stamp) {
          seen[i] = stamp;
          out.push(i);
        }
      }
    }
    return ignored;
  };
}

/**
 * What the tally needs of a list of fragments for one set of columns, computed once per list:
 * each fragment's document (as a number) and the columns it counts in. A filtered subset is then
 * tallied without redoing any of it (see {@link tallyOf}).
 */
export interface PreparedTally {
  columns: TallyColumn[];
  /** The distinct document ids of the fragments, in order of first appearance. */
  documentIds: string[];
  /** Per fragment: its document, an index into `documentIds`. */
  documentOf: Int32Array;
  /** Per fragment i: its columns are `list[offsets[i]] … list[offsets[i + 1] - 1]`. */
  offsets: Int32Array;
  list: Int32Array;
  /** Per fragment: its code assignments to codes that are not among the columns. */
  ignored: Int32Array;
}

/** Prepares fragments for {@link tallyOf}: columns given, or one per code. */
export function prepareTally(fragments: readonly TallyFragment[], columns: readonly TallyColumn[]): PreparedTally {
  const match = columnMatcher(columns);
  const hit: number[] = [];
  const documentIds: string[] = [];
  const documentNumber = new Map<string, number>();
  const documentOf = new Int32Array(fragments.length);
  const offsets = new Int32Array(fragments.length + 1);
  const ignored = new Int32Array(fragments.length);
  let list = new Int32Array(Math.max(16, fragments.length * 2));
  let at = 0;
  for (let i = 0; i < fragments.length; i++) {
    const fragment = fragments[i]!;
    let d = documentNumber.get(fragment.documentId);
    if (d === undefined) {
      d = documentIds.length;
      documentIds.push(fragment.documentId);
      documentNumber.set(fragment.documentId, d);
    }
    documentOf[i] = d;
    ignored[i] = match(fragment, hit);
    if (at + hit.length > list.length) {
      const grown = new Int32Array(Math.max(list.length * 2, at + hit.length));
      grown.set(list);
      list = grown;
    }
    for (let k = 0; k < hit.length; k++) list[at++] = hit[k]!;
    offsets[i + 1] = at;
  }
  return { columns: [...columns], documentIds, documentOf, offsets, list: list.slice(0, at), ignored };
}

/** Counts fragments per row and column; pure. See the module header for the rules. */
export function tally(input: TallyInput): TallyResult {
  const columns = input.columns ? [...input.columns] : codeColumns(input.codes);
  return tallyOf(prepareTally(input.fragments, columns), null, input);
}

/**
 * Tallies the prepared fragments that `kept` lists (ascending indices; all when null) into the
 * rows of `rows`: cells index into the kept list, as if the kept fragments had been passed to
 * {@link tally} on their own.
 */
export function tallyOf(prepared: PreparedTally, kept: Int32Array | null, rows: Pick<TallyInput, 'documents' | 'groups'>): TallyResult {
  const columns = [...prepared.columns];
  const width = columns.length;
  const specs: { key: string; title: string; documentIds: DocumentId[] }[] = rows.groups
    ? rows.groups.map((g) => ({ key: g.key, title: g.title, documentIds: [...g.documentIds] }))
    : rows.documents.map((d) => ({ key: d.id, title: d.title, documentIds: [d.id] }));
  const tallyRows: TallyRow[] = specs.map((s) => ({
    documentId: s.key as DocumentId,
    key: s.key,
    title: s.title,
    documentIds: s.documentIds,
    ...emptyCounts(width),
    documentsWithAtLeastOne: new Array<number>(width).fill(0),
    dominant: [],
  }));
  const rowOf = new Map<string, number>();
  tallyRows.forEach((row, r) => {
    for (const id of row.documentIds) if (!rowOf.has(id)) rowOf.set(id, r);
  });
  // Per-document presence, also when rows are groups: "documents with ≥1" counts documents.
  const documentCount = rowOf.size;
  const present = new Uint8Array(documentCount * width);
  const mere = new Uint8Array(documentCount);
  // Per prepared document: its row and its number among the row documents, or -1.
  const rowOfDocument = new Int32Array(prepared.documentIds.length).fill(-1);
  const slotOfDocument = new Int32Array(prepared.documentIds.length).fill(-1);
  const slots = new Map<string, number>();
  for (const id of rowOf.keys()) slots.set(id, slots.size);
  prepared.documentIds.forEach((id, d) => {
    const r = rowOf.get(id);
    if (r === undefined) return;
    rowOfDocument[d] = r;
    slotOfDocument[d] = slots.get(id)!;
  });

  const { documentOf, offsets, list, ignored } = prepared;
  const count = kept ? kept.length : documentOf.length;
  let ignoredFragments = 0;
  let ignoredCodeAssignments = 0;
  for (let index = 0; index < count; index++) {
    const i = kept ? kept[index]! : index;
    const d = documentOf[i]!;
    const r = rowOfDocument[d]!;
    if (r < 0) {
      ignoredFragments++;
      continue;
    }
    ignoredCodeAssignments += ignored[i]!;
    const row = tallyRows[r]!;
    const slot = slotOfDocument[d]!;
    row.fragments++;
    const from = offsets[i]!;
    const to = offsets[i + 1]!;
    if (from === to) {
      row.mereStatements++;
      row.mere.push(index);
      mere[slot] = 1;
      continue;
    }
    row.codedFragments++;
    for (let x = from; x < to; x++) {
      const c = list[x]!;
      row.counts[c]!++;
      row.cells[c]!.push(index);
      present[slot * width + c] = 1;
    }
  }

  const totals = emptyCounts(width);
  for (const row of tallyRows) {
    for (let i = 0; i < width; i++) {
      totals.counts[i]! += row.counts[i]!;
      const cell = totals.cells[i]!;
      for (const f of row.cells[i]!) cell.push(f);
    }
    totals.mereStatements += row.mereStatements;
    totals.codedFragments += row.codedFragments;
    totals.fragments += row.fragments;
    for (const f of row.mere) totals.mere.push(f);
  }
  const documentsWithAtLeastOne = new Array<number>(width).fill(0);
  let documentsWithMereStatement = 0;
  for (const [id, slot] of slots) {
    const row = tallyRows[rowOf.get(id)!]!;
    for (let i = 0; i < width; i++) {
      if (present[slot * width + i]) {
        documentsWithAtLeastOne[i]!++;
        row.documentsWithAtLeastOne[i]!++;
      }
    }
    if (mere[slot]) documentsWithMereStatement++;
  }
  for (const row of tallyRows) {
    withPercentages(row, totals.counts);
    row.dominant = argMax(row.counts, row.counts).map((i) => columns[i]!.id);
  }
  withPercentages(totals, totals.counts);

  return {
    codes: columns.map((c) => c.id),
    columns,
    rowKind: rows.groups ? 'group' : 'document',
    rows: tallyRows,
    totals,
    documentsWithAtLeastOne,
    documentsWithMereStatement,
    documentCount,
    dominant: argMax(documentsWithAtLeastOne, totals.counts).map((i) => columns[i]!.id),
    mostCoded: argMax(totals.counts, totals.counts).map((i) => columns[i]!.id),
    rowsWithAtLeastOne: columns.map((_, i) => tallyRows.filter((row) => row.counts[i]! > 0).length),
    rowsWithMereStatement: tallyRows.filter((row) => row.mereStatements > 0).length,
    ignoredFragments,
    ignoredCodeAssignments,
  };
}

/** The metadata fields documents can be grouped by. */
export type GroupField = 'region' | 'year' | 'type';

/**
 * Groups documents by a metadata field: one group per distinct value, ordered by value (years
 * numerically, text alphabetically in Dutch collation), then one group for documents without
 * the field, keyed "" and titled `missingTitle`. Documents keep their order within a group.
 */
export function groupDocuments(
  documents: readonly (TallyDocument & { meta?: { region?: string; year?: number; type?: string } })[],
  field: GroupField,
  missingTitle: string,
): TallyGroup[] {
  const groups = new Map<string, { key: string; title: string; documentIds: DocumentId[]; sort: string | number }>();
  for (const d of documents) {
    const raw = d.meta?.[field];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    const key = value === undefined || value === '' ? '' : String(value);
    let g = groups.get(key);
    if (!g) {
      g = { key, title: key === '' ? missingTitle : key, documentIds: [], sort: typeof value === 'number' ? value : key };
      groups.set(key, g);
    }
    g.documentIds.push(d.id);
  }
  const collator = new Intl.Collator('nl', { numeric: true, sensitivity: 'base' });
  return [...groups.values()]
    .sort((a, b) => {
      if (a.key === '' || b.key === '') return a.key === '' ? (b.key === '' ? 0 : 1) : -1;
      return typeof a.sort === 'number' && typeof b.sort === 'number' ? a.sort - b.sort : collator.compare(a.key, b.key);
    })
    .map(({ key, title, documentIds }) => ({ key, title, documentIds }));
}
