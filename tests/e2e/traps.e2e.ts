/**
 * The student's screen traps, measured in real Chromium on a laptop screen (1366×768), on the
 * thesis project (tests/fixtures/projects/thesis.worthmark.json) with the long document titles
 * real policy papers have:
 * - the worklist shows many hits per screen (a long title once wrapped to four lines, and a
 *   screen held 3–4 hits);
 * - the reader's coding palette and hover card leave the passage being judged and the line just
 *   above and below it readable (they once sat on those lines);
 * - the tally's exports are a few key presses from its heading (once 94 Tab presses away).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { parseProjectFile, toProjectFile } from '../../src/exchange/project-file.ts';
import type { DocumentId } from '../../src/model/index.ts';
import { openSession, removeProfile, root, screenshotDir, startServer, type Session } from './harness.ts';

const files = mkdtempSync(join(tmpdir(), 'wm-traps-'));
const projectFile = join(files, 'long-titles.worthmark.json');
const shots = '/tmp/wm-traps-shots';

/** Titles as long as real policy papers carry (each unique, so the worklist shows them all). */
const LONG = (i: number) =>
  `Aandachtspunten bij profielen van stedelijke regio's en provincies, deel ${i + 1}: cultuurregio, kunstenplan en internationale samenwerking in de beleidsperiode 2025–2028 (definitieve versie na consultatie)`;

/** Sentences for a document of long paragraphs (written for this test). */
const SENTENCES = [
  'De provincie wil dat kunst en cultuur bijdragen aan een aantrekkelijke regio om te wonen, te werken en te verblijven.',
  'Daarom investeert zij in makers, in podia en in de plekken waar inwoners elkaar ontmoeten.',
  'Samenwerking met gemeenten, onderwijs en bedrijfsleven is daarbij het uitgangspunt.',
  'Wie een festival organiseert, kan rekenen op steun wanneer het publiek ook van buiten de regio komt.',
  'Het beleid wordt na twee jaar getoetst aan de doelen die in dit profiel zijn afgesproken.',
  'Erfgoed krijgt een plek in het onderwijs, zodat kinderen de geschiedenis van hun dorp leren kennen.',
];
const LONG_DOC = 'doc-long' as DocumentId;
/** The sentence the reader test selects: the middle sentence of the middle paragraph. */
let middle = { start: 0, end: 0, text: '' };

/** Adds a document of five long paragraphs (each wraps over several lines) to the project. */
function addLongDocument(p: import('../../src/exchange/project-file.ts').ProjectData): void {
  let text = '';
  const blocks: { kind: 'paragraph'; start: number; end: number }[] = [];
  for (let b = 0; b < 5; b++) {
    if (text) text += '\n';
    const start = text.length;
    for (let i = 0; i < SENTENCES.length; i++) {
      const sentence = SENTENCES[(i + b) % SENTENCES.length]!;
      if (b === 2 && i === 3) middle = { start: text.length + (i ? 1 : 0), end: text.length + (i ? 1 : 0) + sentence.length, text: sentence };
      text += (i ? ' ' : '') + sentence;
    }
    blocks.push({ kind: 'paragraph', start, end: text.length });
  }
  const base = p.documents[0]!;
  p.documents.push({
    ...base,
    id: LONG_DOC,
    title: 'Cultuurnota Provincie Lange Alinea 2025–2028',
    fileName: 'lange-alinea.txt',
    format: 'txt',
    contentHash: 'long-paragraphs-' + text.length,
    pages: [{ index: 1, label: '1', start: 0, end: text.length }],
    charCount: text.length,
    report: { joinedHyphens: 0, removedLines: [], pageCount: 1 },
  });
  p.texts.push({ documentId: LONG_DOC, text, blocks });
}

let server: PreviewServer;
let url: string;
let session: Session;
let page: Page;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const parsed = parseProjectFile(readFileSync(join(root, 'tests', 'fixtures', 'projects', 'thesis.worthmark.json'), 'utf8'));
  if ('error' in parsed) throw new Error(`thesis.worthmark.json: ${parsed.error.reason}`);
  parsed.parsed.documents.forEach((d, i) => (d.title = LONG(i)));
  addLongDocument(parsed.parsed);
  writeFileSync(projectFile, toProjectFile(parsed.parsed));
  ({ url, server } = await startServer());
  session = await openSession();
  page = session.page;
  page.on('dialog', (d) => void d.accept());
  await page.setViewportSize({ width: 1366, height: 768 });
});
afterAll(async () => {
  await session?.close();
  if (session) removeProfile(session.profile);
  await server?.close();
  rmSync(files, { recursive: true, force: true });
});

/** Selects `text` in the reader with the mouse (its first or last occurrence), as a student drags over it. */
async function dragOver(text: string, which: 'first' | 'last' = 'first'): Promise<{ x0: number; y0: number; x1: number; y1: number }> {
  // The text's place is measured until two measurements a frame apart agree: scrolling it into view
  // can redraw the reader (its highlight window follows the view) and move the lines.
  let ends = await measureEnds(text, which);
  for (let i = 0; i < 20; i++) {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const again = await measureEnds(text, which);
    if (JSON.stringify(again) === JSON.stringify(ends)) break;
    ends = again;
  }
  return dragBetween(text, ends);
}

async function measureEnds(text: string, which: 'first' | 'last') {
  return page.evaluate(
    ([m, w]) => {
      const root = document.querySelector('.wm-reader')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes: Node[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n.textContent ?? '').includes(m!)) nodes.push(n);
      const n = w === 'last' ? nodes.at(-1) : nodes[0];
      if (!n) return null;
      (n.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
      const at = n.textContent!.indexOf(m!);
      const r = document.createRange();
      r.setStart(n, at);
      r.setEnd(n, at + 1);
      const a = r.getBoundingClientRect();
      r.setStart(n, at + m!.length - 1);
      r.setEnd(n, at + m!.length);
      const b = r.getBoundingClientRect();
      return { x0: a.left + 1, y0: (a.top + a.bottom) / 2, x1: b.right - 1, y1: (b.top + b.bottom) / 2 };
    },
    [text, which] as const,
  );
}

async function dragBetween(text: string, ends: { x0: number; y0: number; x1: number; y1: number } | null): Promise<{ x0: number; y0: number; x1: number; y1: number }> {
  expect(ends, `"${text}" in the reader`).not.toBeNull();
  await page.mouse.move(ends!.x0, ends!.y0);
  await page.mouse.down();
  await page.mouse.move(ends!.x1, ends!.y1, { steps: 8 });
  await page.mouse.up();
  return ends!;
}

describe('on a 1366×768 screen with long document titles', () => {
  it('restores the project with long titles', async () => {
    await page.goto(url);
    await page.getByRole('heading', { name: /Documents \(\d+\)/ }).waitFor();
    await page.getByLabel('Restore project from file').setInputFiles(projectFile);
    const replace = page.getByRole('button', { name: 'Replace this project' });
    await Promise.race([replace.waitFor(), page.getByRole('alert').first().waitFor()]);
    expect(await page.getByRole('alert').allTextContents()).toEqual([]);
    await replace.click();
    await page.getByText(/restored: 7 documents, 45 fragments/).waitFor();
  });

  it('the worklist shows at least 12 whole hits at once, each title on one line and whole in the hit\'s name', async () => {
    await page.getByRole('link', { name: 'Search' }).click();
    const heading = page.getByRole('heading', { name: /Hits in context \(\d+\)/ });
    await heading.waitFor();
    const total = Number((await heading.textContent())!.match(/\((\d+)\)/)![1]);
    expect(total).toBeGreaterThan(30);
    // The student reaches the list as the keyboard does: the first hit focused (scrolled into view).
    const first = page.locator('table.kwic td.hit button').first();
    await first.focus();
    await page.locator('.hit-detail').waitFor();
    // The full title is in the hit's accessible name and the cell's tooltip.
    expect(await first.getAttribute('aria-label')).toContain(LONG(0));
    expect(await page.locator('table.kwic td.doc').first().getAttribute('title')).toBe(LONG(0));
    // The page scrolled so the list starts just under the app's top bar (which stays in view).
    await page.evaluate(() => {
      const bar = document.querySelector('.topbar')!.getBoundingClientRect().bottom;
      scrollBy(0, document.querySelector('.worklist .table-scroll')!.getBoundingClientRect().top - bar);
    });
    const seen = await page.evaluate(() => {
      const bar = document.querySelector('.topbar')!.getBoundingClientRect().bottom;
      const scroll = document.querySelector('.worklist .table-scroll')!.getBoundingClientRect();
      const head = document.querySelector('.worklist table.kwic thead')!.getBoundingClientRect();
      const top = Math.max(scroll.top, head.bottom, bar);
      const bottom = Math.min(scroll.bottom, innerHeight);
      const rows = [...document.querySelectorAll('.worklist table.kwic tbody tr')].map((r) => r.getBoundingClientRect());
      return { whole: rows.filter((r) => r.top >= top - 0.5 && r.bottom <= bottom + 0.5).length, rows: rows.length, top, bottom };
    });
    await page.screenshot({ path: join(shots, 'worklist-1366.png') });
    console.log(`worklist at 1366×768: ${seen.whole} whole hits in ${Math.round(seen.bottom - seen.top)} px`);
    expect(seen.rows).toBe(total);
    expect(seen.whole).toBeGreaterThanOrEqual(12);
  });

  it('the coding palette and the hover card leave the passage and the line above and below it free', async () => {
    await page.goto(`${url}#/reader/${LONG_DOC}`);
    await page.getByRole('heading', { name: /Fragments in this document/ }).waitFor();
    await page.locator('.wm-reader').getByText(SENTENCES[0]!.slice(0, 30)).first().waitFor();
    // The document chooser (its options are the long titles) stays inside the text column.
    const chooser = await page.getByRole('combobox', { name: 'Document', exact: true }).boundingBox();
    const column = await page.locator('.reader-main').boundingBox();
    expect(chooser!.x + chooser!.width).toBeLessThanOrEqual(column!.x + column!.width);
    // Select the middle sentence of the middle paragraph with the mouse, as a student does.
    await dragOver(middle.text);
    const palette = page.getByRole('toolbar', { name: 'Coding palette' });
    await expect.poll(() => palette.evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
    expect(await page.evaluate(() => getSelection()?.toString().trim())).toBe(middle.text);

    /** The boxes of the passage's lines and of the line above and below it, and of the popups. */
    const layout = (find: string) =>
      page.evaluate((m) => {
        const root = document.querySelector('.wm-reader')!;
        // Every line of the text as one box (the union of its text's client rects).
        const rects: DOMRect[] = [];
        const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = texts.nextNode(); n; n = texts.nextNode()) {
          const r = document.createRange();
          r.selectNodeContents(n);
          rects.push(...r.getClientRects());
        }
        const lines: { top: number; bottom: number; left: number; right: number }[] = [];
        for (const r of rects) {
          if (r.width === 0 || r.height === 0) continue;
          const line = lines.find((l) => Math.abs(l.top - r.top) < 3);
          if (line) Object.assign(line, { left: Math.min(line.left, r.left), right: Math.max(line.right, r.right), bottom: Math.max(line.bottom, r.bottom) });
          else lines.push({ top: r.top, bottom: r.bottom, left: r.left, right: r.right });
        }
        lines.sort((a, b) => a.top - b.top);
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let passage: DOMRect[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = (n.textContent ?? '').indexOf(m);
          if (at < 0) continue;
          const r = document.createRange();
          r.setStart(n, at);
          r.setEnd(n, at + m.length);
          passage = [...r.getClientRects()].filter((x) => x.width > 0);
          break;
        }
        const top = Math.min(...passage.map((r) => r.top));
        const bottom = Math.max(...passage.map((r) => r.bottom));
        const inside = lines.filter((l) => l.bottom > top + 1 && l.top < bottom - 1);
        const above = lines.filter((l) => l.bottom <= top + 1).at(-1);
        const below = lines.find((l) => l.top >= bottom - 1);
        const box = (sel: string) => {
          const el = document.querySelector<HTMLElement>(sel);
          if (!el || getComputedStyle(el).visibility !== 'visible') return null;
          const r = el.getBoundingClientRect();
          return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
        };
        return { passage: passage.length, inside, above, below, palette: box('.coding-palette'), card: box('.hover-card') };
      }, find);
    type Box = { top: number; bottom: number; left: number; right: number };
    const meets = (a: Box, b: Box) => a.top < b.bottom && b.top < a.bottom && a.left < b.right && b.left < a.right;
    /** The lines a popup covers: the passage's lines ('in'), the line above, the line below. */
    const covered = (l: Awaited<ReturnType<typeof layout>>, popup: Box | null) =>
      popup ? [...l.inside.filter((x) => meets(x, popup)).map(() => 'in'), ...(l.above && meets(l.above, popup) ? ['above'] : []), ...(l.below && meets(l.below, popup) ? ['below'] : [])] : [];

    const selected = await layout(middle.text);
    // The sentence wraps, and has a line above and below it in its own paragraph.
    expect(selected.inside.length).toBeGreaterThanOrEqual(2);
    expect(selected.above && selected.below).toBeTruthy();
    expect(selected.palette).not.toBeNull();
    expect(covered(selected, selected.palette)).toEqual([]);
    await page.screenshot({ path: join(shots, 'reader-palette-selection.png') });

    // Coded with a regime key: the fragment is active, the palette stays, and the mouse resting on
    // the highlight shows the hover card.
    await page.keyboard.press('3');
    await page.getByRole('heading', { name: 'Fragments in this document (1)' }).waitFor();
    const over = await page.evaluate(() => {
      const r = document.querySelector('.wm-reader [data-fragment-id]')!.getClientRects()[0]!;
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await page.mouse.move(over.x, over.y, { steps: 4 });
    await page.locator('.hover-card').waitFor();
    await expect.poll(() => page.locator('.hover-card').evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
    const coded = await layout(middle.text);
    expect(coded.palette).not.toBeNull();
    expect(coded.card).not.toBeNull();
    expect({ palette: covered(coded, coded.palette), card: covered(coded, coded.card) }).toEqual({ palette: [], card: [] });
    expect(meets(coded.palette!, coded.card!)).toBe(false);
    await page.screenshot({ path: join(shots, 'reader-palette-hover.png') });
  });

  it('reaches the tally\'s export button in at most 15 key presses from the heading', async () => {
    await page.getByRole('link', { name: 'Tally' }).click();
    await page.getByRole('status').filter({ hasText: /^\d+ of \d+ fragments count\./ }).waitFor();
    // The charts' part (a chunk loaded on first use; its charts are drawn once in view) is there.
    await page.getByRole('heading', { name: 'Charts', exact: true }).waitFor();
    // Start where a reader starts: at the screen's heading (a click there sets the point Tab goes on from).
    await page.getByRole('heading', { level: 1, name: 'Tally per document and regime' }).click();
    await page.screenshot({ path: join(shots, 'tally-jump.png') });
    const target = page.getByRole('button', { name: 'All tables (Excel, XLSX)' });
    await target.waitFor();
    // The keyboard user's way: Tab on, and Enter on "Export" in the screen's jump bar when Tab meets it.
    const keys: string[] = [];
    for (let i = 0; i < 150; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) break;
      const jump = await page.evaluate(() => {
        const el = document.activeElement;
        return !!el?.closest('nav') && el?.textContent === 'Export';
      });
      const key = jump && keys.at(-1) !== 'Enter' ? 'Enter' : 'Tab';
      keys.push(key);
      await page.keyboard.press(key);
    }
    console.log(`tally: export button after ${keys.length} key presses (${keys.filter((k) => k === 'Tab').length} Tab)`);
    expect(await target.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(keys.length).toBeLessThanOrEqual(15);
    // The jumped-to part is in view under the top bar.
    const top = await page.getByRole('heading', { name: 'Export', exact: true }).evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(await page.locator('.topbar').evaluate((el) => el.getBoundingClientRect().bottom));
  });

  it('keeps each long document title in the tally to two lines, the whole title its link\'s name and tooltip', async () => {
    const heads = page.locator('table.matrix tbody th a.row-title');
    await heads.first().waitFor();
    const seen = await heads.evaluateAll((links) =>
      links.map((a) => {
        const css = getComputedStyle(a);
        const line = parseFloat(css.lineHeight) || parseFloat(css.fontSize) * 1.2; // "normal" is about 1.2 em
        const shown = a.querySelector('[aria-hidden="true"]')?.textContent ?? a.textContent;
        const whole = a.querySelector('.sr-only')?.textContent ?? a.textContent;
        return { lines: a.getBoundingClientRect().height / line, title: a.getAttribute('title'), shown, whole };
      }),
    );
    expect(seen.length).toBeGreaterThan(0);
    for (const h of seen) {
      expect(h.lines).toBeLessThanOrEqual(2.05);
      expect(h.title).toBe(h.whole);
    }
    // The long titles of one series differ in what is shown ("… deel 1: …", "… deel 2: …").
    const long = seen.filter((h) => h.whole!.startsWith('Aandachtspunten'));
    expect(long.length).toBeGreaterThan(1);
    expect(new Set(long.map((h) => h.shown)).size).toBe(new Set(long.map((h) => h.whole)).size);
    for (const h of long) expect(h.shown).toMatch(/ … deel \d+: /);
    await page.getByRole('link', { name: LONG(0), exact: true }).first().waitFor();
  });

  it('shows the fragment a link asks for when its document is already open with another selection', async () => {
    await page.goto(`${url}#/reader/doc-1`);
    await page.getByRole('heading', { name: /Fragments in this document/ }).waitFor();
    const panel = page.locator('.coding-panel');
    // A selection of our own at the start of the last paragraph.
    // The reader draws its highlights (and their coder badges) just after the heading shows, and the lines
    // can move under a drag begun in between: the drag is made again (at most three times) when it caught
    // other words, and what counts is that one drag over the words selects exactly them.
    const selected = () => page.evaluate(() => getSelection()?.toString().trim());
    for (let attempt = 0; attempt < 3; attempt++) {
      await dragOver('Culturele instellingen', 'last');
      if ((await selected()) === 'Culturele instellingen') break;
      await page.waitForTimeout(300);
    }
    await expect.poll(selected).toBe('Culturele instellingen');
    await expect.poll(() => panel.getByRole('heading').first().textContent()).toBe('Selection');
    // A fragment link on the same document (as the review screen, the tally or the reader's own links give).
    const quote = 'Iedere inwoner van Rivierenland moet kunnen meedoen, ook wie uit het buitenland komt.';
    await page.evaluate(() => (location.hash = '#/reader/doc-1?fragment=frag-5'));
    await expect.poll(() => panel.getByRole('heading').first().textContent()).toMatch(/^Fragment \(p\. \d+\)$/);
    expect(await panel.locator('blockquote').first().textContent()).toBe(quote);
    await expect.poll(() => page.evaluate(() => getSelection()?.toString().trim())).toBe(quote);
    // The palette is at that fragment, on the Civic regime it carries.
    const palette = page.getByRole('toolbar', { name: 'Coding palette' });
    await expect.poll(() => palette.getByRole('button', { name: 'Civic' }).getAttribute('aria-pressed')).toBe('true');
  });
});
