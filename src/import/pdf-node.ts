/**
 * pdf.js for Node (CLI and unit tests): the legacy build, whose "fake worker" runs in-process.
 * CMaps and standard font data are read from the installed pdfjs-dist package, never fetched.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createPdfTextSource, type PdfjsLike, type PdfTextSource } from './pdf-text.ts';

let loading: Promise<PdfjsLike> | undefined;

/** Node 20 lacks Promise.withResolvers, which pdf.js uses at import time; add it first. */
function polyfillPromiseWithResolvers(): void {
  const P = Promise as unknown as { withResolvers?: unknown };
  if (typeof P.withResolvers === 'function') return;
  P.withResolvers = function withResolvers<T>() {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

function loadPdfjs(): Promise<PdfjsLike> {
  polyfillPromiseWithResolvers();
  // Imported only after the polyfill, hence dynamically.
  loading ??= import('pdfjs-dist/legacy/build/pdf.mjs') as unknown as Promise<PdfjsLike>;
  return loading;
}

let packageDir: string | undefined;
function resources(): Record<string, unknown> {
  packageDir ??= dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return {
    cMapUrl: join(packageDir, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(packageDir, 'standard_fonts') + '/',
    useSystemFonts: false,
    disableFontFace: true,
  };
}

/** A {@link PdfTextSource} for Node, using pdfjs-dist's legacy build in-process. */
export function nodePdfSource(): PdfTextSource {
  return createPdfTextSource(loadPdfjs, resources);
}
