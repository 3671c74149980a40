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
 * paragraph break. Multi-column reading order and running headers are not handled here (yet).
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
 * lines top to bottom with '' where a paragraph gap is; whitespace-only lines are dropped.
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

  placed.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  for (const item of placed) {
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

  const texts = lines.map(lineText);
  const pitches: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const gap = lines[i - 1]!.y - lines[i]!.y;
    if (gap > 0.5 * lines[i]!.size && gap < 3 * lines[i]!.size) pitches.push(gap);
  }
  const pitch = pitches.length >= 2 ? median(pitches) : 1.2 * median(lines.map((l) => l.size));

  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = texts[i]!;
    if (text.trim() === '') continue;
    if (out.length > 0 && i > 0) {
      const gap = lines[i - 1]!.y - lines[i]!.y;
      // A paragraph gap: clearly more than the usual pitch (30 % and a third of a line height).
      if (gap > 1.3 * pitch && gap - pitch > 0.33 * lines[i]!.size && out[out.length - 1] !== '') out.push('');
    }
    out.push(text);
  }
  return out;
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
  let letters = 0;
  for (const p of pages) for (const l of p.lines) letters += (l.match(/\p{L}/gu) ?? []).length;
  return letters < 10 * Math.max(1, pageCount);
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
        for (let n = 1; n <= pageCount; n++) {
          signal?.throwIfAborted();
          const page = await doc.getPage(n);
          const content = await page.getTextContent();
          pages.push({ index: n, lines: linesFromItems(content.items as TextItemLike[]) });
          page.cleanup();
          onProgress?.(n, pageCount);
        }
        if (hasAlmostNoText(pages, pageCount)) {
          throw new PdfTextError('no-text', `${pageCount} page(s) without a text layer`);
        }
        const pageLabels = await doc.getPageLabels().catch(() => null);
        const title = await readTitle(doc);
        return { pageCount, pages, pageLabels, ...(title !== undefined ? { title } : {}) };
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

async function readTitle(doc: PdfDocumentLike): Promise<string | undefined> {
  try {
    const { info, metadata } = await doc.getMetadata();
    const fromInfo = typeof info === 'object' && info !== null ? (info as { Title?: unknown }).Title : undefined;
    if (typeof fromInfo === 'string' && fromInfo.trim() !== '') return fromInfo.trim();
    const fromXmp = metadata?.get('dc:title');
    if (typeof fromXmp === 'string' && fromXmp.trim() !== '') return fromXmp.trim();
  } catch {
    // A broken info dictionary is no reason to fail the import; the file name serves as title.
  }
  return undefined;
}
