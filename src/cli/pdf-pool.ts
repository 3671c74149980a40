/**
 * The CLI's PDF reader: a pool of worker threads (pdf-pool-thread.ts), each with the whole of
 * pdf.js, one fewer than the machine has cores (at least one, at most {@link MAX_THREADS}): the
 * main thread and V8's own background threads (compiling, collecting garbage) keep one core busy —
 * on two cores a second thread read ../shared/corpus no faster and cost 20 % more CPU (measured,
 * idle machine: 1,668 against 1,655 ms wall, median of 6). Several PDFs are read at
 * once, and the pages of a long PDF are split over the threads: the first job of a file reads
 * its first {@link FIRST_PAGES} pages with its page count, labels and info; the rest of its pages
 * are then read in as many parts as there are threads. The parts are put together in page order,
 * so a file gives the same extraction as read in one go (tests/unit/cli/pdf-pool.test.ts); the
 * check for a missing text layer runs on the whole.
 *
 * Bounds: a job that sends no message (a page done) for longer than the time budget of one step
 * ({@link PDF_STEP_BUDGET_MS}) has its thread ended and fails as 'too-slow'; a thread that dies
 * (out of memory, a crash) fails its job as 'read-error' and is replaced for the next one. Idle
 * threads do not keep the process alive.
 *
 * The main thread never loads pdf.js: its start-up and the thread's messages of text items are
 * the threads' own affair, and the main thread only lays the files' pages out into documents
 * (import/extract.ts).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { hasAlmostNoText, PDF_STEP_BUDGET_MS, PdfTextError, type PdfExtraction, type PdfFailureReason, type PdfTextSource } from '../import/pdf-text.ts';

/** The default number of threads: the cores less one, at least 1, at most {@link MAX_THREADS}. */
export function defaultThreads(cores = availableParallelism()): number {
  return Math.max(1, Math.min(MAX_THREADS, cores - 1));
}

/** At most this many threads, however many cores. */
export const MAX_THREADS = 4;
/** The pages a file's first job reads before the rest is split over the threads. */
export const FIRST_PAGES = 8;

/** A job for a thread: pages first..last of a PDF. */
export interface PdfJob {
  id: number;
  bytes: Uint8Array;
  first: number;
  last: number;
}

/** A thread's answer to a job. */
export type PdfJobMessage =
  | { id: number; type: 'progress'; page: number }
  | { id: number; type: 'done'; extraction: PdfExtraction }
  | { id: number; type: 'failed'; reason: PdfFailureReason; detail?: string };

/** Options of {@link pooledPdfSource}. */
export interface PdfPoolOptions {
  /** Threads at most (default {@link defaultThreads}). */
  threads?: number;
  /** Pages of a file's first job (default {@link FIRST_PAGES}). */
  firstPages?: number;
  /** Overrides {@link PDF_STEP_BUDGET_MS} (tests). */
  stepBudgetMs?: number;
}

/** A {@link PdfTextSource} that can also start a thread ahead of its first file and end its threads at once. */
export interface PdfPool extends PdfTextSource {
  /** Starts a thread (which loads pdf.js) if none runs, so a first file does not wait for it. */
  warm(): void;
  /** Ends every thread (jobs under way fail); the pool starts new ones if used again. */
  close(): void;
}

interface Slot {
  worker: Worker;
  job?: Running;
}

interface Running {
  job: PdfJob;
  onPage?: (page: number) => void;
  resolve(extraction: PdfExtraction): void;
  reject(error: PdfTextError): void;
  timer?: ReturnType<typeof setTimeout>;
  lastPage: number;
}

/**
 * The thread's module, beside this one: in the CLI's bundle plain JavaScript in chunks/
 * (scripts/build-cli.mjs); from the sources a small module that registers tsx in the thread first.
 */
function threadScript(): URL {
  return new URL(import.meta.url.endsWith('.mjs') ? './pdf-pool-thread.mjs' : './pdf-pool-thread-from-source.mjs', import.meta.url);
}

/** A pooled PDF reader (see the module header). */
export function pooledPdfSource(options: PdfPoolOptions = {}): PdfPool {
  const threads = Math.max(1, options.threads ?? defaultThreads());
  // With one thread a file is read in one job: a split would only open it (and its fonts) twice.
  const firstPages = Math.max(1, options.firstPages ?? (threads > 1 ? FIRST_PAGES : Number.MAX_SAFE_INTEGER));
  const budget = options.stepBudgetMs ?? PDF_STEP_BUDGET_MS;
  const slots = new Set<Slot>();
  const queue: Running[] = [];
  let nextId = 1;

  const finish = (slot: Slot): void => {
    const r = slot.job;
    if (r?.timer) clearTimeout(r.timer);
    slot.job = undefined;
  };

  const drop = (slot: Slot, why: string): void => {
    if (!slots.delete(slot)) return;
    const r = slot.job;
    finish(slot);
    void slot.worker.terminate().catch(() => undefined);
    r?.reject(new PdfTextError('read-error', `pdf.js's worker thread stopped: ${why}`));
    dispatch();
  };

  const watch = (slot: Slot, r: Running): void => {
    if (r.timer) clearTimeout(r.timer);
    r.timer = setTimeout(() => {
      if (slot.job !== r) return;
      finish(slot);
      slots.delete(slot);
      void slot.worker.terminate().catch(() => undefined);
      const where = r.lastPage === 0 ? (r.job.first === 1 ? 'opening the file' : `page ${r.job.first}`) : `after page ${r.lastPage}`;
      r.reject(new PdfTextError('too-slow', `${where}: no result within ${Math.round(budget / 1000)} s`));
      dispatch();
    }, budget);
  };

  const start = (): Slot => {
    const worker = new Worker(threadScript(), { execArgv: [], name: 'worthmark-pdf' });
    const slot: Slot = { worker };
    worker.on('message', (m: PdfJobMessage) => {
      const r = slot.job;
      if (!r || m.id !== r.job.id) return;
      if (m.type === 'progress') {
        r.lastPage = m.page;
        r.onPage?.(m.page);
        watch(slot, r);
        return;
      }
      finish(slot);
      worker.unref();
      if (m.type === 'done') r.resolve(m.extraction);
      else r.reject(new PdfTextError(m.reason, m.detail));
      dispatch();
    });
    worker.on('error', (e) => drop(slot, e instanceof Error ? e.message : String(e)));
    worker.on('exit', (code) => drop(slot, `exit code ${code}`));
    slots.add(slot);
    return slot;
  };

  function dispatch(): void {
    while (queue.length > 0) {
      let slot = [...slots].find((s) => !s.job);
      if (!slot) {
        if (slots.size >= threads) return;
        slot = start();
      }
      const r = queue.shift()!;
      slot.job = r;
      slot.worker.ref();
      watch(slot, r);
      slot.worker.postMessage(r.job);
    }
  }

  const run = (bytes: Uint8Array, first: number, last: number, onPage?: (page: number) => void): Promise<PdfExtraction> =>
    new Promise((resolve, reject) => {
      queue.push({ job: { id: nextId++, bytes, first, last }, resolve, reject, lastPage: 0, ...(onPage ? { onPage } : {}) });
      dispatch();
    });

  return {
    async extract(bytes, onProgress, signal) {
      signal?.throwIfAborted();
      let done = 0;
      let total = 0;
      const page = (): void => {
        done += 1;
        if (total > 0) onProgress?.(done, total);
      };
      const head = await run(bytes, 1, firstPages, page);
      total = head.pageCount;
      signal?.throwIfAborted();
      const rest = head.pageCount - firstPages;
      const parts: Array<Promise<PdfExtraction>> = [];
      if (rest > 0) {
        const size = Math.max(firstPages, Math.ceil(rest / threads));
        for (let first = firstPages + 1; first <= head.pageCount; first += size) parts.push(run(bytes, first, Math.min(head.pageCount, first + size - 1), page));
      }
      // Every part gets a handler now: a later one may fail while an earlier one is awaited.
      for (const p of parts) p.catch(() => undefined);
      const pages = [...head.pages];
      for (const p of parts) {
        const part = await p;
        if (part.pageCount !== head.pageCount) throw new PdfTextError('read-error', `page count changed between reads (${head.pageCount}, ${part.pageCount})`);
        pages.push(...part.pages);
      }
      signal?.throwIfAborted();
      if (hasAlmostNoText(pages, head.pageCount)) throw new PdfTextError('no-text', `${head.pageCount} page(s) without a text layer`);
      return { ...head, pages };
    },
    warm() {
      if (slots.size === 0) start().worker.unref();
    },
    close() {
      for (const slot of [...slots]) {
        slots.delete(slot);
        const r = slot.job;
        finish(slot);
        void slot.worker.terminate().catch(() => undefined);
        r?.reject(new PdfTextError('read-error', 'the PDF reader was closed'));
      }
      for (const r of queue.splice(0)) r.reject(new PdfTextError('read-error', 'the PDF reader was closed'));
    },
  };
}
