/**
 * Normalisation of extracted text: the one place that decides what a document's text is.
 *
 * Every offset Worthmark stores (fragments, hits, page ranges) points into the string made here,
 * so the rules are few, deterministic and the same for PDF and plain text:
 *
 * - Characters: NFC; typographic ligatures (ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ) spelled out; soft hyphens, zero-width
 *   spaces, word joiners, BOMs and control characters removed; every kind of space (no-break,
 *   thin, tab …) becomes one plain space; runs of spaces collapse; lines are trimmed. We do not use
 *   NFKC, because it would also rewrite "…", "½" and superscripts, which users quote.
 * - Line ends: a line ending in a hyphen directly after a letter is joined to the next line without
 *   the hyphen when the next line starts with a lower-case letter (`internatio-` + `nale`) — that is
 *   hyphenation by the typesetter, and the keyword `internationale` must be findable. Not so before a
 *   Dutch elliptical compound's conjunction (`kunst-` + `en cultuursector` stays "kunst- en"), and
 *   not before a capital or digit (`Noord-` + `Brabant` → "Noord-Brabant", `2021-` + `2024`), where
 *   the hyphen belongs to the word. A line-final soft hyphen always joins. Any other line end is a
 *   space. Counting joined hyphens lets the import report say how much the text was touched.
 * - Blocks: a blank line ends a paragraph; a line that starts with a list marker (•, ▪, -, –, o,
 *   "1." …) starts a list item; a short line ending a sentence, followed by a line starting with a
 *   capital, ends a paragraph (PDFs often have no blank line between paragraphs), and so does a
 *   short line without closing punctuation after a finished sentence (a heading). Text whose lines
 *   are far longer than any page is wide (one paragraph per line, as exported from a word
 *   processor) is read as one block per line. A one-line block that is short and does not end like
 *   a sentence is a heading. Blocks are joined by "\n\n".
 * - Blocks from layout: where the source knows its structure (a PDF's layout: gaps, fonts, indents,
 *   list markers), it gives each line a role ({@link LineRole}) and the roles decide the blocks
 *   instead of the guesses above; line ends are still joined by the hyphen rules.
 * - Pages: each page is the range of text from its first character to the next page's first
 *   character, so page ranges are contiguous and cover the text; a paragraph (even a hyphenated
 *   word) may run across a page break.
 * - Report: each join is stored by reference, as the offset where the line broke (the word is
 *   read from the text around it), so the report grows with the number of joins, never with the
 *   length of the joined word ("q-" on 60,000 lines is one word with 60,000 joins).
 *
 * Speed (every import and every CLI search pays this): all lines of a document are cleaned in a
 * few whole-text passes ({@link cleanLines}) rather than line by line; the document's own
 * evidence about hyphens is looked up only for words at a line-end hyphen, around the document's
 * in-line hyphens, never by collecting every word ({@link hyphenEvidence}); line statistics use a
 * histogram, not a sort. Work is linear in the text, whatever its lines or words look like.
 */
import type { Block, BlockKind, JoinedWord, LegacyJoinedWord, Page } from '../model/document.ts';

/** The lines of one source page, as extracted, before normalisation. */
export interface PageLines {
  /** 1-based page number in the source. */
  index: number;
  /** The label to cite for this page ("iv", "15"). */
  label: string;
  /** Text lines in reading order; an empty (or blank) line marks a paragraph break. */
  lines: readonly string[];
  /** How each line starts, when the source's layout says so (PDF); see {@link LineRole}. */
  roles?: readonly LineRole[];
}

/**
 * How a line relates to the text before it, decided from the layout: it starts a paragraph, a
 * heading or a list item, or it continues the block before (also across a page).
 */
export type LineRole = 'continue' | 'paragraph' | 'heading' | 'list-item';

/** The normalised text of a document with its blocks and page ranges. */
export interface NormalisedText {
  text: string;
  blocks: Block[];
  pages: Page[];
  /** How many line-end hyphens (or soft hyphens) were removed to join a word. */
  joinedHyphens: number;
  /** Each of those joins, by reference: where in `text` the line broke, and the page of the line end. */
  joined: JoinedWord[];
}

const LIGATURES: Readonly<Record<string, string>> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
};
const LIGATURE_RE = /[\uFB00-\uFB06]/g;
// Zero-width space, zero-width no-break space/BOM, word joiner, and C0/C1 control characters.
const INVISIBLE_RE = /[\u200B\u2060\uFEFF\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/g;
// Tab, line/paragraph breaks inside a line, and every Unicode space that is not U+0020.
const SPACE_RE = /[\t\n\r\f\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/g;
const SOFT_HYPHEN = '\u00AD';

/**
 * Normalises the characters of one line: NFC, ligatures spelled out, invisible characters removed,
 * spaces unified and collapsed, ends trimmed. A soft hyphen at the very end is kept (it marks a
 * hyphenation point for {@link lineJoint}); soft hyphens elsewhere are removed.
 */
export function cleanLine(line: string): string {
  let s = line.normalize('NFC');
  s = s.replace(LIGATURE_RE, (c) => LIGATURES[c] ?? c);
  s = s.replace(SPACE_RE, ' ').replace(INVISIBLE_RE, '');
  s = s.replace(/ {2,}/g, ' ').trim();
  return s.includes(SOFT_HYPHEN) ? softHyphens(s) : s;
}

/** The soft-hyphen rule of {@link cleanLine} on a line already cleaned otherwise. */
function softHyphens(s: string): string {
  const softAtEnd = s.endsWith(SOFT_HYPHEN);
  const t = s.split(SOFT_HYPHEN).join('').trim();
  return softAtEnd && t !== '' ? t + SOFT_HYPHEN : t;
}

/**
 * The BMP characters NFC replaces (singletons and composition exclusions): what
 * `String.prototype.normalize` does, checked by a unit test against the engine.
 */
export const NFC_REPLACED =
  '\u0374\u037E\u0387\u0958-\u095F\u09DC-\u09DD\u09DF\u0A33\u0A36\u0A59-\u0A5B\u0A5E\u0B5C-\u0B5D\u0F43\u0F4D\u0F52\u0F57\u0F5C\u0F69\u1F71\u1F73\u1F75\u1F77\u1F79\u1F7B\u1F7D\u1FBB\u1FBE\u1FC9\u1FCB\u1FD3\u1FDB\u1FE3\u1FEB\u1FEE-\u1FEF\u1FF9\u1FFB\u1FFD\u2000-\u2001\u2126\u212A-\u212B\u2329-\u232A\u2ADC\uF900-\uFA0D\uFA10\uFA12\uFA15-\uFA1E\uFA20\uFA22\uFA25-\uFA26\uFA2A-\uFA6D\uFA70-\uFAD9\uFB1D\uFB1F\uFB2A-\uFB36\uFB38-\uFB3C\uFB3E\uFB40-\uFB41\uFB43-\uFB44\uFB46-\uFB4E';

let mayChange: RegExp | undefined;

/**
 * Finds every character NFC may change or combine, so text without any is left as it is (NFC of
 * a 10 MB text costs about as much as the rest of cleaning): combining marks, the Hangul vowel
 * and final jamo that compose with a syllable, every surrogate (characters outside the BMP), and
 * {@link NFC_REPLACED}. A global expression without the `u` flag (the class is listed once, on
 * first use), which scans text several times faster than `\p{M}` does.
 */
export function mayChangeUnderNfc(): RegExp {
  if (mayChange) return mayChange;
  let marks = '';
  const mark = /\p{M}/u;
  for (let c = 0x300; c < 0xd800; c++) {
    if (!mark.test(String.fromCharCode(c))) continue;
    let d = c;
    while (d + 1 < 0xd800 && mark.test(String.fromCharCode(d + 1))) d += 1;
    marks += d === c ? `\\u${hex(c)}` : `\\u${hex(c)}-\\u${hex(d)}`;
    c = d;
  }
  for (let c = 0xe000; c < 0x10000; c++) if (mark.test(String.fromCharCode(c))) marks += `\\u${hex(c)}`;
  mayChange = new RegExp(`[${marks}\\u1161-\\u1175\\u11A8-\\u11C2\\uD800-\\uDFFF${NFC_REPLACED}]`, 'g');
  return mayChange;
}

const hex = (c: number): string => c.toString(16).padStart(4, '0');

// What the one-pass cleaner ({@link cleanJoined}) does with a code unit, from {@link charClasses}.
const PLAIN = 0; // kept as it is (also the line feed)
const SPACE = 1; // U+0020
const OTHER_SPACE = 2; // SPACE_RE without the line feed: becomes a space
const INVISIBLE = 3; // INVISIBLE_RE: removed
const LIGATURE = 4; // LIGATURE_RE: spelled out
const NFC_MAY_CHANGE = 5; // mayChangeUnderNfc(): its line is normalised first
const UNKNOWN = 255; // not classified yet (classified on first sight)

let classes: Uint8Array | undefined;
let nfcTest: RegExp | undefined;

/** The class of code unit `c` (see above), classified once on first sight. */
function classOf(c: number): number {
  const t = (classes ??= new Uint8Array(0x10000).fill(UNKNOWN));
  const k = t[c]!;
  if (k !== UNKNOWN) return k;
  const ch = String.fromCharCode(c);
  // The same sets as the expressions cleanLine uses, so the two can never disagree.
  nfcTest ??= new RegExp(mayChangeUnderNfc().source);
  let kind = PLAIN;
  if (c === 0x20) kind = SPACE;
  else if (c === 0x0a) kind = PLAIN;
  else if (new RegExp(SPACE_RE.source).test(ch)) kind = OTHER_SPACE;
  else if (new RegExp(INVISIBLE_RE.source).test(ch)) kind = INVISIBLE;
  else if (c >= 0xfb00 && c <= 0xfb06) kind = LIGATURE;
  else if (nfcTest.test(ch)) kind = NFC_MAY_CHANGE;
  t[c] = kind;
  return kind;
}

/**
 * {@link cleanLine} on every line of `text` (lines separated by line feeds, none in a line),
 * except the soft-hyphen rule, in one pass over the text: NFC (only of the lines that hold a
 * character NFC may change; NFC never composes across a line feed), ligatures spelled out, and
 * every run of spaces, other spaces and invisible characters made one space — or nothing, when the
 * run holds no space or is at a line's start or end. That is what cleanLine's replacements do in
 * turn: inside a run, other spaces become spaces and invisibles vanish, and the spaces collapse.
 * The text is copied only where it changes; a code unit is classified by a table, once.
 */
function cleanJoined(text: string, nfcDone = false): string {
  const n = text.length;
  const out: string[] = [];
  let from = 0; // text[from, i) is kept as it is, not yet in out
  let lineStart = 0;
  let outAtLineStart = 0; // out.length and `from` when the current line began
  let fromAtLineStart = 0;
  const t = (classes ??= new Uint8Array(0x10000).fill(UNKNOWN));
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    let k = t[c]!;
    if (k === UNKNOWN) k = classOf(c);
    if (k === PLAIN) {
      if (c === 0x0a) {
        lineStart = i + 1;
        outAtLineStart = out.length;
        fromAtLineStart = from;
      }
      i++;
      continue;
    }
    if (k === SPACE && i > lineStart && i + 1 < n) {
      // One space between two ordinary characters: the common case, kept.
      const d = text.charCodeAt(i + 1);
      const next = t[d] === UNKNOWN ? classOf(d) : t[d]!;
      if (d !== 0x0a && next !== SPACE && next !== OTHER_SPACE && next !== INVISIBLE) {
        i++;
        continue;
      }
    }
    if (k === LIGATURE) {
      out.push(text.slice(from, i), LIGATURES[String.fromCharCode(c)]!);
      from = ++i;
      continue;
    }
    if (k === NFC_MAY_CHANGE) {
      if (nfcDone) {
        i++;
        continue;
      }
      // Clean this line afresh from its NFC form (which may itself hold any class but this one).
      let end = text.indexOf('\n', i);
      if (end === -1) end = n;
      out.length = outAtLineStart;
      out.push(text.slice(fromAtLineStart, lineStart), cleanJoined(text.slice(lineStart, end).normalize('NFC'), true));
      from = i = end;
      continue;
    }
    // A run of spaces, other spaces and invisibles.
    let j = i;
    let spacing = false;
    for (; j < n; j++) {
      const d = text.charCodeAt(j);
      const kk = t[d] === UNKNOWN ? classOf(d) : t[d]!;
      if (kk === SPACE || kk === OTHER_SPACE) spacing = true;
      else if (kk !== INVISIBLE) break;
    }
    const edge = i === lineStart || j === n || text.charCodeAt(j) === 0x0a;
    out.push(text.slice(from, i), spacing && !edge ? ' ' : '');
    from = i = j;
  }
  if (from === 0) return text;
  out.push(text.slice(from));
  return out.join('');
}

/** Splits cleaned joined text into its lines and applies the soft-hyphen rule to each. */
function cleanedLines(cleaned: string, count: number): string[] {
  if (count === 0) return [];
  const out = cleaned.split('\n');
  if (cleaned.includes(SOFT_HYPHEN)) {
    for (let i = 0; i < out.length; i++) if (out[i]!.includes(SOFT_HYPHEN)) out[i] = softHyphens(out[i]!);
  }
  return out;
}

/** A line feed inside a line is a space to {@link cleanLine}; made one first, so lines can be joined by line feeds. */
const withoutLineFeed = (line: string): string => (line.includes('\n') ? line.replaceAll('\n', ' ') : line);

/**
 * {@link cleanLine} on every line, with the same result, in a few passes over the lines joined
 * by line feeds (see {@link cleanJoined}).
 */
export function cleanLines(lines: readonly string[]): string[] {
  return cleanedLines(cleanJoined(lines.map(withoutLineFeed).join('\n')), lines.length);
}

/** How two consecutive lines of one paragraph are put together. */
export type LineJoint =
  /** Drop the line-end (soft) hyphen and join without a space: `internatio-` + `nale`. */
  | 'join'
  /** Keep the hyphen and join without a space: `Noord-` + `Brabant`. */
  | 'keep-hyphen'
  /** Join with one space (also `kunst-` + `en cultuursector`). */
  | 'space';

// Words after which a line-final hyphen is a Dutch elliptical compound ("kunst- en cultuursector",
// "bij- of nascholing", "publieks- t/m …"); English equivalents for mixed-language documents.
const ELLIPTICAL_NEXT =
  /^(?:en|of|tot|noch|t\/m|tm|en\/of|alsook|als|dan|maar|resp\.|respectievelijk|and|or|to|nor|&)(?=$|[\s,.;:)])/;

/**
 * What the document itself says about a hyphenated word: whether it writes `a-b` with the hyphen
 * inside a line (as in "subsidie-instrumenten") and never as the one word `ab`. Words are its
 * letter-and-digit runs, lower-cased; a word written with hyphens ("co-creatie") counts as its
 * parts and their pairs; a run that ends in a hyphen (a line-end fragment, an elliptical compound)
 * counts for neither.
 */
export interface HyphenEvidence {
  /** True when the document writes `a-b` inside a line and never `ab` (both lower case). */
  keepsHyphen(a: string, b: string): boolean;
}

/**
 * The {@link HyphenEvidence} of cleaned lines. Nothing is computed until a line-end hyphen asks:
 * then the document's in-line hyphenated pairs are collected (a pass over its hyphens), and every
 * pair that also breaks at a line end is looked up as one word, all in one search of the text
 * (an alternation of those words; past {@link MAX_ALTERNATION} of them, one pass collects every
 * word instead). Linear in the text, however long its words or many its hyphens.
 */
export function hyphenEvidence(lines: readonly string[]): HyphenEvidence {
  return evidenceOf(lines.join('\n'));
}

/**
 * {@link hyphenEvidence} of cleaned lines joined by line feeds. The text is read as it is; the
 * pairs and words found are lower-cased one by one, as {@link lineJoint} lower-cases what it asks.
 */
function evidenceOf(text: string): HyphenEvidence {
  let pairs: Set<string> | undefined;
  let known: Map<string, boolean> | undefined;
  let lower: string | undefined;
  return {
    keepsHyphen(a, b) {
      if (a === '' || b === '') return false;
      pairs ??= hyphenatedPairs(text);
      if (!pairs.has(`${a}-${b}`)) return false;
      known ??= wordsAtLineEnds(text, pairs, () => (lower ??= text.toLowerCase()));
      const word = a + b;
      let found = known.get(word);
      if (found === undefined) {
        // A pair asked for that does not break at a line end of this text (callers outside normaliseText).
        found = containsWord((lower ??= text.toLowerCase()), word);
        known.set(word, found);
      }
      return !found;
    },
  };
}

/** Above this many words, {@link wordsAtLineEnds} collects every word instead of searching for them. */
const MAX_ALTERNATION = 2000;

/**
 * For every line-end hyphen of `s` (lower-cased, lines joined by line feeds) between `a` and `b`
 * whose pair `a-b` is in `pairs`: whether the word `ab` occurs in `s` (see {@link containsWord}).
 */
function wordsAtLineEnds(original: string, pairs: ReadonlySet<string>, lowerCased: () => string): Map<string, boolean> {
  let s = original;
  const wanted = new Set<string>();
  for (const hyphen of ['-\n', '\u2010\n']) {
    for (let i = s.indexOf(hyphen); i !== -1; i = s.indexOf(hyphen, i + 2)) {
      let start = i;
      while (wordCharBefore(s, start)) start -= unitsBefore(s, start);
      const a = s.slice(start, i).toLowerCase();
      const b = s.slice(i + 2, runEnd(s, i + 2)).toLowerCase();
      if (a !== '' && b !== '' && pairs.has(`${a}-${b}`)) wanted.add(a + b);
    }
  }
  const known = new Map<string, boolean>();
  if (wanted.size === 0) return known;
  // Searched in the lower-cased text: an expression with the i flag scans several times slower.
  s = lowerCased();
  if (wanted.size > MAX_ALTERNATION) {
    const all = wordSet(s);
    for (const w of wanted) known.set(w, all.has(w));
    return known;
  }
  // One search for the words not found yet (faster than an indexOf per word, measured), made anew when one is found (so a
  // common word is not matched again and again); longest first, so where a longer word matches,
  // a shorter one that is its prefix is not tried.
  const missing = new Set(wanted);
  const search = (): RegExp => new RegExp([...missing].sort((x, y) => y.length - x.length).join('|'), 'g');
  let re = search();
  let checkedTo = -1; // matches before this index lie in a token found to end in a hyphen
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const i = m.index;
    const end = i + m[0].length;
    if (i < checkedTo || wordCharBefore(s, i) || wordCharAt(s, end) > 0) continue;
    const token = readToken(s, i);
    if (token.hyphenEnd) {
      checkedTo = token.end;
      continue;
    }
    missing.delete(m[0]);
    if (missing.size === 0) break;
    const at = re.lastIndex;
    re = search();
    re.lastIndex = at;
  }
  for (const w of wanted) known.set(w, !missing.has(w));
  return known;
}

const HYPHEN = 0x2d;
let wordTable: Uint8Array | undefined;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Length (1 or 2 code units) of the letter or digit at `i` of `s`, 0 when there is none. */
function wordCharAt(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff) {
    const cp = s.codePointAt(i)!;
    return cp > 0xffff && WORD_CHAR.test(String.fromCodePoint(cp)) ? 2 : 0;
  }
  if (c >= 0xdc00 && c <= 0xdfff) return 0;
  const t = (wordTable ??= new Uint8Array(0x10000));
  if (t[c] === 0) t[c] = WORD_CHAR.test(String.fromCharCode(c)) ? 2 : 1;
  return t[c] === 2 ? 1 : 0;
}

/** True when a letter or digit ends just before `i` (a low surrogate's pair is read whole). */
function wordCharBefore(s: string, i: number): boolean {
  if (i <= 0) return false;
  const c = s.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) return wordCharAt(s, i - 2) === 2;
  return wordCharAt(s, i - 1) === 1;
}

/** 2 when the code point ending at `i` is a surrogate pair, else 1. */
function unitsBefore(s: string, i: number): number {
  const c = s.charCodeAt(i - 1);
  return c >= 0xdc00 && c <= 0xdfff && i >= 2 && s.charCodeAt(i - 2) >= 0xd800 && s.charCodeAt(i - 2) <= 0xdbff ? 2 : 1;
}

/** The end of the letter-and-digit run starting at `i` (`i` itself when there is none). */
function runEnd(s: string, i: number): number {
  let n: number;
  while (i < s.length && (n = wordCharAt(s, i)) > 0) i += n;
  return i;
}

/**
 * Reads the word token that starts at `start` (a letter or digit): runs joined by single
 * hyphens, and whether it ends in a hyphen. Returns the parts' boundaries [start0, end0, start1, …].
 */
function readToken(s: string, start: number): { bounds: number[]; end: number; hyphenEnd: boolean } {
  const bounds: number[] = [];
  let i = start;
  for (;;) {
    const e = runEnd(s, i);
    bounds.push(i, e);
    if (s.charCodeAt(e) !== HYPHEN) return { bounds, end: e, hyphenEnd: false };
    if (wordCharAt(s, e + 1) === 0) return { bounds, end: e + 1, hyphenEnd: true };
    i = e + 1;
  }
}

/** Where the token holding position `i` (a letter, digit or inner hyphen) starts. */
function tokenStart(s: string, i: number): number {
  for (;;) {
    while (wordCharBefore(s, i)) i -= unitsBefore(s, i);
    // A single hyphen with a letter or digit on both sides joins this run to the one before.
    if (i >= 2 && s.charCodeAt(i - 1) === HYPHEN && wordCharBefore(s, i - 1)) i -= 1;
    else return i;
  }
}

/** Every `a-b` pair of adjacent parts of a hyphenated token that does not end in a hyphen. */
function hyphenatedPairs(s: string): Set<string> {
  const pairs = new Set<string>();
  let h = s.indexOf('-');
  while (h !== -1) {
    if (!wordCharBefore(s, h) || wordCharAt(s, h + 1) === 0) {
      h = s.indexOf('-', h + 1);
      continue;
    }
    const token = readToken(s, tokenStart(s, h));
    if (!token.hyphenEnd) {
      const b = token.bounds;
      for (let k = 2; k < b.length; k += 2) pairs.add(`${s.slice(b[k - 2], b[k - 1])}-${s.slice(b[k], b[k + 1])}`.toLowerCase());
    }
    h = s.indexOf('-', token.end);
  }
  return pairs;
}

/** True when `word` occurs in `s` as a whole part of a token that does not end in a hyphen. */
function containsWord(s: string, word: string): boolean {
  let checkedTo = -1; // occurrences before this index lie in a token already found to end in a hyphen
  for (let i = s.indexOf(word); i !== -1; i = s.indexOf(word, i + 1)) {
    const end = i + word.length;
    if (wordCharBefore(s, i) || wordCharAt(s, end) > 0) continue;
    if (i < checkedTo) continue;
    const token = readToken(s, i);
    if (!token.hyphenEnd) return true;
    checkedTo = token.end;
  }
  return false;
}

/** Every part of every token that does not end in a hyphen (one pass). */
function wordSet(s: string): Set<string> {
  const words = new Set<string>();
  let i = 0;
  while (i < s.length) {
    const n = wordCharAt(s, i);
    if (n === 0) {
      i += 1;
      continue;
    }
    const token = readToken(s, i);
    if (!token.hyphenEnd) for (let k = 0; k < token.bounds.length; k += 2) words.add(s.slice(token.bounds[k], token.bounds[k + 1]).toLowerCase());
    i = token.end;
  }
  return words;
}

/**
 * Decides how a line is continued by the next line of the same paragraph (both cleaned). With
 * `evidence`, a hyphenated pair that the document also writes with a hyphen inside a line, and
 * never as one word, keeps its hyphen (`subsidie-` + `instrumenten`).
 */
export function lineJoint(prev: string, next: string, evidence?: HyphenEvidence): LineJoint {
  if (prev.endsWith(SOFT_HYPHEN)) return 'join';
  // Scanned from the end by hand: a regex anchored at the end would try every start in the line.
  const hyphen = prev.length - 1;
  const h = prev.charCodeAt(hyphen);
  if ((h !== HYPHEN && h !== 0x2010) || !wordCharBefore(prev, hyphen)) return 'space';
  const first = next.charAt(0);
  if (ELLIPTICAL_NEXT.test(next)) return 'space';
  if (/\p{Lu}|\p{Lt}|\p{N}/u.test(first)) return 'keep-hyphen';
  if (!/\p{Ll}/u.test(first)) return 'space';
  let start = hyphen;
  while (wordCharBefore(prev, start)) start -= unitsBefore(prev, start);
  const before = prev.slice(start, hyphen);
  // "18-" + "jarigen": a hyphen after a digit belongs to the word.
  if (/\p{N}/u.test(before.slice(-unitsBefore(before, before.length)))) return 'keep-hyphen';
  const lastToken = prev.slice(prev.lastIndexOf(' ') + 1);
  // Addresses are never hyphenated by a typesetter: "…/cultuur-" + "de-raad-van-europa".
  if (/\/|www\.|@/u.test(lastToken)) return 'keep-hyphen';
  // An abbreviation in capitals keeps its hyphen: "EU-" + "lidstaten".
  if (before.length >= 2 && before === before.toUpperCase() && before !== before.toLowerCase()) return 'keep-hyphen';
  if (evidence) {
    const after = next.slice(0, runEnd(next, 0));
    if (evidence.keepsHyphen(before.toLowerCase(), after.toLowerCase())) return 'keep-hyphen';
  }
  return 'join';
}

// Markers that never start running text.
const BULLET_RE = /^[•▪▫◦●○■□‣∙⁃➢►▶✓✔]\s*\S/u;
// Markers that can also start a wrapped line of running text ("- zo stelt de raad -", "2. …"),
// so they only count after a line that ends a clause or after a break.
const AMBIGUOUS_MARKER_RE = /^(?:[-–—*·o]|\d{1,3}[.)]|[a-z][.)])\s+\S/u;

/**
 * Tells whether a cleaned line starts a list item. `prev` is the previous line of the same page
 * run (undefined after a paragraph break); dashes, "o" and numbers only count after a line that
 * ends with punctuation or after a break, so a wrapped line that happens to start with "–" stays
 * running text.
 */
export function isListItem(line: string, prev?: string): boolean {
  if (BULLET_RE.test(line)) return true;
  if (!AMBIGUOUS_MARKER_RE.test(line)) return false;
  return prev === undefined || /[.:;!?,]["'’”)]*$/u.test(prev);
}

/** Tells whether a line ends like a sentence (., !, ?, :, optionally closed by a quote or bracket). */
export function endsSentence(line: string): boolean {
  let i = line.length - 1;
  while (i >= 0 && CLOSERS.includes(line[i]!)) i -= 1;
  return i >= 0 && SENTENCE_END.includes(line[i]!);
}

const CLOSERS = `"'’”)]`;
const SENTENCE_END = '.!?:';

/** Tells whether a line starts like a new sentence or paragraph (capital, digit, opening quote). */
export function startsSentence(line: string): boolean {
  return /^["'‘“(\[]?[\p{Lu}\p{Lt}\p{N}]/u.test(line);
}

/** The layout facts block building needs, measured over all lines of a document. */
export interface LineStats {
  /** The 80th percentile of non-blank line lengths: the typical full line. */
  typicalLength: number;
  /** True when lines are paragraphs rather than wrapped lines (typical line far wider than a page). */
  unwrapped: boolean;
  /** Lines shorter than this that end a sentence end their paragraph; 0 disables the rule. */
  shortLength: number;
}

/** Measures line lengths to choose between wrapped-line and line-per-paragraph reading. */
export function lineStats(lines: readonly string[]): LineStats {
  // The 80th percentile from a histogram of lengths (longer lines are rare and sorted apart).
  const CAP = 1024;
  const histogram = new Uint32Array(CAP);
  const long: number[] = [];
  let count = 0;
  for (const l of lines) {
    if (l === '') continue;
    count += 1;
    if (l.length < CAP) histogram[l.length]! += 1;
    else long.push(l.length);
  }
  if (count === 0) return { typicalLength: 0, unwrapped: false, shortLength: 0 };
  const rank = Math.min(count - 1, Math.floor(count * 0.8)); // 0-based rank in ascending order
  let typicalLength = -1;
  for (let len = 0, seen = 0; len < CAP; len++) {
    seen += histogram[len]!;
    if (seen > rank) {
      typicalLength = len;
      break;
    }
  }
  if (typicalLength < 0) {
    long.sort((a, b) => a - b);
    typicalLength = long[rank - (count - long.length)]!;
  }
  // No page prints 180 characters on a line; such lines were never wrapped.
  const unwrapped = typicalLength > 180;
  const shortLength = count >= 8 && !unwrapped ? Math.floor(typicalLength * 0.6) : 0;
  return { typicalLength, unwrapped, shortLength };
}

/** Tells whether a line could be a heading: short, starts like a sentence, no closing punctuation. */
export function isHeadingLike(line: string, shortLength: number): boolean {
  return line.length < shortLength && startsSentence(line) && !/[.,;:!?\-\u2010\u00AD]["'’”)]*$/u.test(line) && /\p{L}/u.test(line);
}

/** Decides the kind of a finished non-list block from its line count and text. */
export function blockKindOf(text: string, lineCount: number): BlockKind {
  if (
    lineCount === 1 &&
    text.length <= 90 &&
    /\p{L}/u.test(text) &&
    !/[.,;:]["'’”)]*$/u.test(text) &&
    /^(?:\d+(?:\.\d+)*\.?\s+)?["'‘“(]?[\p{Lu}\p{Lt}\p{N}]/u.test(text)
  ) {
    return 'heading';
  }
  return 'paragraph';
}

/**
 * Turns extracted lines (per page) into the normalised document text, its blocks and page ranges.
 * See the module header for the rules. Pages without text get an empty range at the offset where
 * the next page starts.
 */
export function normaliseText(pages: readonly PageLines[]): NormalisedText {
  const counts = pages.map((p) => p.lines.length);
  return normaliseJoined(pages.flatMap((p) => p.lines.map(withoutLineFeed)).join('\n'), pages, counts);
}

/**
 * {@link normaliseText} of a plain text file: {@link splitPlainText}'s pages and lines, read
 * without splitting the text into line strings and joining them again.
 */
export function normalisePlainText(text: string): NormalisedText {
  let s = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const feeds: number[] = [];
  for (let i = s.indexOf('\f'); i !== -1; i = s.indexOf('\f', i + 1)) feeds.push(i);
  // A trailing form feed does not make an empty last page.
  if (feeds.length > 0 && s.slice(feeds[feeds.length - 1]! + 1).trim() === '') s = s.slice(0, feeds.pop());
  // Without form feeds the text is one page of all its lines: counted when split, not here.
  if (feeds.length === 0) return normaliseJoined(s, [{ index: 1, label: '1' }]);
  const counts: number[] = [];
  let from = 0;
  for (const end of [...feeds, s.length]) {
    let n = 1;
    for (let i = s.indexOf('\n', from); i !== -1 && i < end; i = s.indexOf('\n', i + 1)) n += 1;
    counts.push(n);
    from = end + 1;
  }
  const pages = counts.map((_, i) => ({ index: i + 1, label: String(i + 1) }));
  return normaliseJoined(s.replaceAll('\f', '\n'), pages, counts);
}

/**
 * The normaliser proper: `source` holds every line of every page (`counts[p]` lines for page
 * `p`; without `counts`, one page of all its lines, at least one), separated by line feeds.
 */
function normaliseJoined(source: string, pages: ReadonlyArray<Pick<PageLines, 'index' | 'label' | 'roles'>>, lineCounts?: readonly number[]): NormalisedText {
  const cleanedText = cleanJoined(source);
  const all = cleanedLines(cleanedText, lineCounts ? lineCounts.reduce((n, c) => n + c, 0) : 1);
  const counts = lineCounts ?? [all.length];
  const stats = lineStats(all);
  const evidence = evidenceOf(cleanedText);

  const parts: string[] = [];
  let length = 0;
  const blocks: Block[] = [];
  let joinedHyphens = 0;
  const joined: JoinedWord[] = [];
  const pageStarts: (number | undefined)[] = pages.map(() => undefined);

  let open: { kind: BlockKind; start: number; lines: number; first: string; fixed?: boolean } | undefined;
  let prev: string | undefined; // previous line of the open block
  let afterHeading = false; // the previous line was taken for a heading: it stands alone

  const append = (s: string): void => {
    parts.push(s);
    length += s.length;
  };
  const close = (): void => {
    if (!open) return;
    const last = parts[parts.length - 1]!;
    if (last.endsWith(SOFT_HYPHEN)) {
      // A hyphenation point with nothing after it in the paragraph: just drop it.
      parts[parts.length - 1] = last.slice(0, -1);
      length -= 1;
    }
    const kind = open.kind === 'list-item' || open.fixed ? open.kind : blockKindOf(open.first, open.lines);
    blocks.push({ kind, start: open.start, end: length });
    open = undefined;
    prev = undefined;
  };

  for (let pageNo = 0, at = 0; pageNo < pages.length; at += counts[pageNo]!, pageNo++) {
    const roles = pages[pageNo]!.roles;
    for (let l = at; l < at + counts[pageNo]!; l++) {
      const line = all[l]!;
      const role = roles?.[l - at];
      if (line === '') {
        if (role === undefined) close();
        continue;
      }
      let startsNew = open === undefined || stats.unwrapped;
      let kind: BlockKind = 'paragraph';
      let headingNow = false;
      if (role !== undefined) {
        startsNew = open === undefined || role !== 'continue';
        kind = role === 'continue' ? (open?.kind ?? 'paragraph') : role;
      } else if (isListItem(line, prev)) {
        startsNew = true;
        kind = 'list-item';
      } else if (open && prev !== undefined && !startsNew) {
        const sentenceBreak = endsSentence(prev) && startsSentence(line);
        if (open.kind === 'list-item' && sentenceBreak) startsNew = true;
        else if (afterHeading) startsNew = true;
        else if (sentenceBreak && stats.shortLength > 0 && prev.length < stats.shortLength) startsNew = true;
        else if (sentenceBreak && stats.shortLength > 0 && isHeadingLike(line, stats.shortLength)) {
          // A short line without closing punctuation after a finished sentence: a heading that
          // lost its blank line (e.g. at a page break where a running header was removed).
          startsNew = true;
          headingNow = true;
        }
      }

      if (startsNew) {
        close();
        if (length > 0) append('\n\n');
        pageStarts[pageNo] ??= length;
        open = { kind, start: length, lines: 1, first: line, ...(role !== undefined ? { fixed: true } : {}) };
        append(line);
      } else {
        const joint = lineJoint(prev!, line, evidence);
        if (joint === 'join') {
          const last = parts.pop()!;
          parts.push(last.slice(0, -1));
          length -= 1;
          joinedHyphens += 1;
          joined.push({ page: pages[pageNo]!.index, at: length });
        } else if (joint === 'space') {
          append(' ');
        }
        pageStarts[pageNo] ??= length;
        open!.lines += 1;
        append(line);
      }
      prev = line;
      afterHeading = headingNow;
    }
  }
  close();

  const text = parts.join('');
  // A page without text starts where the next page with text starts (or at the end).
  let next = text.length;
  const starts = pageStarts.slice();
  for (let i = starts.length - 1; i >= 0; i--) {
    if (starts[i] === undefined) starts[i] = next;
    else next = starts[i]!;
  }
  const pageRanges: Page[] = pages.map((p, i) => ({
    index: p.index,
    label: p.label,
    start: i === 0 ? 0 : starts[i]!,
    end: i === pages.length - 1 ? text.length : starts[i + 1]!,
  }));
  return { text, blocks, pages: pageRanges, joinedHyphens, joined };
}

/**
 * Splits plain text into pages (at form feeds) and lines (at CR, LF or CRLF), labelled 1, 2, ….
 * A trailing form feed does not make an empty last page.
 */
export function splitPlainText(text: string): PageLines[] {
  const chunks = text.split('\f');
  if (chunks.length > 1 && chunks[chunks.length - 1]!.trim() === '') chunks.pop();
  return chunks.map((chunk, i) => ({
    index: i + 1,
    label: String(i + 1),
    lines: chunk.includes('\r') ? chunk.split(/\r\n|\r|\n/) : chunk.split('\n'),
  }));
}

/** The most characters {@link joinedWordAt} shows on either side of the break. */
export const JOINED_WORD_SIDE = 40;

/**
 * The word around a join (where the next line's text began, `at`), for the import report: the
 * word, and where in it the line broke. At most `side` characters are read on either side of the
 * break (a longer word is cut there, `cutBefore`/`cutAfter` say so), so showing a join costs the
 * same however long the word. A join stored by an older import carries its word already.
 */
export function joinedWordAt(
  text: string,
  join: JoinedWord | LegacyJoinedWord,
  side = JOINED_WORD_SIDE,
): { word: string; split: number; cutBefore: boolean; cutAfter: boolean } {
  if ('word' in join) return { word: join.word, split: join.split, cutBefore: false, cutAfter: false };
  const at = Math.min(Math.max(0, join.at), text.length);
  const inWord = /[\p{L}\p{N}\p{M}'’-]/u;
  let start = at;
  while (start > 0 && at - start < side && inWord.test(text[start - 1]!)) start -= 1;
  let end = at;
  while (end < text.length && end - at < side && inWord.test(text[end]!)) end += 1;
  const cutBefore = start > 0 && inWord.test(text[start - 1]!);
  const cutAfter = end < text.length && inWord.test(text[end]!);
  // Quote marks and hyphens at the edges belong to the sentence, not the word: "sector’".
  const edge = /['’-]/u;
  while (!cutBefore && start < at && edge.test(text[start]!)) start += 1;
  while (!cutAfter && end > at && edge.test(text[end - 1]!)) end -= 1;
  return { word: text.slice(start, end), split: at - start, cutBefore, cutAfter };
}
