import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, pngDpi, setPngDpi } from '../../../src/exchange/png-dpi.ts';

/** A valid 1×1 white PNG built by hand. */
function tinyPng(extra: Uint8Array[] = []): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set([...type].map((c) => c.charCodeAt(0)), 4);
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  const idat = deflateSync(Buffer.from([0, 255, 255, 255]));
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), ...extra.map((e) => chunk('pHYs', e)), chunk('IDAT', idat), chunk('IEND', new Uint8Array())];
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

describe('PNG print resolution', () => {
  it('computes the CRC-32 PNG uses', () => {
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
  });

  it('adds a pHYs chunk saying 300 dpi right after IHDR', () => {
    const png = setPngDpi(tinyPng(), 300);
    expect(pngDpi(png)).toBe(300);
    expect(String.fromCharCode(...png.subarray(37, 41))).toBe('pHYs');
    expect(png.length).toBe(tinyPng().length + 21);
  });

  it('replaces an existing resolution instead of adding a second one', () => {
    const png = setPngDpi(tinyPng([new Uint8Array([0, 0, 14, 195, 0, 0, 14, 195, 1])]), 300);
    expect(pngDpi(png)).toBe(300);
    expect(png.length).toBe(tinyPng().length + 21);
  });

  it('leaves bytes that are not a PNG alone', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(setPngDpi(bytes, 300)).toBe(bytes);
    expect(pngDpi(bytes)).toBeUndefined();
  });
});
