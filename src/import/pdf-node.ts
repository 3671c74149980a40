/**
 * pdf.js for Node (CLI and unit tests): the legacy build, whose "fake worker" runs in-process.
 * CMaps and standard font data are read from the installed pdfjs-dist package, never fetched.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { installNodeDomShims } from './node-dom-shims.ts';
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

/**
 * The built-ins core-js in pdf.js's legacy build replaces on Node 20 (for spec corner cases pdf.js
 * never meets: `push` onto an array with a read-only length, `JSON.rawJSON`). Its replacements are
 * plain JavaScript and slow down every array push in the process — pdf.js's text extraction on
 * ../shared/corpus took about a third less time without them — so the engine's originals are put
 * back once pdf.js is loaded (core-js makes its versions' toString() say "[native code]", so they
 * are told apart by identity). Polyfills that only *add* missing methods are kept: pdf.js needs them.
 */
function snapshotReplacedBuiltins(): () => void {
  const push = Array.prototype.push;
  const { stringify, parse } = JSON;
  return () => {
    if (Array.prototype.push !== push) Object.defineProperty(Array.prototype, 'push', { value: push, writable: true, configurable: true, enumerable: false });
    if (JSON.stringify !== stringify) JSON.stringify = stringify;
    if (JSON.parse !== parse) JSON.parse = parse;
  };
}

/** pdf.js's worker half (typed loosely: pdfjs-dist ships no declarations for it). */
const WORKER_MODULE: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';

function loadPdfjs(): Promise<PdfjsLike> {
  polyfillPromiseWithResolvers();
  installNodeDomShims();
  loading ??= (async () => {
    const restore = snapshotReplacedBuiltins();
    try {
      // Imported only after the polyfill, hence dynamically. The worker half (run in-process as
      // pdf.js's "fake worker") is loaded here too, so that its polyfills are undone as well.
      const [pdfjs, worker] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import(WORKER_MODULE) as Promise<unknown>]);
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
      return pdfjs as unknown as PdfjsLike;
    } finally {
      restore();
    }
  })();
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
