/**
 * Coding in real Chromium (the e2e harness against the build in WM_DIST, else dist/): a
 * 200-page document of ~500,000 characters with 8,000 fragments (bench-projects.ts), restored through the app's
 * own project restore. Measured in the page:
 * - time to interactive: from navigation start to the reader showing the text with all
 *   highlights (the app's `wm-reader-ready` mark, then two frames so it is painted);
 * - one coding action: from the key press ("4" on a fresh selection) to the highlight drawn
 *   and the fragment saved in IndexedDB (the app's `wm-coding-saved` mark, then a frame).
 * Each is compared with the same text without fragments, so the ratio shows growth with the
 * number of fragments. Targets (issue 17): time to interactive ≤ 1.5× the empty document; < 16 ms per action at both.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { line, type Bench, type BenchLine } from './harness.ts';
import { openSession, removeProfile, root, startServer } from '../e2e/harness.ts';
import { readerProject, restoreProject } from './bench-projects.ts';

/** Fragments in the full document (issue 17's target: time to interactive ≤ 1.5× the empty one, a key < 16 ms at both). */
const FRAGMENTS = 8000;
const TTI_RUNS = 7;
const ACTION_RUNS = 21;

/** Reloads the reader on a document and returns ms from navigation start to painted and ready. */
async function timeToInteractive(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.reload();
  // Strings, not functions: tsx would wrap named inner functions in a helper the page lacks.
  return page.evaluate(`new Promise((resolve) => {
    const check = () => {
      if (!performance.getEntriesByName('wm-reader-ready')[0]) return void setTimeout(check, 5);
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
    };
    check();
  })`) as Promise<number>;
}

/** Selects a few words of block `n` (a paragraph), then times key "4" to drawn and saved. */
async function timeOneAction(page: Page, n: number): Promise<number> {
  await page.evaluate(`(() => {
    const blocks = document.querySelectorAll('.ProseMirror p.wm-paragraph');
    const block = blocks[${n} % blocks.length];
    block.scrollIntoView({ block: 'center' });
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let node = walker.nextNode();
    while (node && (node.parentElement.closest('.wm-key, .wm-page-break') || node.textContent.length < 30)) node = walker.nextNode();
    if (!node) throw new Error('no text in block');
    getSelection().setBaseAndExtent(node, 3, node, 25);
  })()`);
  // Let the reader take the selection (selectionchange is asynchronous).
  await page.waitForFunction(() => document.querySelector('.coding-panel h2')?.textContent === 'Selection');
  await page.evaluate(`(() => {
    window.__before = performance.getEntriesByName('wm-coding-saved').length;
    addEventListener('keydown', (e) => (window.__t0 = e.timeStamp), { capture: true, once: true });
  })()`);
  await page.keyboard.press('4');
  const ms = (await page.evaluate(`new Promise((resolve) => {
    const check = () => {
      if (performance.getEntriesByName('wm-coding-saved').length <= window.__before) return void requestAnimationFrame(check);
      requestAnimationFrame(() => resolve(performance.now() - window.__t0));
    };
    check();
  })`)) as number;
  // Let go of the new fragment so the next key press makes a new one.
  await page.keyboard.press('Escape');
  return ms;
}

async function runAll(): Promise<BenchLine[] | string> {
  const dist = process.env.WM_DIST ?? join(root, 'dist');
  if (!existsSync(join(dist, 'index.html'))) return `no build in ${dist}: run \`npx vite build\` (or set WM_DIST)`;
  const { json, full, empty } = readerProject(FRAGMENTS);
  const { url, server } = await startServer();
  const session = await openSession();
  try {
    const { page } = session;
    await restoreProject(page, url, json, 2, FRAGMENTS);
    const readerUrl = (id: string) => `${url}#/reader/${id}`;

    const tti = async (id: string) => {
      const out: number[] = [];
      await timeToInteractive(page, readerUrl(id)); // warm-up (caches, JIT)
      for (let i = 0; i < TTI_RUNS; i++) out.push(await timeToInteractive(page, readerUrl(id)));
      return out;
    };
    const actions = async (id: string) => {
      await page.goto(readerUrl(id));
      await page.reload();
      await page.locator('.fragment-list, .hint').first().waitFor();
      await page.waitForFunction(() => performance.getEntriesByName('wm-reader-ready').length > 0);
      const out: number[] = [];
      for (let i = 0; i < 3; i++) await timeOneAction(page, 1000 + i * 37); // warm-up
      for (let i = 0; i < ACTION_RUNS; i++) out.push(await timeOneAction(page, 40 + i * 131));
      return out;
    };
    const ttiFull = await tti(full);
    const ttiEmpty = await tti(empty);
    const actFull = await actions(full);
    const actEmpty = await actions(empty);
    return [
      line('coding: open a 200-page document with 8,000 fragments (to interactive)', ttiFull, {
        name: 'the same document without fragments',
        timings: ttiEmpty,
      }),
      line('coding: regime key to highlight shown and saved, 8,000 fragments', actFull, {
        name: 'the same document without fragments',
        timings: actEmpty,
      }),
    ];
  } finally {
    await session.close();
    removeProfile(session.profile);
    await server.close();
  }
}

let results: Promise<BenchLine[] | string> | undefined;
const all = () => (results ??= runAll());

/** The coding benches (both run in one browser session). */
export const benches: Bench[] = [
  {
    name: 'coding: open a 200-page document with 8,000 fragments (to interactive)',
    run: async () => {
      const r = await all();
      return typeof r === 'string' ? r : r[0]!;
    },
  },
  {
    name: 'coding: regime key to highlight shown and saved, 8,000 fragments',
    run: async () => {
      const r = await all();
      return typeof r === 'string' ? r : r[1]!;
    },
  },
];
