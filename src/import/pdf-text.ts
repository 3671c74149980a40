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
import { MAX_PAGES } from './limits.ts';
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
 * ('encrypted', 'corrupt', 'no-text', 'read-error', 'too-many-pages', 'too-slow'), and with the
 * signal's reason when aborted.
 */
export interface PdfTextSource {
  extract(bytes: Uint8Array, onProgress?: PdfProgress, signal?: AbortSignal, range?: PdfPageRange): Promise<PdfExtraction>;
}

/**
 * A part of a document to extract (pages `first` to `last`, 1-based, inclusive; `last` past the
 * end means to the end), so the pages of one large PDF can be read by several workers at once
 * (cli/pdf-pool.ts). `pages` then holds only those pages; the labels and the info are read only
 * with the part that starts at page 1; the check for a missing text layer is left to whoever
 * puts the parts together ({@link hasAlmostNoText} over all pages).
 */
export interface PdfPageRange {
  first: number;
  last: number;
}

/** The reasons a PDF can fail to give text. */
export type PdfFailureReason = Extract<ImportFailureReason, 'encrypted' | 'corrupt' | 'no-text' | 'read-error' | 'too-many-pages' | 'too-slow'>;

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
 * One extraction's hold on the platform's pdf.js worker (a Web Worker in the app, a worker thread
 * in Node): the worker is shared by the extractions one after another, and stopped when one of them
 * keeps it busy past the time budget.
 */
export interface PdfWorkerLease {
  /** getDocument options that send the work to this worker. */
  options: Record<string, unknown>;
  /** Rejects when the worker stopped by itself (crashed, ran out of memory) during the extraction. */
  lost?: Promise<never>;
  /** Ends the lease; the worker stays for the next file. */
  release(): void;
  /** Stops the worker (the extraction exceeded its budget); the next lease starts a new one. */
  stop(): void;
}

/** How a platform runs pdf.js besides its loader: the worker lease and the time budget. */
export interface PdfPlatform {
  /** A lease on the worker for one extraction; without it pdf.js picks its own worker. */
  lease?(pdfjs: PdfjsLike): Promise<PdfWorkerLease>;
  /** Overrides {@link PDF_STEP_BUDGET_MS} (tests). */
  stepBudgetMs?: number;
}

/**
 * The time one step of an extraction may take: opening the file, or reading one page's text (or
 * the labels and info). Past it the file is given up as 'too-slow' and pdf.js's worker is stopped,
 * so no file keeps the import (or the CLI) busy for ever; a document of n pages is thus bounded by
 * n + 3 budgets, and n by {@link MAX_PAGES}. A real page takes milliseconds: 60 s is only ever
 * reached by a file that sends pdf.js's parser in circles, or a machine that has stopped.
 */
export const PDF_STEP_BUDGET_MS = 60_000;

/** What pdf.js gives for one page, fetched ahead of its layout. */
interface FetchedPage {
  items: TextItemLike[];
  rotate: number;
  view?: number[];
}

/**
 * Makes a {@link PdfTextSource} from a platform's pdf.js loader and the getDocument options that
 * platform needs (CMaps, fonts). `isEvalSupported: false` is always set.
 *
 * Every promise pdf.js hands out is awaited within a step budget, and given a handler before it
 * could be left behind (a page fetched ahead when an earlier one failed, a step past its budget),
 * so a damaged file ends in one {@link PdfTextError}, never in an unhandled rejection or a wait
 * without end.
 */
export function createPdfTextSource(
  loadPdfjs: () => Promise<PdfjsLike>,
  platformOptions: () => Record<string, unknown> = () => ({}),
  platform: PdfPlatform = {},
): PdfTextSource {
  const budget = platform.stepBudgetMs ?? PDF_STEP_BUDGET_MS;
  return {
    async extract(bytes, onProgress, signal, range) {
      signal?.throwIfAborted();
      let pdfjs: PdfjsLike;
      try {
        pdfjs = await loadPdfjs();
      } catch (err) {
        throw new PdfTextError('read-error', `pdf.js could not be loaded: ${String(err)}`);
      }
      signal?.throwIfAborted();
      let lease: PdfWorkerLease | undefined;
      try {
        lease = await platform.lease?.(pdfjs);
      } catch (err) {
        throw new PdfTextError('read-error', `pdf.js's worker could not be started: ${String(err)}`);
      }
      /** Set when the worker is stuck or gone: it is then not asked to clean up. */
      let broken = false;
      const lost = lease?.lost;
      /** The budgets of the steps under way (cleared when the extraction ends, however it ends). */
      const timers = new Set<ReturnType<typeof setTimeout>>();
      /** Waits for one step of pdf.js's work, within the budget and while the worker lives. */
      const step = <T>(work: Promise<T>, what: string): Promise<T> => {
        work.catch(() => undefined);
        const result = new Promise<T>((resolve, reject) => {
          const timer = setTimeout(() => {
            broken = true;
            timers.delete(timer);
            reject(new PdfTextError('too-slow', `${what}: no result within ${Math.round(budget / 1000)} s`));
          }, budget);
          timers.add(timer);
          const settle = (): void => {
            clearTimeout(timer);
            timers.delete(timer);
          };
          work.then(
            (v) => (settle(), resolve(v)),
            (e: unknown) => (settle(), reject(e)),
          );
          lost?.catch((e: unknown) => {
            broken = true;
            settle();
            reject(e);
          });
        });
        // A page fetched ahead may fail while an earlier one is still being laid out: it is
        // awaited later (or never, when the extraction ends first), so it has a handler now.
        result.catch(() => undefined);
        return result;
      };
      let task: PdfLoadingTaskLike;
      try {
        task = pdfjs.getDocument({
          // pdf.js may transfer (detach) the buffer it gets; give it a copy so the caller keeps theirs.
          data: bytes.slice(),
          verbosity: 0,
          stopAtErrors: false,
          disableWorkerRendering: true,
          useWasm: false,
          ...platformOptions(),
          ...lease?.options,
          isEvalSupported: false,
        });
      } catch (err) {
        lease?.release();
        throw toPdfTextError(err);
      }
      const onAbort = (): void => void task.destroy().catch(() => undefined);
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const doc = await step(task.promise, 'opening the file');
        const pageCount = doc.numPages;
        if (pageCount > MAX_PAGES) throw new PdfTextError('too-many-pages', `${pageCount} pages > ${MAX_PAGES}`);
        const fetchPage = (n: number): Promise<FetchedPage> =>
          step(
            doc.getPage(n).then(async (page) => {
              // No NFKC by pdf.js: text/normalise.ts decides (NFC, ligatures), so "¹⁰" and "½" stay.
              const content = await page.getTextContent({ disableNormalization: true });
              page.cleanup();
              return { items: content.items as TextItemLike[], rotate: page.rotate ?? 0, ...(page.view ? { view: page.view } : {}) };
            }),
            `page ${n}`,
          );
        const pages: PdfPageText[] = [];
        let lastYield = performance.now();
        const first = Math.max(1, range?.first ?? 1);
        const last = Math.min(pageCount, range?.last ?? pageCount);
        // The next page is read by pdf.js's worker while this one is laid out here.
        let next = first <= last ? fetchPage(first) : undefined;
        for (let n = first; n <= last; n++) {
          signal?.throwIfAborted();
          const fetched = await next!;
          next = n < last ? fetchPage(n + 1) : undefined;
          const layout = layoutPage(fetched.items, { rotate: fetched.rotate, ...(fetched.view ? { view: fetched.view } : {}) });
          pages.push({ index: n, lines: layout.lines, unmapped: layout.unmapped });
          onProgress?.(n, pageCount);
          // Let the UI paint the progress and handle input (e.g. Cancel) every few pages.
          if (performance.now() - lastYield > YIELD_EVERY_MS) {
            await yieldToUi();
            lastYield = performance.now();
          }
        }
        if (range) {
          if (first > 1) return { pageCount, pages, pageLabels: null };
        } else if (hasAlmostNoText(pages, pageCount)) {
          throw new PdfTextError('no-text', `${pageCount} page(s) without a text layer`);
        }
        const pageLabels = await step(doc.getPageLabels(), 'page labels').catch((e: unknown) => {
          if (broken) throw e;
          return null;
        });
        const { title, year } = await readInfo(doc, step, () => broken);
        return { pageCount, pages, pageLabels, ...(title !== undefined ? { title } : {}), ...(year !== undefined ? { year } : {}) };
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        throw toPdfTextError(err);
      } finally {
        signal?.removeEventListener('abort', onAbort);
        for (const t of timers) clearTimeout(t);
        // Destroying the loading task also destroys the document and frees the worker's memory; a
        // stuck or stopped worker would never answer, so it is stopped instead.
        const destroyed = task.destroy().catch(() => undefined);
        if (broken) lease?.stop();
        else await destroyed;
        lease?.release();
      }
    },
  };
}

async function readInfo(
  doc: PdfDocumentLike,
  step: <T>(work: Promise<T>, what: string) => Promise<T>,
  broken: () => boolean,
): Promise<{ title?: string; year?: number }> {
  const out: { title?: string; year?: number } = {};
  try {
    const { info, metadata } = await step(doc.getMetadata(), 'document information');
    const dict = typeof info === 'object' && info !== null ? (info as { Title?: unknown; CreationDate?: unknown }) : {};
    if (typeof dict.Title === 'string' && dict.Title.trim() !== '') out.title = dict.Title.trim();
    else {
      const fromXmp = metadata?.get('dc:title');
      if (typeof fromXmp === 'string' && fromXmp.trim() !== '') out.title = fromXmp.trim();
    }
    // PDF dates look like "D:20210315120000+01'00'".
    const year = typeof dict.CreationDate === 'string' ? /^(?:D:)?(\d{4})/.exec(dict.CreationDate)?.[1] : undefined;
    if (year !== undefined && Number(year) >= 1980 && Number(year) <= new Date().getFullYear() + 1) out.year = Number(year);
  } catch (e) {
    // A broken info dictionary is no reason to fail the import; the file name serves as title.
    // A worker that stopped answering is.
    if (broken()) throw e;
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
