/**
 * A Web Worker that imports files: extractFile (pdf.js, page clean-up, structure, normalisation)
 * on a thread of its own, so several files import at once (app/extract-pool.ts starts as many
 * of these as the machine has cores, capped) and the page stays responsive.
 *
 * pdf.js runs inside this worker as its "fake worker" (its worker half loaded here and used
 * in-thread), so each file is parsed and read on this one thread; CMaps come from the bundle, as
 * in the page (pdf-browser.ts). Messages: `{type:'extract', id, name, bytes, options}` answered by
 * `{type:'progress', id, done, total}`… and one `{type:'result', id, result}` (or
 * `{type:'aborted', id}` after `{type:'abort', id}`); an unexpected failure is a 'read-error'
 * result, never a lost message.
 */
import { extractFile, type ExtractOptions } from './extract.ts';
import { browserOptions } from './pdf-browser.ts';
import { createPdfTextSource, type PdfjsLike } from './pdf-text.ts';

/** A request to the worker. */
export type ExtractRequest =
  | { type: 'extract'; id: number; name: string; bytes: Uint8Array; options: Pick<ExtractOptions, 'maxBytes' | 'keepRunningLines'> }
  | { type: 'abort'; id: number };

/** A message from the worker. */
export type ExtractResponse =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; result: Awaited<ReturnType<typeof extractFile>> }
  | { type: 'aborted'; id: number };

let loading: Promise<PdfjsLike> | undefined;
function loadPdfjs(): Promise<PdfjsLike> {
  loading ??= (async () => {
    const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.mjs')]);
    // pdf.js runs its worker half in this thread when it finds it here.
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
    return pdfjs as unknown as PdfjsLike;
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

const pdf = createPdfTextSource(loadPdfjs, browserOptions);
const running = new Map<number, AbortController>();
const scope = self as unknown as { postMessage(m: ExtractResponse): void; onmessage: ((e: MessageEvent<ExtractRequest>) => void) | null };
const post = (m: ExtractResponse) => scope.postMessage(m);

scope.onmessage = async (e: MessageEvent<ExtractRequest>) => {
  const m = e.data;
  if (m.type === 'abort') {
    running.get(m.id)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(m.id, controller);
  try {
    const result = await extractFile(m.name, m.bytes, pdf, {
      ...m.options,
      signal: controller.signal,
      onProgress: (done, total) => post({ type: 'progress', id: m.id, done, total }),
    });
    post({ type: 'result', id: m.id, result });
  } catch (err) {
    if (controller.signal.aborted) post({ type: 'aborted', id: m.id });
    else post({ type: 'result', id: m.id, result: { ok: false, error: { file: m.name, reason: 'read-error', detail: String(err) } } });
  } finally {
    running.delete(m.id);
  }
};
