/**
 * The one pdf.js adapter: PDF bytes → lines of text per page, page labels and title.
 *
 * pdf.js is loaded by a platform module (`pdf-node.ts` with the legacy build for the CLI and tests,
 * `pdf-browser.ts` with a real Web Worker for the app); both hand their loader to
 * {@link createPdfTextSource}, so reading order, line building and error mapping are the same
 * everywhere.
 *
 * Lines are rebuilt from text items by geometry, not by content-stream order: items whose baselines
 * lie within half a font height form one line, lines are sorted top to bottom and items left to
 * right, and a space is inserted where items leave a visible gap. A vertical gap clearly larger
 * than the page's usual line pitch becomes an empty line, which the normaliser reads as a
 * paragraph break. Pages set in columns are read column by column (see `findGutter`); running
 * headers and footers are removed later (page-cleanup.ts).
 *
 * Security and privacy: `isEvalSupported: false` always; pdf.js never fetches anything over the
 * network — the platform module supplies CMaps and standard fonts from the bundle or disk.
 */
import type { ImportFailureReason } from '../model/result.ts';

/** The text of one PDF page as lines in reading order; '' marks a paragraph gap. */
export interface PdfPageText {
  /** 1-based page number. */
  index: number;
  lines: string[];
}

/** What a PDF yields for import. */
export interface PdfExtraction {
  pageCount: number;
  pages: PdfPageText[];
  /** The document's page labels (one per page) or null when it defines none. */
  pageLabels: (string | null)[] | null;
  /** The Title from the document information dictionary (or XMP dc:title), if any. */
  title?: string;
  /** The year of the document's CreationDate, if it has a plausible one. */
  year?: number;
}

/** Reports progress: `page` pages of `pageCount` are done. */
export type PdfProgress = (page: number, pageCount: number) => void;

/**
 * Extracts text from PDF bytes. Rejects with a {@link PdfTextError} for files that cannot be read
 * ('encrypted', 'corrupt', 'no-text', 'read-error'), and with the signal's reason when aborted.
 */
export interface PdfTextSource {
  extract(bytes: Uint8Array, onProgress?: PdfProgress, signal?: AbortSignal): Promise<PdfExtraction>;
}

/** The reasons a PDF can fail to give text. */
export type PdfFailureReason = Extract<ImportFailureReason, 'encrypted' | 'corrupt' | 'no-text' | 'read-error'>;

/** A PDF that could not be read, with the reason the user will see. */
export class PdfTextError extends Error {
  override readonly name = 'PdfTextError';
  constructor(
    readonly reason: PdfFailureReason,
    readonly detail?: string,
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
  }
}

/** A pdf.js text item as far as line building needs it. */
export interface TextItemLike {
  str: string;
  /** [a, b, c, d, e, f]: e/f is the baseline origin, hypot(c, d) the font height. */
  transform: number[];
  width: number;
  height?: number;
  hasEOL?: boolean;
}

interface PlacedItem {
  str: string;
  x: number;
  y: number;
  end: number;
  size: number;
}

interface Line {
  y: number;
  size: number;
  items: PlacedItem[];
}

const median = (xs: number[]): number => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor((s.length - 1) / 2)]!;
};

/**
 * Rebuilds the text lines of one page from pdf.js text items (see the module header). Returns the
 * lines in reading order with '' where a paragraph gap is; whitespace-only lines are dropped. On a
 * page set in columns each column is read top to bottom, left column first (see findGutter).
 */
export function linesFromItems(items: readonly TextItemLike[]): string[] {
  const placed: PlacedItem[] = [];
  for (const it of items) {
    if (typeof it.str !== 'string' || it.str === '') continue;
    const [, , c = 0, d = 0, x = 0, y = 0] = it.transform;
    const size = Math.hypot(c, d) || it.height || 10;
    placed.push({ str: it.str, x, y, end: x + (it.width || 0), size });
  }
  if (placed.length === 0) return [];
  // Degenerate geometry (all items at one point): trust the stream order and hasEOL instead.
  if (placed.every((p) => p.x === placed[0]!.x && p.y === placed[0]!.y) && placed.length > 1) {
    return streamOrderLines(items);
  }

  const flows = readingFlows(placed, 0);
  const all = flows.flat();
  const pitch = linePitch(flows);
  const out: string[] = [];
  let previous: Line | undefined;
  for (const flow of flows) {
    for (const line of flow) {
      const text = lineText(line);
      if (text.trim() === '') continue;
      if (previous && out.length > 0 && out[out.length - 1] !== '') {
        // A paragraph gap: clearly more than the usual pitch (30 % and a third of a line height).
        // Going up (to the top of the next column) is never a gap.
        const gap = previous.y - line.y;
        if (gap > 1.3 * pitch && gap - pitch > 0.33 * line.size) out.push('');
      }
      out.push(text);
      previous = line;
    }
  }
  return all.length === 0 ? [] : out;
}

/** Groups items into lines by baseline, top to bottom (items stay in placement order). */
function groupLines(placed: readonly PlacedItem[]): Line[] {
  const sorted = placed.slice().sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line.y - item.y) <= 0.5 * Math.max(line.size, item.size)) {
      line.items.push(item);
      if (item.size > line.size) {
        line.size = item.size;
        line.y = item.y; // the baseline of the main text, not of a superscript
      }
    } else {
      lines.push({ y: item.y, size: item.size, items: [item] });
    }
  }
  return lines;
}

/** The usual distance between consecutive lines of the same flow. */
function linePitch(flows: readonly Line[][]): number {
  const pitches: number[] = [];
  for (const lines of flows) {
    for (let i = 1; i < lines.length; i++) {
      const gap = lines[i - 1]!.y - lines[i]!.y;
      if (gap > 0.5 * lines[i]!.size && gap < 3 * lines[i]!.size) pitches.push(gap);
    }
  }
  return pitches.length >= 2 ? median(pitches) : 1.2 * median(flows.flat().map((l) => l.size));
}

const isBlank = (p: PlacedItem): boolean => p.str.trim() === '';

/** A vertical strip of a page that no body line crosses: the space between two columns. */
interface Gutter {
  /** Right edge of the left column's text. */
  left: number;
  /** Left edge of the right column's text. */
  right: number;
}

/**
 * Finds the gutter between two columns of text, or undefined for a single-column page.
 *
 * Columns are found in the x-distribution of the text: for every x, how many lines have ink there
 * (blank items, which pdf.js stretches over gaps, do not count). A gutter is the widest strip in
 * the middle 70 % of the text's width that the fewest lines cross — at most a fifth (titles and
 * running headers may span both columns), at least 0.8 em wide — wider than any word space, since word
 * spaces do not line up from line to line. It only counts when both sides hold text on at least
 * three lines and a sixth of the characters, and when at least a quarter of the left side's lines
 * run up to the gutter (a column of running text; a table's short labels do not).
 */
function findGutter(lines: readonly Line[]): Gutter | undefined {
  const inked = lines.map((l) => l.items.filter((p) => !isBlank(p))).filter((its) => its.length > 0);
  if (inked.length < 6) return undefined;
  let xmin = Infinity;
  let xmax = -Infinity;
  for (const its of inked) for (const p of its) (xmin = Math.min(xmin, p.x)), (xmax = Math.max(xmax, p.end));
  const width = Math.ceil(xmax - xmin);
  if (!(width > 20)) return undefined;
  const diff = new Int32Array(width + 2);
  for (const its of inked) {
    // Each line counts once per x: merge its items' intervals first.
    const spans = its.map((p) => [Math.floor(p.x - xmin), Math.ceil(p.end - xmin)] as [number, number]).sort((a, b) => a[0] - b[0]);
    let [s, e] = spans[0]!;
    for (const [a, b] of spans.slice(1)) {
      if (a <= e) e = Math.max(e, b);
      else {
        diff[s]! += 1;
        diff[e]! -= 1;
        [s, e] = [a, b];
      }
    }
    diff[s]! += 1;
    diff[e]! -= 1;
  }
  const from = Math.floor(0.15 * width);
  const to = Math.ceil(0.85 * width);
  const counts = new Int32Array(width + 1);
  let count = 0;
  for (let x = 0; x <= width; x++) counts[x] = count += diff[x]!;
  let least = Infinity;
  for (let x = from; x <= to; x++) least = Math.min(least, counts[x]!);
  if (least > 0.2 * inked.length) return undefined;
  // The gutter is the strip crossed by the fewest lines (one stray line more is tolerated), not
  // just any sparse strip: ragged short lines would widen it into the left column.
  const ceiling = least + Math.max(1, Math.floor(0.03 * inked.length));
  const em = median(inked.flat().map((p) => p.size));
  const runs: { from: number; to: number; most: number }[] = [];
  let run: { from: number; to: number; most: number } | undefined;
  for (let x = from; x <= to + 1; x++) {
    const free = x <= to && counts[x]! <= ceiling;
    if (free) {
      run ??= { from: x, to: x + 1, most: 0 };
      run.to = x + 1;
      run.most = Math.max(run.most, counts[x]!);
    } else if (run) {
      if (run.to - run.from >= 0.8 * em) runs.push(run);
      run = undefined;
    }
  }
  // The emptiest strip first, then the widest.
  runs.sort((p, q) => p.most - q.most || q.to - q.from - (p.to - p.from));
  for (const r of runs) {
    const gutter = { left: xmin + r.from, right: xmin + r.to };
    if (isColumnGutter(inked, gutter, xmin)) return gutter;
  }
  return undefined;
}

/** Checks that both sides of a candidate gutter hold columns of running text (see findGutter). */
function isColumnGutter(inked: readonly PlacedItem[][], gutter: Gutter, xmin: number): boolean {
  let leftChars = 0;
  let rightChars = 0;
  let leftLines = 0;
  let rightLines = 0;
  const slack: number[] = [];
  for (const its of inked) {
    const left = its.filter((p) => p.end <= gutter.right && p.x < gutter.left);
    const right = its.filter((p) => p.x >= gutter.left && p.end > gutter.right);
    if (left.length + right.length < its.length) continue; // crosses the gutter
    if (left.length) {
      leftLines += 1;
      leftChars += left.reduce((n, p) => n + p.str.length, 0);
      slack.push(gutter.left - Math.max(...left.map((p) => p.end)));
    }
    if (right.length) {
      rightLines += 1;
      rightChars += right.reduce((n, p) => n + p.str.length, 0);
    }
  }
  const total = leftChars + rightChars;
  if (leftLines < 3 || rightLines < 3 || leftChars < total / 6 || rightChars < total / 6) return false;
  // Running text fills its column on many lines; a table's label column hardly ever does.
  const full = slack.filter((sl) => sl <= 0.2 * (gutter.left - xmin)).length;
  return full >= 0.25 * slack.length;
}

/**
 * Orders a page's items into flows: runs of lines read top to bottom, one after the other. A page
 * without columns is one flow. On a page with a gutter, lines that cross it (a title over both
 * columns) stand alone and cut the page into sections; in each section the left column is read
 * before the right one (recursively, so three columns work too). A running header or footer that
 * has text on both sides ("file.html … 1/9") is kept whole when it sits at the top or bottom edge
 * apart from the body (smaller type, or a gap larger than the line pitch).
 */
function readingFlows(placed: readonly PlacedItem[], depth: number): Line[][] {
  const lines = groupLines(placed);
  const gutter = depth < 2 ? findGutter(lines) : undefined;
  if (!gutter) return [lines];

  const sideOf = (p: PlacedItem): 'left' | 'right' | 'cross' => {
    if (isBlank(p)) return p.x < gutter.left ? 'left' : 'right';
    if (p.end <= gutter.right && p.x < gutter.left) return 'left';
    if (p.x >= gutter.left && p.end > gutter.right) return 'right';
    return 'cross';
  };
  const bodySize = median(placed.filter((p) => !isBlank(p)).map((p) => p.size));
  const columnPitch = linePitch([groupLines(placed.filter((p) => sideOf(p) === 'left'))]);
  const whole = lines.map((l) => l.items.some((p) => sideOf(p) === 'cross'));
  const inkedSides = lines.map((l) => new Set(l.items.filter((p) => !isBlank(p)).map(sideOf)));
  // Apart from the body: smaller type, or on every side it has text, a gap larger than the line
  // pitch to the next line inwards with text on that side.
  const apart = (i: number, inwards: 1 | -1): boolean => {
    const line = lines[i]!;
    const sides = inkedSides[i]!;
    const smaller = median(line.items.filter((p) => !isBlank(p)).map((p) => p.size)) < 0.9 * bodySize;
    let separated = true;
    for (const side of sides) {
      let j = i + inwards;
      while (j >= 0 && j < lines.length && !inkedSides[j]!.has(side) && !inkedSides[j]!.has('cross')) j += inwards;
      if (j < 0 || j >= lines.length) continue;
      // Baselines per side: the two columns of one merged line need not be level.
      const yOf = (k: number): number => Math.max(...lines[k]!.items.filter((p) => !isBlank(p) && [side, 'cross'].includes(sideOf(p))).map((p) => p.y));
      if (Math.abs(yOf(j) - yOf(i)) < 1.2 * columnPitch) separated = false;
    }
    return sides.size > 1 ? smaller || separated : smaller && separated;
  };
  // Up to two lines at each edge of the page, counted from the edge inwards.
  for (let i = 0; i < Math.min(2, lines.length); i++) {
    if (i > 0 && !whole[i - 1]) break;
    if (!whole[i] && apart(i, 1)) whole[i] = true;
    if (!whole[i]) break;
  }
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - 2); i--) {
    if (i < lines.length - 1 && !whole[i + 1]) break;
    if (!whole[i] && apart(i, -1)) whole[i] = true;
    if (!whole[i]) break;
  }

  const flows: Line[][] = [];
  let left: PlacedItem[] = [];
  let right: PlacedItem[] = [];
  const flush = (): void => {
    if (left.length) flows.push(...readingFlows(left, depth + 1));
    if (right.length) flows.push(...readingFlows(right, depth + 1));
    left = [];
    right = [];
  };
  lines.forEach((line, i) => {
    if (whole[i]) {
      flush();
      flows.push([line]);
      return;
    }
    for (const p of line.items) (sideOf(p) === 'left' ? left : right).push(p);
  });
  flush();
  return flows;
}

function lineText(line: Line): string {
  const items = line.items.slice().sort((a, b) => a.x - b.x);
  let s = '';
  let prev: PlacedItem | undefined;
  for (const it of items) {
    if (prev) {
      // Fake bold: the same string drawn twice at (almost) the same place.
      if (it.str === prev.str && Math.abs(it.x - prev.x) < 0.2 * it.size) continue;
      const gap = it.x - prev.end;
      if (gap > 0.15 * Math.min(it.size, prev.size) && !s.endsWith(' ') && !it.str.startsWith(' ')) s += ' ';
    }
    s += it.str;
    prev = it;
  }
  return s;
}

function streamOrderLines(items: readonly TextItemLike[]): string[] {
  const out: string[] = [];
  let cur = '';
  for (const it of items) {
    if (typeof it.str !== 'string') continue;
    cur += it.str;
    if (it.hasEOL) {
      if (cur.trim() !== '') out.push(cur);
      cur = '';
    }
  }
  if (cur.trim() !== '') out.push(cur);
  return out;
}

/** Tells whether extracted pages hold (almost) no text: fewer than 10 letters per page on average. */
export function hasAlmostNoText(pages: readonly PdfPageText[], pageCount: number): boolean {
  const enough = 10 * Math.max(1, pageCount);
  const letter = /\p{L}/gu;
  let letters = 0;
  // Counted without building match arrays, and only until there are enough.
  for (const p of pages)
    for (const l of p.lines) {
      letter.lastIndex = 0;
      while (letter.test(l)) if (++letters >= enough) return false;
    }
  return true;
}

/** Maps an error thrown by pdf.js (or its loading) to a failure reason. */
export function toPdfTextError(err: unknown): PdfTextError {
  if (err instanceof PdfTextError) return err;
  const name = typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
  const message = err instanceof Error ? err.message : String(err);
  switch (name) {
    case 'PasswordException':
      return new PdfTextError('encrypted', message);
    case 'InvalidPDFException':
    case 'MissingPDFException':
    case 'UnknownErrorException': // errors from parsing in the worker arrive wrapped as this
    case 'FormatError':
    case 'UnexpectedResponseException':
    case 'ResponseException':
      return new PdfTextError('corrupt', message);
    default:
      return new PdfTextError('read-error', message);
  }
}

/** The parts of pdf.js this adapter uses (both the modern and the legacy build satisfy it). */
export interface PdfjsLike {
  getDocument(src: Record<string, unknown>): PdfLoadingTaskLike;
}
interface PdfLoadingTaskLike {
  promise: Promise<PdfDocumentLike>;
  destroy(): Promise<void>;
}
interface PdfDocumentLike {
  numPages: number;
  getPage(n: number): Promise<{
    getTextContent(options?: Record<string, unknown>): Promise<{ items: unknown[] }>;
    cleanup(): unknown;
  }>;
  getPageLabels(): Promise<string[] | null>;
  getMetadata(): Promise<{ info: unknown; metadata: { get(name: string): unknown } | null }>;
}

/**
 * Makes a {@link PdfTextSource} from a platform's pdf.js loader and the getDocument options that
 * platform needs (worker, CMaps, fonts). `isEvalSupported: false` is always set.
 */
export function createPdfTextSource(
  loadPdfjs: () => Promise<PdfjsLike>,
  platformOptions: () => Record<string, unknown> = () => ({}),
): PdfTextSource {
  return {
    async extract(bytes, onProgress, signal) {
      signal?.throwIfAborted();
      let pdfjs: PdfjsLike;
      try {
        pdfjs = await loadPdfjs();
      } catch (err) {
        throw new PdfTextError('read-error', `pdf.js could not be loaded: ${String(err)}`);
      }
      signal?.throwIfAborted();
      const task = pdfjs.getDocument({
        // pdf.js may transfer (detach) the buffer it gets; give it a copy so the caller keeps theirs.
        data: bytes.slice(),
        verbosity: 0,
        stopAtErrors: false,
        disableWorkerRendering: true,
        useWasm: false,
        ...platformOptions(),
        isEvalSupported: false,
      });
      const onAbort = (): void => void task.destroy();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const doc = await task.promise;
        const pageCount = doc.numPages;
        const pages: PdfPageText[] = [];
        let lastYield = performance.now();
        for (let n = 1; n <= pageCount; n++) {
          signal?.throwIfAborted();
          const page = await doc.getPage(n);
          // No NFKC by pdf.js: text/normalise.ts decides (NFC, ligatures), so "¹⁰" and "½" stay.
          const content = await page.getTextContent({ disableNormalization: true });
          pages.push({ index: n, lines: linesFromItems(content.items as TextItemLike[]) });
          page.cleanup();
          onProgress?.(n, pageCount);
          // Let the UI paint the progress and handle input (e.g. Cancel) every few pages.
          if (performance.now() - lastYield > YIELD_EVERY_MS) {
            await yieldToUi();
            lastYield = performance.now();
          }
        }
        if (hasAlmostNoText(pages, pageCount)) {
          throw new PdfTextError('no-text', `${pageCount} page(s) without a text layer`);
        }
        const pageLabels = await doc.getPageLabels().catch(() => null);
        const { title, year } = await readInfo(doc);
        return { pageCount, pages, pageLabels, ...(title !== undefined ? { title } : {}), ...(year !== undefined ? { year } : {}) };
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        throw toPdfTextError(err);
      } finally {
        signal?.removeEventListener('abort', onAbort);
        // Destroying the loading task also destroys the document and frees the worker's memory.
        await task.destroy().catch(() => undefined);
      }
    },
  };
}

async function readInfo(doc: PdfDocumentLike): Promise<{ title?: string; year?: number }> {
  const out: { title?: string; year?: number } = {};
  try {
    const { info, metadata } = await doc.getMetadata();
    const dict = typeof info === 'object' && info !== null ? (info as { Title?: unknown; CreationDate?: unknown }) : {};
    if (typeof dict.Title === 'string' && dict.Title.trim() !== '') out.title = dict.Title.trim();
    else {
      const fromXmp = metadata?.get('dc:title');
      if (typeof fromXmp === 'string' && fromXmp.trim() !== '') out.title = fromXmp.trim();
    }
    // PDF dates look like "D:20210315120000+01'00'".
    const year = typeof dict.CreationDate === 'string' ? /^(?:D:)?(\d{4})/.exec(dict.CreationDate)?.[1] : undefined;
    if (year !== undefined && Number(year) >= 1980 && Number(year) <= new Date().getFullYear() + 1) out.year = Number(year);
  } catch {
    // A broken info dictionary is no reason to fail the import; the file name serves as title.
  }
  return out;
}

/** How long extraction may run before it lets the UI have a turn (one frame at 60 Hz ≈ 16 ms). */
const YIELD_EVERY_MS = 16;

/** Gives the event loop a turn (scheduler.yield where the browser has it). */
export function yieldToUi(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
