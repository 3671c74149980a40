/**
 * Page clean-up before structure and normalisation: removes running headers and footers.
 *
 * Policy (deliberately conservative — a wrongly removed line loses text a user may want to cite):
 * - Candidates are the two topmost and two bottommost lines of a page — by their position on the
 *   displayed page where the layout gives one (a footer that the reading order put after the first
 *   column is still at the bottom), else the first and last two non-blank lines — and, with
 *   positions, only lines in the outer fifth of the page.
 * - Lines are compared with page numbers stripped: digits, and a roman numeral at either end, read
 *   as "#"; spacing and case folded; top and bottom apart.
 * - A candidate is a running line when the same line is a candidate on at least three pages and on
 *   at least half of all pages, or on at least half of the odd (or the even) pages with nearly all
 *   its occurrences there: books print the title on left pages and the chapter on right ones, and
 *   leave both off chapter openings, so each is on fewer than half of the pages.
 * - A line set larger than the body text is a heading, never a running line.
 * - A page is never emptied: lines that are all there is on a page are body text. Where a running
 *   line is removed, the paragraph gap next to it goes too.
 * Every removed line is reported with its page and edge (ImportReport.removed), so the import
 * report can show it and the user can have it back (re-extraction with `keepRunningLines`).
 */
import type { RemovedLine } from '../model/document.ts';

/** A line with its vertical position on the displayed page (0 top … 1 bottom) and font size, when known. */
export interface PositionedLine {
  text: string;
  pos?: number;
  size?: number;
}

type AnyLine = string | PositionedLine;

/** A page of lines for the clean-up. */
export interface CleanupPage<L extends AnyLine> {
  index: number;
  lines: readonly L[];
}

/** Pages without their running headers and footers, and the lines that were removed. */
export interface PageCleanupResult<P> {
  pages: P[];
  /** The removed lines' text, in page order. */
  removedLines: string[];
  /** The removed lines with their page and edge, for the import report and its undo. */
  removed: RemovedLine[];
}

function textOf(l: AnyLine): string {
  return typeof l === 'string' ? l : l.text;
}
function sizeOf(l: AnyLine): number | undefined {
  return typeof l === 'string' ? undefined : l.size;
}
function posOf(l: AnyLine): number | undefined {
  return typeof l === 'string' ? undefined : l.pos;
}

/** How a line is compared across pages: page numbers (digits, roman numerals at an end) as "#", spacing and case folded. */
export function runningKey(line: string): string {
  const words = line.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase().split(' ');
  const last = words.length - 1;
  if (ROMAN.test(words[0]!)) words[0] = '#';
  if (last > 0 && ROMAN.test(words[last]!)) words[last] = '#';
  return words.join(' ');
}

// A roman numeral up to 399 (page numbers of front matter), lower or upper case.
const ROMAN = /^(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$/;

const CANDIDATES_PER_EDGE = 2;
/** With positions, candidates lie within this share of the page height from its edge. */
const EDGE_ZONE = 0.2;

/** The candidate lines of a page: indexes of its top and bottom lines. */
function candidatesOf(lines: readonly AnyLine[]): { top: number[]; bottom: number[] } {
  const n = lines.length;
  let positioned = n > 0;
  for (let i = 0; i < n; i++) if (posOf(lines[i]!) === undefined) positioned = false;
  if (!positioned) {
    const nonBlank: number[] = [];
    for (let i = 0; i < n; i++) if (textOf(lines[i]!).trim() !== '') nonBlank.push(i);
    const top = nonBlank.slice(0, CANDIDATES_PER_EDGE);
    return { top, bottom: nonBlank.slice(-CANDIDATES_PER_EDGE).filter((i) => !top.includes(i)) };
  }
  // The two topmost and two bottommost lines by position, in one pass (ties: reading order).
  let t1 = -1;
  let t2 = -1;
  let b1 = -1;
  let b2 = -1;
  const pos = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    if (textOf(l) === '') continue;
    const p = (pos[i] = posOf(l)!);
    if (t1 < 0 || p < pos[t1]!) (t2 = t1), (t1 = i);
    else if (t2 < 0 || p < pos[t2]!) t2 = i;
    if (b1 < 0 || p >= pos[b1]!) (b2 = b1), (b1 = i);
    else if (b2 < 0 || p >= pos[b2]!) b2 = i;
  }
  const top = [t1, t2].filter((i) => i >= 0 && pos[i]! <= EDGE_ZONE);
  const bottom = [b2, b1].filter((i) => i >= 0 && pos[i]! >= 1 - EDGE_ZONE && !top.includes(i));
  return { top, bottom };
}

/** Removes running headers and footers (see the module header) from a document's pages. */
export function removeRunningLines<L extends AnyLine, P extends CleanupPage<L>>(pages: readonly P[]): PageCleanupResult<P> {
  if (pages.length < 3) return { pages: [...pages], removedLines: [], removed: [] };

  // Running lines are not set larger than the body text: a larger line is a heading.
  const bySize = new Map<number, number>();
  for (const p of pages)
    for (const l of p.lines) {
      const size = sizeOf(l);
      if (size !== undefined) bySize.set(size, (bySize.get(size) ?? 0) + textOf(l).length);
    }
  const bodySize = [...bySize].sort((a, b) => b[1] - a[1])[0]?.[0];
  const tooLarge = (l: AnyLine): boolean => bodySize !== undefined && (sizeOf(l) ?? 0) > 1.15 * bodySize;

  const keys = new Map<string, string>();
  const keyOf = (text: string): string => {
    let k = keys.get(text);
    if (k === undefined) keys.set(text, (k = runningKey(text)));
    return k;
  };

  // Per key: the pages it is a candidate on, by parity.
  const seen = new Map<string, { all: number; odd: number; even: number }>();
  const candidates = pages.map((p) => {
    const { top, bottom } = candidatesOf(p.lines);
    const keyed = [...top.map((i) => [i, 't'] as const), ...bottom.map((i) => [i, 'b'] as const)].filter(([i]) => !tooLarge(p.lines[i]!)).map(([i, edge]) => ({ i, key: `${edge}:${keyOf(textOf(p.lines[i]!))}` }));
    for (const key of new Set(keyed.map((k) => k.key))) {
      const n = seen.get(key) ?? { all: 0, odd: 0, even: 0 };
      n.all += 1;
      if (p.index % 2 === 1) n.odd += 1;
      else n.even += 1;
      seen.set(key, n);
    }
    return keyed;
  });
  const oddPages = pages.filter((p) => p.index % 2 === 1).length;
  const evenPages = pages.length - oddPages;
  const isRunning = (key: string): boolean => {
    const n = seen.get(key);
    if (!n || n.all < 3 || key.slice(2).trim() === '') return false;
    if (n.all >= pages.length / 2) return true;
    // One side of a spread: on half of its pages, and (nearly) never on the other side.
    if (n.odd >= oddPages / 2 && n.odd >= 0.8 * n.all) return true;
    if (n.even >= evenPages / 2 && n.even >= 0.8 * n.all) return true;
    return false;
  };

  const removed: RemovedLine[] = [];
  const cleaned = pages.map((p, pageNo) => {
    const drop = new Set(candidates[pageNo]!.filter((c) => isRunning(c.key)).map((c) => c.i));
    if (drop.size === 0) return p;
    // A page is never emptied: lines that are all there is on a page are body text.
    const body = p.lines.filter((l, i) => textOf(l).trim() !== '' && !drop.has(i)).length;
    if (body === 0) return p;
    const lines: L[] = [];
    const edgeOf = new Map(candidates[pageNo]!.map((c) => [c.i, c.key.startsWith('t:') ? ('top' as const) : ('bottom' as const)]));
    p.lines.forEach((line, i) => {
      if (!drop.has(i)) lines.push(line);
      else removed.push({ page: p.index, edge: edgeOf.get(i) ?? 'bottom', text: textOf(line).trim() });
    });
    // The gaps that separated the running lines from the body are not paragraph breaks.
    while (lines.length > 0 && textOf(lines[0]!).trim() === '') lines.shift();
    while (lines.length > 0 && textOf(lines[lines.length - 1]!).trim() === '') lines.pop();
    return { ...p, lines };
  });
  return { pages: cleaned, removedLines: removed.map((r) => r.text), removed };
}
