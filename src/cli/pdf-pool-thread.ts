/**
 * One thread of the CLI's PDF pool (pdf-pool.ts): reads pages of PDFs with both halves of pdf.js
 * in this thread (import/pdf-node.ts, inThreadPdfSource), one job at a time.
 *
 * Messages in: `{id, bytes, first, last}` — read pages first..last of the PDF (its page count,
 * and with page 1 its labels, title and year). Out: `{id, type: 'progress', page}` after each
 * page (the pool's watchdog counts a step from one message to the next), then `{id, type: 'done',
 * extraction}` or `{id, type: 'failed', reason, detail}`. The pool ends this thread when a job
 * stops sending messages for longer than the time budget of a step.
 */
import { parentPort } from 'node:worker_threads';
import { inThreadPdfSource, loadInThreadPdfjs } from '../import/pdf-node.ts';
import { PdfTextError } from '../import/pdf-text.ts';
import type { PdfJob, PdfJobMessage } from './pdf-pool.ts';

// pdf.js's parser leaves promises of its own unhandled on some damaged files (see
// import/pdf-node-thread.ts); the failure the job needs arrives through the request it awaits.
process.on('unhandledRejection', () => undefined);

const port = parentPort!;
const pdf = inThreadPdfSource();
// pdf.js is loaded at once, while the main thread still reads the files (a failure to load is
// reported by the first job, which loads it again).
loadInThreadPdfjs().catch(() => undefined);
const post = (m: PdfJobMessage): void => port.postMessage(m);

port.on('message', async (job: PdfJob) => {
  try {
    const extraction = await pdf.extract(job.bytes, (page) => post({ id: job.id, type: 'progress', page }), undefined, { first: job.first, last: job.last });
    post({ id: job.id, type: 'done', extraction });
  } catch (e) {
    const error = e instanceof PdfTextError ? e : new PdfTextError('read-error', e instanceof Error ? e.message : String(e));
    post({ id: job.id, type: 'failed', reason: error.reason, ...(error.detail !== undefined ? { detail: error.detail } : {}) });
  }
});
