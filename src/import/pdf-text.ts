/**
 * The one pdf.js adapter: PDF bytes → lines of text per page, page labels and title.
 *
 * pdf.js is loaded by a platform module (`pdf-node.ts` with the legacy build for the CLI and tests,
 * `pdf-browser.ts` with a real Web Worker for the app); both hand their loader to
 * {@link createPdfTextSource}, so reading order, line building and error mapping are the same
 * everywhere.
 *
 * Lines are rebuilt from text items by geometry, not by content-stream order, in the direction of
 * each item's own transform, and pages set in columns are read column by column per region of the
 * page (layout.ts). Running headers and footers are removed later (page-cleanup.ts), and the block
 * structure — paragraphs, headings, list items — is decided over the whole document
 * (pdf-structure.ts).
 *
 * Security and privacy: `isEvalSupported: false` always; pdf.js never fetches anything over the
 * network — the platform module supplies CMaps and standard fonts from the bundle or disk.
 */
import type { ImportFailureReason } from '../model/result.ts';
import { layoutPage, type LayoutLine, type PageGeometry, type TextItemLike } from './layout.ts';

export type { TextItemLike } from './layout.ts';

/** The text of one PDF page as laid-out lines in reading order. */
export interface PdfPageText {
  /** 1-based page number. */
  index: number;
  lines: LayoutLine[];
  /** Characters without a Unicode mapping on the page (read as word spaces, or kept). */
  unmapped: number;
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

/**
 * The lines of one page's text items in reading order, as plain strings (see layout.ts; the block
 * structure is decided later, over the whole document).
 */
export function linesFromItems(items: readonly TextItemLike[], geometry?: PageGeometry): string[] {
  return layoutPage(items, geometry).lines.map((l) => l.text);
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
      while (letter.test(l.text)) if (++letters >= enough) return false;
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
    // pdf.js's parser errors, when they arrive unwrapped (the fake worker in Node can pass them on).
    case 'XRefEntryException':
    case 'XRefParseException':
    case 'ParserEOFException':
    case 'MissingDataException':
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
    /** /Rotate of the page. */
    rotate?: number;
    /** [x0, y0, x1, y1] of the page box. */
    view?: number[];
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
          const layout = layoutPage(content.items as TextItemLike[], { rotate: page.rotate ?? 0, ...(page.view ? { view: page.view } : {}) });
          pages.push({ index: n, lines: layout.lines, unmapped: layout.unmapped });
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
