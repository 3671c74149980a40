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
 * - Pages: each page is the range of text from its first character to the next page's first
 *   character, so page ranges are contiguous and cover the text; a paragraph (even a hyphenated
 *   word) may run across a page break.
 */
import type { Block, BlockKind, JoinedWord, Page } from '../model/document.ts';

/** The lines of one source page, as extracted, before normalisation. */
export interface PageLines {
  /** 1-based page number in the source. */
  index: number;
  /** The label to cite for this page ("iv", "15"). */
  label: string;
  /** Text lines in reading order; an empty (or blank) line marks a paragraph break. */
  lines: readonly string[];
}

/** The normalised text of a document with its blocks and page ranges. */
export interface NormalisedText {
  text: string;
  blocks: Block[];
  pages: Page[];
  /** How many line-end hyphens (or soft hyphens) were removed to join a word. */
  joinedHyphens: number;
  /** Each of those joins: the joined word, where it broke, and the page of the line end. */
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
  const softAtEnd = s.endsWith(SOFT_HYPHEN);
  s = s.split(SOFT_HYPHEN).join('').trim();
  return softAtEnd && s !== '' ? s + SOFT_HYPHEN : s;
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
 * What the document itself says about hyphenated words: the words it contains and the hyphenated
 * pairs ("subsidie-instrumenten") it writes inside lines, all lower-cased.
 */
export interface HyphenEvidence {
  words: ReadonlySet<string>;
  hyphenated: ReadonlySet<string>;
}

/** Collects {@link HyphenEvidence} from cleaned lines (line-final fragments are left out). */
export function hyphenEvidence(lines: readonly string[]): HyphenEvidence {
  const words = new Set<string>();
  const hyphenated = new Set<string>();
  for (const line of lines) {
    const tokens = line.toLowerCase().match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*-?/gu) ?? [];
    for (const token of tokens) {
      if (token.endsWith('-')) continue; // a fragment at a line end or an elliptical compound
      const parts = token.split('-');
      for (const part of parts) words.add(part);
      for (let i = 1; i < parts.length; i++) hyphenated.add(`${parts[i - 1]}-${parts[i]}`);
    }
  }
  return { words, hyphenated };
}

/**
 * Decides how a line is continued by the next line of the same paragraph (both cleaned). With
 * `evidence`, a hyphenated pair that the document also writes with a hyphen inside a line, and
 * never as one word, keeps its hyphen (`subsidie-` + `instrumenten`).
 */
export function lineJoint(prev: string, next: string, evidence?: HyphenEvidence): LineJoint {
  if (prev.endsWith(SOFT_HYPHEN)) return 'join';
  const m = /([\p{L}\p{N}])[-\u2010]$/u.exec(prev);
  if (!m) return 'space';
  const first = next.charAt(0);
  if (ELLIPTICAL_NEXT.test(next)) return 'space';
  if (/\p{Lu}|\p{Lt}|\p{N}/u.test(first)) return 'keep-hyphen';
  if (!/\p{Ll}/u.test(first)) return 'space';
  // "18-" + "jarigen": a hyphen after a digit belongs to the word.
  if (/\p{N}/u.test(m[1]!)) return 'keep-hyphen';
  const lastToken = prev.slice(prev.lastIndexOf(' ') + 1);
  // Addresses are never hyphenated by a typesetter: "…/cultuur-" + "de-raad-van-europa".
  if (/\/|www\.|@/u.test(lastToken)) return 'keep-hyphen';
  const before = /([\p{L}\p{N}]+)[-\u2010]$/u.exec(lastToken)?.[1] ?? '';
  // An abbreviation in capitals keeps its hyphen: "EU-" + "lidstaten".
  if (before.length >= 2 && before === before.toUpperCase() && before !== before.toLowerCase()) return 'keep-hyphen';
  if (evidence) {
    const after = /^[\p{L}\p{N}]+/u.exec(next)?.[0] ?? '';
    const a = before.toLowerCase();
    const b = after.toLowerCase();
    if (evidence.hyphenated.has(`${a}-${b}`) && !evidence.words.has(a + b)) return 'keep-hyphen';
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
  return /[.!?:]["'’”)\]]*$/u.test(line);
}

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
  const lengths = lines.filter((l) => l !== '').map((l) => l.length).sort((a, b) => a - b);
  if (lengths.length === 0) return { typicalLength: 0, unwrapped: false, shortLength: 0 };
  const typicalLength = lengths[Math.min(lengths.length - 1, Math.floor(lengths.length * 0.8))]!;
  // No page prints 180 characters on a line; such lines were never wrapped.
  const unwrapped = typicalLength > 180;
  const shortLength = lengths.length >= 8 && !unwrapped ? Math.floor(typicalLength * 0.6) : 0;
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
  const cleaned = pages.map((p) => p.lines.map(cleanLine));
  const stats = lineStats(cleaned.flat());
  const evidence = hyphenEvidence(cleaned.flat());

  const parts: string[] = [];
  let length = 0;
  const blocks: Block[] = [];
  let joinedHyphens = 0;
  const joinsAt: { at: number; page: number }[] = [];
  const pageStarts: (number | undefined)[] = pages.map(() => undefined);

  let open: { kind: BlockKind; start: number; lines: number; first: string } | undefined;
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
    const kind = open.kind === 'list-item' ? 'list-item' : blockKindOf(open.first, open.lines);
    blocks.push({ kind, start: open.start, end: length });
    open = undefined;
    prev = undefined;
  };

  cleaned.forEach((lines, pageNo) => {
    for (const line of lines) {
      if (line === '') {
        close();
        continue;
      }
      let startsNew = open === undefined || stats.unwrapped;
      let kind: BlockKind = 'paragraph';
      let headingNow = false;
      if (isListItem(line, prev)) {
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
        open = { kind, start: length, lines: 1, first: line };
        append(line);
      } else {
        const joint = lineJoint(prev!, line, evidence);
        if (joint === 'join') {
          const last = parts.pop()!;
          parts.push(last.slice(0, -1));
          length -= 1;
          joinedHyphens += 1;
          joinsAt.push({ at: length, page: pages[pageNo]!.index });
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
  });
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
  return { text, blocks, pages: pageRanges, joinedHyphens, joined: joinsAt.map((j) => joinedWordAt(text, j.at, j.page)) };
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
    lines: chunk.split(/\r\n|\r|\n/),
  }));
}

/** The word around a join point `at` (where the next line's text began), for the import report. */
function joinedWordAt(text: string, at: number, page: number): JoinedWord {
  const inWord = /[\p{L}\p{N}\p{M}'’-]/u;
  let start = at;
  while (start > 0 && inWord.test(text[start - 1]!)) start -= 1;
  let end = at;
  while (end < text.length && inWord.test(text[end]!)) end += 1;
  // Quote marks and hyphens at the edges belong to the sentence, not the word: "sector’".
  const edge = /['’-]/u;
  while (start < at && edge.test(text[start]!)) start += 1;
  while (end > at && edge.test(text[end - 1]!)) end -= 1;
  return { page, word: text.slice(start, end), split: at - start };
}
