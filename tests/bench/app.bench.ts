/**
 * The app's first paint in real Chromium (the e2e harness against the build in WM_DIST, else
 * dist/), median of 5:
 *
 * - app-first-contentful-paint-cold: a new browser with a new, empty profile opens the app (so
 *   the first run's work — the database, the codebook, the sample import — all lies ahead);
 *   Chromium's own `first-contentful-paint` entry, ms from navigation start. Baseline: the same,
 *   on a static page with one paragraph served from this process (what any page costs). Target
 *   < 1,000 ms. Extra fields (medians, ms from navigation start): `library_shown_ms`, when the
 *   library screen is drawn (the first paint is the app's frame drawn while the database opens),
 *   and `sample_shown_ms`, when the sample document is in it (the first run's import, done after
 *   the paint).
 * - app-tally-open-20k: from the library to the tally drawn (status, matrix and charts, then a
 *   frame) on a project of 100 documents and 20,000 fragments (bench-projects.ts), restored
 *   through the app's own restore (charts count where they are drawn: on screen or within a
 *   screen of it). Baseline: the same with 100 fragments over the same
 *   documents, in a browser of its own, paired. Target < 500 ms.
 * - app-tally-filter-20k: a filter change on the open tally (the coder: Anna, then all again),
 *   from the change to the new counts and charts drawn (then a frame). Baseline as above.
 *   Target < 100 ms.
 * - app-import-corpus-ms-per-page: all ../shared/corpus PDFs chosen at once in the library of a
 *   new profile (after the sample is in), from choosing to every file imported, divided by the
 *   pages (median_ms is ms per page). Baseline, paired: `pdftotext` on every file, all processes
 *   started at once, per page. Target ≤ 8 ms/page.
 *
 * Times inside the page are taken with the page's own clock: from the action to a condition seen
 * by a MutationObserver, then one frame (requestAnimationFrame, then a task), so style, layout
 * and paint of the change are in.
 */
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openSession, removeProfile, root, startServer } from '../e2e/harness.ts';
import { installed, line, median, runProcess, type Bench, type BenchLine } from './harness.ts';
import { corpusPdfs, NO_SHARED } from './material.ts';
import { restoreProject, tallyProject } from './bench-projects.ts';

const RUNS = 5;

/** The first-contentful-paint time of the page (waits for the entry). */
function firstContentfulPaint(page: Page): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const check = () => {
      const e = performance.getEntriesByName('first-contentful-paint')[0];
      if (e) resolve(e.startTime);
      else setTimeout(check, 5);
    };
    check();
  })`) as Promise<number>;
}

/** Opens `url` in a new browser with an empty profile; returns its FCP and what `after` measures. */
async function coldOpen(url: string, after?: (page: Page) => Promise<number>): Promise<{ fcp: number; after?: number }> {
  const session = await openSession();
  try {
    await session.page.goto(url);
    const fcp = await firstContentfulPaint(session.page);
    return { fcp, ...(after ? { after: await after(session.page) } : {}) };
  } finally {
    await session.close();
    removeProfile(session.profile);
  }
}

/** A static page with one paragraph, from a server in this process. */
async function staticPage(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="en"><title>x</title><p>Worthmark</p></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function firstPaint(): Promise<BenchLine | string> {
  const dist = process.env.WM_DIST ?? join(root, 'dist');
  if (!existsSync(join(dist, 'index.html'))) return `no build in ${dist}: run \`npx vite build\` (or set WM_DIST)`;
  const { url, server } = await startServer();
  const blank = await staticPage();
  try {
    const sampleShown = (page: Page) =>
      page
        .getByRole('heading', { name: 'Documents (1)' })
        .waitFor({ timeout: 120_000 })
        .then(() => page.evaluate('performance.now()') as Promise<number>);
    const ours: number[] = [];
    const theirs: number[] = [];
    const shown: number[] = [];
    const library: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await coldOpen(url, async (page) => {
        // The library screen itself (its heading), after the frame drawn while the database opens.
        await page.getByRole('heading', { name: /^Documents/ }).waitFor({ timeout: 120_000 });
        library.push((await page.evaluate('performance.now()')) as number);
        return sampleShown(page);
      });
      ours.push(r.fcp);
      shown.push(r.after!);
      theirs.push((await coldOpen(blank.url)).fcp);
    }
    return line('app-first-contentful-paint-cold', ours, { name: 'a static page with one paragraph, new profile (first-contentful-paint)', timings: theirs }, {
      note: 'Chromium, new browser and empty profile per run, paired',
      library_shown_ms: Math.round(median(library)),
      sample_shown_ms: Math.round(median(shown)),
    });
  } finally {
    await blank.close();
    await server.close();
  }
}

/** The pages of the corpus PDFs as the app counts them, read from the library after an import. */
async function importCorpus(): Promise<BenchLine | string> {
  const dist = process.env.WM_DIST ?? join(root, 'dist');
  if (!existsSync(join(dist, 'index.html'))) return `no build in ${dist}: run \`npx vite build\` (or set WM_DIST)`;
  const pdfs = corpusPdfs();
  if (pdfs.length === 0) return NO_SHARED;
  const { url, server } = await startServer();
  try {
    const perPage: number[] = [];
    const baseline: number[] = [];
    const withPdftotext = await installed('pdftotext', '-v');
    let pages = 0;
    for (let i = 0; i < RUNS; i++) {
      const session = await openSession();
      try {
        const { page } = session;
        await page.goto(url);
        await page.getByRole('heading', { name: /Documents \(1\)/ }).waitFor({ timeout: 120_000 });
        const t0 = performance.now();
        await page.getByLabel('Choose files').setInputFiles(pdfs);
        await page.getByRole('heading', { name: `Documents (${pdfs.length + 1})` }).waitFor({ timeout: 300_000 });
        await page.getByText('Importing…').waitFor({ state: 'detached', timeout: 300_000 });
        const ms = performance.now() - t0;
        // The library table lists each document's pages; the sample's are left out.
        pages = (await page.evaluate(`(async () => {
          const db = await new Promise((resolve, reject) => { const r = indexedDB.open('worthmark'); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
          const docs = await new Promise((resolve) => { const r = db.transaction('documents').objectStore('documents').getAll(); r.onsuccess = () => resolve(r.result); });
          db.close();
          return docs.filter((d) => !d.sample).reduce((n, d) => n + d.pages.length, 0);
        })()`)) as number;
        perPage.push(ms / pages);
        if (withPdftotext) {
          // The baseline, paired: pdftotext on every file, all processes started at once.
          const t1 = performance.now();
          await Promise.all(pdfs.map((f) => runProcess('pdftotext', ['-enc', 'UTF-8', f, '-'])));
          baseline.push((performance.now() - t1) / pages);
        }
      } finally {
        await session.close();
        removeProfile(session.profile);
      }
    }
    const out = line('app-import-corpus-ms-per-page', perPage, withPdftotext ? { name: 'pdftotext on every file, all processes at once (ms/page)', timings: baseline } : undefined, { note: `Chromium, ${pdfs.length} PDFs chosen at once, ${pages} pages; median_ms is ms per page, from choosing to all imported` });
    return out;
  } finally {
    await server.close();
  }
}


/**
 * Runs `action` (JavaScript, in the page) and resolves to the ms from just before it to the
 * first time `condition` (a JavaScript expression) holds after a change of the page, plus a frame.
 * Strings, not functions: tsx would wrap named inner functions in a helper the page lacks.
 */
async function timed(page: Page, action: string, condition: string): Promise<number> {
  return (await page.evaluate(`new Promise((resolve, reject) => {
    let finished = false;
    const holds = () => { try { return Boolean(${condition}); } catch { return false; } };
    const finish = () => {
      if (finished) return;
      finished = true;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
    };
    const observer = new MutationObserver(() => { if (holds()) finish(); });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    const t0 = performance.now();
    ${action};
    if (holds()) finish();
    setTimeout(() => { if (!finished) { observer.disconnect(); reject(new Error('condition not met in 120 s: ' + ${JSON.stringify(condition)})); } }, 120000);
  })`)) as number;
}

/** The tally status line's counts ("20,000 of 20,000 fragments count."), as a JavaScript expression. */
const STATUS = `(document.querySelector('.tally-status')?.textContent ?? '')`;
/** The chart holders on screen or within a screen of it (the app draws charts only there). */
const CHARTS_NEAR = `[...document.querySelectorAll('.chart-svg')].filter((el) => { const r = el.getBoundingClientRect(); return r.top < 2 * innerHeight && r.bottom > -innerHeight; })`;
/** True once the tally shows `total` fragments in all, its matrix, and the charts near the screen drawn. */
const tallyDrawn = (total: number) =>
  `${STATUS}.replace(/[,.\\u202f\\u00a0]/g, '').includes(' of ${total} ') && document.querySelector('table.matrix tbody tr') && ${CHARTS_NEAR}.every((el) => el.querySelector('svg'))`;

/** Opens a browser on a restored tally project of `fragments` fragments; returns its page. */
async function tallySession(url: string, fragments: number) {
  const session = await openSession();
  await restoreProject(session.page, url, tallyProject(fragments), 100, fragments);
  return session;
}

/** Library → tally, timed; then back to the library. */
async function openTally(page: Page, total: number): Promise<number> {
  await page.evaluate(`location.hash = '#/library'`);
  await page.getByRole('heading', { name: /Documents \(\d+\)/ }).waitFor();
  return timed(page, `location.hash = '#/tally'`, tallyDrawn(total));
}

/** Sets the tally's coder filter to the coder named `name` ('' for all), timed to the new counts and charts drawn. */
async function changeCoder(page: Page, name: string): Promise<number> {
  return timed(
    page,
    `(() => {
      window.__status = ${STATUS};
      // Each chart is drawn anew (a new svg element) for a new view.
      window.__charts = [...document.querySelectorAll('.chart-svg svg')];
      const select = [...document.querySelectorAll('label.field')].find((l) => l.querySelector('span')?.textContent === 'Coder').querySelector('select');
      const option = [...select.options].find((o) => (${JSON.stringify(name)} === '' ? o.value === '' : o.textContent === ${JSON.stringify(name)}));
      Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(select, option.value);
      select.dispatchEvent(new Event('change', { bubbles: true }));
    })()`,
    `${STATUS} !== window.__status && ${CHARTS_NEAR}.every((el) => el.querySelector('svg') && !window.__charts.includes(el.querySelector('svg')))`,
  );
}

let tallyResults: Promise<BenchLine[] | string> | undefined;
async function tallyRuns(): Promise<BenchLine[] | string> {
  const dist = process.env.WM_DIST ?? join(root, 'dist');
  if (!existsSync(join(dist, 'index.html'))) return `no build in ${dist}: run \`npx vite build\` (or set WM_DIST)`;
  const { url, server } = await startServer();
  const big = await tallySession(url, 20_000);
  const small = await tallySession(url, 100);
  try {
    const open = { ours: [] as number[], theirs: [] as number[] };
    const filter = { ours: [] as number[], theirs: [] as number[] };
    // Warm-up: each screen and filter once (chunks loaded, caches filled).
    for (const [s, n] of [[big, 20_000], [small, 100]] as const) {
      await openTally(s.page, n);
      await changeCoder(s.page, 'Anna');
      await changeCoder(s.page, '');
    }
    for (let i = 0; i < RUNS; i++) {
      open.ours.push(await openTally(big.page, 20_000));
      open.theirs.push(await openTally(small.page, 100));
      for (const name of ['Anna', '']) {
        filter.ours.push(await changeCoder(big.page, name));
        filter.theirs.push(await changeCoder(small.page, name));
      }
    }
    return [
      line('app-tally-open-20k', open.ours, { name: 'the same 100 documents with 100 fragments (library → tally drawn)', timings: open.theirs }, {
        note: 'Chromium, library to tally status, matrix and charts drawn, then a frame; target < 500 ms',
      }),
      line('app-tally-filter-20k', filter.ours, { name: 'the same filter change with 100 fragments', timings: filter.theirs }, {
        note: 'Chromium, coder filter Anna / all, to new counts and charts drawn, then a frame; target < 100 ms',
      }),
    ];
  } finally {
    for (const s of [big, small]) {
      await s.close();
      removeProfile(s.profile);
    }
    await server.close();
  }
}
const tallyAll = () => (tallyResults ??= tallyRuns());

/** The app benches in Chromium. */
export const benches: Bench[] = [
  { name: 'app-first-contentful-paint-cold', run: firstPaint },
  { name: 'app-tally-open-20k', run: async () => ((r) => (typeof r === 'string' ? r : r[0]!))(await tallyAll()) },
  { name: 'app-tally-filter-20k', run: async () => ((r) => (typeof r === 'string' ? r : r[1]!))(await tallyAll()) },
  { name: 'app-import-corpus-ms-per-page', run: importCorpus },
];
