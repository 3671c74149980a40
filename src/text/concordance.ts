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

/** Collapses whitespace runs to one space and joins line-end hyphenations. */
export function collapseWhitespace(s: string): string {
  return s.replace(HYPHEN_BREAK, '$1$2').replace(/\s+/g, ' ');
}

/** Builds the KWIC row of the range [start, end) of a text. */
export function kwic(text: string, start: number, end: number, options: KwicOptions = {}): KwicRow {
  const width = Math.max(0, options.width ?? DEFAULT_KWIC_WIDTH);
  // Read generously around the match: collapsing whitespace shortens the text.
  const reach = width * 3 + 32;
  const leftRaw = text.slice(Math.max(0, start - reach), start);
  const rightRaw = text.slice(end, end + reach);
  const leftTruncated = start - reach > 0;
  const rightTruncated = end + reach < text.length;
  return {
    left: cutLeft(collapseWhitespace(leftRaw), width, leftTruncated),
    match: collapseWhitespace(text.slice(start, end)),
    right: cutRight(collapseWhitespace(rightRaw), width, rightTruncated),
  };
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
