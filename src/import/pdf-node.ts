/**
 * pdf.js for Node (CLI, bench and unit tests): the legacy build. Its API half runs in the calling
 * thread; its worker half — the parser — in a worker thread of its own (pdf-node-thread.ts), as the
 * browser app runs it in a Web Worker. The thread is started on first use and shared by the
 * extractions one after another; it keeps the process alive only while an extraction runs, and is
 * stopped (and started afresh for the next file) when it dies or a file keeps it busy past the
 * time budget (pdf-text.ts). CMaps and standard font data are read from the installed pdfjs-dist
 * package, never fetched.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { installNodeDomShims } from './node-dom-shims.ts';
import { polyfillPromiseWithResolvers, snapshotReplacedBuiltins } from './pdf-node-builtins.ts';
import { createPdfTextSource, PdfTextError, type PdfjsLike, type PdfTextSource, type PdfWorkerLease } from './pdf-text.ts';

/** pdf.js's API half, with the worker class it takes a port for. */
interface PdfjsNode extends PdfjsLike {
  PDFWorker: { create(params: { port: unknown; name?: string; verbosity?: number }): { destroy(): void } };
}

let loading: Promise<PdfjsNode> | undefined;

function loadPdfjs(): Promise<PdfjsNode> {
  polyfillPromiseWithResolvers();
  installNodeDomShims();
  loading ??= (async () => {
    const restore = snapshotReplacedBuiltins();
    try {
      // Imported only after the polyfill, hence dynamically.
      return (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfjsNode;
    } finally {
      restore();
    }
  })();
  return loading;
}

/** The worker thread and what the extractions under way hold of it. */
interface Thread {
  worker: Worker;
  port: MessagePort;
  pdfWorker: { destroy(): void };
  /** Fails the leases under way when the thread dies. */
  failures: Set<(e: PdfTextError) => void>;
  leases: number;
  stopped: boolean;
}

let thread: Thread | undefined;

/**
 * The thread's module, beside this one: in the CLI's bundle plain JavaScript beside this chunk
 * (scripts/build-cli.mjs); from the sources (tsx, vitest, the bench) a small JavaScript module that
 * registers tsx in the thread and loads the TypeScript one (pdf-node-thread-from-source.mjs).
 */
function threadScript(): URL {
  return new URL(import.meta.url.endsWith('.mjs') ? './pdf-node-thread.mjs' : './pdf-node-thread-from-source.mjs', import.meta.url);
}

function startThread(pdfjs: PdfjsNode): Thread {
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(threadScript(), { workerData: { port: port2 }, transferList: [port2], execArgv: [], name: 'pdfjs' });
  const t: Thread = { worker, port: port1, pdfWorker: pdfjs.PDFWorker.create({ port: port1, name: 'pdfjs', verbosity: 0 }), failures: new Set(), leases: 0, stopped: false };
  const died = (why: string): void => {
    if (thread === t) thread = undefined;
    t.stopped = true;
    const e = new PdfTextError('read-error', `pdf.js's worker thread stopped: ${why}`);
    for (const fail of t.failures) fail(e);
    t.failures.clear();
  };
  worker.on('error', (e) => died(e instanceof Error ? e.message : String(e)));
  worker.on('exit', (code) => died(`exit code ${code}`));
  return t;
}

function stopThread(t: Thread): void {
  if (thread === t) thread = undefined;
  if (t.stopped) return;
  t.stopped = true;
  t.pdfWorker.destroy();
  t.port.close();
  void t.worker.terminate().catch(() => undefined);
}

/** Keeps the process alive for the thread only while an extraction runs. */
function hold(t: Thread, on: boolean): void {
  if (on) {
    t.worker.ref();
    t.port.ref();
  } else {
    t.worker.unref();
    t.port.unref();
  }
}

function lease(pdfjs: PdfjsLike): Promise<PdfWorkerLease> {
  const t = (thread ??= startThread(pdfjs as PdfjsNode));
  if (t.leases++ === 0) hold(t, true);
  let fail!: (e: PdfTextError) => void;
  const lost = new Promise<never>((_, reject) => (fail = reject));
  lost.catch(() => undefined);
  t.failures.add(fail);
  let ended = false;
  return Promise.resolve({
    options: { worker: t.pdfWorker },
    lost,
    release() {
      if (ended) return;
      ended = true;
      t.failures.delete(fail);
      if (--t.leases === 0 && !t.stopped) hold(t, false);
    },
    stop: () => stopThread(t),
  });
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

/**
 * A {@link PdfTextSource} for Node, parsing in pdf.js's worker thread. `stepBudgetMs` overrides
 * the time budget of one step (tests).
 */
export function nodePdfSource(options: { stepBudgetMs?: number } = {}): PdfTextSource {
  return createPdfTextSource(loadPdfjs, resources, { lease, ...options });
}

let inThread: Promise<PdfjsNode> | undefined;

/**
 * A {@link PdfTextSource} with both halves of pdf.js in the calling thread (pdf.js's "fake
 * worker"): for a worker thread that reads whole PDFs by itself (the CLI's pool, cli/pdf-pool.ts),
 * never for the main thread — pdf.js's stray rejections (see pdf-node-thread.ts) are that
 * thread's to drop, and a parser that runs away is stopped by ending that thread.
 */
export function inThreadPdfSource(options: { stepBudgetMs?: number } = {}): PdfTextSource {
  return createPdfTextSource(loadInThreadPdfjs, resources, options);
}

/** Loads both halves of pdf.js into this thread for {@link inThreadPdfSource} (once; a thread may start it early). */
export function loadInThreadPdfjs(): Promise<PdfjsNode> {
  inThread ??= (async () => {
    const pdfjs = await loadPdfjs();
    const restore = snapshotReplacedBuiltins();
    try {
      // pdf.js runs its worker half in this thread when it finds it here.
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= await import(WORKER_MODULE);
    } finally {
      restore();
    }
    return pdfjs;
  })();
  inThread.catch(() => (inThread = undefined));
  return inThread;
}

/** pdf.js's worker half (typed loosely: pdfjs-dist ships no declarations for it; not bundled). */
const WORKER_MODULE: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
