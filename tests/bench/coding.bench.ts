/**
 * Coding in real Chromium (the e2e harness against the build in WM_DIST, else dist/): a
 * 200-page document of ~500,000 characters with 2,000 fragments, restored through the app's
 * own project restore. Measured in the page:
 * - time to interactive: from navigation start to the reader showing the text with all
 *   highlights (the app's `wm-reader-ready` mark, then two frames so it is painted);
 * - one coding action: from the key press ("4" on a fresh selection) to the highlight drawn
 *   and the fragment saved in IndexedDB (the app's `wm-coding-saved` mark, then a frame).
 * Each is compared with the same text without fragments, so the ratio shows growth with the
 * number of fragments. Targets: < 1,000 ms to interactive; < 50 ms per action, ratio ≈ 1.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { line, type Bench, type BenchLine } from './harness.ts';
import { openSession, removeProfile, root, startServer } from '../e2e/harness.ts';
import { toProjectFile } from '../../src/exchange/project-file.ts';
import { parseCodebook } from '../../src/exchange/codebook-file.ts';
import type { Block, Codebook, CodeId, CoderId, DocumentId, Fragment, FragmentId, Page as DocPage, PolicyDocument } from '../../src/model/index.ts';
import { anchorFromRange } from '../../src/model/index.ts';

const WORDS =
  'de gemeente zorgt voor betaalbare woningen en een efficiënte markt waarin burgers samen beslissen over hun wijk cultuur internationale samenwerking over de grenzen festival bezoekers erfgoed kunstenaars regio'.split(' ');
const TTI_RUNS = 7;
const ACTION_RUNS = 21;

function bigText(blockCount: number, pageCount: number): { text: string; blocks: Block[]; pages: DocPage[] } {
  let seed = 11;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const parts: string[] = [];
  const blocks: Block[] = [];
  let length = 0;
  for (let b = 0; b < blockCount; b++) {
    const words: string[] = [];
    const n = b % 40 === 0 ? 5 : 22 + Math.floor(rnd() * 14);
    for (let w = 0; w < n; w++) words.push(WORDS[Math.floor(rnd() * WORDS.length)]!);
    const body = words.join(' ') + '.';
    if (b > 0) length += 2;
    blocks.push({ kind: b % 40 === 0 ? 'heading' : 'paragraph', start: length, end: length + body.length });
    parts.push(body);
    length += body.length;
  }
  const text = parts.join('\n\n');
  const pages: DocPage[] = [];
  const per = Math.ceil(blocks.length / pageCount);
  for (let p = 0; p < pageCount; p++) {
    const first = blocks[p * per];
    if (!first) break;
    const last = blocks[Math.min(blocks.length - 1, (p + 1) * per - 1)]!;
    const next = blocks[(p + 1) * per];
    pages.push({ index: p + 1, label: String(p + 1), start: first.start, end: next ? next.start : text.length });
  }
  void pages.at(-1);
  return { text, blocks, pages };
}

function makeProject(): { json: string; full: string; empty: string } {
  const book = parseCodebook(readFileSync(join(root, 'codebooks', 'boltanski-thevenot.json'), 'utf8'));
  if (!('parsed' in book)) throw new Error('shipped codebook invalid');
  const codebook: Codebook = book.parsed;
  const { text, blocks, pages } = bigText(3000, 200);
  const now = '2024-05-01T10:00:00.000Z';
  const doc = (id: string, title: string): PolicyDocument => ({
    id: id as DocumentId,
    title,
    fileName: `${id}.txt`,
    format: 'txt',
    contentHash: `hash-${id}`,
    pages,
    charCount: text.length,
    meta: {},
    report: { joinedHyphens: 0, removedLines: [], pageCount: pages.length },
    createdAt: now,
  });
  const coderId = 'bench-coder' as CoderId;
  const fragments: Fragment[] = [];
  let seed = 5;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const paragraphs = blocks.filter((b) => b.kind === 'paragraph');
  for (let i = 0; i < 2000; i++) {
    const block = paragraphs[Math.floor((i / 2000) * paragraphs.length)]!;
    const start = block.start + Math.floor(rnd() * 40);
    const end = Math.min(block.end, start + 40 + Math.floor(rnd() * 120));
    const codes = [codebook.codes[i % 7]!.id, ...(i % 5 === 0 ? [codebook.codes[(i + 3) % 7]!.id] : [])] as CodeId[];
    fragments.push({
      id: `f-${i}` as FragmentId,
      documentId: 'big' as DocumentId,
      anchor: anchorFromRange(text, start, end),
      codes,
      flags: i % 9 === 0 ? ['glocalisation'] : [],
      memo: i % 4 === 0 ? 'memo' : '',
      coderId,
      createdAt: now,
      updatedAt: now,
    });
  }
  const json = toProjectFile({
    documents: [doc('big', 'Bench: 200 pages, 2,000 fragments'), doc('empty', 'Bench: 200 pages, no fragments')],
    texts: [
      { documentId: 'big' as DocumentId, text, blocks },
      { documentId: 'empty' as DocumentId, text, blocks },
    ],
    codebooks: [codebook],
    fragments,
    searches: [],
    coders: [{ id: coderId, name: 'Bench', initials: 'B' }],
    settings: { coderId, codebookId: codebook.id, initialized: true, lang: 'en' },
    hits: [],
  });
  return { json, full: 'big', empty: 'empty' };
}

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
  const { json, full, empty } = makeProject();
  const file = join(mkdtempSync(join(tmpdir(), 'wm-bench-')), 'bench.worthmark.json');
  writeFileSync(file, json);
  const { url, server } = await startServer();
  const session = await openSession();
  try {
    const { page } = session;
    await page.goto(url);
    await page.getByLabel('Restore project from file').waitFor();
    page.on('dialog', (d) => void d.accept());
    await page.getByLabel('Restore project from file').setInputFiles(file);
    await page.getByRole('status').filter({ hasText: /restored: 2 documents, 2000 fragments/ }).waitFor({ timeout: 120_000 });
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
      line('coding: open a 200-page document with 2,000 fragments (to interactive)', ttiFull, {
        name: 'the same document without fragments',
        timings: ttiEmpty,
      }),
      line('coding: regime key to highlight shown and saved, 2,000 fragments', actFull, {
        name: 'the same document without fragments',
        timings: actEmpty,
      }),
    ];
  } finally {
    await session.close();
    removeProfile(session.profile);
    rmSync(dirname(file), { recursive: true, force: true });
    await server.close();
  }
}

let results: Promise<BenchLine[] | string> | undefined;
const all = () => (results ??= runAll());

/** The coding benches (both run in one browser session). */
export const benches: Bench[] = [
  {
    name: 'coding: open a 200-page document with 2,000 fragments (to interactive)',
    run: async () => {
      const r = await all();
      return typeof r === 'string' ? r : r[0]!;
    },
  },
  {
    name: 'coding: regime key to highlight shown and saved, 2,000 fragments',
    run: async () => {
      const r = await all();
      return typeof r === 'string' ? r : r[1]!;
    },
  },
];
