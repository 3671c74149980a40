import { describe, expect, it } from 'vitest';
import { AffineMatrix } from '../../../src/import/node-dom-shims.ts';

const fields = (m: AffineMatrix) => [m.a, m.b, m.c, m.d, m.e, m.f];

describe('AffineMatrix (the DOMMatrix pdf.js needs in Node)', () => {
  it('post-multiplies scale and translation as DOMMatrix does', () => {
    // pdf.js maps a w × h image mask into the unit square, y flipped: scale, then translate.
    const w = 8;
    const h = 4;
    const m = new AffineMatrix().scaleSelf(1 / w, -1 / h).translateSelf(0, -h);
    expect(fields(m)).toEqual([0.125, 0, 0, -0.25, 0, 1]);
    // A point (x, y) maps to (a·x + c·y + e, b·x + d·y + f): the mask's corners land on the unit square.
    const at = (x: number, y: number) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
    expect(at(0, 0)).toEqual([0, 1]);
    expect(at(w, h)).toEqual([1, 0]);
  });

  it('multiplies in the order this × other', () => {
    const m = new AffineMatrix([2, 0, 0, 3, 5, 7]).multiplySelf(new AffineMatrix([1, 0, 0, 1, 1, 1]));
    expect(fields(m)).toEqual([2, 0, 0, 3, 7, 10]);
    expect(fields(new AffineMatrix().scaleSelf(2))).toEqual([2, 0, 0, 2, 0, 0]);
    expect(() => new AffineMatrix([1, 2])).toThrow(TypeError);
  });
});
