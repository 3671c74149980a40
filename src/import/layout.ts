/**
 * Page layout analysis: pdf.js text items → lines in reading order, with the geometry that the
 * document-level structure pass (pdf-structure.ts) and the running-line clean-up need.
 *
 * The steps, after poppler's TextOutputDev and pdfminer's layout analysis (words → lines →
 * blocks → reading order of blocks), in our own simpler form:
 * 1. Text direction. Each item's direction comes from its transform, not from the page: items are
 *    grouped by direction (2° buckets) and each group is laid out in its own frame, rotated so its
 *    text runs left to right. Pages with /Rotate, upside-down text and slanted text all read in
 *    word order. The group that reads upright on the displayed page (or else the largest) is the
 *    page's main text; other groups are read as blocks where they stand on the page.
 * 2. Characters. Control characters are word boundaries (a font whose space glyph has no Unicode
 *    mapping gives U+0002), never nothing; the legacy private-use ligatures U+F001/U+F002 are fi/fl;
 *    other unmapped characters are counted so the import report can name the page.
 * 3. Lines: items whose baselines lie within half a font height, left to right.
 * 4. Gutters: a vertical strip of white space, at least 0.8 em wide (1.5 em when it runs only
 *    three or four lines), that consecutive lines leave open, with running text on both sides —
 *    the left side's lines reaching up to it, the right side's lines starting flush after it. A
 *    sweep down the lines keeps the open strips (a bounded number per line), so the work is linear
 *    in the number of items after sorting; nothing is allocated by width, so a glyph with an absurd
 *    width costs nothing.
 * 5. Reading order, per region: a gutter that spans every line of a region splits it into a left
 *    and a right part, each read on its own (recursively); otherwise the region is cut across at
 *    the ends of its longest gutter. So a title or abstract over the full width, a full-width
 *    figure or a one-column passage between two-column bands are each read where they stand, and
 *    the columns under them column by column. Lines at the top or bottom edge that stand apart
 *    (a running header or footer with text on both sides of the gutter) are read whole.
 * 6. Words inside a line: a space where items leave a visible gap; a number raised in a smaller
 *    font is a reference (footnote) mark and becomes superscript digits, glued to its word but not
 *    part of it; a bullet glyph at the start of a line is taken off as a list marker.
 */

/** A pdf.js text item as far as the layout needs it. */
export interface TextItemLike {
  str: string;
  /** [a, b, c, d, e, f]: e/f is the baseline origin, atan2(b, a) the direction, hypot(c, d) the font height. */
  transform: number[];
  /** Advance along the text direction, in page units. */
  width: number;
  height?: number;
  hasEOL?: boolean;
  fontName?: string;
}

/** The page box and its display rotation, for positions on the page as shown. */
export interface PageGeometry {
  /** [x0, y0, x1, y1] of the page in PDF user space. */
  view?: readonly number[];
  /** /Rotate of the page: 0, 90, 180 or 270. */
  rotate?: number;
}

/** One line of a laid-out page, in reading order. */
export interface LayoutLine {
  text: string;
  /** The run of lines (column, region) it belongs to; lines of one flow are consecutive. */
  flow: number;
  /** Start and end of its ink and its baseline, in the frame of its flow (points, y up). */
  x0: number;
  x1: number;
  y: number;
  /** Where the text after a list marker starts (the hanging indent); x0 without a marker. */
  textX0: number;
  /** Vertical position on the displayed page: 0 at the top edge, 1 at the bottom. */
  pos: number;
  /** Direction of its text in degrees (lines of one direction share a frame). */
  angle: number;
  /** The font size and font of most of its characters. */
  size: number;
  font: string;
  /** A list marker (bullet, dash) taken off the start of the line. */
  marker?: string;
  /** The width of the line's first word, to tell whether it would have fitted on the line before. */
  firstWord: number;
  /** The width of one space in the line's font. */
  space: number;
}

/** A laid-out page. */
export interface PageLayout {
  lines: LayoutLine[];
  /** Characters without a Unicode mapping (control and private-use characters) on the page. */
  unmapped: number;
}

/** An item placed in the frame of its direction group. */
interface Placed {
  str: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  font: string;
  /** User-space origin (for the position on the displayed page). */
  ux: number;
  uy: number;
  blank: boolean;
}

interface Line {
  y: number;
  size: number;
  items: Placed[];
}

/** A line, or the part of a line on one side of a gutter. */
interface Fragment {
  line: number;
  items: Placed[];
}

const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return 0;
  const s = Float64Array.from(xs).sort();
  return s[(s.length - 1) >> 1]!;
};

// C0/C1 controls except TAB/LF/CR (which pdf.js may use as spaces too and are read as spaces).
const CONTROL_RE = /[\u0000-\u001F\u007F-\u009F]/g;
// Legacy private-use code points of the fi and fl ligatures (Adobe Glyph List 1.x: uniF001, uniF002).
const LEGACY_LIGATURES: Readonly<Record<string, string>> = { '\uF001': 'fi', '\uF002': 'fl' };
const PRIVATE_USE_RE = /[\uE000-\uF8FF]/g;
// Symbol-font bullets (Word's Symbol and Wingdings bullets arrive in the private-use area).
const PUA_BULLETS = new Set(['\uF0B7', '\uF0A7', '\uF076', '\uF0D8', '\uF0FC', '\uF0A8', '\uF06E', '\uF0E0', '\uF0F0']);
const BULLETS = new Set(['•', '▪', '▫', '◦', '●', '○', '■', '□', '‣', '∙', '⁃', '➢', '►', '▶', '✓', '✔', '◆', '◇', '❖', '➔', '→', '·', ...PUA_BULLETS]);
// Markers that also occur in running text; they count only when set apart from the text.
const DASH_MARKERS = new Set(['-', '–', '—', '*', 'o']);
const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

// Tests (no /g): most items have neither kind of character.
const HAS_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const HAS_PRIVATE_USE = /[\uE000-\uF8FF]/;

/** Cleans an item's string: control characters → spaces, legacy ligatures spelled out. Counts the unmapped. */
function cleanItem(str: string, counter: { unmapped: number }): string {
  let s = str;
  if (HAS_CONTROL.test(s)) {
    s = s.replace(CONTROL_RE, (c) => {
      if (c !== '\t' && c !== '\n' && c !== '\r') counter.unmapped += 1;
      return ' ';
    });
  }
  if (HAS_PRIVATE_USE.test(s)) {
    s = s.replace(PRIVATE_USE_RE, (c) => {
      const lig = LEGACY_LIGATURES[c];
      if (lig) return lig;
      if (!PUA_BULLETS.has(c)) counter.unmapped += 1;
      return c;
    });
  }
  return s;
}

/** Direction of an item in whole degrees [0, 360). */
function directionOf(t: readonly number[]): number {
  if (t[1] === 0 && t[0]! > 0) return 0;
  const deg = (Math.atan2(t[1]!, t[0]!) * 180) / Math.PI;
  return ((Math.round(deg) % 360) + 360) % 360;
}

/** The page's vertical position (0 top … 1 bottom, as displayed) of a user-space point. */
function displayPosition(x: number, y: number, geometry: PageGeometry): number {
  const [vx0 = 0, vy0 = 0, vx1 = 612, vy1 = 792] = geometry.view ?? [];
  const w = vx1 - vx0 || 1;
  const h = vy1 - vy0 || 1;
  const clamp = (v: number): number => Math.min(1, Math.max(0, v));
  switch (((geometry.rotate ?? 0) % 360 + 360) % 360) {
    case 90:
      return clamp((x - vx0) / w);
    case 180:
      return clamp((y - vy0) / h);
    case 270:
      return clamp((vx1 - x) / w);
    default:
      return clamp((vy1 - y) / h);
  }
}

/**
 * Lays out one page (see the module header): lines in reading order with their flow, geometry,
 * font and list marker.
 */
export function layoutPage(items: readonly TextItemLike[], geometry: PageGeometry = {}): PageLayout {
  const counter = { unmapped: 0 };
  const [vx0 = 0, vy0 = 0, vx1 = 612, vy1 = 792] = geometry.view ?? [];
  // No item reaches further than twice the page's diagonal: a glyph with an absurd width (a
  // damaged /Widths entry) must not stretch the page's geometry.
  const reach = 2 * Math.hypot(vx1 - vx0, vy1 - vy0) || 4000;

  // 1. Items by direction.
  const groups = new Map<number, { angle: number; items: { it: TextItemLike; str: string; size: number; width: number }[]; chars: number }>();
  for (const it of items) {
    if (typeof it.str !== 'string' || it.str === '' || !Array.isArray(it.transform)) continue;
    const t = it.transform;
    if (t.length < 6 || !(Number.isFinite(t[0]) && Number.isFinite(t[1]) && Number.isFinite(t[2]) && Number.isFinite(t[3]) && Number.isFinite(t[4]) && Number.isFinite(t[5]))) continue;
    const str = cleanItem(it.str, counter);
    const size = Math.hypot(t[2]!, t[3]!) || it.height || Math.hypot(t[0]!, t[1]!) || 10;
    const width = Math.min(Number.isFinite(it.width) && it.width > 0 ? it.width : 0, reach);
    const angle = directionOf(t);
    const key = Math.round(angle / 2) % 180;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { angle, items: [], chars: 0 }));
    g.items.push({ it, str, size, width });
    g.chars += str.trim().length;
  }
  if (groups.size === 0) return { lines: [], unmapped: counter.unmapped };
  // Degenerate geometry (every item at one point): trust the stream order and hasEOL instead.
  if (sameOrigin(groups.values())) {
    const all = [...groups.values()].flatMap((g) => g.items);
    if (all.length > 1) return { lines: streamOrderLines(all.map(({ it, str, size }) => ({ ...it, str, size }))), unmapped: counter.unmapped };
  }

  const upright = ((geometry.rotate ?? 0) % 360 + 360) % 360;
  const ordered = [...groups.values()].sort((a, b) => b.chars - a.chars);
  const mainIndex = ordered.findIndex((g) => Math.abs(((g.angle - upright + 540) % 360) - 180) <= 2 && g.chars > 0);
  const main = ordered.splice(mainIndex >= 0 ? mainIndex : 0, 1)[0]!;

  let flowBase = 0;
  const layoutGroup = (g: typeof main): { lines: LayoutLine[]; top: number } => {
    const rad = (g.angle * Math.PI) / 180;
    const [cos, sin] = [Math.cos(rad), Math.sin(rad)];
    const placed: Placed[] = g.items.map(({ it, str, size, width }) => {
      const [, , , , x, y] = it.transform as [number, number, number, number, number, number];
      const u = x * cos + y * sin;
      return { str, x0: u, x1: u + width, y: -x * sin + y * cos, size, font: it.fontName ?? '', ux: x, uy: y, blank: str.trim() === '' };
    });
    const lines = orderedLines(placed, flowBase, geometry, g.angle);
    flowBase = lines.reduce((n, l) => Math.max(n, l.flow + 1), flowBase);
    return { lines, top: 0 };
  };

  const out = layoutGroup(main).lines;
  // Other directions: each read as a block, placed before the first main line that lies below it
  // on the displayed page.
  for (const g of ordered) {
    const block = layoutGroup(g).lines;
    if (block.length === 0) continue;
    const top = block.reduce((m, l) => Math.min(m, l.pos), Infinity);
    const at = out.findIndex((l) => l.pos > top);
    out.splice(at < 0 ? out.length : at, 0, ...block);
  }
  return { lines: out, unmapped: counter.unmapped };
}

/** Whether every item has its origin at one point (no usable geometry). */
function sameOrigin(groups: Iterable<{ items: { it: TextItemLike }[] }>): boolean {
  let x: number | undefined;
  let y: number | undefined;
  for (const g of groups)
    for (const { it } of g.items) {
      if (x === undefined) (x = it.transform[4]), (y = it.transform[5]);
      else if (it.transform[4] !== x || it.transform[5] !== y) return false;
    }
  return true;
}

/** Lines from the stream order and hasEOL, for items without usable positions (one line pitch apart). */
function streamOrderLines(items: readonly (TextItemLike & { size: number })[]): LayoutLine[] {
  const out: LayoutLine[] = [];
  let cur = '';
  let size = 10;
  const flush = (): void => {
    const text = cur.replace(/\s+/g, ' ').trim();
    if (text !== '') {
      const y = -out.length * 1.2 * size;
      out.push({ text, flow: 0, x0: 0, x1: text.length * 0.5 * size, y, textX0: 0, pos: 0.5, angle: 0, size, font: '', firstWord: 0, space: 0.28 * size });
    }
    cur = '';
  };
  for (const it of items) {
    cur += it.str;
    size = it.size;
    if (it.hasEOL) flush();
  }
  flush();
  return out;
}

/** Groups items into lines by baseline, top to bottom, items left to right. */
function groupLines(placed: readonly Placed[]): Line[] {
  const sorted = placed.slice().sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const lines: Line[] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line.y - item.y) <= 0.5 * Math.max(line.size, item.size)) {
      line.items.push(item);
      if (item.size > line.size && !item.blank) {
        line.size = item.size;
        line.y = item.y; // the baseline of the main text, not of a superscript
      }
    } else {
      lines.push({ y: item.y, size: item.blank ? 0.01 : item.size, items: [item] });
    }
  }
  for (const l of lines) l.items.sort((a, b) => a.x0 - b.x0);
  return lines;
}

/** A vertical strip of white space between text, over a run of lines. */
interface Strip {
  /** The strip it grew from on the line before (bookkeeping of the sweep). */
  parent?: Strip;
  x0: number;
  x1: number;
  first: number;
  last: number;
  /** Lines of the run with ink left of the strip, and right of it. */
  left: number;
  right: number;
}

/** The open (ink-free) intervals of a line within [from, to], with whether ink lies on each side. */
function whiteOf(items: readonly Placed[], from: number, to: number): { x0: number; x1: number; inkLeft: boolean; inkRight: boolean }[] {
  const out: { x0: number; x1: number; inkLeft: boolean; inkRight: boolean }[] = [];
  let at = from;
  let seenInk = false;
  for (const p of items) {
    if (p.blank) continue;
    if (p.x0 > at) out.push({ x0: at, x1: p.x0, inkLeft: seenInk, inkRight: true });
    at = Math.max(at, p.x1);
    seenInk = true;
  }
  if (to > at) out.push({ x0: at, x1: to, inkLeft: seenInk, inkRight: false });
  return out;
}

/** How many strips may stay open per white interval of a line, and how many are weighed (keeps the sweep linear). */
const STRIPS_PER_INTERVAL = 12;
const MAX_CANDIDATES = 64;
/** How many gutters a page may have (a bound on the region recursion). */
const MAX_GUTTERS = 48;

/**
 * Finds the vertical white strips that run over at least three consecutive lines (see the module
 * header). Lines are given top to bottom; `skip` lines (apart at the page edges) neither open nor
 * close strips.
 */
function findStrips(lines: readonly Line[], skip: ReadonlySet<number>, em: number): Strip[] {
  let from = Infinity;
  let to = -Infinity;
  lines.forEach((l, i) => {
    if (skip.has(i)) return;
    for (const p of l.items) if (!p.blank) (from = Math.min(from, p.x0)), (to = Math.max(to, p.x1));
  });
  if (!(to > from)) return [];
  const minWidth = 0.8 * em;
  // A gutter needs text right of a wide white stretch on at least two lines: a gap inside a line,
  // or a line that starts far in (the right column). Most single-column pages have neither.
  let starts = 0;
  for (let i = 0; i < lines.length && starts < 2; i++) {
    if (skip.has(i)) continue;
    let at = from;
    let seenInk = false;
    for (const p of lines[i]!.items) {
      if (p.blank) continue;
      if (p.x0 - at >= (seenInk ? minWidth : 5 * em)) {
        starts++;
        break;
      }
      at = Math.max(at, p.x1);
      seenInk = true;
    }
  }
  if (starts < 2) return [];
  const done: Strip[] = [];
  let active: Strip[] = [];
  const close = (s: Strip): void => {
    if (s.last - s.first >= 2) done.push(s);
  };
  for (let i = 0; i < lines.length; i++) {
    if (skip.has(i)) continue;
    const white = whiteOf(lines[i]!.items, from, to);
    const next: Strip[] = [];
    // Strips that go on at their full width; every other active strip ends here in its form so far.
    const whole = new Set<Strip>();
    let k = 0;
    for (const w of white) {
      if (w.x1 - w.x0 < minWidth) continue;
      const here: Strip[] = [];
      // Active strips are sorted by x0 and do not overlap white intervals' gaps; advance k.
      while (k < active.length && active[k]!.x1 <= w.x0) k++;
      for (let j = k; j < active.length && active[j]!.x0 < w.x1; j++) {
        const s = active[j]!;
        const x0 = Math.max(s.x0, w.x0);
        const x1 = Math.min(s.x1, w.x1);
        if (x1 - x0 < minWidth) continue;
        here.push({ parent: s, x0, x1, first: s.first, last: i, left: s.left + (w.inkLeft ? 1 : 0), right: s.right + (w.inkRight ? 1 : 0) });
      }
      here.push({ x0: w.x0, x1: w.x1, first: i, last: i, left: w.inkLeft ? 1 : 0, right: w.inkRight ? 1 : 0 });
      // Keep the longest-running few (then the widest); equal intervals keep the oldest.
      // Keep the strips no other one dominates (as old or older, and as wide or wider), oldest
      // first: a gutter that began lower down survives beside older word-space strips above it.
      if (here.length > 1) here.sort((a, b) => a.first - b.first || b.x1 - b.x0 - (a.x1 - a.x0));
      if (here.length > MAX_CANDIDATES) here.length = MAX_CANDIDATES;
      const kept: Strip[] = [];
      for (const s of here) {
        if (kept.some((t) => t.x0 <= s.x0 && t.x1 >= s.x1)) continue;
        kept.push(s);
        const from = s.parent;
        if (from && from.x0 === s.x0 && from.x1 === s.x1) whole.add(from);
        if (kept.length >= STRIPS_PER_INTERVAL) break;
      }
      if (kept.length > 1) kept.sort((a, b) => a.x0 - b.x0);
      for (const s of kept) {
        s.parent = undefined;
        next.push(s);
      }
    }
    for (const s of active) if (!whole.has(s)) close(s);
    // White intervals come left to right and each one's strips lie inside it: already in x order.
    active = next;
  }
  for (const s of active) close(s);
  return done;
}

/**
 * Keeps the strips that separate columns of running text: wide enough for their height, text on
 * both sides on at least three lines (two on one side when the other has five and those two are
 * the first of the run: the end of a column),
 * and a twelfth of the characters, a quarter of the left side's lines reaching up to it, half
 * of the right side's lines starting flush after it, and — beside a side narrower than 8 em — no
 * wider than half of that side.
 */
function gutters(strips: readonly Strip[], lines: readonly Line[], em: number): Strip[] {
  const kept: Strip[] = [];
  // Cheap tests first; the costly one only for a bounded number of the tallest candidates.
  const candidates = strips
    .filter((s) => Math.min(s.left, s.right) >= (Math.max(s.left, s.right) >= 5 ? 2 : 3) && s.x1 - s.x0 >= (s.last - s.first >= 4 ? 0.8 : 1.5) * em)
    .sort((a, b) => b.last - b.first - (a.last - a.first))
    .slice(0, 4 * MAX_GUTTERS);
  for (const s of candidates) {
    let leftChars = 0;
    let rightChars = 0;
    let leftLines = 0;
    let rightLines = 0;
    let leftFrom = Infinity;
    let rightTo = -Infinity;
    const leftEnds: number[] = [];
    const rightStarts: number[] = [];
    for (let i = s.first; i <= s.last; i++) {
      let leftEnd = -Infinity;
      let rightStart = Infinity;
      for (const p of lines[i]!.items) {
        if (p.blank) continue;
        if (p.x1 <= s.x0 + 0.01) {
          leftChars += p.str.length;
          leftEnd = Math.max(leftEnd, p.x1);
          leftFrom = Math.min(leftFrom, p.x0);
        } else if (p.x0 >= s.x1 - 0.01) {
          rightChars += p.str.length;
          rightStart = Math.min(rightStart, p.x0);
          rightTo = Math.max(rightTo, p.x1);
        }
      }
      leftEnds.push(leftEnd);
      rightStarts.push(rightStart);
      if (leftEnd > -Infinity) leftLines += 1;
      if (rightStart < Infinity) rightLines += 1;
    }
    // Lines whose text reaches up to the strip on the left, and starts flush after it on the right.
    const reachWithin = Math.max(2 * em, 0.2 * (s.x0 - leftFrom));
    const reachingAt: number[] = [];
    const flushAt: number[] = [];
    leftEnds.forEach((e, k) => e > -Infinity && s.x0 - e <= reachWithin && reachingAt.push(k));
    rightStarts.forEach((r, k) => r < Infinity && r - s.x1 <= 1.2 * em && flushAt.push(k));
    const reaching = reachingAt.length;
    const flush = flushAt.length;
    // Three lines of text against the strip on each side; or two on one side when the other has
    // five and those two are the first of the run: the end of a column, which is filled from the
    // top (wide justified word spaces that happen to line up are not).
    const fewer = Math.min(reaching, flush);
    if (fewer < 2) continue;
    if (fewer < 3) {
      const sparse = reaching < flush ? reachingAt : flushAt;
      if (Math.max(reaching, flush) < 5 || sparse.some((k, j) => k !== j)) continue;
    }
    const total = leftChars + rightChars;
    if (leftChars < total / 12 || rightChars < total / 12) continue;
    if (reaching < 0.25 * leftLines || flush < 0.5 * rightLines) continue;
    // Beside a narrow side (under 8 em), a strip wider than half of it is the space after a
    // table's label column, not a gutter between columns of running text.
    const narrow = Math.min(s.x0 - leftFrom, rightTo - s.x1);
    if (narrow < 8 * em && s.x1 - s.x0 > 0.5 * narrow) continue;
    kept.push(s);
  }
  // The longest first, so a bound keeps the ones that matter.
  kept.sort((a, b) => b.last - b.first - (a.last - a.first));
  return kept.slice(0, MAX_GUTTERS);
}

/**
 * Lines at the top and bottom edge that stand apart from the body: up to two at each edge, with a
 * gap to the next line inwards of more than twice their font height (or 1.5 times in smaller type).
 */
function apartEdges(lines: readonly Line[], bodySize: number): Set<number> {
  const apart = new Set<number>();
  const isApart = (i: number, j: number): boolean => {
    const a = lines[i]!;
    const b = lines[j];
    if (!b) return false;
    const gap = Math.abs(a.y - b.y);
    const size = Math.max(a.size, b.size);
    return gap > 2 * size || (a.size < 0.9 * bodySize && gap > 1.5 * size);
  };
  for (let i = 0; i < Math.min(2, lines.length - 1); i++) {
    if (i > 0 && !apart.has(i - 1)) break;
    if (isApart(i, i + 1)) apart.add(i);
    else break;
  }
  for (let i = lines.length - 1; i >= Math.max(1, lines.length - 2); i--) {
    if (i < lines.length - 1 && !apart.has(i + 1)) break;
    if (isApart(i, i - 1)) apart.add(i);
    else break;
  }
  return apart;
}

/** Orders a direction group's items into lines in reading order (see the module header). */
function orderedLines(placed: readonly Placed[], flowBase: number, geometry: PageGeometry, angle: number): LayoutLine[] {
  const lines = groupLines(placed).filter((l) => l.items.some((p) => !p.blank));
  const inked = placed.filter((p) => !p.blank);
  if (inked.length === 0) return [];
  const em = median(inked.map((p) => p.size)) || 10;
  const apart = apartEdges(lines, em);
  const found = gutters(findStrips(lines, apart, em), lines, em);

  const flows: Fragment[][] = [];
  const body: Fragment[] = [];
  const head: Fragment[][] = [];
  const foot: Fragment[][] = [];
  lines.forEach((l, i) => {
    const f = { line: i, items: l.items };
    if (!apart.has(i)) body.push(f);
    else if (body.length === 0) head.push([f]);
    else foot.push([f]);
  });
  flows.push(...head, ...regions(body, found), ...foot);

  const out: LayoutLine[] = [];
  flows.forEach((flow, n) => {
    for (const frag of flow) {
      const line = toLayoutLine(frag, flowBase + n, geometry, angle);
      if (line) out.push(line);
    }
  });
  return out;
}

/** Splits fragments at gutters into flows (see the module header, step 5). */
function regions(frags: readonly Fragment[], found: readonly Strip[]): Fragment[][] {
  if (frags.length === 0) return [];
  const inside = (g: Strip, f: Fragment): boolean => f.line >= g.first && f.line <= g.last;
  // A gutter matters here when fragments of its run have ink on both of its sides.
  const relevant = found.filter((g) => {
    let left = 0;
    let right = 0;
    for (const f of frags) {
      if (!inside(g, f)) continue;
      if (f.items.some((p) => !p.blank && p.x1 <= g.x0 + 0.01)) left++;
      if (f.items.some((p) => !p.blank && p.x0 >= g.x1 - 0.01)) right++;
    }
    return left > 0 && right > 0;
  });
  if (relevant.length === 0) return [frags.slice()];
  const spanning = relevant.find((g) => frags.every((f) => inside(g, f)));
  if (spanning) {
    const mid = (spanning.x0 + spanning.x1) / 2;
    const left: Fragment[] = [];
    const right: Fragment[] = [];
    for (const f of frags) {
      const l = f.items.filter((p) => (p.blank ? p.x0 < mid : p.x1 <= spanning.x0 + 0.01));
      const r = f.items.filter((p) => !l.includes(p));
      if (l.some((p) => !p.blank)) left.push({ line: f.line, items: l });
      if (r.some((p) => !p.blank)) right.push({ line: f.line, items: r });
    }
    const rest = found.filter((g) => g !== spanning);
    return [...regions(left, rest), ...regions(right, rest)];
  }
  // Cut across at the ends of the gutter that runs over the most fragments here.
  let best = relevant[0]!;
  let bestCount = -1;
  for (const g of relevant) {
    const count = frags.filter((f) => inside(g, f)).length;
    if (count > bestCount) (best = g), (bestCount = count);
  }
  const before = frags.filter((f) => f.line < best.first);
  const within = frags.filter((f) => inside(best, f));
  const after = frags.filter((f) => f.line > best.last);
  return [...regions(before, found), ...regions(within, found), ...regions(after, found)];
}

/** A list marker at the start of a line: a bullet glyph, or a dash set apart from the text after it. */
function markerOf(ink: readonly Placed[], size: number): { marker: string; rest: string } | undefined {
  const first = ink[0]!;
  const str = first.str;
  let i = 0;
  while (i < str.length && (str[i] === ' ' || str[i] === '\u00A0')) i++;
  const sym = str[i];
  if (sym === undefined || (!BULLETS.has(sym) && !DASH_MARKERS.has(sym))) return undefined;
  let j = i + 1;
  while (j < str.length && /\s/.test(str[j]!)) j++;
  const rest = str.slice(j);
  const spaced = j > i + 1;
  const next = ink[1];
  if (BULLETS.has(sym) && (rest !== '' ? spaced : next !== undefined)) return { marker: sym, rest };
  if (DASH_MARKERS.has(sym) && rest === '' && next !== undefined && next.x0 - first.x1 > 0.25 * size) return { marker: sym, rest: '' };
  return undefined;
}

/** Whether a string has two spaces in a row or white space other than a space (a loop: most lines have neither). */
function hasOddSpace(s: string): boolean {
  let prevSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return true;
      prevSpace = true;
    } else if (c < 32 || c === 0xa0 || c === 0x85 || (c >= 0x1680 && /\s/.test(s[i]!))) return true;
    else prevSpace = false;
  }
  return false;
}
const REFERENCE_RE = /^\d{1,3}(?:[,–-]\d{1,3})*$/;

/** Builds the text and geometry of one fragment (see the module header, step 6). */
function toLayoutLine(frag: Fragment, flow: number, geometry: PageGeometry, angle: number): LayoutLine | undefined {
  const items = frag.items;
  const ink: Placed[] = [];
  for (const p of items) if (!p.blank) ink.push(p);
  if (ink.length === 0) return undefined;
  // The dominant size and font by characters (lines hold a handful of items: arrays beat maps).
  const sizes: number[] = [];
  const sizeChars: number[] = [];
  const fonts: string[] = [];
  const fontChars: number[] = [];
  let x1 = -Infinity;
  for (const p of ink) {
    const n = p.str.length;
    const key = Math.round(p.size * 10) / 10;
    let k = sizes.indexOf(key);
    if (k < 0) k = sizes.push(key) - 1;
    sizeChars[k] = (sizeChars[k] ?? 0) + n;
    let f = fonts.indexOf(p.font);
    if (f < 0) f = fonts.push(p.font) - 1;
    fontChars[f] = (fontChars[f] ?? 0) + n;
    if (p.x1 > x1) x1 = p.x1;
  }
  let best = 0;
  for (let k = 1; k < sizes.length; k++) if (sizeChars[k]! > sizeChars[best]! || (sizeChars[k] === sizeChars[best] && sizes[k]! > sizes[best]!)) best = k;
  const size = sizes[best]!;
  best = 0;
  for (let f = 1; f < fonts.length; f++) if (fontChars[f]! > fontChars[best]!) best = f;
  const font = fonts[best]!;
  let baseItem = ink[0]!;
  for (const p of ink) if (Math.abs(p.size - size) < Math.abs(baseItem.size - size)) baseItem = p;
  const baseline = baseItem.y;

  const found = markerOf(ink, size);
  const markerItem = found ? ink[0] : undefined;
  let text = '';
  let prev: Placed | undefined;
  for (const it of items) {
    let str = it === markerItem ? found!.rest : it.str;
    if (str === '') continue;
    const isRef = !it.blank && it.size < 0.85 * size && it.y - baseline > 0.15 * size && REFERENCE_RE.test(str.trim());
    if (isRef) str = str.trim().replace(/\d/g, (d) => SUPERSCRIPT_DIGITS[Number(d)]!);
    if (prev) {
      // Fake bold: the same string drawn twice at (almost) the same place.
      if (it.str === prev.str && Math.abs(it.x0 - prev.x0) < 0.2 * it.size) continue;
      const gap = it.x0 - prev.x1;
      const glued = isRef && gap < 0.3 * size;
      if (!glued && gap > 0.15 * Math.min(it.size, prev.size) && !text.endsWith(' ') && !str.startsWith(' ')) text += ' ';
    }
    text += str;
    prev = it;
  }
  // Runs of spaces (and other white space) to one space; most lines have none.
  if (hasOddSpace(text)) text = text.replace(/\s+/g, ' ');
  text = text.trim();
  if (text === '') return undefined;
  const x0 = ink[0]!.x0;
  // Where the text starts after a marker, and its first word's width (by its item's share of characters).
  const firstText = found && found.rest === '' ? ink[1]! : ink[0]!;
  const firstStr = firstText === markerItem ? found!.rest : firstText.str;
  const word = /^\s*(\S+)/.exec(firstStr)?.[1] ?? firstStr;
  const perChar = (firstText.x1 - firstText.x0) / Math.max(1, firstText.str.length);
  const textX0 = firstText === markerItem ? firstText.x1 - perChar * firstStr.length : firstText.x0;
  const line: LayoutLine = {
    text,
    flow,
    x0,
    x1,
    y: baseline,
    textX0,
    pos: displayPosition(ink[0]!.ux, ink[0]!.uy, geometry),
    angle,
    size,
    font,
    firstWord: perChar * word.length,
    space: 0.28 * size,
  };
  if (found) line.marker = found.marker;
  return line;
}
