/**
 * Offsets in Unicode code points (REFI-QDA §10.2, W3C TextPositionSelector) against Worthmark's
 * UTF-16 offsets (JavaScript string indices). A character outside the Basic Multilingual Plane
 * (an emoji, a rare CJK character) is one code point but two UTF-16 units; everything else is one
 * of each. The maps are built once per text (linear), then each conversion is a lookup.
 */

/** Converts UTF-16 offsets of one text to code-point offsets. */
export interface CodePointMap {
  /** The code-point offset of a UTF-16 offset (one inside a surrogate pair counts as after it). */
  toCodePoint(utf16: number): number;
  /** The number of code points in the text. */
  length: number;
}

/** Builds the UTF-16 → code point map of a text; the identity when the text is all BMP. */
export function codePointMap(text: string): CodePointMap {
  // Fast path: no surrogates at all, so both units agree.
  if (!/[\ud800-\udfff]/.test(text)) return { toCodePoint: (u) => u, length: text.length };
  const map = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) {
      map[i + 1] = cp + 1;
      i++;
    }
    cp++;
  }
  map[text.length] = cp;
  return { toCodePoint: (u) => map[Math.max(0, Math.min(u, text.length))]!, length: cp };
}

/** Converts code-point offsets of a text to UTF-16 offsets. */
export function utf16Offsets(text: string): (codePoint: number) => number {
  if (!/[\ud800-\udfff]/.test(text)) return (c) => c;
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    out.push(i);
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  out.push(text.length);
  return (c) => out[Math.max(0, Math.min(c, out.length - 1))]!;
}
