/**
 * Krippendorff's unitizing α (u-α): agreement on segments of a continuum that coders cut and
 * categorised themselves, so fragments whose boundaries differ are compared by how far they
 * differ, not as "same unit or not".
 *
 * Policy (owned here), after Krippendorff (2004), Content Analysis, 2nd ed., §12.4, and
 * Krippendorff (1995), "On the reliability of unitizing continuous data":
 * - The continuum is [begin, begin + length) in whole positions (characters). Per category, each
 *   coder's continuum falls into sections: that coder's segments of the category and the gaps
 *   between them. Segments of one coder in one category may touch but not overlap.
 * - Observed disagreement of category c: over every pair of coders and every pair of their
 *   sections that overlap, δ² is (b₁ − b₂)² + (e₁ − e₂)² for two segments, l² for a segment of
 *   length l lying wholly inside the other coder's gap, 0 otherwise;
 *   D_o = 2 Σ δ² / (m(m − 1) L²) for m coders and continuum length L.
 * - Expected disagreement of category c: with N_c segments of c (all coders), lengths l, and all
 *   coders' gaps h,
 *   D_e = (2/L) Σ_g [ (N_c − 1)(2l_g³ − 3l_g² + l_g)/3 + l_g² Σ_{h ≥ l_g} (h − l_g + 1) ]
 *         / (mL(mL − 1) − Σ_g l_g(l_g − 1)).
 *   The inner sum over gaps is taken from gap lengths sorted once, with suffix sums, so the work is
 *   n log n in the number of segments (and linear per pair of coders for D_o).
 * - α_c = 1 − D_o/D_e; overall u-α = 1 − Σ_c D_o / Σ_c D_e (D_o and D_e reported as means over categories). Undefined (null) where D_e is 0
 *   (e.g. a category nobody used, or segments filling every coder's whole continuum alike).
 */
import type { UndefinedReason } from './agreement.ts';

/** One coder's segment: `length` positions from `start`, in one category. */
export interface UnitizingSegment {
  /** Index of the coder, 0 ≤ coder < coders. */
  coder: number;
  start: number;
  length: number;
  category: string;
}

/** A unitizing study: the continuum, how many coders (also those without any segment), their segments. */
export interface UnitizingInput {
  begin: number;
  length: number;
  coders: number;
  segments: readonly UnitizingSegment[];
}

/** u-α of one category with its parts. */
export interface UnitizingCategoryResult {
  alpha: number | null;
  undefinedBecause?: UndefinedReason;
  observed: number;
  expected: number;
  /** Segments of the category, all coders. */
  segments: number;
}

/** u-α overall and per category (in order of first appearance). */
export interface UnitizingResult {
  alpha: number | null;
  undefinedBecause?: UndefinedReason;
  observed: number;
  expected: number;
  byCategory: Map<string, UnitizingCategoryResult>;
}

/** Why a unitizing study cannot be computed; `index` points into `segments`. */
export type UnitizingError =
  | { reason: 'too-few-coders'; coders: number }
  | { reason: 'bad-continuum' }
  | { reason: 'bad-segment'; index: number }
  | { reason: 'outside-continuum'; index: number }
  | { reason: 'overlap'; index: number; other: number };

/** A section of one coder's continuum: a segment of the category, or a gap. */
interface Section {
  start: number;
  end: number;
  unit: boolean;
}

const isWhole = (x: number): boolean => Number.isSafeInteger(x);

/** Checks the study; undefined when it can be computed. */
export function checkUnitizing(input: UnitizingInput): UnitizingError | undefined {
  if (!isWhole(input.coders) || input.coders < 2) return { reason: 'too-few-coders', coders: input.coders };
  if (!isWhole(input.begin) || !isWhole(input.length) || input.length < 1) return { reason: 'bad-continuum' };
  const end = input.begin + input.length;
  for (const [i, s] of input.segments.entries()) {
    if (!isWhole(s.start) || !isWhole(s.length) || s.length < 1 || !isWhole(s.coder) || s.coder < 0 || s.coder >= input.coders) {
      return { reason: 'bad-segment', index: i };
    }
    if (s.start < input.begin || s.start + s.length > end) return { reason: 'outside-continuum', index: i };
  }
  // Overlap within one coder and category: sort indexes by (category, coder, start).
  const order = input.segments.map((_, i) => i);
  const segs = input.segments;
  order.sort((a, b) => {
    const x = segs[a]!;
    const y = segs[b]!;
    return x.category < y.category ? -1 : x.category > y.category ? 1 : x.coder - y.coder || x.start - y.start || a - b;
  });
  for (let k = 1; k < order.length; k++) {
    const prev = segs[order[k - 1]!]!;
    const cur = segs[order[k]!]!;
    if (prev.category === cur.category && prev.coder === cur.coder && cur.start < prev.start + prev.length) {
      const [first, second] = [order[k - 1]!, order[k]!].sort((a, b) => a - b);
      return { reason: 'overlap', index: second!, other: first! };
    }
  }
  return undefined;
}

/** One coder's sections for a category: sorted segments with the gaps between them. */
function sections(sorted: readonly UnitizingSegment[], begin: number, end: number): Section[] {
  const out: Section[] = [];
  let pos = begin;
  for (const s of sorted) {
    if (s.start > pos) out.push({ start: pos, end: s.start, unit: false });
    out.push({ start: s.start, end: s.start + s.length, unit: true });
    pos = s.start + s.length;
  }
  if (pos < end) out.push({ start: pos, end, unit: false });
  return out;
}

/** δ² of two overlapping sections of two coders. */
function delta(a: Section, b: Section): number {
  if (a.unit && b.unit) return (a.start - b.start) ** 2 + (a.end - b.end) ** 2;
  if (a.unit && !b.unit) return a.start >= b.start && a.end <= b.end ? (a.end - a.start) ** 2 : 0;
  if (!a.unit && b.unit) return b.start >= a.start && b.end <= a.end ? (b.end - b.start) ** 2 : 0;
  return 0;
}

/** Σ δ² over the overlapping sections of two coders (both lists cover the same continuum). */
function pairSum(a: readonly Section[], b: readonly Section[]): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    sum += delta(x, y);
    if (x.end <= y.end) i++;
    if (y.end <= x.end) j++;
  }
  return sum;
}

function category(segments: readonly UnitizingSegment[], input: UnitizingInput): UnitizingCategoryResult {
  const m = input.coders;
  const L = input.length;
  const end = input.begin + L;
  const byCoder: UnitizingSegment[][] = Array.from({ length: m }, () => []);
  for (const s of segments) byCoder[s.coder]!.push(s);
  const perCoder = byCoder.map((list) => sections(list.sort((a, b) => a.start - b.start), input.begin, end));

  let observedSum = 0;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) observedSum += pairSum(perCoder[i]!, perCoder[j]!);
  const observed = (2 * observedSum) / (m * (m - 1) * L * L);

  // Gap lengths of all coders, ascending, with suffix sums of lengths.
  const gaps = Float64Array.from(perCoder.flatMap((list) => list.filter((s) => !s.unit).map((s) => s.end - s.start))).sort();
  const suffix = new Float64Array(gaps.length + 1);
  for (let k = gaps.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + gaps[k]!;
  const N = segments.length;
  let sum = 0;
  let squaredLengths = 0;
  for (const s of segments) {
    const l = s.length;
    squaredLengths += l * (l - 1);
    // First gap at least as long as the segment.
    let lo = 0;
    let hi = gaps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (gaps[mid]! < l) lo = mid + 1;
      else hi = mid;
    }
    const fitting = gaps.length - lo;
    const gapTerm = suffix[lo]! - (l - 1) * fitting; // Σ (h − l + 1) over gaps h ≥ l
    sum += ((N - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * gapTerm;
  }
  const denominator = m * L * (m * L - 1) - squaredLengths;
  const expected = denominator > 0 ? ((2 / L) * sum) / denominator : 0;
  if (!(expected > 0)) return { alpha: null, undefinedBecause: 'no-variation', observed, expected, segments: N };
  return { alpha: 1 - observed / expected, observed, expected, segments: N };
}

/** Krippendorff's u-α overall and per category; an error when the study is not valid (see {@link checkUnitizing}). */
export function unitizingAlpha(input: UnitizingInput): { ok: true; value: UnitizingResult } | { ok: false; error: UnitizingError } {
  const error = checkUnitizing(input);
  if (error) return { ok: false, error };
  const byName = new Map<string, UnitizingSegment[]>();
  for (const s of input.segments) {
    const list = byName.get(s.category);
    if (list) list.push(s);
    else byName.set(s.category, [s]);
  }
  const byCategory = new Map<string, UnitizingCategoryResult>();
  let observed = 0;
  let expected = 0;
  for (const [name, list] of byName) {
    const r = category(list, input);
    byCategory.set(name, r);
    observed += r.observed;
    expected += r.expected;
  }
  // Reported as the mean over categories (as Krippendorff and dkpro-statistics do); α is the same either way.
  const k = Math.max(1, byName.size);
  observed /= k;
  expected /= k;
  if (!(expected > 0)) return { ok: true, value: { alpha: null, undefinedBecause: byName.size === 0 ? 'too-few-pairable-values' : 'no-variation', observed, expected, byCategory } };
  return { ok: true, value: { alpha: 1 - observed / expected, observed, expected, byCategory } };
}
