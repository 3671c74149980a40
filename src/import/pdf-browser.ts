/**
 * pdf.js for the browser app: the modern build, parsing in a real Web Worker that Vite bundles.
 *
 * Everything is loaded on first use (dynamic imports), so pdf.js is not in the start-up bundle.
 * The worker is started once and handed to each document as its port (pdf.js does not terminate a
 * port it was given, so it survives between imports); an import that exceeds its time budget
 * stops it, and the next document starts a new one. Errors pdf.js leaves unhandled inside its
 * worker (see pdf-node-thread.ts) stay in the worker.
 *
 * No network: the worker script is a bundled chunk (`?worker`); Adobe CMaps (needed for some CID
 * fonts) are bundled assets fetched from our own origin only when a PDF asks for one; system
 * fonts stand in for non-embedded standard fonts (text extraction needs no glyph outlines), and
 * wasm decoders are off (images are not decoded for text).
 */
import { createPdfTextSource, type PdfjsLike, type PdfTextSource, type PdfWorkerLease } from './pdf-text.ts';

// One URL per packed CMap, emitted as assets by Vite and loaded lazily.
const cmapUrls = import.meta.glob<string>('../../node_modules/pdfjs-dist/cmaps/*.bcmap', {
  query: '?url',
  import: 'default',
});
const cmapByName = new Map<string, () => Promise<string>>(
  Object.entries(cmapUrls).map(([path, load]) => [path.slice(path.lastIndexOf('/') + 1), load]),
);

/** Serves pdf.js's CMap requests from the bundle instead of a URL directory (see module header). */
class BundledBinaryDataFactory {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const load = kind === 'cMapUrl' ? cmapByName.get(filename) : undefined;
    if (!load) throw new Error(`No bundled ${kind} data for ${filename}`);
    const response = await fetch(await load());
    if (!response.ok) throw new Error(`Could not load bundled ${filename}: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
}

/** pdf.js's API half, with the worker class it takes a port for. */
interface PdfjsBrowser extends PdfjsLike {
  PDFWorker: { create(params: { port: unknown; name?: string; verbosity?: number }): PdfWorkerHandle };
}
interface PdfWorkerHandle {
  destroy(): void;
}

let loading: Promise<{ pdfjs: PdfjsBrowser; WorkerClass: new (options?: { name?: string }) => Worker }> | undefined;

function loadModules(): NonNullable<typeof loading> {
  loading ??= (async () => {
    const [pdfjs, { default: WorkerClass }] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.mjs?worker')]);
    return { pdfjs: pdfjs as unknown as PdfjsBrowser, WorkerClass };
  })();
  // A failed load (e.g. the worker chunk is missing) must not poison later attempts.
  loading.catch(() => (loading = undefined));
  return loading;
}

async function loadPdfjs(): Promise<PdfjsLike> {
  return (await loadModules()).pdfjs;
}

/**
 * The one Web Worker pdf.js parses in, shared by imports and the page viewer; replaced by a new
 * one after an import stopped it (a file that kept it busy past the budget, pdf-text.ts).
 */
let current: { worker: Worker; handle: PdfWorkerHandle } | undefined;

async function sharedWorker(): Promise<NonNullable<typeof current>> {
  const { pdfjs, WorkerClass } = await loadModules();
  if (!current) {
    const worker = new WorkerClass({ name: 'pdfjs' });
    current = { worker, handle: pdfjs.PDFWorker.create({ port: worker, name: 'pdfjs', verbosity: 0 }) };
  }
  return current;
}

function stopWorker(w: NonNullable<typeof current>): void {
  if (current === w) current = undefined;
  w.handle.destroy();
  w.worker.terminate();
}

async function lease(): Promise<PdfWorkerLease> {
  const w = await sharedWorker();
  return { options: { worker: w.handle }, release: () => undefined, stop: () => stopWorker(w) };
}

/** pdf.js options in the browser (also for the import workers, extract-worker.ts): bundled CMaps, no fetching. */
export const browserOptions = (): Record<string, unknown> => ({
  useWorkerFetch: false,
  BinaryDataFactory: BundledBinaryDataFactory,
  cMapUrl: 'bundled/', // must be set and end in '/'; the factory ignores it
  cMapPacked: true,
  useSystemFonts: true,
  disableFontFace: true,
});

/** A {@link PdfTextSource} for the browser, parsing in a bundled Web Worker. */
export function browserPdfSource(): PdfTextSource {
  return createPdfTextSource(loadPdfjs, browserOptions, { lease });
}

/** An opened PDF for showing its pages (the reader's "original page" view). */
export interface PdfPageViewer {
  pageCount: number;
  /** Draws page `index` (1-based) on the canvas, `cssWidth` CSS pixels wide (sharp on HiDPI screens). */
  render(index: number, canvas: HTMLCanvasElement, cssWidth: number): Promise<void>;
  /** Frees the document in the worker. */
  destroy(): Promise<void>;
}

interface RenderablePage {
  getViewport(p: { scale: number }): { width: number; height: number };
  render(p: { canvas: HTMLCanvasElement; viewport: unknown }): { promise: Promise<void>; cancel(): void };
  cleanup(): unknown;
}

/**
 * Opens PDF bytes with pdf.js (same worker as extraction) for rendering pages to a canvas.
 * Rejects when the bytes are not a readable PDF.
 */
export async function openPdfViewer(bytes: Uint8Array): Promise<PdfPageViewer> {
  const pdfjs = (await loadPdfjs()) as unknown as {
    getDocument(src: Record<string, unknown>): { promise: Promise<{ numPages: number; getPage(n: number): Promise<RenderablePage> }>; destroy(): Promise<void> };
  };
  const { handle } = await sharedWorker();
  // Rendering needs the fonts drawn, so font faces stay on here (unlike text extraction).
  const task = pdfjs.getDocument({ ...browserOptions(), data: bytes.slice(), worker: handle, disableFontFace: false, useWasm: false, verbosity: 0, isEvalSupported: false });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    throw e;
  }
  let current: { cancel(): void } | undefined;
  return {
    pageCount: doc.numPages,
    async render(index, canvas, cssWidth) {
      current?.cancel();
      const page = await doc.getPage(Math.min(Math.max(1, index), doc.numPages));
      const base = page.getViewport({ scale: 1 });
      const ratio = globalThis.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: (cssWidth / base.width) * ratio });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
      const task = page.render({ canvas, viewport });
      current = task;
      try {
        await task.promise;
      } catch (e) {
        // A newer render of the same canvas cancelled this one: not an error.
        if ((e as { name?: string }).name !== 'RenderingCancelledException') throw e;
      } finally {
        page.cleanup();
      }
    },
    destroy: () => task.destroy(),
  };
}
