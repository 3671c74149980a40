/**
 * The two DOM classes pdf.js's legacy build looks for when it loads in Node, for the CLI, which
 * reads text and never draws (so pdf.js's native canvas module is not loaded; see
 * scripts/build-cli.mjs):
 * - `DOMMatrix`: a 2-D affine matrix with the operations pdf.js's parser uses while reading text
 *   (a Type 3 font's image-mask glyph becomes a path scaled and moved into the unit square);
 * - `Path2D`: used only to draw; constructing one says drawing is not available here.
 * Installed only where the environment has none (browsers and a loaded canvas module do).
 */

/** A 2-D affine matrix [a c e; b d f; 0 0 1], as DOMMatrix's 2-D part (same field names). */
export class AffineMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;

  constructor(init?: readonly number[]) {
    if (init && init.length === 6) [this.a, this.b, this.c, this.d, this.e, this.f] = init as [number, number, number, number, number, number];
    else if (init !== undefined) throw new TypeError('AffineMatrix takes six numbers');
  }

  /** this = this × other. */
  multiplySelf(o: { a: number; b: number; c: number; d: number; e: number; f: number }): this {
    const { a, b, c, d, e, f } = this;
    this.a = a * o.a + c * o.b;
    this.b = b * o.a + d * o.b;
    this.c = a * o.c + c * o.d;
    this.d = b * o.c + d * o.d;
    this.e = a * o.e + c * o.f + e;
    this.f = b * o.e + d * o.f + f;
    return this;
  }

  /** this = this × scale(sx, sy). */
  scaleSelf(sx = 1, sy = sx): this {
    return this.multiplySelf({ a: sx, b: 0, c: 0, d: sy, e: 0, f: 0 });
  }

  /** this = this × translate(tx, ty). */
  translateSelf(tx = 0, ty = 0): this {
    return this.multiplySelf({ a: 1, b: 0, c: 0, d: 1, e: tx, f: ty });
  }
}

class Path2DUnavailable {
  constructor() {
    throw new Error('drawing PDF pages is not available in the command line tool');
  }
}

/** Installs {@link AffineMatrix} as `DOMMatrix` and a `Path2D` that refuses, where none exist. */
export function installNodeDomShims(): void {
  const g = globalThis as { DOMMatrix?: unknown; Path2D?: unknown };
  g.DOMMatrix ??= AffineMatrix;
  g.Path2D ??= Path2DUnavailable;
}
