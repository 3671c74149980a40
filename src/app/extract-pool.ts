/**
 * The import workers: as many Web Workers running extract-worker.ts as the machine has cores
 * (capped at {@link MAX_WORKERS}; each holds its own pdf.js), started on the first import and
 * kept. A file goes to an idle worker (or waits for one); its progress and result come back by
 * id; aborting tells the worker to stop and rejects with the signal's reason, as extractFile
 * does. A worker that dies fails its files as 'read-error' and is replaced. pdf.js runs inside
 * the import worker's own thread, where a parser sent in circles could hold the thread so that
 * pdf-text.ts's step budget never fires: a worker that says nothing (no page done, no result)
 * for longer than that budget is stopped here instead, its file failed as 'too-slow', and
 * replaced.
 */
import type { Extractor } from '../actions/import-files.ts';
import type { ExtractRequest, ExtractResponse } from '../import/extract-worker.ts';
import { PDF_STEP_BUDGET_MS } from '../import/pdf-text.ts';

/** At most this many import workers (memory: each parses PDFs with a pdf.js of its own). */
export const MAX_WORKERS = 4;

/** How many files the pool imports at once on this machine. */
export function importConcurrency(): number {
  return Math.max(1, Math.min(MAX_WORKERS, globalThis.navigator?.hardwareConcurrency || 2));
}

interface Job {
  id: number;
  /** The file's name, for a failure of the worker itself. */
  name: string;
  onProgress?: (done: number, total: number) => void;
  resolve: (r: Awaited<ReturnType<Extractor>>) => void;
  reject: (e: unknown) => void;
  signal?: AbortSignal;
  /** The watchdog's timer: restarted by every message from the worker. */
  timer?: ReturnType<typeof setTimeout>;
}

/** An {@link Extractor} that runs on a pool of import workers. */
export function workerExtractor(size = importConcurrency()): Extractor {
  const idle: Worker[] = [];
  const all = new Set<Worker>();
  const jobs = new Map<Worker, Job>();
  const waiting: Array<(w: Worker) => void> = [];
  let nextId = 0;

  const release = (w: Worker) => {
    clearTimeout(jobs.get(w)?.timer);
    jobs.delete(w);
    const take = waiting.shift();
    if (take) take(w);
    else idle.push(w);
  };
  /** (Re)starts the watchdog of the worker's job (see the module header). */
  const watch = (w: Worker, job: Job) => {
    clearTimeout(job.timer);
    job.timer = setTimeout(() => {
      if (jobs.get(w) !== job) return;
      all.delete(w);
      jobs.delete(w);
      w.terminate();
      job.resolve({ ok: false, error: { file: job.name, reason: 'too-slow', detail: `no progress within ${Math.round(PDF_STEP_BUDGET_MS / 1000)} s` } });
      release(spawn());
    }, PDF_STEP_BUDGET_MS + 5_000);
  };
  const spawn = (): Worker => {
    const w = new Worker(new URL('../import/extract-worker.ts', import.meta.url), { type: 'module', name: 'import' });
    all.add(w);
    w.onmessage = (e: MessageEvent<ExtractResponse>) => {
      const job = jobs.get(w);
      if (!job || e.data.id !== job.id) return;
      const m = e.data;
      watch(w, job);
      if (m.type === 'progress') job.onProgress?.(m.done, m.total);
      else {
        if (m.type === 'result') job.resolve(m.result);
        else job.reject(job.signal?.reason ?? new DOMException('Aborted', 'AbortError'));
        release(w);
      }
    };
    w.onerror = (e) => {
      // The worker itself failed (e.g. its script could not load): fail its file, replace it.
      e.preventDefault();
      const job = jobs.get(w);
      clearTimeout(job?.timer);
      all.delete(w);
      w.terminate();
      jobs.delete(w);
      job?.resolve({ ok: false, error: { file: job.name, reason: 'read-error', detail: `import worker failed: ${e.message}` } });
      const replacement = spawn();
      release(replacement);
    };
    return w;
  };
  const acquire = (): Promise<Worker> => {
    const w = idle.pop();
    if (w) return Promise.resolve(w);
    if (all.size < size) return Promise.resolve(spawn());
    return new Promise((resolve) => waiting.push(resolve));
  };

  return async (name, bytes, options) => {
    options.signal?.throwIfAborted();
    const w = await acquire();
    if (options.signal?.aborted) {
      release(w);
      throw options.signal.reason;
    }
    return new Promise((resolve, reject) => {
      const id = ++nextId;
      const job: Job = { id, name, resolve, reject, ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.signal ? { signal: options.signal } : {}) };
      jobs.set(w, job);
      watch(w, job);
      options.signal?.addEventListener('abort', () => w.postMessage({ type: 'abort', id } satisfies ExtractRequest), { once: true });
      // A copy: the caller keeps its bytes for the stored original.
      w.postMessage({ type: 'extract', id, name, bytes: bytes.slice(), options: options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {} } satisfies ExtractRequest);
    });
  };
}
