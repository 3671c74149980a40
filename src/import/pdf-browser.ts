/**
 * pdf.js for the browser app: the modern build, parsing in a real Web Worker that Vite bundles.
 *
 * Everything is loaded on first use (dynamic imports), so pdf.js is not in the start-up bundle.
 * The worker is started once and shared through `GlobalWorkerOptions.workerPort`; pdf.js does not
 * terminate a port it was given, so it survives between imports.
 *
 * No network: the worker script is a bundled chunk (`?worker`); Adobe CMaps (needed for some CID
 * fonts) are bundled assets fetched from our own origin only when a PDF asks for one; system
 * fonts stand in for non-embedded standard fonts (text extraction needs no glyph outlines), and
 * wasm decoders are off (images are not decoded for text).
 */
import { createPdfTextSource, type PdfjsLike, type PdfTextSource } from './pdf-text.ts';

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

let loading: Promise<PdfjsLike> | undefined;

async function loadPdfjs(): Promise<PdfjsLike> {
  loading ??= (async () => {
    const [pdfjs, { default: PdfjsWorker }] = await Promise.all([
      import('pdfjs-dist'),
      import('pdfjs-dist/build/pdf.worker.mjs?worker'),
    ]);
    pdfjs.GlobalWorkerOptions.workerPort ??= new PdfjsWorker({ name: 'pdfjs' });
    return pdfjs as unknown as PdfjsLike;
  })();
  // A failed load (e.g. the worker chunk is missing) must not poison later attempts.
  loading.catch(() => (loading = undefined));
  return loading;
}

const browserOptions = (): Record<string, unknown> => ({
  useWorkerFetch: false,
  BinaryDataFactory: BundledBinaryDataFactory,
  cMapUrl: 'bundled/', // must be set and end in '/'; the factory ignores it
  cMapPacked: true,
  useSystemFonts: true,
  disableFontFace: true,
});

/** A {@link PdfTextSource} for the browser, parsing in a bundled Web Worker. */
export function browserPdfSource(): PdfTextSource {
  return createPdfTextSource(loadPdfjs, browserOptions);
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
  // Rendering needs the fonts drawn, so font faces stay on here (unlike text extraction).
  const task = pdfjs.getDocument({ ...browserOptions(), data: bytes.slice(), disableFontFace: false, useWasm: false, verbosity: 0, isEvalSupported: false });
  const doc = await task.promise;
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
