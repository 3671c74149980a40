/**
 * Concordance (key word in context) rows and hit counts.
 *
 * Policy for a KWIC row: the match is shown as it stands in the text (whitespace collapsed); the
 * left and right contexts hold at most `width` characters each after whitespace is collapsed to
 * single spaces, have no whitespace at either end (a display puts one space around the match), and are cut
 * at word boundaries (no half words at the outer ends; a context may be shorter than `width`, and
 * is only cut inside a word when that word alone is longer than `width`). A line-end hyphenation
 * ("internatio-\nnale") is joined in the shown strings, as the import would.
 */
import type { Hit } from './matcher.ts';

/** One concordance row: the match with its left and right context. */
export interface KwicRow {
  left: string;
  match: string;
  right: string;
}

/** Options for {@link kwic}. */
export interface KwicOptions {
  /** Maximum context length on each side, in characters after whitespace collapsing; default 60. */
  width?: number;
}

/** The default context width of a KWIC row, in characters. */
export const DEFAULT_KWIC_WIDTH = 60;

const HYPHEN_BREAK = /(\p{L})-[ \t]*\r?\n[ \t]*(\p{Ll})/gu;

// Whitespace other than a single space: only then is there anything to collapse or join.
const NEEDS_COLLAPSE = /[^\S ]| {2}/;

// A hyphen before a line break: only then can HYPHEN_BREAK (a slower Unicode expression) match.
// Normalised text never has one (its only line breaks are the blank lines between blocks).
const MAY_BREAK = /-[ \t]*\r?\n/;

/** Collapses whitespace runs to one space and joins line-end hyphenations. */
export function collapseWhitespace(s: string): string {
  if (!NEEDS_COLLAPSE.test(s)) return s;
  return (MAY_BREAK.test(s) ? s.replace(HYPHEN_BREAK, '$1$2') : s).replace(/\s+/g, ' ');
}

/** Characters read beyond `width` on each side at first; collapsing rarely shortens more. */
const MARGIN = 24;

/** Builds the KWIC row of the range [start, end) of a text. */
export function kwic(text: string, start: number, end: number, options: KwicOptions = {}): KwicRow {
  const width = Math.max(0, options.width ?? DEFAULT_KWIC_WIDTH);
  return {
    left: leftContext(text, start, width),
    match: collapseWhitespace(text.slice(start, end)),
    right: rightContext(text, end, width),
  };
}

// Read a little more than `width` around the match; when collapsing whitespace left too little
// (blank lines, runs of spaces), read generously. Building rows is most of a corpus search's
// time (tens of thousands of hits), so the common case reads and scans ~width characters.
function leftContext(text: string, start: number, width: number): string {
  for (const reach of [width + MARGIN, width * 3 + 32]) {
    const from = Math.max(0, start - reach);
    const collapsed = collapseWhitespace(text.slice(from, start));
    if (from === 0 || collapsed.length >= width + MARGIN / 2 || reach > width + MARGIN) return cutLeft(collapsed, width, from > 0);
  }
  return '';
}

function rightContext(text: string, end: number, width: number): string {
  for (const reach of [width + MARGIN, width * 3 + 32]) {
    const to = Math.min(text.length, end + reach);
    const collapsed = collapseWhitespace(text.slice(end, to));
    if (to === text.length || collapsed.length >= width + MARGIN / 2 || reach > width + MARGIN) return cutRight(collapsed, width, to < text.length);
  }
  return '';
}

const WORD = /[\p{L}\p{M}\p{N}]/u;

/** Keeps the last `width` characters, starting at a word start; trims the outer end. */
function cutLeft(s: string, width: number, truncated: boolean): string {
  s = s.trimEnd();
  if (s.length <= width && !truncated) return s.trimStart();
  let from = Math.max(0, s.length - width);
  // Cut in the middle of a word: move forward to the next word start.
  if (from > 0 && WORD.test(s[from - 1]!) && WORD.test(s[from] ?? '')) {
    const space = s.indexOf(' ', from);
    if (space >= 0 && space < s.length) from = space + 1;
  }
  return s.slice(from).trimStart();
}

/** Keeps the first `width` characters, ending at a word end; trims the outer end. */
function cutRight(s: string, width: number, truncated: boolean): string {
  s = s.trimStart();
  if (s.length <= width && !truncated) return s.trimEnd();
  let to = Math.min(s.length, width);
  if (to < s.length && WORD.test(s[to - 1] ?? '') && WORD.test(s[to]!)) {
    const space = s.lastIndexOf(' ', to);
    if (space > 0) to = space;
  }
  return s.slice(0, to).trimEnd();
}

/** Counts hits per term: element `t` is the number of hits of term `t` (zeros included). */
export function countByTerm(hits: readonly Hit[], termCount: number): number[] {
  const counts = new Array<number>(termCount).fill(0);
  for (const h of hits) if (h.termIndex >= 0 && h.termIndex < termCount) counts[h.termIndex]!++;
  return counts;
}

/** Counts hits per document and term: row `d`, column `t` (zeros included). */
export function countByDocumentAndTerm(hitsPerDocument: ReadonlyArray<readonly Hit[]>, termCount: number): number[][] {
  return hitsPerDocument.map((hits) => countByTerm(hits, termCount));
}

/** What a concordance can be sorted by. */
export type KwicSortKey = 'document' | 'term' | 'left' | 'right';

/** What {@link kwicOrder} needs of a row. */
export interface KwicSortable {
  /** Position of the row's document in the document list (the order "by document" keeps). */
  documentIndex: number;
  termIndex: number;
  start: number;
  left: string;
  right: string;
}

const WORDS = /[\p{L}\p{M}\p{N}]+/gu;
let collator: Intl.Collator | undefined;

/** The words of the left context from the hit outwards ("de grote wereld" → "wereld grote de"). */
export function leftSortKey(left: string): string {
  return (left.match(WORDS) ?? []).reverse().join(' ');
}

/** The words of the right context from the hit outwards. */
export function rightSortKey(right: string): string {
  return (right.match(WORDS) ?? []).join(' ');
}

/**
 * The display order of concordance rows (indexes into `rows`), sorted by document (then position),
 * by term (then document and position), by the words left of the hit read outwards from the hit,
 * or by the words right of it. Words compare in Dutch collation, ignoring case and accents; ties
 * keep document order.
 */
export function kwicOrder(rows: readonly KwicSortable[], key: KwicSortKey): number[] {
  collator ??= new Intl.Collator('nl', { sensitivity: 'base', numeric: true });
  const c = collator;
  const base = (a: KwicSortable, b: KwicSortable) => a.documentIndex - b.documentIndex || a.start - b.start || a.termIndex - b.termIndex;
  const idx = rows.map((_, i) => i);
  if (key === 'document') return idx.sort((a, b) => base(rows[a]!, rows[b]!));
  if (key === 'term') return idx.sort((a, b) => rows[a]!.termIndex - rows[b]!.termIndex || base(rows[a]!, rows[b]!));
  const keys = rows.map((r) => (key === 'left' ? leftSortKey(r.left) : rightSortKey(r.right)));
  return idx.sort((a, b) => c.compare(keys[a]!, keys[b]!) || base(rows[a]!, rows[b]!));
}
