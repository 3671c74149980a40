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
 * - Dominant of a row: the column(s) with the highest count, ties all kept; none without
 *   assignments.
 * - Dominant overall: the column(s) occurring in the most documents (`documentsWithAtLeastOne`,
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
  /** The column(s) with the highest count in this row; ties kept; empty without assignments. */
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
  return (fragment: TallyFragment, out: Set<number>): number => {
    out.clear();
    let ignored = 0;
    const codes = fragment.codes.length > 1 ? new Set(fragment.codes) : fragment.codes;
    for (const code of codes) {
      if (!known.has(code)) {
        ignored++;
        continue;
      }
      const whole = wholeCode.get(code);
      if (whole !== undefined) out.add(whole);
    }
    if (byValue.size > 0 || noValue.size > 0) {
      const withValue = new Set<string>();
      for (const ref of fragment.values ?? []) {
        const parsed = parseValueRef(ref);
        if (!parsed || !fragment.codes.includes(parsed.codeId)) continue;
        const i = byValue.get(ref);
        if (i !== undefined) {
          out.add(i);
          withValue.add(parsed.codeId);
        }
      }
      for (const code of codes) {
        if (withValue.has(code)) continue;
        const i = noValue.get(code);
        if (i !== undefined) out.add(i);
      }
    }
    return ignored;
  };
}

/** Counts fragments per row and column; pure. See the module header for the rules. */
export function tally(input: TallyInput): TallyResult {
  const columns = input.columns ? [...input.columns] : codeColumns(input.codes);
  const width = columns.length;
  const specs: { key: string; title: string; documentIds: DocumentId[] }[] = input.groups
    ? input.groups.map((g) => ({ key: g.key, title: g.title, documentIds: [...g.documentIds] }))
    : input.documents.map((d) => ({ key: d.id, title: d.title, documentIds: [d.id] }));
  const rows: TallyRow[] = specs.map((s) => ({
    documentId: s.key as DocumentId,
    key: s.key,
    title: s.title,
    documentIds: s.documentIds,
    ...emptyCounts(width),
    documentsWithAtLeastOne: new Array<number>(width).fill(0),
    dominant: [],
  }));
  const rowOf = new Map<string, TallyRow>();
  for (const row of rows) for (const id of row.documentIds) if (!rowOf.has(id)) rowOf.set(id, row);
  // Per-document presence, also when rows are groups: "documents with ≥1" counts documents.
  const perDocument = new Map<string, { present: Uint8Array; mere: boolean }>();
  for (const id of rowOf.keys()) perDocument.set(id, { present: new Uint8Array(width), mere: false });

  const match = columnMatcher(columns);
  const hit = new Set<number>();
  let ignoredFragments = 0;
  let ignoredCodeAssignments = 0;
  input.fragments.forEach((fragment, index) => {
    const row = rowOf.get(fragment.documentId);
    if (!row) {
      ignoredFragments++;
      return;
    }
    ignoredCodeAssignments += match(fragment, hit);
    const doc = perDocument.get(fragment.documentId)!;
    row.fragments++;
    if (hit.size === 0) {
      row.mereStatements++;
      row.mere.push(index);
      doc.mere = true;
      return;
    }
    row.codedFragments++;
    for (const i of hit) {
      row.counts[i]!++;
      row.cells[i]!.push(index);
      doc.present[i] = 1;
    }
  });

  const totals = emptyCounts(width);
  for (const row of rows) {
    row.counts.forEach((n, i) => {
      totals.counts[i]! += n;
      for (const f of row.cells[i]!) totals.cells[i]!.push(f);
    });
    totals.mereStatements += row.mereStatements;
    totals.codedFragments += row.codedFragments;
    totals.fragments += row.fragments;
    for (const f of row.mere) totals.mere.push(f);
  }
  const documentsWithAtLeastOne = new Array<number>(width).fill(0);
  let documentsWithMereStatement = 0;
  for (const [id, doc] of perDocument) {
    const row = rowOf.get(id)!;
    for (let i = 0; i < width; i++) {
      if (doc.present[i]) {
        documentsWithAtLeastOne[i]!++;
        row.documentsWithAtLeastOne[i]!++;
      }
    }
    if (doc.mere) documentsWithMereStatement++;
  }
  for (const row of rows) {
    withPercentages(row, totals.counts);
    row.dominant = argMax(row.counts, row.counts).map((i) => columns[i]!.id);
  }
  withPercentages(totals, totals.counts);

  return {
    codes: columns.map((c) => c.id),
    columns,
    rowKind: input.groups ? 'group' : 'document',
    rows,
    totals,
    documentsWithAtLeastOne,
    documentsWithMereStatement,
    documentCount: perDocument.size,
    dominant: argMax(documentsWithAtLeastOne, totals.counts).map((i) => columns[i]!.id),
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
