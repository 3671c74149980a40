import { describe, expect, it } from 'vitest';
import { coOccurrence } from '../../../src/analysis/co-occurrence.ts';
import { codes, fragments } from './fixture.ts';

// f0 … f7 only: co-occurrence is computed over the fragments given (the view passes filtered ones).
const r = coOccurrence({ codes: codes.map((c) => c.id), fragments: fragments.slice(0, 8) });
const [civic, market, fame] = [0, 1, 2];

describe('co-occurrence on the same fragment', () => {
  it('counts fragments carrying both regimes, and on the diagonal all fragments with the regime', () => {
    // civic: f0 f1 f5 f6; market: f0 f4 f6; fame: f3 f6 f7. civic+market: f0 f6; civic+fame: f6; market+fame: f6.
    expect(r.sameFragment.counts).toEqual([
      [4, 2, 1],
      [2, 3, 1],
      [1, 1, 3],
    ]);
  });

  it('keeps the fragments of each cell, the same list both ways round', () => {
    expect(r.sameFragment.cells[civic]![market]).toEqual([0, 6]);
    expect(r.sameFragment.cells[market]![civic]).toBe(r.sameFragment.cells[civic]![market]);
  });
});

describe('co-occurrence on overlapping fragments', () => {
  it('pairs fragments sharing a character, including a nested one, but not touching ones', () => {
    // f0/f1 overlap on 40–49; f4 lies inside f3; f3/f5 and f6/f7 only touch.
    expect(r.overlappingPairs).toBe(2);
  });

  it('counts each pair once per regime combination, symmetric', () => {
    // f0 {civic, market} × f1 {civic} → civic–civic, market–civic; f3 {fame} × f4 {market} → fame–market.
    expect(r.overlapping.counts).toEqual([
      [1, 1, 0],
      [1, 0, 1],
      [0, 1, 0],
    ]);
    expect(r.overlapping.cells[civic]![market]).toEqual([[0, 1]]);
    expect(r.overlapping.cells[fame]![market]).toEqual([[3, 4]]);
  });

  it('finds nothing in an empty project', () => {
    const empty = coOccurrence({ codes: ['civic'], fragments: [] });
    expect(empty.sameFragment.counts).toEqual([[0]]);
    expect(empty.overlappingPairs).toBe(0);
  });
});
