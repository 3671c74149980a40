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
 * - Drill-down: same-fragment cells keep fragment indices (into the input); overlap cells list
 *   their pairs of fragment indices on demand, the earlier-starting fragment first, up to a limit.
 * - Bounded work: overlapping pairs can be quadratic in number (10,000 fragments over one passage
 *   make 50 million pairs), so they are counted, never listed: per document and per code, the
 *   fragments' starts and ends are sorted, and a fragment's overlaps with a set are that set minus
 *   the ranges wholly after and wholly before it (two binary searches). A cell (a, b) counts the
 *   ordered pairs (fragment with a, other fragment with b), minus the pairs in which both
 *   fragments carry both codes (counted from either side). O(F · C · log F) for F fragments and C
 *   codes. A drill-down lists at most the pairs asked for, looking at no more than
 *   {@link MAX_PAIR_SCAN} pairs.
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

/** Overlapping-fragment cells: counted without listing pairs; a cell's pairs are listed on demand. */
export interface OverlapCells {
  /**
   * The overlapping pairs of cell (a, b), earlier-starting fragment first, at most `limit` (and no
   * more than {@link MAX_PAIR_SCAN} pairs looked at); `complete` is false when the list was cut.
   */
  pairs(a: number, b: number, limit?: number): { pairs: [number, number][]; complete: boolean };
}

/** How many overlapping pairs a drill-down looks at before it stops (and says the list is cut). */
export const MAX_PAIR_SCAN = 2_000_000;

/** Both co-occurrence tables. */
export interface CoOccurrenceResult {
  codes: string[];
  /** Codes together on one fragment (compromises). */
  sameFragment: CoOccurrenceMatrix<number>;
  /** Codes on fragments that overlap: counts[a][b] (symmetric), and the pairs behind a cell on demand. */
  overlapping: { counts: number[][]; cells: OverlapCells };
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

/**
 * Per fragment, its known code columns, sorted and unique, as offsets into one list: fragment i's
 * columns are `list[offsets[i]] … list[offsets[i + 1] - 1]`.
 */
export interface CodeIndex {
  offsets: Int32Array;
  list: Int32Array;
}

/** Each fragment's code columns (see {@link CodeIndex}); codes not among `codes` are left out. */
export function codeIndex(fragments: readonly Pick<TallyFragment, 'codes'>[], codes: readonly string[]): CodeIndex {
  const column = new Map(codes.map((c, i) => [c, i]));
  const offsets = new Int32Array(fragments.length + 1);
  let total = 0;
  for (const f of fragments) total += f.codes.length;
  const list = new Int32Array(total);
  let at = 0;
  for (let i = 0; i < fragments.length; i++) {
    const from = at;
    const fcodes = fragments[i]!.codes;
    for (let c = 0; c < fcodes.length; c++) {
      const col = column.get(fcodes[c]!);
      if (col === undefined) continue;
      // Insertion into the (short) sorted run, skipping repeats.
      let k = at;
      while (k > from && list[k - 1]! > col) k--;
      if (k > from && list[k - 1] === col) continue;
      for (let m = at; m > k; m--) list[m] = list[m - 1]!;
      list[k] = col;
      at++;
    }
    offsets[i + 1] = at;
  }
  return { offsets, list };
}

/** Positions within one document's list that a packed sort key can hold (2^21). */
const POSITIONS = 2 ** 21;
/** Starts below this (2^31) pack with a position into an exact double. */
const MAX_PACKED_START = 2 ** 31;

/**
 * Per document (in order of first appearance), its fragments' indices sorted by start, ties by
 * index: the order the overlap sweep visits them in.
 */
export function documentOrder(fragments: readonly CoOccurrenceFragment[]): Int32Array[] {
  const byDocument = new Map<string, number[]>();
  for (let i = 0; i < fragments.length; i++) {
    const id = fragments[i]!.documentId;
    const list = byDocument.get(id);
    if (list) list.push(i);
    else byDocument.set(id, [i]);
  }
  const out: Int32Array[] = [];
  for (const list of byDocument.values()) {
    const sorted = Int32Array.from(list);
    let inOrder = true;
    let packable = list.length < POSITIONS;
    for (let k = 0; k < list.length; k++) {
      const start = fragments[list[k]!]!.anchor.start;
      if (k > 0 && start < fragments[list[k - 1]!]!.anchor.start) inOrder = false;
      if (!(Number.isInteger(start) && start >= 0 && start < MAX_PACKED_START)) packable = false;
    }
    if (!inOrder) {
      if (packable) {
        // Start and position in the list packed into one number: a numeric sort, no comparator.
        const keys = new Float64Array(list.length);
        for (let k = 0; k < list.length; k++) keys[k] = fragments[list[k]!]!.anchor.start * POSITIONS + k;
        keys.sort();
        for (let k = 0; k < keys.length; k++) sorted[k] = list[keys[k]! % POSITIONS]!;
      } else {
        sorted.sort((i, j) => fragments[i]!.anchor.start - fragments[j]!.anchor.start || i - j);
      }
    }
    out.push(sorted);
  }
  return out;
}

/**
 * What co-occurrence needs of a list of fragments, computed once per list: code columns, ranges
 * and the sweep order. A filtered subset is then counted without redoing any of it.
 */
export interface PreparedCoOccurrence {
  codes: string[];
  index: CodeIndex;
  starts: Float64Array;
  ends: Float64Array;
  /** Fragment indices per document, sorted by start (see {@link documentOrder}). */
  documents: Int32Array[];
}

/** Prepares fragments for {@link coOccurrenceOf}. */
export function prepareCoOccurrence(input: CoOccurrenceInput): PreparedCoOccurrence {
  const fragments = input.fragments;
  const starts = new Float64Array(fragments.length);
  const ends = new Float64Array(fragments.length);
  for (let i = 0; i < fragments.length; i++) {
    starts[i] = fragments[i]!.anchor.start;
    ends[i] = fragments[i]!.anchor.end;
  }
  return { codes: [...input.codes], index: codeIndex(fragments, input.codes), starts, ends, documents: documentOrder(fragments) };
}

/**
 * Co-occurrence over the prepared fragments that `kept` lists (ascending indices; all when
 * null). Cells index into the kept list, as if the kept fragments had been passed on their own.
 */
export function coOccurrenceOf(prepared: PreparedCoOccurrence, kept: Int32Array | null): CoOccurrenceResult {
  const codes = [...prepared.codes];
  const n = codes.length;
  const { offsets, list } = prepared.index;
  const { starts, ends } = prepared;
  const total = offsets.length - 1;
  const sameFragment = emptyMatrix<number>(n);
  // Position of each prepared fragment in the kept list; -1 when filtered out.
  let position: Int32Array | null = null;
  if (kept) {
    position = new Int32Array(total).fill(-1);
    for (let k = 0; k < kept.length; k++) position[kept[k]!] = k;
  }
  const count = kept ? kept.length : total;
  for (let k = 0; k < count; k++) {
    const i = kept ? kept[k]! : k;
    const to = offsets[i + 1]!;
    for (let x = offsets[i]!; x < to; x++) {
      for (let y = x; y < to; y++) add(sameFragment, list[x]!, list[y]!, k);
    }
  }

  // Which prepared fragments carry each code: code c's bits are has[c * total + i].
  const has = new Uint8Array(n * total);
  for (let i = 0; i < total; i++) for (let x = offsets[i]!; x < offsets[i + 1]!; x++) has[list[x]! * total + i] = 1;

  // Per document, the kept fragments in start order. Documents go in order of their first kept
  // fragment, as a fresh grouping of the kept list would visit them.
  const sweeps: { first: number; order: Int32Array }[] = [];
  const buffer = new Int32Array(total);
  for (const order of prepared.documents) {
    let m = 0;
    let first = Infinity;
    for (let p = 0; p < order.length; p++) {
      const i = order[p]!;
      const k = position ? position[i]! : i;
      if (k < 0) continue;
      buffer[m++] = i;
      if (k < first) first = k;
    }
    if (m > 0) sweeps.push({ first, order: buffer.slice(0, m) });
  }
  if (position) sweeps.sort((a, b) => a.first - b.first);

  // Counts, per document: ordered overlapping pairs between the fragments of each two codes.
  const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  let ordered = 0;
  for (const { order } of sweeps) {
    const all = rangeSet(order, starts, ends);
    ordered += orderedOverlaps(all, all, () => true, starts, ends);
    const byCode: RangeSet[] = [];
    for (let c = 0; c < n; c++) byCode.push(rangeSet(order.filter((i) => has[c * total + i] === 1), starts, ends));
    for (let a = 0; a < n; a++) {
      const A = byCode[a]!;
      if (A.members.length === 0) continue;
      for (let b = a; b < n; b++) {
        const B = byCode[b]!;
        if (B.members.length === 0) continue;
        const pairs = orderedOverlaps(A, B, (i) => has[b * total + i] === 1, starts, ends);
        let cell: number;
        if (a === b) cell = pairs / 2;
        else {
          // Pairs in which both fragments carry both codes were counted from either side.
          const both = A.members.filter((i) => has[b * total + i] === 1);
          const twice = both.length > 1 ? orderedOverlaps(rangeSet(both, starts, ends), rangeSet(both, starts, ends), () => true, starts, ends) / 2 : 0;
          cell = pairs - twice;
        }
        counts[a]![b]! += cell;
        if (a !== b) counts[b]![a]! += cell;
      }
    }
  }

  const cells: OverlapCells = {
    pairs(a, b, limit = Infinity) {
      const out: [number, number][] = [];
      let looked = 0;
      const carries = (c: number, i: number) => has[c * total + i] === 1;
      for (const { order } of sweeps) {
        const members = order.filter((i) => carries(a, i) || carries(b, i));
        for (let p = 0; p < members.length; p++) {
          const i = members[p]!;
          for (let q = p + 1; q < members.length; q++) {
            const j = members[q]!;
            if (starts[j]! >= ends[i]!) break; // sorted by start: no later fragment overlaps fragment i
            if (++looked > MAX_PAIR_SCAN) return { pairs: out, complete: false };
            if (!(starts[i]! < ends[j]!)) continue;
            if (!((carries(a, i) && carries(b, j)) || (carries(b, i) && carries(a, j)))) continue;
            if (out.length >= limit) return { pairs: out, complete: false };
            out.push(position ? [position[i]!, position[j]!] : [i, j]);
          }
        }
      }
      return { pairs: out, complete: true };
    },
  };
  return { codes, sameFragment, overlapping: { counts, cells }, overlappingPairs: ordered / 2 };
}

/** Sorted starts and ends of a set of fragments of one document, with its empty ranges by place. */
interface RangeSet {
  members: Int32Array;
  starts: Float64Array;
  ends: Float64Array;
  empties: Map<number, number>;
}

function rangeSet(members: Int32Array, starts: Float64Array, ends: Float64Array): RangeSet {
  const s = new Float64Array(members.length);
  const e = new Float64Array(members.length);
  const empties = new Map<number, number>();
  for (let k = 0; k < members.length; k++) {
    const i = members[k]!;
    s[k] = starts[i]!;
    e[k] = ends[i]!;
    if (starts[i] === ends[i]) empties.set(starts[i]!, (empties.get(starts[i]!) ?? 0) + 1);
  }
  s.sort();
  e.sort();
  return { members, starts: s, ends: e, empties };
}

/** How many values of a sorted array are below `x` (or at most `x` when `orEqual`). */
function countBelow(sorted: Float64Array, x: number, orEqual: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x || (orEqual && sorted[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Ordered pairs (i in A, j in B, i ≠ j) of overlapping fragments (`i.start < j.end && j.start <
 * i.end`): for each i, all of B minus those wholly after it (start ≥ i's end) and wholly before
 * it (end ≤ i's start); an empty j at an empty i's own place is both, so it is added back once;
 * i itself is taken out where it overlaps itself (a non-empty range). O(|A| log |B|).
 */
function orderedOverlaps(a: RangeSet, b: RangeSet, inB: (i: number) => boolean, starts: Float64Array, ends: Float64Array): number {
  let total = 0;
  const n = b.starts.length;
  for (let k = 0; k < a.members.length; k++) {
    const i = a.members[k]!;
    const s = starts[i]!;
    const e = ends[i]!;
    const after = n - countBelow(b.starts, e, false);
    const before = countBelow(b.ends, s, true);
    let overlapping = n - after - before;
    if (s === e) overlapping += b.empties.get(s) ?? 0;
    if (s < e && inB(i)) overlapping -= 1;
    total += overlapping;
  }
  return total;
}

/** Counts co-occurrences on the same fragment and on overlapping fragments; pure. See the module header. */
export function coOccurrence(input: CoOccurrenceInput): CoOccurrenceResult {
  return coOccurrenceOf(prepareCoOccurrence(input), null);
}
