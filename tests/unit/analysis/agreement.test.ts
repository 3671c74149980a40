import { describe, expect, it } from 'vitest';
import { seededRandom as seeded } from '../support/random.ts';
import {
  checkLevel,
  cohenKappa,
  coincidenceMatrix,
  confusionMatrix,
  fleissKappa,
  krippendorffAlpha,
  MAX_RATIO_PAIRS,
  MAX_RATIO_VALUES,
  percentAgreement,
  type ReliabilityData,
  type ReliabilityValue,
} from '../../../src/analysis/agreement.ts';

/**
 * Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
 * Communication, University of Pennsylvania, section C: 4 coders (A–D) × 12 units, values 1–5,
 * with missing values ("."). Rows here are units, columns coders.
 */
const K2011: ReliabilityData = (() => {
  const byCoder = [
    '1 2 3 3 2 1 4 1 2 . . .',
    '1 2 3 3 2 2 4 1 2 5 . 3',
    '. 3 3 3 2 3 4 2 2 5 1 .',
    '1 2 3 3 2 4 4 1 2 5 1 .',
  ].map((line) => line.split(' ').map((v) => (v === '.' ? null : Number(v))));
  return { units: Array.from({ length: 12 }, (_, u) => byCoder.map((coder) => coder[u]!)) };
})();

/** Rows of a two-coder table given as [count, first coder's value, second coder's value]. */
function fromCounts(cells: readonly [number, ReliabilityValue, ReliabilityValue][]): ReliabilityData {
  return { units: cells.flatMap(([n, a, b]) => Array.from({ length: n }, () => [a, b])) };
}

/** Cohen, J. (1960). A coefficient of agreement for nominal scales. Educ. Psychol. Meas. 20(1), p. 45 (Table 2, 200 units, 3 categories). */
const COHEN_P45 = fromCounts([
  [88, 1, 1], [14, 1, 2], [18, 1, 3],
  [10, 2, 1], [40, 2, 2], [10, 2, 3],
  [2, 3, 1], [6, 3, 2], [12, 3, 3],
]);
/** Cohen (1960), p. 37 (Table 1, 100 units): agreement below chance. */
const COHEN_P37 = fromCounts([
  [25, 1, 1], [12, 1, 2], [3, 1, 3],
  [13, 2, 1], [2, 2, 2], [15, 2, 3],
  [12, 3, 1], [16, 3, 2], [2, 3, 3],
]);

/** Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychol. Bull. 76(5), p. 379: 30 patients, 6 psychiatrists, 5 diagnoses. */
const FLEISS_1971: ReliabilityData = {
  units: [
    '444444', '222555', '233335', '555555', '222444', '113333', '333355', '113334', '114444', '555555',
    '144444', '124444', '222333', '144444', '224445', '333335', '111455', '111112', '224444', '133555',
    '555555', '244444', '224555', '114444', '144445', '222224', '111155', '224444', '133333', '555555',
  ].map((row) => [...row].map(Number)),
};

describe('Krippendorff’s α on Krippendorff (2011)’s 4 coders × 12 units with missing values', () => {
  it('reproduces the published α at all four levels: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797', () => {
    expect(krippendorffAlpha(K2011, 'nominal').alpha).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(K2011, 'ordinal').alpha).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(K2011, 'interval').alpha).toBeCloseTo(0.849, 3);
    expect(krippendorffAlpha(K2011, 'ratio').alpha).toBeCloseTo(0.797, 3);
  });

  it('pairs 40 values in 11 units: the unit with a single value is left out', () => {
    const r = krippendorffAlpha(K2011, 'nominal');
    expect(r.pairableValues).toBe(40);
    expect(r.pairableUnits).toBe(11);
  });

  it('builds the paper’s coincidence matrix: marginals 9, 13, 10, 5, 3, o₁₁ = 7 and o₁₂ = 4/3', () => {
    const m = coincidenceMatrix(K2011);
    expect(m.values).toEqual([1, 2, 3, 4, 5]);
    expect(m.marginals.map((x) => Math.round(x * 1e9) / 1e9)).toEqual([9, 13, 10, 5, 3]);
    expect(m.n).toBeCloseTo(40, 9);
    expect(m.matrix[0]![0]).toBeCloseTo(7, 9);
    expect(m.matrix[0]![1]).toBeCloseTo(4 / 3, 9);
    expect(m.matrix[1]![0]).toBeCloseTo(4 / 3, 9);
  });

  it('gives the same α whichever order the coders and units come in', () => {
    const shuffled: ReliabilityData = { units: [...K2011.units].reverse().map((row) => [...row].reverse()) };
    for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
      expect(krippendorffAlpha(shuffled, level).alpha).toBeCloseTo(krippendorffAlpha(K2011, level).alpha!, 12);
    }
  });

  it('reads numbers given as labels as different from the numbers themselves', () => {
    const mixed: ReliabilityData = { units: [[1, '1'], [2, 2], [1, 1]] };
    expect(coincidenceMatrix(mixed).values).toEqual([1, 2, '1']);
  });
});

describe('Cohen’s κ on Cohen (1960)', () => {
  it('reproduces p. 45: p_o = 0.70, p_e = 0.41, κ = 0.492, κ_max = 0.831', () => {
    const r = cohenKappa(COHEN_P45);
    expect(r.units).toBe(200);
    expect(r.observed).toBeCloseTo(0.7, 3);
    expect(r.expected).toBeCloseTo(0.41, 3);
    expect(r.kappa).toBeCloseTo(0.492, 3);
    expect(r.maximum).toBeCloseTo(0.831, 3);
  });

  it('reproduces p. 37: p_o = 0.29 below chance p_e = 0.35, so κ is negative', () => {
    const r = cohenKappa(COHEN_P37);
    expect(r.observed).toBeCloseTo(0.29, 3);
    expect(r.expected).toBeCloseTo(0.35, 3);
    expect(r.kappa).toBeCloseTo((0.29 - 0.35) / 0.65, 3);
  });

  it('counts a weighted row as that many units', () => {
    const weighted: ReliabilityData = {
      units: [[1, 1], [1, 2], [1, 3], [2, 1], [2, 2], [2, 3], [3, 1], [3, 2], [3, 3]],
      weights: [88, 14, 18, 10, 40, 10, 2, 6, 12],
    };
    expect(cohenKappa(weighted).kappa).toBeCloseTo(cohenKappa(COHEN_P45).kappa!, 12);
    expect(krippendorffAlpha(weighted).alpha).toBeCloseTo(krippendorffAlpha(COHEN_P45).alpha!, 12);
    expect(percentAgreement(weighted).percent).toBeCloseTo(70, 9);
  });

  it('uses only the units both coders coded', () => {
    const withGaps: ReliabilityData = { units: [...COHEN_P45.units, [1, null], [null, 3], [null, null]] };
    expect(cohenKappa(withGaps).units).toBe(200);
    expect(cohenKappa(withGaps).kappa).toBeCloseTo(0.492, 3);
  });
});

describe('Fleiss’ κ on Fleiss (1971)', () => {
  it('reproduces p. 379: P̄ = 0.556, P̄_e = 0.220, κ = 0.430', () => {
    const r = fleissKappa(FLEISS_1971);
    expect(r.units).toBe(30);
    expect(r.observed).toBeCloseTo(0.5556, 3);
    expect(r.expected).toBeCloseTo(0.2201, 3);
    expect(r.kappa).toBeCloseTo(0.43, 3);
  });

  it('equals the mean pairwise percent agreement in its observed part', () => {
    expect(percentAgreement(FLEISS_1971).percent! / 100).toBeCloseTo(fleissKappa(FLEISS_1971).observed, 12);
  });
});

describe('percent agreement', () => {
  it('is the share of units two coders coded alike', () => {
    const r = percentAgreement({ units: [['a', 'a'], ['a', 'b'], ['b', 'b'], ['c', null]] });
    expect(r.units).toBe(3);
    expect(r.percent).toBeCloseTo((2 / 3) * 100, 12);
  });

  it('averages the share of agreeing pairs per unit for more coders', () => {
    // Unit 1: all three agree (3 of 3 pairs); unit 2: one pair of three agrees.
    expect(percentAgreement({ units: [['a', 'a', 'a'], ['a', 'a', 'b']] }).percent).toBeCloseTo(((1 + 1 / 3) / 2) * 100, 12);
  });
});

describe('undefined agreement', () => {
  const oneCategory: ReliabilityData = { units: [['civic', 'civic'], ['civic', 'civic'], ['civic', null]] };

  it('gives α = null (no variation), not NaN, when every value is the same', () => {
    const r = krippendorffAlpha(oneCategory);
    expect(r.alpha).toBeNull();
    expect(r.undefinedBecause).toBe('no-variation');
    expect(JSON.stringify(r)).not.toContain('NaN');
    expect(cohenKappa(oneCategory).kappa).toBeNull();
    expect(cohenKappa(oneCategory).undefinedBecause).toBe('no-variation');
    expect(fleissKappa(oneCategory).kappa).toBeNull();
    expect(percentAgreement(oneCategory).percent).toBe(100);
  });

  it('gives null (too few pairable values) when no unit has two values', () => {
    const lonely: ReliabilityData = { units: [['a', null], [null, 'b'], [null, null]] };
    for (const level of ['nominal', 'interval'] as const) {
      const r = krippendorffAlpha({ units: lonely.units.map((row) => row.map((v) => (v === null ? null : v === 'a' ? 1 : 2))) }, level);
      expect(r.alpha).toBeNull();
      expect(r.undefinedBecause).toBe('too-few-pairable-values');
    }
    expect(krippendorffAlpha(lonely).alpha).toBeNull();
    expect(cohenKappa(lonely).kappa).toBeNull();
    expect(cohenKappa(lonely).undefinedBecause).toBe('too-few-pairable-values');
    expect(fleissKappa(lonely).undefinedBecause).toBe('too-few-pairable-values');
    expect(percentAgreement(lonely)).toEqual({ percent: null, units: 0 });
    expect(krippendorffAlpha({ units: [] }).alpha).toBeNull();
  });

  it('gives α = 1 for perfect agreement with variation, and κ = 1', () => {
    const perfect: ReliabilityData = { units: [[1, 1], [2, 2], [3, 3], [3, 3]] };
    for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) expect(krippendorffAlpha(perfect, level).alpha).toBe(1);
    expect(cohenKappa(perfect).kappa).toBe(1);
  });
});

describe('values and levels', () => {
  it('refuses labels at the ordinal, interval and ratio levels, naming the value', () => {
    const labels: ReliabilityData = { units: [[1, 2], ['high', 3]] };
    expect(checkLevel(labels, 'nominal')).toBeUndefined();
    expect(checkLevel(labels, 'interval')).toEqual({ reason: 'not-numeric', level: 'interval', value: 'high' });
    expect(checkLevel(labels, 'ordinal')).toEqual({ reason: 'not-numeric', level: 'ordinal', value: 'high' });
  });

  it('refuses negative numbers at the ratio level only', () => {
    const negative: ReliabilityData = { units: [[1, -2]] };
    expect(checkLevel(negative, 'ratio')).toEqual({ reason: 'negative-ratio', value: -2 });
    expect(checkLevel(negative, 'interval')).toBeUndefined();
  });

  it('refuses more pairs of different values within units than the ratio level can compare', () => {
    // 120 units of 1,000 coders who all differ: 120 × 499,500 pairs.
    const wide: ReliabilityData = { units: Array.from({ length: 120 }, () => Array.from({ length: 1000 }, (_, c) => c)) };
    expect(checkLevel(wide, 'ratio')).toMatchObject({ reason: 'too-many-pairs', limit: MAX_RATIO_PAIRS });
    expect(checkLevel(wide, 'interval')).toBeUndefined();
  });

  it('refuses more distinct values than the ratio level can pair, with the limit', () => {
    const many: ReliabilityData = { units: Array.from({ length: MAX_RATIO_VALUES / 2 + 1 }, (_, i) => [2 * i, 2 * i + 1]) };
    expect(checkLevel(many, 'ratio')).toMatchObject({ reason: 'too-many-values', limit: MAX_RATIO_VALUES });
    expect(checkLevel(many, 'interval')).toBeUndefined();
  });
});

describe('confusion matrix', () => {
  it('crosses the first coder’s values (rows) with the second’s (columns) over the units both coded', () => {
    const m = confusionMatrix({ units: [['civic', 'civic'], ['civic', 'market'], ['market', 'market'], ['fame', null]] });
    expect(m.values).toEqual(['civic', 'market']);
    expect(m.counts).toEqual([
      [1, 1],
      [0, 1],
    ]);
    expect(m.units).toBe(3);
  });
});

/**
 * Krippendorff (2011)'s computation taken literally, for comparison: the dense coincidence matrix
 * o_ck, its marginals, and α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck with the paper's metrics.
 */
function literalAlpha(data: ReliabilityData, level: 'nominal' | 'ordinal' | 'interval' | 'ratio'): number | null {
  const { values, matrix, marginals, n } = coincidenceMatrix(data);
  const delta = (c: number, k: number): number => {
    const a = values[c] as number;
    const b = values[k] as number;
    if (level === 'nominal') return c === k ? 0 : 1;
    if (level === 'interval') return (a - b) ** 2;
    if (level === 'ratio') return a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
    // ordinal: (Σ_{g=c..k} n_g − (n_c + n_k)/2)²
    const [lo, hi] = c <= k ? [c, k] : [k, c];
    let sum = 0;
    for (let g = lo; g <= hi; g++) sum += marginals[g]!;
    return (sum - (marginals[c]! + marginals[k]!) / 2) ** 2;
  };
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < values.length; c++) {
    for (let k = 0; k < values.length; k++) {
      observed += matrix[c]![k]! * delta(c, k);
      expected += marginals[c]! * marginals[k]! * delta(c, k);
    }
  }
  return expected === 0 ? null : 1 - ((n - 1) * observed) / expected;
}

describe('Krippendorff’s α against the coincidence matrix taken literally', () => {
  it('agrees on 300 random tables with missing values, at every level', () => {
    const rnd = seeded(2011);
    for (let trial = 0; trial < 300; trial++) {
      const coders = 2 + Math.floor(rnd() * 4);
      const units = 1 + Math.floor(rnd() * 25);
      const range = 1 + Math.floor(rnd() * 6);
      const data: ReliabilityData = {
        units: Array.from({ length: units }, () => Array.from({ length: coders }, () => (rnd() < 0.25 ? null : Math.floor(rnd() * range)))),
        weights: Array.from({ length: units }, () => 1 + Math.floor(rnd() * 3)),
      };
      for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
        const fast = krippendorffAlpha(data, level).alpha;
        const literal = literalAlpha(data, level);
        if (literal === null || fast === null) expect([fast, literal]).toEqual([null, null]);
        else expect(fast).toBeCloseTo(literal, 9);
      }
    }
  });
});
