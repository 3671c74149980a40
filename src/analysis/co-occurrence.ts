/**
 * Co-occurrence of codes: which regimes meet, as compromises within one fragment or as
 * neighbouring readings of the same passage.
 *
 * Counting rules (the policy this module owns):
 * - Same fragment: cell (a, b) with a ≠ b counts the fragments that carry both a and b; the
 *   diagonal (a, a) counts the fragments that carry a at all, so a row reads "of the n fragments
 *   with a, k also have b". A code repeated in one fragment counts once; unknown codes are ignored.
 * - Overlapping fragments: two different fragments of the same document overlap when they share
 *   at least one character (`a.start < b.end && b.start < a.end`; touching ends do not overlap).
 *   Cell (a, b) counts the overlapping pairs in which one fragment carries a and the other b;
 *   each pair counts at most once per cell, and (a, b) and (b, a) are the same count (symmetric).
 *   The diagonal (a, a) counts pairs in which both fragments carry a (e.g. two coders agreeing).
 * - Drill-down: same-fragment cells keep fragment indices (into the input); overlap cells keep
 *   pairs of fragment indices, the earlier-starting fragment first.
 */
import type { TallyFragment } from './tally.ts';

/** A fragment as co-occurrence needs it: its document, codes and range. */
export type CoOccurrenceFragment = TallyFragment & { anchor: { start: number; end: number } };

/** What to count: the codes (row and column order) and the fragments. */
export interface CoOccurrenceInput {
  codes: readonly string[];
  fragments: readonly CoOccurrenceFragment[];
}

/** A code × code table of counts with the fragments (or pairs) behind each cell. */
export interface CoOccurrenceMatrix<Cell> {
  /** counts[a][b]; symmetric. */
  counts: number[][];
  /** cells[a][b]: what was counted; cells[a][b] and cells[b][a] are the same array. */
  cells: Cell[][][];
}

/** Both co-occurrence tables. */
export interface CoOccurrenceResult {
  codes: string[];
  /** Codes together on one fragment (compromises). */
  sameFragment: CoOccurrenceMatrix<number>;
  /** Codes on fragments that overlap. */
  overlapping: CoOccurrenceMatrix<[number, number]>;
  /** Number of overlapping fragment pairs (whatever their codes). */
  overlappingPairs: number;
}

function emptyMatrix<Cell>(n: number): CoOccurrenceMatrix<Cell> {
  const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const cells: Cell[][][] = Array.from({ length: n }, () => new Array<Cell[]>(n));
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      const shared: Cell[] = [];
      cells[a]![b] = shared;
      cells[b]![a] = shared;
    }
  }
  return { counts, cells };
}

function add<Cell>(m: CoOccurrenceMatrix<Cell>, a: number, b: number, cell: Cell): void {
  m.counts[a]![b]!++;
  if (a !== b) m.counts[b]![a]!++;
  m.cells[a]![b]!.push(cell);
}

/** Counts co-occurrences on the same fragment and on overlapping fragments; pure. See the module header. */
export function coOccurrence(input: CoOccurrenceInput): CoOccurrenceResult {
  const codes = [...input.codes];
  const n = codes.length;
  const column = new Map(codes.map((c, i) => [c, i]));
  const sameFragment = emptyMatrix<number>(n);
  const overlapping = emptyMatrix<[number, number]>(n);

  // Each fragment's known code columns, sorted and unique.
  const columnsOf: number[][] = input.fragments.map((f) => {
    const out: number[] = [];
    for (const c of f.codes) {
      const i = column.get(c);
      if (i !== undefined && !out.includes(i)) out.push(i);
    }
    return out.sort((a, b) => a - b);
  });

  columnsOf.forEach((cols, index) => {
    for (let x = 0; x < cols.length; x++) {
      for (let y = x; y < cols.length; y++) add(sameFragment, cols[x]!, cols[y]!, index);
    }
  });

  // Overlaps: per document, sweep fragments in start order.
  const byDocument = new Map<string, number[]>();
  input.fragments.forEach((f, i) => {
    const list = byDocument.get(f.documentId);
    if (list) list.push(i);
    else byDocument.set(f.documentId, [i]);
  });
  let overlappingPairs = 0;
  // Which code pairs a fragment pair already counted: stamped with the pair's number, so
  // nothing needs clearing between pairs.
  const seen = new Int32Array(n * n).fill(-1);
  const starts = Float64Array.from(input.fragments, (f) => f.anchor.start);
  const ends = Float64Array.from(input.fragments, (f) => f.anchor.end);
  for (const list of byDocument.values()) {
    list.sort((i, j) => starts[i]! - starts[j]! || i - j);
    for (let p = 0; p < list.length; p++) {
      const i = list[p]!;
      const aStart = starts[i]!;
      const aEnd = ends[i]!;
      for (let q = p + 1; q < list.length; q++) {
        const j = list[q]!;
        if (starts[j]! >= aEnd) break; // sorted by start: no later fragment overlaps fragment i
        if (!(aStart < ends[j]!)) continue;
        const stamp = overlappingPairs++;
        const pair: [number, number] = [i, j];
        for (const x of columnsOf[i]!) {
          for (const y of columnsOf[j]!) {
            const lo = x < y ? x : y;
            const hi = x < y ? y : x;
            const key = lo * n + hi;
            if (seen[key] === stamp) continue;
            seen[key] = stamp;
            add(overlapping, lo, hi, pair);
          }
        }
      }
    }
  }
  return { codes, sameFragment, overlapping, overlappingPairs };
}
