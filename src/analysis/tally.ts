/**
 * Tallies: how often each code occurs per document — the quantitative overview the thesis got
 * from its highlight colours ("welke waardenregimes kwantitatief het meeste of minste voorkwamen").
 *
 * Counting rules (the policy this module owns):
 * - A fragment with several codes counts once under each of its codes; a code repeated within
 *   one fragment still counts once. Codes not in the given code list are ignored and counted in
 *   `ignoredCodeAssignments`; fragments of documents not in the list are ignored and counted in
 *   `ignoredFragments`.
 * - A fragment with no (known) codes is a "mere statement" and counts in its own column.
 * - Row percentages: `counts[i] / assignmentCount × 100`, where `assignmentCount` is the number
 *   of code assignments in the document (the sum of its code counts: a fragment with two codes
 *   adds 2). Mere statements are not assignments and are left out of the denominator, so the
 *   code percentages of a row sum to 100; when a document has no assignments its percentages
 *   are `null` (nothing to share). The totals row uses the same rule over all documents.
 * - Dominant code of a document: the code(s) with the highest count, ties all kept; none when
 *   the document has no assignments.
 * - Dominant code overall: the code(s) occurring in the most documents (`documentsWithAtLeastOne`);
 *   a tie is broken by the total count over all documents; codes still tied are all kept, in
 *   codebook order. None when no code occurs at all.
 */
import type { CodeId, DocumentId } from '../model/ids.ts';
import type { Fragment } from '../model/fragment.ts';

/** A document as the tally needs it. */
export interface TallyDocument {
  id: DocumentId;
  title: string;
}

/** What to tally: the rows (documents), the columns (codes, in display order) and the fragments. */
export interface TallyInput {
  documents: readonly TallyDocument[];
  codes: readonly CodeId[];
  fragments: readonly Pick<Fragment, 'documentId' | 'codes'>[];
}

/** Counts for one row of the table (a document, or the totals). */
export interface TallyCounts {
  /** Fragments per code, aligned with `TallyResult.codes`. */
  counts: number[];
  /** Fragments without any (known) code. */
  mereStatements: number;
  /** Fragments with at least one (known) code. */
  codedFragments: number;
  /** All fragments: codedFragments + mereStatements. */
  fragments: number;
  /** Code assignments: the sum of `counts` (a fragment with k codes adds k). */
  assignments: number;
  /** counts[i] / assignments × 100, or null when assignments is 0. */
  percentages: (number | null)[];
}

/** One document's row. */
export interface TallyRow extends TallyCounts {
  documentId: DocumentId;
  title: string;
  /** The code(s) with the highest count in this document; ties kept; empty without assignments. */
  dominant: CodeId[];
}

/** A documents × codes table with totals. */
export interface TallyResult {
  /** Column order. */
  codes: CodeId[];
  rows: TallyRow[];
  totals: TallyCounts;
  /** Per code (aligned with `codes`): number of documents with at least one fragment of that code. */
  documentsWithAtLeastOne: number[];
  /** Number of documents with at least one mere statement. */
  documentsWithMereStatement: number;
  /** The code(s) occurring in the most documents, ties broken by total count; see module header. */
  dominant: CodeId[];
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
  };
}

function withPercentages(row: TallyCounts): void {
  row.assignments = row.counts.reduce((a, b) => a + b, 0);
  row.percentages = row.counts.map((n) => (row.assignments === 0 ? null : (n / row.assignments) * 100));
}

/** Indices of the maxima of `primary` (must be > 0), ties broken by `secondary`, remaining ties kept. */
function argMax(primary: readonly number[], secondary: readonly number[]): number[] {
  const best = Math.max(0, ...primary);
  if (best === 0) return [];
  const first = primary.flatMap((v, i) => (v === best ? [i] : []));
  const bestSecondary = Math.max(...first.map((i) => secondary[i]!));
  return first.filter((i) => secondary[i] === bestSecondary);
}

/** Counts fragments per document and code; pure. See the module header for the rules. */
export function tally(input: TallyInput): TallyResult {
  const codes = [...input.codes];
  const column = new Map<string, number>(codes.map((c, i) => [c, i]));
  const rows: TallyRow[] = input.documents.map((d) => ({
    documentId: d.id,
    title: d.title,
    ...emptyCounts(codes.length),
    dominant: [],
  }));
  const rowOf = new Map<string, TallyRow>();
  for (const row of rows) if (!rowOf.has(row.documentId)) rowOf.set(row.documentId, row);

  let ignoredFragments = 0;
  let ignoredCodeAssignments = 0;
  for (const fragment of input.fragments) {
    const row = rowOf.get(fragment.documentId);
    if (!row) {
      ignoredFragments++;
      continue;
    }
    row.fragments++;
    const columns = new Set<number>();
    for (const code of new Set(fragment.codes)) {
      const i = column.get(code);
      if (i === undefined) ignoredCodeAssignments++;
      else columns.add(i);
    }
    if (columns.size === 0) row.mereStatements++;
    else row.codedFragments++;
    for (const i of columns) row.counts[i]!++;
  }

  const totals = emptyCounts(codes.length);
  const documentsWithAtLeastOne = new Array<number>(codes.length).fill(0);
  let documentsWithMereStatement = 0;
  for (const row of rows) {
    withPercentages(row);
    row.dominant = argMax(row.counts, row.counts).map((i) => codes[i]!);
    row.counts.forEach((n, i) => {
      totals.counts[i]! += n;
      if (n > 0) documentsWithAtLeastOne[i]!++;
    });
    totals.mereStatements += row.mereStatements;
    totals.codedFragments += row.codedFragments;
    totals.fragments += row.fragments;
    if (row.mereStatements > 0) documentsWithMereStatement++;
  }
  withPercentages(totals);

  return {
    codes,
    rows,
    totals,
    documentsWithAtLeastOne,
    documentsWithMereStatement,
    dominant: argMax(documentsWithAtLeastOne, totals.counts).map((i) => codes[i]!),
    ignoredFragments,
    ignoredCodeAssignments,
  };
}
