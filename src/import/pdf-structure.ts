/**
 * Block structure of a PDF from typographic evidence: which line starts a paragraph, a heading or
 * a list item, and which line continues the one before — decided over the whole document, after
 * the layout (layout.ts) and the running-line clean-up (page-cleanup.ts).
 *
 * Policy: a block boundary needs evidence, and a sentence that visibly goes on is never cut.
 * - A line continues the one before when the sentence goes on (the line before has no closing
 *   . ! ? … and this one starts in lower case) — whatever the gap, page or column between them:
 *   double-spaced text, a paragraph across a page or column break, a wrapped list item.
 * - Otherwise a new block starts at: a list marker (taken off by the layout; "1." and "a)" stay as
 *   text); a change of font size; a vertical gap clearly larger than the flow's line pitch; a first
 *   line indented from the flow's left edge after a finished sentence; a finished sentence on a
 *   line that ends short (the next line's first word would have fitted on it) before a capital; a
 *   line in a font other than the body's after which the body font resumes; a short line standing
 *   alone, without closing punctuation, before a capital.
 * - A block is a heading when it is at most three lines, has no closing . , ; : and starts with a
 *   capital or number, and has typographic evidence: a larger size than the body, a font other
 *   than the body's throughout, numbering ("2.5 Publiek"), or it stands alone — one line filling
 *   less than 60 % of its column, between a gap or the start of a flow and a line that starts a
 *   sentence after a gap or a line break by choice. Line length alone never makes a heading.
 * - A line-end hyphen that pdf.js does not report (a glyph mapped to U+00AD, which pdf.js drops)
 *   is put back as a soft hyphen, so the normaliser joins the word and lists the join: where a
 *   line of a justified (not monospaced) block ends short of the right edge by about a hyphen's
 *   width before a lower-case continuation — the gap the hyphen left on the page — and, in a
 *   document that shows such gaps, also where the joined word occurs elsewhere in the document and
 *   one of its halves does not. A line end without such evidence stays a word break, so text that
 *   shows no hyphen is never joined on a guess.
 */
import type { LineRole, PageLines } from '../text/normalise.ts';
import type { LayoutLine } from './layout.ts';

/** A page of laid-out lines, with its label. */
export interface LaidOutPage {
  index: number;
  label: string;
  lines: readonly LayoutLine[];
}

/** Geometry of one flow (a column or region) of a page. */
interface FlowGeometry {
  left: number;
  right: number;
  pitch: number;
  lines: number;
}

type Break = 'none' | 'weak' | 'strong' | 'list';

// A sentence closes with . ! ? … (a clause also with :), before closing quotes and brackets; it
// opens after opening ones.
const CLOSERS = '"\'’”)]';
const OPENERS = '"\'‘“([';
const NUMBERED_HEADING = /^(?:\d+(?:\.\d+)*\.?|[IVX]+\.|[A-Z]\.)\s+\p{L}/u;
const NUMBERED_ITEM = /^(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s+\S/u;

const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return 0;
  const s = Float64Array.from(xs).sort();
  return s[(s.length - 1) >> 1]!;
};

/** The size and font most of the document's characters are set in. */
function bodyOf(pages: readonly LaidOutPage[]): { size: number; font: string } {
  const bySize = new Map<number, number>();
  const byFont = new Map<string, number>();
  for (const p of pages)
    for (const l of p.lines) {
      const key = Math.round(l.size * 10) / 10;
      bySize.set(key, (bySize.get(key) ?? 0) + l.text.length);
      byFont.set(l.font, (byFont.get(l.font) ?? 0) + l.text.length);
    }
  const size = [...bySize].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
  const font = [...byFont].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  return { size, font };
}

function geometryOf(lines: readonly LayoutLine[]): FlowGeometry {
  let left = Infinity;
  let right = -Infinity;
  const gaps: number[] = [];
  // The left edge is the most common start of a line (indented first lines do not move it).
  const starts = new Map<number, number>();
  lines.forEach((l, i) => {
    const key = Math.round(l.x0);
    starts.set(key, (starts.get(key) ?? 0) + 1);
    left = Math.min(left, l.x0);
    right = Math.max(right, l.x1);
    if (i > 0) {
      const gap = lines[i - 1]!.y - l.y;
      if (gap > 0.5 * l.size && gap < 3 * l.size) gaps.push(gap);
    }
  });
  const common = [...starts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  if (common && common[1] >= 2) left = Math.max(left, common[0] - 0.5);
  const pitch = gaps.length ? median(gaps) : 1.2 * median(lines.map((l) => l.size));
  return { left, right, pitch, lines: lines.length };
}

/**
 * Whether a block is set in a monospaced font: every line has the same width per character. A
 * line of such text that ends one character short of the edge is a word wrap, not a lost hyphen.
 */
function isMonospace(block: readonly Placed[]): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (const { line } of block) {
    if (line.text.length < 10) continue;
    const per = (line.x1 - line.x0) / line.text.length;
    lo = Math.min(lo, per);
    hi = Math.max(hi, per);
  }
  return hi > 0 && hi <= lo * 1.01;
}

/**
 * Whether a block is set justified: nearly all lines but the last end within 0.75 em of their
 * flow's right edge, and many exactly there (ragged-right text ends all over the place).
 */
function isJustified(block: readonly Placed[]): boolean {
  const inner = block.slice(0, -1);
  if (inner.length < 3) return false;
  const gap = (p: Placed): number => (p.flow.right - p.line.x1) / p.line.size;
  const near = inner.filter((p) => gap(p) <= 0.75).length;
  const exact = inner.filter((p) => gap(p) <= 0.1).length;
  return near >= 0.8 * inner.length && exact >= 0.4 * inner.length;
}

/**
 * Whether the first word of `b` would have fitted at the end of `a` (so `a` ends by choice), with
 * an em to spare: the word's width is estimated from its item's average character width.
 */
function endsShort(a: LayoutLine, b: LayoutLine, flow: FlowGeometry): boolean {
  return a.x1 + a.space + b.firstWord < flow.right - a.size;
}

/** Whether a line fills less than 60 % of its flow's width (a heading's length, not a paragraph end's). */
function isShortLine(a: LayoutLine, flow: FlowGeometry): boolean {
  return a.x1 - flow.left < 0.6 * (flow.right - flow.left);
}

/** Words of the document for the dropped-hyphen evidence: every word not at a line end or start. */
function vocabulary(pages: readonly LaidOutPage[]): Set<string> {
  const words = new Set<string>();
  for (const p of pages)
    for (const l of p.lines) {
      const tokens = l.text.toLowerCase().match(/\p{L}+/gu) ?? [];
      for (let i = 1; i < tokens.length - 1; i++) words.add(tokens[i]!);
    }
  return words;
}

interface Placed {
  line: LayoutLine;
  page: number;
  flow: FlowGeometry;
  /** Index of the line in its flow. */
  at: number;
}

/**
 * Decides the block structure of laid-out pages (see the module header) and returns them as the
 * normaliser's page lines with a role per line.
 */
export function structurePages(pages: readonly LaidOutPage[]): PageLines[] {
  const body = bodyOf(pages);
  const sameSize = (a: number, b: number): boolean => Math.abs(a - b) < Math.max(0.5, 0.06 * body.size);

  // Every line in reading order with its flow's geometry.
  const seq: Placed[] = [];
  for (let pageNo = 0; pageNo < pages.length; pageNo++) {
    const lines = pages[pageNo]!.lines;
    let start = 0;
    for (let i = 1; i <= lines.length; i++) {
      if (i < lines.length && lines[i]!.flow === lines[start]!.flow) continue;
      const flowLines = lines.slice(start, i);
      const geometry = geometryOf(flowLines);
      for (let at = 0; at < flowLines.length; at++) seq.push({ line: flowLines[at]!, page: pageNo, flow: geometry, at });
      start = i;
    }
  }

  // What each line's text says, tested once per line.
  const n = seq.length;
  const closesSentence = new Uint8Array(n);
  const closesClause = new Uint8Array(n);
  const terminal = new Uint8Array(n);
  const startsLower = new Uint8Array(n);
  const startsSentence = new Uint8Array(n);
  const numbered = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = seq[i]!.line.text;
    // By the last character before closing quotes and brackets, and the first after opening
    // ones: character tests, not a regular expression per line (this runs on every line).
    let e = t.length - 1;
    while (e > 0 && CLOSERS.includes(t[e]!)) e--;
    const last = t[e] ?? '';
    closesSentence[i] = '.!?…'.includes(last) ? 1 : 0;
    closesClause[i] = closesSentence[i] || last === ':' ? 1 : 0;
    terminal[i] = '.,;:'.includes(last) ? 1 : 0;
    let b = 0;
    while (b < t.length - 1 && OPENERS.includes(t[b]!)) b++;
    const first = t.charCodeAt(b) >= 0xd800 && t.charCodeAt(b) <= 0xdbff ? t.slice(b, b + 2) : (t[b] ?? '');
    const upper = first.toUpperCase();
    const lower = first.toLowerCase();
    startsLower[i] = first === lower && first !== upper ? 1 : 0;
    startsSentence[i] = (first === upper && first !== lower) || (first >= '0' && first <= '9') || (upper === lower && /\p{Lt}|\p{N}/u.test(first)) ? 1 : 0;
    numbered[i] = /^[\da-z]/.test(t) && NUMBERED_ITEM.test(t) ? 1 : 0;
  }

  // Block boundaries.
  const breaks: Break[] = new Array<Break>(n).fill('strong');
  let listTextX0: number | undefined; // the hanging indent of the open list item
  let blockStart = 0;
  for (let i = 1; i < seq.length; i++) {
    const A = seq[i - 1]!;
    const B = seq[i]!;
    const a = A.line;
    const b = B.line;
    const sameFlow = B.page === A.page && B.at === A.at + 1;
    let kind: Break;
    const goesOn = !closesSentence[i - 1] && startsLower[i];
    if (b.marker !== undefined) kind = 'list';
    else if (!sameSize(a.size, b.size)) kind = 'strong';
    else if (goesOn) kind = 'none';
    else if (sameFlow) {
      const gap = a.y - b.y;
      const pitch = B.flow.pitch;
      if (gap > 1.3 * pitch && gap - pitch > 0.33 * b.size) kind = 'strong';
      else if (listTextX0 !== undefined && Math.abs(b.x0 - listTextX0) < 0.6 * b.size) kind = 'none';
      else if (numbered[i] && (closesClause[i - 1] || /[;,]$/.test(a.text) || listTextX0 !== undefined)) kind = 'list';
      else if (closesClause[i - 1] && b.x0 - B.flow.left > 0.8 * b.size && b.x0 - B.flow.left < 12 * b.size) kind = 'weak';
      else if (closesClause[i - 1] && endsShort(a, b, A.flow) && startsSentence[i]) kind = 'weak';
      else if (a.font !== b.font && a.font !== body.font && b.font === body.font && !terminal[i - 1] && startsSentence[i]) kind = 'weak';
      else if (i - 1 === blockStart && !terminal[i - 1] && startsSentence[i - 1] && isShortLine(a, A.flow) && endsShort(a, b, A.flow) && startsSentence[i]) kind = 'weak';
      else kind = 'none';
    } else {
      // The next column or page: the paragraph goes on unless it visibly ended. A flow of a line
      // or two says little about its own width; the next flow's width stands in.
      const right = A.flow.lines < 3 ? Math.max(A.flow.right, A.flow.left + (B.flow.right - B.flow.left)) : A.flow.right;
      const aEndsShort = a.x1 + a.space + b.firstWord < right - a.size;
      // A flow right under the one before (not the top of the next column): its gap counts.
      const below = B.page === A.page && b.angle === a.angle && b.y < a.y && b.x0 < a.x1 && a.x0 < b.x1;
      const gapped = below && a.y - b.y > 1.8 * Math.max(a.size, b.size);
      const bIndented = b.x0 - B.flow.left > 0.8 * b.size && b.x0 - B.flow.left < 12 * b.size;
      if (gapped) kind = 'strong';
      else if (closesClause[i - 1] && (aEndsShort || bIndented) && startsSentence[i]) kind = 'weak';
      else if (numbered[i] && listTextX0 !== undefined) kind = 'list';
      else if (!closesClause[i - 1] || !startsSentence[i] || !aEndsShort) kind = 'none';
      else kind = 'weak';
    }
    breaks[i] = kind;
    if (kind !== 'none') blockStart = i;
    if (kind === 'list') listTextX0 = b.marker !== undefined ? b.textX0 : b.x0 + (/^\S+\s/.exec(b.text)?.[0].length ?? 0) * (b.firstWord / Math.max(1, /^\S+/.exec(b.text)?.[0].length ?? 1));
    else if (kind !== 'none') listTextX0 = undefined;
  }

  // Blocks and their kinds.
  const roles: LineRole[] = new Array<LineRole>(n).fill('continue');
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && breaks[end] === 'none') end++;
    roles[start] = breaks[start] === 'list' ? 'list-item' : isHeading(start, end) ? 'heading' : 'paragraph';
    start = end;
  }

  function isHeading(start: number, end: number): boolean {
    if (end - start > 3 || terminal[end - 1] || !startsSentence[start]) return false;
    const lines = seq.slice(start, end).map((p) => p.line);
    const text = lines.map((l) => l.text).join(' ');
    if (text.length > 200 || !/\p{L}/u.test(text)) return false;
    const size = lines[0]!.size;
    if (size < 0.95 * body.size) return false;
    if (size >= 1.12 * body.size && size >= body.size + 1) return true;
    if (lines.every((l) => l.font !== body.font)) return true;
    const next = seq[end];
    const followedByBreak = next === undefined || breaks[end] === 'strong' || (next.line.font !== lines[lines.length - 1]!.font && startsSentence[end] === 1);
    if (NUMBERED_HEADING.test(text) && lines.length === 1 && (followedByBreak || startsSentence[end] === 1)) return true;
    // Standing alone: one line after a gap or at the start of a flow, before a sentence start.
    const aloneBefore = breaks[start] === 'strong' || seq[start]!.at === 0;
    return (
      lines.length === 1 &&
      aloneBefore &&
      next !== undefined &&
      breaks[end] !== 'list' &&
      startsSentence[end] === 1 &&
      isShortLine(lines[0]!, seq[start]!.flow) &&
      (breaks[end] === 'strong' || endsShort(lines[0]!, next.line, seq[start]!.flow))
    );
  }

  // Line-end hyphens pdf.js dropped: where the page shows the gap a hyphen left at the end of a
  // justified line; then, in a document that shows such gaps, also where its own words say so.
  const texts = seq.map((p) => p.line.text);
  const candidates: number[] = [];
  const dropped = new Set<number>();
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && roles[end] === 'continue') end++;
    let justified: boolean | undefined;
    for (let i = start + 1; i < end; i++) {
      const A = seq[i - 1]!;
      const a = A.line;
      const last = a.text[a.text.length - 1] ?? '';
      if (!startsLower[i] || last.toLowerCase() === last.toUpperCase()) continue;
      candidates.push(i - 1);
      const sameFlow = seq[i]!.page === A.page && seq[i]!.at === A.at + 1;
      const short = A.flow.right - a.x1;
      if (!sameFlow || short <= 0.12 * a.size || short >= 0.7 * a.size) continue;
      if (justified === undefined) {
        const block = seq.slice(start, end);
        justified = isJustified(block) && !isMonospace(block);
      }
      if (justified) dropped.add(i - 1);
    }
    start = end;
  }
  if (dropped.size > 0) {
    const words = vocabulary(pages);
    for (const i of candidates) {
      if (dropped.has(i)) continue;
      const head = (/\p{L}+$/u.exec(texts[i]!)?.[0] ?? '').toLowerCase();
      const tail = (/^\p{L}+/u.exec(texts[i + 1]!)?.[0] ?? '').toLowerCase();
      if (head !== '' && tail !== '' && words.has(head + tail) && (!words.has(head) || !words.has(tail))) dropped.add(i);
    }
  }
  for (const i of dropped) texts[i] = texts[i] + '\u00AD';

  // Back to pages.
  const out: PageLines[] = pages.map((p) => ({ index: p.index, label: p.label, lines: [] as string[], roles: [] as LineRole[] }));
  seq.forEach((p, i) => {
    const page = out[p.page]!;
    (page.lines as string[]).push(texts[i]!);
    (page.roles as LineRole[]).push(roles[i]!);
  });
  return out;
}
