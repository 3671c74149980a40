/**
 * pdf.js's worker half for Node, in a worker thread of its own (started by pdf-node.ts), as the
 * browser app runs it in a Web Worker. The API half talks to it over the MessagePort it is given.
 *
 * Why a thread and not pdf.js's in-process "fake worker": pdf.js's parser leaves promises of its
 * own unhandled on some damaged files (e.g. the page-tree prefetch in Catalog.getPageDict rejects
 * with XRefEntryException or ParserEOFException after the page request itself has failed). The
 * failure the caller needs still arrives through the request it awaits; the stray rejection is
 * noise, which a browser's worker only logs — but in-process it is an unhandled rejection of the
 * CLI's own process, which Node ends. Here it stays in this thread, and is dropped below. A
 * thread can also be stopped when a file keeps pdf.js busy past the time budget (pdf-text.ts).
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { installNodeDomShims } from './node-dom-shims.ts';
import { polyfillPromiseWithResolvers, snapshotReplacedBuiltins } from './pdf-node-builtins.ts';

interface WorkerHalf {
  WorkerMessageHandler: { initializeFromPort(port: unknown): void };
}

/** pdf.js's worker module (typed loosely: pdfjs-dist ships no declarations for it; not bundled). */
const WORKER_MODULE: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';

// pdf.js's internal stray rejections (see the header): its requests report their own failures.
process.on('unhandledRejection', () => undefined);

polyfillPromiseWithResolvers();
// The parser needs DOMMatrix for Type 3 glyphs drawn as image masks.
installNodeDomShims();
const restore = snapshotReplacedBuiltins();
const { WorkerMessageHandler } = (await import(WORKER_MODULE)) as WorkerHalf;
restore();
WorkerMessageHandler.initializeFromPort((workerData as { port: MessagePort }).port);
