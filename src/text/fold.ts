/**
 * Case and accent folding that keeps the string length 1:1.
 *
 * Policy: search is case-insensitive and accent-insensitive (é = e, ï = i, Ö = o), so the matcher
 * runs on a folded copy of the text. Every UTF-16 code unit of the input maps to exactly one code
 * unit of the output, so an offset into the folded text is the same offset into the original: no
 * offset map is needed. Consequences of keeping the length:
 * - a letter is lower-cased only where the lower-case form is one code unit (İ folds to i via its
 *   decomposition, ß stays ß rather than becoming "ss");
 * - precomposed Latin letters fold to their base letter through a table built from their canonical
 *   decomposition (plus a few letters without one: ø→o, ł→l, đ→d, ħ→h, ı→i);
 * - combining marks in decomposed text stay as they are (the import normalises text to NFC).
 *
 * Speed: the common path is the engine's native `toLowerCase()` followed by one `replace` over the
 * rare accented letters; a table-driven loop is the fallback when lower-casing would change the
 * length (the text contains U+0130 İ).
 */

/** Extra folds for letters that have no canonical decomposition but read as a base letter. */
const EXTRA: Record<string, string> = { ø: 'o', ł: 'l', đ: 'd', ħ: 'h', ı: 'i', ŀ: 'l', ŧ: 't' };

let table: Uint16Array | undefined;

/** Builds (once) the table from every BMP code unit to its folded code unit. */
function foldTable(): Uint16Array {
  if (table) return table;
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    t[c] = c;
    if (c >= 0xd800 && c <= 0xdfff) continue; // surrogates: keep (pairs are folded as they are)
    const ch = String.fromCharCode(c);
    let lower = ch.toLowerCase();
    if (lower.length !== 1) {
      // Only U+0130 (İ) in the default locale: fold via its decomposition (I + dot) instead.
      const base = ch.normalize('NFD')[0]!.toLowerCase();
      lower = base.length === 1 ? base : ch;
    }
    t[c] = baseLetter(lower).charCodeAt(0);
  }
  table = t;
  return t;
}

/** The base letter of a lower-case letter with diacritics, or the letter itself. */
function baseLetter(ch: string): string {
  const extra = EXTRA[ch];
  if (extra) return extra;
  const c = ch.charCodeAt(0);
  if (c < 0xc0) return ch;
  const d = ch.normalize('NFD');
  if (d.length > 1 && /^\p{L}\p{M}+$/u.test(d)) return d[0]!;
  return ch;
}

// The lower-case letters that fold further: Latin-1 Supplement, Latin Extended-A/B/Additional.
const ACCENTED = /[\u00e0-\u024f\u1e00-\u1eff]/g;
const accentMap = new Map<string, string>();

function stripAccent(ch: string): string {
  let r = accentMap.get(ch);
  if (r === undefined) {
    r = baseLetter(ch);
    accentMap.set(ch, r);
  }
  return r;
}

/** Folds case and accents; the result has the same length, and offsets carry over unchanged. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower.replace(ACCENTED, stripAccent);
  return foldByTable(text);
}

/** Folds with the code-unit table (the fallback when native lower-casing changes the length). */
export function foldByTable(text: string): string {
  const t = foldTable();
  const n = text.length;
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) out[i] = t[text.charCodeAt(i)]!;
  let s = '';
  const CHUNK = 0x4000;
  for (let i = 0; i < n; i += CHUNK) {
    s += String.fromCharCode.apply(null, out.subarray(i, Math.min(n, i + CHUNK)) as unknown as number[]);
  }
  return s;
}
