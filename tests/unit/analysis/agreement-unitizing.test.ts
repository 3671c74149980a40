import { describe, expect, it } from 'vitest';
import { seededRandom as seeded } from '../support/random.ts';
import { unitizingAlpha, type UnitizingInput, type UnitizingSegment } from '../../../src/analysis/agreement-unitizing.ts';

const seg = (coder: number, start: number, length: number, category: string): UnitizingSegment => ({ coder, start, length, category });

/**
 * Krippendorff, K. (2004). Content Analysis: An Introduction to Its Methodology, 2nd ed., §12.4,
 * p. 254: two observers (i = 0, j = 1) on the continuum [150, 450), categories c and k. The
 * values checked are those of the book's worked example as dkpro-statistics' Krippendorff2004Test
 * reproduces them (c: D_o 0.0144, D_e 0.0532, α 0.7286; k: α 1; overall 0.8591).
 */
const K2004: UnitizingInput = {
  begin: 150,
  length: 300,
  coders: 2,
  segments: [
    seg(0, 225, 70, 'c'), seg(0, 370, 30, 'c'),
    seg(1, 220, 80, 'c'), seg(1, 355, 20, 'c'), seg(1, 400, 20, 'c'),
    seg(0, 180, 60, 'k'), seg(0, 300, 50, 'k'),
    seg(1, 180, 60, 'k'), seg(1, 300, 50, 'k'),
  ],
};

/**
 * Krippendorff, K. (1995). On the reliability of unitizing continuous data. Sociological
 * Methodology 25, p. 57: four pairs of coders on 24 positions, one category each (A–D).
 */
const K1995: UnitizingInput = {
  begin: 0,
  length: 24,
  coders: 2,
  segments: [
    seg(0, 2, 8, 'A'), seg(0, 14, 6, 'A'), seg(1, 4, 4, 'A'), seg(1, 15, 2, 'A'),
    seg(0, 0, 18, 'B'), ...[[0, 2], [2, 1], [3, 1], [4, 1], [5, 1], [6, 3], [9, 1]].map(([s, l]) => seg(1, s!, l!, 'B')),
    ...[[2, 6], [10, 2], [14, 4], [20, 2]].map(([s, l]) => seg(0, s!, l!, 'C')),
    ...[[0, 2], [4, 4], [10, 4], [16, 2], [20, 2]].map(([s, l]) => seg(1, s!, l!, 'C')),
    ...[[0, 2], [2, 8], [10, 4], [14, 6], [20, 4]].map(([s, l]) => seg(0, s!, l!, 'D')),
    ...[[0, 4], [4, 4], [8, 7], [15, 2], [17, 7]].map(([s, l]) => seg(1, s!, l!, 'D')),
  ],
};

function computed(input: UnitizingInput) {
  const r = unitizingAlpha(input);
  if (!r.ok) throw new Error(`unexpected error ${r.error.reason}`);
  return r.value;
}

describe('unitizing α on Krippendorff (2004)’s example, p. 254', () => {
  const r = computed(K2004);

  it('reproduces category c: D_o = 0.0144, D_e = 0.0532, α = 0.729', () => {
    const c = r.byCategory.get('c')!;
    expect(c.observed).toBeCloseTo(0.0144, 4);
    expect(c.expected).toBeCloseTo(0.0532, 4);
    expect(c.alpha).toBeCloseTo(0.7286, 3);
  });

  it('reproduces category k, coded identically: D_o = 0, D_e = 0.0490, α = 1', () => {
    const k = r.byCategory.get('k')!;
    expect(k.observed).toBe(0);
    expect(k.expected).toBeCloseTo(0.049, 4);
    expect(k.alpha).toBe(1);
  });

  it('reproduces the overall u-α 0.859', () => {
    expect(r.alpha).toBeCloseTo(0.8591, 3);
  });

  it('does not depend on the order of the segments', () => {
    expect(computed({ ...K2004, segments: [...K2004.segments].reverse() }).alpha).toBeCloseTo(r.alpha!, 12);
  });
});

describe('unitizing α on Krippendorff (1995)’s example, p. 57', () => {
  it('reproduces the observed disagreement of each pair: A 0.03125, B 2.26736, C 0.02777, D 0.38715', () => {
    const r = computed(K1995);
    expect(r.byCategory.get('A')!.observed).toBeCloseTo(0.03125, 4);
    expect(r.byCategory.get('B')!.observed).toBeCloseTo(2.26736, 4);
    expect(r.byCategory.get('C')!.observed).toBeCloseTo(0.02777, 4);
    expect(r.byCategory.get('D')!.observed).toBeCloseTo(0.38715, 4);
  });
});

describe('unitizing α: other studies', () => {
  it('is negative when one coder’s long segment meets another’s scattered short ones (dkpro-statistics UnitizingAgreementTest)', () => {
    // r0: -11111111-   r1: --1-1-1---
    const r = computed({ begin: 0, length: 10, coders: 2, segments: [seg(0, 1, 8, 'A'), seg(1, 2, 1, 'A'), seg(1, 4, 1, 'A'), seg(1, 6, 1, 'A')] });
    const a = r.byCategory.get('A')!;
    expect(a.observed).toBeCloseTo(0.91, 4);
    expect(a.expected).toBeCloseTo(0.5351, 3); // 0.53519; dkpro asserts within 0.0001
    expect(a.alpha).toBeCloseTo(-0.7003, 4);
  });

  it('counts a coder without any segment: their whole continuum is a gap', () => {
    const two = computed({ begin: 0, length: 100, coders: 2, segments: [seg(0, 10, 10, 'x'), seg(1, 10, 10, 'x')] });
    const three = computed({ begin: 0, length: 100, coders: 3, segments: [seg(0, 10, 10, 'x'), seg(1, 10, 10, 'x')] });
    expect(two.alpha).toBe(1);
    expect(three.alpha).not.toBeNull();
    expect(three.alpha!).toBeLessThan(1);
    expect(three.byCategory.get('x')!.observed).toBeGreaterThan(0);
  });

  it('lets segments of one coder touch, and segments of different categories overlap', () => {
    const r = unitizingAlpha({ begin: 0, length: 20, coders: 2, segments: [seg(0, 0, 5, 'a'), seg(0, 5, 5, 'a'), seg(0, 2, 6, 'b'), seg(1, 0, 10, 'a')] });
    expect(r.ok).toBe(true);
  });

  it('is null, not NaN, when nobody coded anything', () => {
    const r = computed({ begin: 0, length: 20, coders: 2, segments: [] });
    expect(r.alpha).toBeNull();
    expect(JSON.stringify({ alpha: r.alpha })).toBe('{"alpha":null}');
  });
});

describe('unitizing α: input it refuses', () => {
  it('refuses overlapping segments of one coder in one category, naming both', () => {
    const r = unitizingAlpha({ begin: 0, length: 20, coders: 2, segments: [seg(0, 0, 5, 'a'), seg(1, 0, 5, 'a'), seg(0, 4, 3, 'a')] });
    expect(r).toEqual({ ok: false, error: { reason: 'overlap', index: 2, other: 0 } });
  });

  it('refuses a segment outside the continuum', () => {
    expect(unitizingAlpha({ begin: 10, length: 20, coders: 2, segments: [seg(0, 5, 3, 'a')] })).toEqual({ ok: false, error: { reason: 'outside-continuum', index: 0 } });
    expect(unitizingAlpha({ begin: 10, length: 20, coders: 2, segments: [seg(0, 25, 6, 'a')] })).toEqual({ ok: false, error: { reason: 'outside-continuum', index: 0 } });
  });

  it('refuses fewer than two coders, an empty continuum and segments that are not whole positions', () => {
    expect(unitizingAlpha({ begin: 0, length: 20, coders: 1, segments: [] })).toEqual({ ok: false, error: { reason: 'too-few-coders', coders: 1 } });
    expect(unitizingAlpha({ begin: 0, length: 0, coders: 2, segments: [] })).toEqual({ ok: false, error: { reason: 'bad-continuum' } });
    expect(unitizingAlpha({ begin: 0, length: 20, coders: 2, segments: [seg(0, 1.5, 2, 'a')] })).toEqual({ ok: false, error: { reason: 'bad-segment', index: 0 } });
    expect(unitizingAlpha({ begin: 0, length: 20, coders: 2, segments: [seg(0, 1, 0, 'a')] })).toEqual({ ok: false, error: { reason: 'bad-segment', index: 0 } });
    expect(unitizingAlpha({ begin: 0, length: 20, coders: 2, segments: [seg(2, 1, 2, 'a')] })).toEqual({ ok: false, error: { reason: 'bad-segment', index: 0 } });
  });
});

/** Krippendorff (2004)'s sums taken literally for one category: every pair of sections, every segment × gap. */
function literal(input: UnitizingInput, category: string): { observed: number; expected: number } {
  const { begin, length: L, coders: m } = input;
  const segs = input.segments.filter((s) => s.category === category);
  const sections = Array.from({ length: m }, (_, c) => {
    const own = segs.filter((s) => s.coder === c).sort((a, b) => a.start - b.start);
    const out: { b: number; e: number; unit: boolean }[] = [];
    let pos = begin;
    for (const s of own) {
      if (s.start > pos) out.push({ b: pos, e: s.start, unit: false });
      out.push({ b: s.start, e: s.start + s.length, unit: true });
      pos = s.start + s.length;
    }
    if (pos < begin + L) out.push({ b: pos, e: begin + L, unit: false });
    return out;
  });
  let sum = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      for (const x of sections[i]!) {
        for (const y of sections[j]!) {
          if (!(x.b < y.e && y.b < x.e)) continue;
          if (x.unit && y.unit) sum += (x.b - y.b) ** 2 + (x.e - y.e) ** 2;
          else if (x.unit && x.b >= y.b && x.e <= y.e) sum += (x.e - x.b) ** 2;
          else if (y.unit && y.b >= x.b && y.e <= x.e) sum += (y.e - y.b) ** 2;
        }
      }
    }
  }
  const gaps = sections.flat().filter((s) => !s.unit).map((s) => s.e - s.b);
  let top = 0;
  let squares = 0;
  for (const s of segs) {
    const l = s.length;
    squares += l * (l - 1);
    top += ((segs.length - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3;
    for (const h of gaps) if (h >= l) top += l * l * (h - l + 1);
  }
  return { observed: (2 * sum) / (m * (m - 1) * L * L), expected: ((2 / L) * top) / (m * L * (m * L - 1) - squares) };
}

describe('unitizing α against its sums taken literally', () => {
  it('agrees on 200 random studies', () => {
    const rnd = seeded(2004);
    for (let trial = 0; trial < 200; trial++) {
      const coders = 2 + Math.floor(rnd() * 3);
      const length = 20 + Math.floor(rnd() * 200);
      const segments: UnitizingSegment[] = [];
      for (let c = 0; c < coders; c++) {
        for (const category of ['x', 'y']) {
          let pos = Math.floor(rnd() * 10);
          while (pos < length - 1 && rnd() < 0.8) {
            const len = 1 + Math.floor(rnd() * Math.min(30, length - pos - 1));
            segments.push(seg(c, pos, len, category));
            pos += len + Math.floor(rnd() * 15);
          }
        }
      }
      const r = computed({ begin: 0, length, coders, segments });
      for (const [name, c] of r.byCategory) {
        const l = literal({ begin: 0, length, coders, segments }, name);
        expect(c.observed).toBeCloseTo(l.observed, 10);
        expect(c.expected).toBeCloseTo(l.expected, 10);
      }
    }
  });
});
