/**
 * Damaged PDFs end in one clear error, never in an unhandled rejection or a wait without end.
 *
 * The two files in tests/fixtures/pdf/corrupt/ are the cases `npm run fuzz` (issue 15, seed 15)
 * found crashing the import: tests/fixtures/make-fixtures.ts's textPdf('Fuzz') with a few bytes
 * changed (case 2611: six bytes, among them a page object's /Type; case 3559: four bytes, among them
 * the /Pages tree's /Kids). pdf.js rejected the page request with FormatError, and its own prefetch
 * of the page tree (Catalog.getPageDict) left an XRefEntryException / ParserEOFException that
 * nothing handled — in Node's in-process "fake worker" that ended the CLI.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractFile } from '../../../src/import/extract.ts';
import { nodePdfSource } from '../../../src/import/pdf-node.ts';
import { createPdfTextSource, type PdfjsLike, type PdfWorkerLease } from '../../../src/import/pdf-text.ts';
import { MAX_PAGES } from '../../../src/import/limits.ts';
import { importErrorText } from '../../../src/ui/messages.ts';
import { textPdf } from '../../fixtures/make-fixtures.ts';

const dir = new URL('../../fixtures/pdf/corrupt/', import.meta.url);
const FUZZ_CASES = ['fuzz-seed15-case2611.pdf', 'fuzz-seed15-case3559.pdf'];

/** Rejections nobody handled while a test ran (vitest would report them too, but not per case). */
let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
beforeEach(() => {
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});
/** Gives a late rejection of pdf.js's time to arrive (Node reports them after the microtasks). */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 100));

describe('pdf.js in a worker thread stopped after its time budget (Node)', () => {
  // First in the file, so the thread is started by this test: opening the file cannot finish
  // within a budget of 0 ms (the thread must load pdf.js first).
  it('gives up as too-slow, stops the thread, and the next file gets a new one', async () => {
    const bytes = await textPdf('Budget');
    await expect(nodePdfSource({ stepBudgetMs: 0 }).extract(bytes)).rejects.toMatchObject({ reason: 'too-slow', detail: expect.stringContaining('opening the file') });
    const again = await nodePdfSource().extract(bytes);
    expect(again.pageCount).toBe(3);
    await settle();
    expect(unhandled).toEqual([]);
  }, 60_000);
});

describe('corrupt PDFs found by fuzzing', () => {
  const source = nodePdfSource();

  it.each(FUZZ_CASES)('%s: one error naming the file and the reason, no unhandled rejection', async (name) => {
    const r = await extractFile(name, new Uint8Array(readFileSync(new URL(name, dir))), source);
    await settle();
    expect(unhandled).toEqual([]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ file: name, reason: 'corrupt' });
    expect(importErrorText('en', r.error)).toBe(`${name}: the file is damaged or not a valid PDF.`);
    expect(importErrorText('nl', r.error)).toBe(`${name}: het bestand is beschadigd of geen geldige PDF.`);
  }, 30_000);

  it('reads a sound PDF right after them, with the same reader', async () => {
    for (const name of FUZZ_CASES) await extractFile(name, new Uint8Array(readFileSync(new URL(name, dir))), source);
    const r = await extractFile('sound.pdf', await textPdf('Sound'), source);
    expect(r.ok && r.value.text).toContain('paginawoord3');
    await settle();
    expect(unhandled).toEqual([]);
  }, 30_000);
});

/** A lease that counts what the adapter does with it. */
function countingLease(lost?: Promise<never>): { lease: () => Promise<PdfWorkerLease>; stopped: () => number; released: () => number } {
  let stopped = 0;
  let released = 0;
  return {
    lease: async () => ({ options: {}, ...(lost ? { lost } : {}), release: () => void released++, stop: () => void stopped++ }),
    stopped: () => stopped,
    released: () => released,
  };
}

/** pdf.js as far as the adapter sees it, with a document whose pages come from `getPage`. */
function fakePdfjs(numPages: number, getPage: (n: number) => Promise<never>, destroy: () => Promise<void> = async () => undefined): PdfjsLike & { pagesAsked: number[] } {
  const pagesAsked: number[] = [];
  return {
    pagesAsked,
    getDocument: () => ({
      promise: Promise.resolve({
        numPages,
        getPage: (n: number) => (pagesAsked.push(n), getPage(n)),
        getPageLabels: async () => null,
        getMetadata: async () => ({ info: {}, metadata: null }),
      }),
      destroy,
    }),
  };
}

describe('bounds of the pdf.js adapter (pdf-text.ts)', () => {
  it('gives up a page that pdf.js never delivers as too-slow and stops the worker, without waiting for its clean-up', async () => {
    const c = countingLease();
    // Neither the page nor the clean-up ever ends, as with a worker that is stuck.
    const pdfjs = fakePdfjs(2, () => new Promise<never>(() => undefined), () => new Promise<void>(() => undefined));
    const source = createPdfTextSource(async () => pdfjs, undefined, { lease: c.lease, stepBudgetMs: 20 });
    await expect(source.extract(new Uint8Array([1]))).rejects.toMatchObject({ reason: 'too-slow', detail: expect.stringContaining('page 1') });
    expect([c.stopped(), c.released()]).toEqual([1, 1]);
  });

  it('reports a worker that died during the extraction as read-error, at once', async () => {
    let die!: (e: Error) => void;
    const lost = new Promise<never>((_, reject) => (die = reject));
    lost.catch(() => undefined);
    const c = countingLease(lost);
    const pdfjs = fakePdfjs(2, () => new Promise<never>(() => undefined), () => new Promise<void>(() => undefined));
    // The budget is far away: only the worker's death can end this extraction.
    const source = createPdfTextSource(async () => pdfjs, undefined, { lease: c.lease, stepBudgetMs: 600_000 });
    const pending = source.extract(new Uint8Array([1]));
    setTimeout(() => die(new Error('worker exited')), 10);
    await expect(pending).rejects.toMatchObject({ reason: 'read-error', detail: 'worker exited' });
    expect(c.released()).toBe(1);
  });

  it('refuses a document of more than MAX_PAGES pages before reading a page', async () => {
    const pdfjs = fakePdfjs(MAX_PAGES + 1, () => Promise.reject(new Error('no page should be read')));
    const source = createPdfTextSource(async () => pdfjs);
    await expect(source.extract(new Uint8Array([1]))).rejects.toMatchObject({ reason: 'too-many-pages', detail: `${MAX_PAGES + 1} pages > ${MAX_PAGES}` });
    expect(pdfjs.pagesAsked).toEqual([]);
  });

  it('leaves no rejection unhandled when a page fetched ahead fails while an earlier one is laid out', async () => {
    const page1 = { getTextContent: async () => ({ items: [] }), cleanup: () => true, rotate: 0 };
    let n = 0;
    const pdfjs: PdfjsLike = {
      getDocument: () => ({
        promise: Promise.resolve({
          numPages: 3,
          // Page 1 is fine; page 2 fails at once, before page 1's turn ends.
          getPage: () => (++n === 1 ? Promise.resolve(page1) : Promise.reject(Object.assign(new Error('Bad (uncompressed) XRef entry'), { name: 'XRefEntryException' }))),
          getPageLabels: async () => null,
          getMetadata: async () => ({ info: {}, metadata: null }),
        }),
        destroy: async () => undefined,
      }),
    };
    // Page 1's progress takes longer than a frame, so the adapter gives the event loop a turn
    // (yieldToUi) before it awaits page 2: page 2's rejection is then there with nobody awaiting.
    const slowProgress = (): void => {
      const t = performance.now();
      while (performance.now() - t < 20);
    };
    const source = createPdfTextSource(async () => pdfjs);
    await expect(source.extract(new Uint8Array([1]), slowProgress)).rejects.toMatchObject({ reason: 'corrupt' });
    await settle();
    expect(unhandled).toEqual([]);
  });
});
