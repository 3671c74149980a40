/**
 * Agreement between coders who coded the same units: percent agreement, Cohen's κ, Fleiss' κ and
 * Krippendorff's α at the nominal, ordinal, interval and ratio level, with missing values.
 *
 * Policy (owned here):
 * - Reliability data are units × coders; a cell is a value (a label or a number) or missing
 *   (null). A unit may stand for several identical units (`weights`, e.g. a run of characters
 *   coded alike): every count below is multiplied by the weight.
 * - Krippendorff's α follows Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability":
 *   only units with at least two values are pairable; the coincidence matrix counts every ordered
 *   pair of values of different coders in a unit with 1/(m_u − 1); n_c are its marginals and n
 *   their sum; α = 1 − D_o / D_e with D_o = Σ o_ck δ²_ck / n and D_e = Σ n_c n_k δ²_ck / (n(n − 1)).
 *   The sums are exact rearrangements of those over the matrix (see `alphaSums`): per unit the
 *   pair sum of the squared differences is taken over its value counts, and for nominal, ordinal
 *   and interval data Σ n_c n_k δ²_ck = 2n Σ n_c (x_c − x̄)² (ordinal x_c is the mid-rank
 *   Σ_{g<c} n_g + n_c/2, which turns Krippendorff's ordinal δ into a difference), so the work is
 *   linear in the number of cells. The ratio metric has no such form: its D_e visits every pair
 *   of distinct values and its D_o every pair of distinct values within a unit, hence the limits
 *   {@link MAX_RATIO_VALUES} and {@link MAX_RATIO_PAIRS}.
 * - α is undefined (null, with the reason) when fewer than two values are pairable, or when all
 *   pairable values are the same (D_e = 0: no variation to agree on).
 * - Percent agreement: per unit with at least two values, the share of agreeing pairs of coders
 *   among all pairs (for two coders: 1 or 0), averaged over those units; × 100.
 * - Cohen's κ (Cohen 1960): two coders, units where both gave a value; (p_o − p_e) / (1 − p_e)
 *   with p_e from each coder's own marginals; null when p_e = 1 (both used one category only).
 *   κ_max (Cohen 1960, p. 42) is the largest κ the two marginals allow.
 * - Fleiss' κ (Fleiss 1971): P̄ is the mean per-unit share of agreeing pairs and P̄_e = Σ p_c²
 *   with p_c each category's share of all values; with a varying number of values per unit (missing
 *   data) units with at least two values count, each with its own number of values.
 * - Confusion matrix: two coders, units where both gave a value; rows the first coder's values,
 *   columns the second's.
 */

/** Krippendorff's levels of measurement. */
export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** Every level, in the order of increasing information. */
export const MEASUREMENT_LEVELS: readonly MeasurementLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

/** A coder's value for a unit: a label or a number. */
export type ReliabilityValue = string | number;

/** Units × coders. */
export interface ReliabilityData {
  /** One row per unit, one cell per coder (same order in every row); null or undefined when missing. */
  units: readonly (readonly (ReliabilityValue | null | undefined)[])[];
  /** How many identical units each row stands for (default 1); a weight of 0 drops the row. */
  weights?: readonly number[];
}

/** Why α (or κ) has no value. */
export type UndefinedReason = 'too-few-pairable-values' | 'no-variation';

/** Why reliability data do not fit a level. */
export type LevelMismatch =
  | { reason: 'not-numeric'; level: MeasurementLevel; value: string }
  | { reason: 'negative-ratio'; value: number }
  | { reason: 'too-many-values'; level: MeasurementLevel; values: number; limit: number }
  | { reason: 'too-many-pairs'; level: MeasurementLevel; pairs: number; limit: number };

/** Krippendorff's α with the parts it is made of. */
export interface AlphaResult {
  level: MeasurementLevel;
  /** α, or null when undefined (see `undefinedBecause`). */
  alpha: number | null;
  undefinedBecause?: UndefinedReason;
  /** Observed disagreement D_o. */
  observed: number;
  /** Expected disagreement D_e. */
  expected: number;
  /** n: the pairable values (the sum of the coincidence matrix). */
  pairableValues: number;
  /** Units with at least two values. */
  pairableUnits: number;
}

/** Cohen's κ for two coders. */
export interface CohenResult {
  kappa: number | null;
  undefinedBecause?: UndefinedReason;
  /** p_o: the share of units both coded alike. */
  observed: number;
  /** p_e: the agreement expected from the two coders' marginals. */
  expected: number;
  /** κ_max: the largest κ these marginals allow (Cohen 1960); null with κ. */
  maximum: number | null;
  /** Units where both coders gave a value. */
  units: number;
}

/** Fleiss' κ for two or more coders. */
export interface FleissResult {
  kappa: number | null;
  undefinedBecause?: UndefinedReason;
  /** P̄: the mean share of agreeing pairs per unit. */
  observed: number;
  /** P̄_e: Σ p_c². */
  expected: number;
  /** Units with at least two values. */
  units: number;
}

/** Percent agreement. */
export interface PercentResult {
  /** 0–100, or null when no unit has two values. */
  percent: number | null;
  /** Units with at least two values. */
  units: number;
}

/** A confusion matrix between two coders. */
export interface ConfusionMatrix {
  /** The first coder's values (rows), then the second's, all that occur, in value order. */
  values: ReliabilityValue[];
  /** counts[row][column]: units where the first coder gave values[row] and the second values[column]. */
  counts: number[][];
  /** Units where both gave a value. */
  units: number;
}

/** Limit on distinct values for the ratio level, whose expected disagreement visits every pair of them. */
export const MAX_RATIO_VALUES = 10_000;

/**
 * Limit on pairs of distinct values within units at the ratio level (Σ d_u(d_u − 1)/2 for d_u
 * distinct values in unit u), whose observed disagreement visits them; about a second of work.
 */
export const MAX_RATIO_PAIRS = 50_000_000;

/** Values mapped to indexes 0..V−1 in value order; cells as indexes (−1 missing). */
interface Encoded {
  values: ReliabilityValue[];
  /** cells[u * coders + c]. */
  cells: Int32Array;
  coders: number;
  units: number;
  weights: Float64Array;
}

/** Orders values: numbers by size before labels, labels by code point. */
function compareValues(a: ReliabilityValue, b: ReliabilityValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function encode(data: ReliabilityData): Encoded {
  const units = data.units.length;
  let coders = 0;
  for (const row of data.units) coders = Math.max(coders, row.length);
  // Numbers and labels in maps of their own, so 1 and "1" stay apart.
  const numbers = new Map<number, number>();
  const labels = new Map<string, number>();
  const indexOf = (v: ReliabilityValue) => (typeof v === 'number' ? numbers.get(v) : labels.get(v));
  const found: ReliabilityValue[] = [];
  for (const row of data.units) {
    for (const v of row) {
      if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) continue;
      if (indexOf(v) === undefined) {
        if (typeof v === 'number') numbers.set(v, found.length);
        else labels.set(v, found.length);
        found.push(v);
      }
    }
  }
  const order = found.map((_, i) => i).sort((a, b) => compareValues(found[a]!, found[b]!));
  const rank = new Int32Array(found.length);
  order.forEach((original, sorted) => (rank[original] = sorted));
  const values = order.map((i) => found[i]!);
  const cells = new Int32Array(units * coders).fill(-1);
  const weights = new Float64Array(units);
  for (let u = 0; u < units; u++) {
    const row = data.units[u]!;
    const w = data.weights?.[u] ?? 1;
    weights[u] = Number.isFinite(w) && w > 0 ? w : 0;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) continue;
      cells[u * coders + c] = rank[indexOf(v)!]!;
    }
  }
  return { values, cells, coders, units, weights };
}

/** Checks that the values fit a level: numbers for ordinal, interval and ratio; none negative for ratio. */
export function checkLevel(data: ReliabilityData, level: MeasurementLevel): LevelMismatch | undefined {
  if (level === 'nominal') return undefined;
  const distinct = new Set<number>();
  let pairs = 0;
  for (const row of data.units) {
    const inRow = level === 'ratio' ? new Set<number>() : null;
    for (const v of row) {
      if (v === null || v === undefined) continue;
      if (typeof v !== 'number' || !Number.isFinite(v)) return { reason: 'not-numeric', level, value: String(v) };
      if (level === 'ratio' && v < 0) return { reason: 'negative-ratio', value: v };
      if (inRow) {
        distinct.add(v);
        inRow.add(v);
      }
    }
    if (inRow) pairs += (inRow.size * (inRow.size - 1)) / 2;
  }
  if (distinct.size > MAX_RATIO_VALUES) return { reason: 'too-many-values', level, values: distinct.size, limit: MAX_RATIO_VALUES };
  if (pairs > MAX_RATIO_PAIRS) return { reason: 'too-many-pairs', level, pairs, limit: MAX_RATIO_PAIRS };
  return undefined;
}

/**
 * Visits each pairable unit: `counts` holds its distinct value indexes and how many coders gave
 * each (valid for `distinct` entries), `m` is its number of values and `w` its weight.
 */
function eachPairableUnit(e: Encoded, visit: (ids: Int32Array, counts: Float64Array, distinct: number, m: number, w: number) => void): void {
  const ids = new Int32Array(Math.max(1, e.coders));
  const counts = new Float64Array(Math.max(1, e.coders));
  // Where each value sits in `ids` during the current unit (−1: not yet), reset after each unit.
  const slot = new Int32Array(e.values.length).fill(-1);
  for (let u = 0; u < e.units; u++) {
    const w = e.weights[u]!;
    if (w === 0) continue;
    let distinct = 0;
    let m = 0;
    for (let c = 0; c < e.coders; c++) {
      const v = e.cells[u * e.coders + c]!;
      if (v < 0) continue;
      m++;
      let j = slot[v]!;
      if (j < 0) {
        j = distinct++;
        slot[v] = j;
        ids[j] = v;
        counts[j] = 0;
      }
      counts[j]!++;
    }
    for (let j = 0; j < distinct; j++) slot[ids[j]!] = -1;
    if (m >= 2) visit(ids, counts, distinct, m, w);
  }
}

/** δ² between two values at a level, given the value positions (numbers, or ordinal mid-ranks). */
function ratioDelta(a: number, b: number): number {
  const s = a + b;
  return s === 0 ? 0 : ((a - b) / s) ** 2;
}

/**
 * The coincidence matrix of Krippendorff (2011): o[c][k] over the values in value order, with the
 * marginals n_c and their sum n. Dense V × V, for showing and checking; α itself does not build it.
 */
export function coincidenceMatrix(data: ReliabilityData): { values: ReliabilityValue[]; matrix: number[][]; marginals: number[]; n: number } {
  const e = encode(data);
  const V = e.values.length;
  const matrix = Array.from({ length: V }, () => new Array<number>(V).fill(0));
  eachPairableUnit(e, (ids, counts, distinct, m, w) => {
    for (let a = 0; a < distinct; a++) {
      for (let b = 0; b < distinct; b++) {
        const pairs = a === b ? counts[a]! * (counts[a]! - 1) : counts[a]! * counts[b]!;
        matrix[ids[a]!]![ids[b]!]! += (w * pairs) / (m - 1);
      }
    }
  });
  const marginals = matrix.map((row) => row.reduce((s, x) => s + x, 0));
  return { values: e.values, matrix, marginals, n: marginals.reduce((s, x) => s + x, 0) };
}

/**
 * Krippendorff's α at a level (see the module header). The values must fit the level
 * ({@link checkLevel}); call that first on data a user gave.
 */
export function krippendorffAlpha(data: ReliabilityData, level: MeasurementLevel = 'nominal'): AlphaResult {
  return alphaOf(encode(data), level);
}

function alphaOf(e: Encoded, level: MeasurementLevel): AlphaResult {
  const V = e.values.length;
  // Marginals of the coincidence matrix: each value of a pairable unit adds its unit's weight.
  const nc = new Float64Array(V);
  let pairableUnits = 0;
  eachPairableUnit(e, (ids, counts, distinct, _m, w) => {
    pairableUnits += w;
    for (let j = 0; j < distinct; j++) nc[ids[j]!]! += w * counts[j]!;
  });
  let n = 0;
  for (let c = 0; c < V; c++) n += nc[c]!;
  const none = (because: UndefinedReason, observed = 0, expected = 0): AlphaResult => ({
    level,
    alpha: null,
    undefinedBecause: because,
    observed,
    expected,
    pairableValues: n,
    pairableUnits,
  });
  if (n < 2) return none('too-few-pairable-values');

  // Positions on the line for interval-like metrics: the value itself, or the ordinal mid-rank.
  const x = new Float64Array(V);
  if (level === 'interval' || level === 'ratio') for (let c = 0; c < V; c++) x[c] = e.values[c] as number;
  else if (level === 'ordinal') {
    let below = 0;
    for (let c = 0; c < V; c++) {
      x[c] = below + nc[c]! / 2;
      below += nc[c]!;
    }
  }

  // Σ_c Σ_k o_ck δ²_ck, unit by unit: o_ck gains w·n_uc·n_uk/(m_u − 1) from unit u.
  let observedSum = 0;
  eachPairableUnit(e, (ids, counts, distinct, m, w) => {
    let pairs = 0;
    if (level === 'nominal') {
      let same = 0;
      for (let j = 0; j < distinct; j++) same += counts[j]! * counts[j]!;
      pairs = m * m - same;
    } else if (level === 'ratio') {
      for (let a = 0; a < distinct; a++) {
        for (let b = a + 1; b < distinct; b++) pairs += 2 * counts[a]! * counts[b]! * ratioDelta(x[ids[a]!]!, x[ids[b]!]!);
      }
    } else {
      // Σ_{a,b} n_a n_b (x_a − x_b)² = 2m Σ n_a (x_a − x̄)²
      let mean = 0;
      for (let j = 0; j < distinct; j++) mean += counts[j]! * x[ids[j]!]!;
      mean /= m;
      let ss = 0;
      for (let j = 0; j < distinct; j++) ss += counts[j]! * (x[ids[j]!]! - mean) ** 2;
      pairs = 2 * m * ss;
    }
    observedSum += (w * pairs) / (m - 1);
  });

  // Σ_c Σ_k n_c n_k δ²_ck.
  let expectedSum = 0;
  if (level === 'nominal') {
    let same = 0;
    for (let c = 0; c < V; c++) same += nc[c]! * nc[c]!;
    expectedSum = n * n - same;
  } else if (level === 'ratio') {
    for (let a = 0; a < V; a++) {
      if (nc[a] === 0) continue;
      let row = 0;
      for (let b = a + 1; b < V; b++) if (nc[b] !== 0) row += nc[b]! * ratioDelta(x[a]!, x[b]!);
      expectedSum += 2 * nc[a]! * row;
    }
  } else {
    let mean = 0;
    for (let c = 0; c < V; c++) mean += nc[c]! * x[c]!;
    mean /= n;
    let ss = 0;
    for (let c = 0; c < V; c++) ss += nc[c]! * (x[c]! - mean) ** 2;
    expectedSum = 2 * n * ss;
  }
  const observed = observedSum / n;
  const expected = expectedSum / (n * (n - 1));
  // A relative tolerance: sums of floating-point squares of equal values need not be exactly 0.
  if (!(expected > 1e-12 * Math.max(1, Math.abs(observed)))) return none('no-variation', observed, expected);
  return { level, alpha: 1 - observed / expected, observed, expected, pairableValues: n, pairableUnits };
}

/** Percent agreement (see the module header). */
export function percentAgreement(data: ReliabilityData): PercentResult {
  return percentOf(encode(data));
}

function percentOf(e: Encoded): PercentResult {
  let units = 0;
  let agreeing = 0;
  eachPairableUnit(e, (_ids, counts, distinct, m, w) => {
    let same = 0;
    for (let j = 0; j < distinct; j++) same += counts[j]! * (counts[j]! - 1);
    units += w;
    agreeing += (w * same) / (m * (m - 1));
  });
  return { percent: units > 0 ? (100 * agreeing) / units : null, units };
}

/** Fleiss' κ (see the module header). */
export function fleissKappa(data: ReliabilityData): FleissResult {
  return fleissOf(encode(data));
}

function fleissOf(e: Encoded): FleissResult {
  const V = e.values.length;
  const total = new Float64Array(V);
  let units = 0;
  let values = 0;
  let agreeing = 0;
  eachPairableUnit(e, (ids, counts, distinct, m, w) => {
    let same = 0;
    for (let j = 0; j < distinct; j++) {
      same += counts[j]! * (counts[j]! - 1);
      total[ids[j]!]! += w * counts[j]!;
    }
    units += w;
    values += w * m;
    agreeing += (w * same) / (m * (m - 1));
  });
  if (units === 0) return { kappa: null, undefinedBecause: 'too-few-pairable-values', observed: 0, expected: 0, units };
  const observed = agreeing / units;
  let expected = 0;
  for (let c = 0; c < V; c++) expected += (total[c]! / values) ** 2;
  if (expected >= 1 - 1e-12) return { kappa: null, undefinedBecause: 'no-variation', observed, expected, units };
  return { kappa: (observed - expected) / (1 - expected), observed, expected, units };
}

/** Runs `visit` for each unit where coders `a` and `b` both gave a value. */
function eachPair(e: Encoded, a: number, b: number, visit: (x: number, y: number, w: number) => void): void {
  for (let u = 0; u < e.units; u++) {
    const w = e.weights[u]!;
    if (w === 0) continue;
    const x = e.cells[u * e.coders + a] ?? -1;
    const y = e.cells[u * e.coders + b] ?? -1;
    if (x >= 0 && y >= 0) visit(x, y, w);
  }
}

/** Cohen's κ between coders `a` and `b` (columns; default the first two). */
export function cohenKappa(data: ReliabilityData, a = 0, b = 1): CohenResult {
  return cohenOf(encode(data), a, b);
}

function cohenOf(e: Encoded, a: number, b: number): CohenResult {
  const V = e.values.length;
  const rows = new Float64Array(V);
  const cols = new Float64Array(V);
  let units = 0;
  let same = 0;
  eachPair(e, a, b, (x, y, w) => {
    units += w;
    rows[x]! += w;
    cols[y]! += w;
    if (x === y) same += w;
  });
  if (units === 0) return { kappa: null, undefinedBecause: 'too-few-pairable-values', observed: 0, expected: 0, maximum: null, units };
  const observed = same / units;
  let expected = 0;
  let best = 0;
  for (let c = 0; c < V; c++) {
    expected += (rows[c]! / units) * (cols[c]! / units);
    best += Math.min(rows[c]!, cols[c]!) / units;
  }
  if (expected >= 1 - 1e-12) return { kappa: null, undefinedBecause: 'no-variation', observed, expected, maximum: null, units };
  return { kappa: (observed - expected) / (1 - expected), observed, expected, maximum: (best - expected) / (1 - expected), units };
}

/** The confusion matrix between coders `a` and `b` (columns; default the first two). */
export function confusionMatrix(data: ReliabilityData, a = 0, b = 1): ConfusionMatrix {
  const e = encode(data);
  const used = new Uint8Array(e.values.length);
  const pairs = new Map<number, number>();
  let units = 0;
  const V = e.values.length;
  eachPair(e, a, b, (x, y, w) => {
    used[x] = 1;
    used[y] = 1;
    units += w;
    pairs.set(x * V + y, (pairs.get(x * V + y) ?? 0) + w);
  });
  const kept: number[] = [];
  for (let i = 0; i < V; i++) if (used[i]) kept.push(i);
  const at = new Map(kept.map((v, i) => [v, i]));
  const counts = kept.map(() => new Array<number>(kept.length).fill(0));
  for (const [key, w] of pairs) counts[at.get(Math.floor(key / V))!]![at.get(key % V)!]! += w;
  return { values: kept.map((i) => e.values[i]!), counts, units };
}

/** All measures of one set of reliability data. */
export interface AgreementSummary {
  coders: number;
  percent: PercentResult;
  /** Cohen's κ of the first two coders when there are exactly two, else null. */
  cohen: CohenResult | null;
  fleiss: FleissResult;
  alpha: AlphaResult;
}

/** Percent agreement, Cohen's κ (two coders), Fleiss' κ and Krippendorff's α of the same data, encoded once. */
export function summarize(data: ReliabilityData, level: MeasurementLevel = 'nominal'): AgreementSummary {
  const e = encode(data);
  return { coders: e.coders, percent: percentOf(e), cohen: e.coders === 2 ? cohenOf(e, 0, 1) : null, fleiss: fleissOf(e), alpha: alphaOf(e, level) };
}

/** The κ to show in one column: Cohen's for two coders, Fleiss' for more. */
export function headlineKappa(summary: AgreementSummary): number | null {
  return summary.cohen ? summary.cohen.kappa : summary.fleiss.kappa;
}
