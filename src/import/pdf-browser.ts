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
