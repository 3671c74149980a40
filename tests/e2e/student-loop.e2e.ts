/**
 * The student's loop without traps, in real Chromium on a document of our own (the sample
 * removed): every path that once put a second fragment over coded text now acts on the existing
 * fragment — Enter on a coded hit, `p` in the worklist and in the reader, a hit left through the
 * find bar — and the tally and the appendix count each sentence once. Then the worklist's one key
 * grammar (x, n skips nothing; g flags), undo of a dismissal on the search screen (button and
 * Ctrl+Z), and the thesis term list added once.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJSModule from 'exceljs';
import JSZip from 'jszip';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { openSession, removeProfile, startServer, type Session } from './harness.ts';

const P1 = 'De regio zoekt partners in het buitenland (zie ook bijlage 2).';
const P2a = 'Cultuur kent geen grenzen.';
const P2b = 'Het festival trekt bezoekers uit de hele wereld.';
const P3a = 'Een derde alinea over internationale samenwerking.';
const P3b = 'Zij gaat ook over wereldwijde netwerken.';
const TEXT = [`${P1} Een tweede zin zonder zoekterm.`, `${P2a} ${P2b}`, `${P3a} ${P3b}`, 'Tot slot iets over globalisering.'].join('\n\n');
const title = 'loop-e2e';

let server: PreviewServer;
let url: string;
let session: Session;
let page: Page;

beforeAll(async () => {
  ({ url, server } = await startServer());
  session = await openSession();
  page = session.page;
  page.on('dialog', (d) => void d.accept());
});
afterAll(async () => {
  await session?.close();
  if (session) removeProfile(session.profile);
  await server?.close();
});

async function downloadBytes(click: () => Promise<void>): Promise<{ bytes: Buffer; name: string }> {
  const [file] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  return { bytes: readFileSync((await file.path())!), name: file.suggestedFilename() };
}
async function download(click: () => Promise<void>): Promise<string> {
  return (await downloadBytes(click)).bytes.toString('utf8');
}
const Excel = ExcelJSModule as unknown as typeof import('exceljs');

/** Focuses the worklist row of the hit whose text is `match` (the first such row). */
async function focusHit(match: string): Promise<void> {
  const button = page.locator('table.kwic td.hit button').filter({ hasText: new RegExp(`^${match}$`) }).first();
  await button.focus();
  await page.waitForFunction((m) => document.activeElement?.textContent === m, match);
}

const fragmentsHeading = (n: number) => page.getByRole('heading', { name: `Fragments in this document (${n})` });
const panel = () => page.locator('.coding-panel');
const searchHeading = () => page.getByRole('heading', { name: /Hits in context \(\d+\)/ });

/** The appendix as Markdown, per document. */
async function appendixMarkdown(): Promise<string> {
  await page.getByRole('link', { name: 'Tally' }).click();
  await page.getByRole('status').filter({ hasText: /fragments? counts?\./ }).first().waitFor();
  return download(() => page.getByRole('button', { name: 'Appendix as Markdown' }).click());
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('a key on a passage that is already coded acts on that fragment', () => {
  it('starts on a document of our own with the thesis term list, added once however often asked', async () => {
    await page.goto(url);
    await page.getByRole('heading', { name: 'Documents (1)' }).waitFor();
    await page.getByRole('button', { name: 'Remove sample' }).click();
    await page.getByRole('heading', { name: 'Documents (0)' }).waitFor();
    const file = join(tmpdir(), `${title}.txt`);
    writeFileSync(file, TEXT);
    await page.getByLabel('Choose files').setInputFiles(file);
    await page.getByText(`imported as "${title}"`).waitFor();
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    const add = page.getByRole('button', { name: 'Add the thesis term list' });
    await add.click();
    await searchHeading().waitFor();
    await add.click();
    await page.getByText(/already (there|in the list)/).waitFor();
    const sets = page.getByRole('combobox', { name: /^Search set/ });
    const names = await sets.locator('option').allTextContents();
    expect(names.filter((n) => n === 'Thesis terms internationalisation')).toHaveLength(1);
  });

  it('opens a coded hit with Enter on its fragment, so the next key changes it instead of coding the sentence again', async () => {
    await focusHit('buitenland');
    await page.keyboard.press('4');
    await page.locator('tr.current.state-coded').waitFor();
    await page.keyboard.press('Enter');
    await fragmentsHeading(1).waitFor();
    // The fragment is active: the panel shows its regime.
    await panel().getByRole('button', { name: /Civic/, pressed: true }).waitFor();
    await page.keyboard.press('5');
    await panel().getByRole('button', { name: /Market/, pressed: true }).waitFor();
    await fragmentsHeading(1).waitFor();
    await expect.poll(() => page.locator('.fragment-item').count()).toBe(1);
  });

  it('widens a fragment to its paragraph with p in the worklist by merging the fragment there, not overlapping it', async () => {
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await searchHeading().waitFor();
    await focusHit('grenzen');
    await page.keyboard.press('3');
    await page.locator('tr.current.state-coded').waitFor();
    await focusHit('wereld');
    await page.keyboard.press('7');
    await expect.poll(() => page.locator('tr.current .swatch').allTextContents()).toEqual(['7']);
    await page.keyboard.press('p');
    // One fragment over the paragraph with both regimes; the "grenzen" hit is decided by it.
    await expect.poll(() => page.locator('.hit-detail blockquote').textContent()).toBe(`${P2a} ${P2b}`);
    await expect.poll(() => page.locator('tr.current .swatch').allTextContents()).toEqual(['7', '3']);
  });

  it('widens with p in the reader by merging the fragment it reaches', async () => {
    await focusHit('internationale');
    await page.keyboard.press('6');
    await page.locator('tr.current.state-coded').waitFor();
    await focusHit('wereldwijde');
    await page.keyboard.press('2');
    await page.locator('tr.current.state-coded').waitFor();
    await page.keyboard.press('Enter');
    await fragmentsHeading(4).waitFor();
    await panel().getByRole('button', { name: /Domestic/, pressed: true }).waitFor();
    await page.keyboard.press('p');
    await fragmentsHeading(3).waitFor();
    await panel().getByRole('button', { name: /Industrial/, pressed: true }).waitFor();
    await panel().getByRole('button', { name: /Domestic/, pressed: true }).waitFor();
  });

  it('leaves the find bar on a coded hit with its fragment active, so a key adds to it', async () => {
    await page.keyboard.press('Control+f');
    const input = page.getByRole('textbox', { name: /^Find in document/ });
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('buitenland');
    await page.getByText(/^1 of 1$/).waitFor();
    await page.keyboard.press('Escape');
    await panel().getByRole('button', { name: /Civic/, pressed: true }).waitFor();
    await page.keyboard.press('1');
    await panel().getByRole('button', { name: /Inspired/, pressed: true }).waitFor();
    await fragmentsHeading(3).waitFor();
  });

  it('counts every sentence once in the tally and the appendix', async () => {
    const md = await appendixMarkdown();
    await page.getByRole('status').filter({ hasText: '3 of 3 fragments count.' }).waitFor();
    for (const sentence of [P2a, P2b, P3a, P3b]) expect({ sentence, n: occurrences(md, sentence.slice(0, -1)) }).toEqual({ sentence, n: 1 });
    // The sentence ending in ")." is quoted whole, once: "… (zie ook bijlage 2) (p. 1)."
    expect(occurrences(md, 'De regio zoekt partners in het buitenland (zie ook bijlage 2)')).toBe(1);
  });
});

describe('the worklist key grammar and undo', () => {
  it('flags a hit with g, like the other decision keys', async () => {
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await searchHeading().waitFor();
    await focusHit('buitenland');
    await page.keyboard.press('g');
    await page.locator('tr.current .flag-mark').waitFor();
    await page.getByRole('button', { name: /Glocali[sz]ation.*\(g\)/, pressed: true }).waitFor();
  });

  it('undoes a dismissal on the search screen with Ctrl+Z and with the Undo button, and redoes it', async () => {
    const open = page.locator('table.kwic tr.state-open td.hit button');
    const before = await open.count();
    expect(before).toBeGreaterThan(0);
    await open.first().focus();
    const name = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    await page.keyboard.press('x');
    await page.locator('tr.current.state-dismissed').waitFor();
    await page.getByRole('button', { name: 'Undo: dismiss hit' }).waitFor();
    await page.keyboard.press('Control+z');
    await page.locator('tr.current.state-open').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(name);
    await page.keyboard.press('Control+Shift+z');
    await page.locator('tr.current.state-dismissed').waitFor();
    await page.getByRole('button', { name: 'Undo: dismiss hit' }).click();
    await page.locator('tr.current.state-open').waitFor();
    await expect.poll(() => open.count()).toBe(before);
  });
});

describe('exports that go straight into the thesis', () => {
  it('tells the document\'s language on import and lets the details change it', async () => {
    await page.getByRole('link', { name: 'Library', exact: true }).click();
    await page.getByRole('button', { name: `Edit details of ${title}` }).click();
    const lang = page.getByLabel('Language of the text');
    await expect.poll(() => lang.inputValue()).toBe('nl');
    await lang.selectOption('de');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('button', { name: `Edit details of ${title}` }).click();
    await expect.poll(() => page.getByLabel('Language of the text').inputValue()).toBe('de');
    await page.getByLabel('Language of the text').selectOption('nl');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
  });

  it('exports the worklist decisions with the state and the reason of each hit', async () => {
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await searchHeading().waitFor();
    await focusHit('globalisering');
    await page.keyboard.press('r');
    await page.keyboard.type('inhoudsopgave');
    await page.keyboard.press('Enter');
    await page.locator('tr.current.state-dismissed').waitFor();
    const csv = await download(() => page.getByRole('button', { name: 'Decisions (CSV)' }).click());
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('search set,document,page,term,hit,left,right,state,reason,regimes,decided,start,end');
    expect(lines.find((l) => l.includes(',globalisering,'))).toMatch(/,dismissed,inhoudsopgave,,\d{4}-\d{2}-\d{2} /);
    expect(lines.filter((l) => l.includes(',coded,')).length).toBeGreaterThan(0);
    const xlsx = await downloadBytes(() => page.getByRole('button', { name: 'Decisions (Excel, XLSX)' }).click());
    expect(xlsx.name).toMatch(/^worthmark-decisions-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new Excel.Workbook();
    await wb.xlsx.load(xlsx.bytes.buffer.slice(xlsx.bytes.byteOffset, xlsx.bytes.byteOffset + xlsx.bytes.byteLength) as ArrayBuffer);
    expect(wb.getWorksheet('Decisions')!.rowCount).toBe(lines.length);
  });

  it('states the dominant regime in the tally CSV and workbook, and each fragment\'s regime and quote language in the appendix', async () => {
    await page.getByRole('link', { name: 'Tally' }).click();
    await page.getByRole('status').filter({ hasText: '3 of 3 fragments count.' }).waitFor();
    await page.getByLabel('Row percentages').check();
    const table = await downloadBytes(() => page.getByRole('button', { name: 'Table as shown (CSV)' }).click());
    expect(table.name).toMatch(/^worthmark-tally-row-percent-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = table.bytes.toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(rows[0]).toContain('Civic (%)');
    expect(rows.at(-1)).toMatch(/^"?Dominant code overall: .+ \(in 1 of 1 document, \d fragments?\)"?,*$/);
    const docx = await downloadBytes(() => page.getByRole('button', { name: 'Appendix for Word (DOCX)' }).click());
    const xml = await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')!.async('string');
    // The quote is tagged Dutch although the UI (and so the appendix around it) is English.
    const quoteRun = /<w:r>(?:(?!<\/w:r>).)*Cultuur kent geen grenzen(?:(?!<\/w:r>).)*<\/w:r>/s.exec(xml)?.[0] ?? '';
    expect(quoteRun).toMatch(/<w:lang w:val="nl-NL"\/>/);
    expect(xml).toMatch(/<w:lang w:val="en-GB"\/>/);
    // Each fragment's regimes before its quote: key on the colour, and the name.
    expect(xml).toContain('Fame');
    expect(xml).toMatch(/<w:shd [^>]*w:fill="[0-9A-Fa-f]{6}"/);
    const html = await download(() => page.getByRole('button', { name: 'Appendix as a printable web page (HTML)' }).click());
    expect(html).toMatch(/<li><span class="regimes">.*Project.*<\/span> <span class="quote" lang="nl">/);
    const md = await download(() => page.getByRole('button', { name: 'Appendix as Markdown' }).click());
    // Flagged with g above: bold, as the thesis sets glocalisation.
    expect(md).toMatch(/- \\\[[^\]]*Civic[^\]]*\\\] \*\*De regio zoekt partners/);
  });

  it('offers what to do from the storage badge: the state explained, and the project saved as a file there and then', async () => {
    const badge = page.getByRole('button', { name: /^Storage: / });
    await badge.click();
    const storagePanel = page.getByRole('region', { name: 'Storage in this browser' });
    await storagePanel.waitFor();
    expect(await badge.getAttribute('aria-expanded')).toBe('true');
    const saved = await downloadBytes(() => storagePanel.getByRole('button', { name: 'Save the project as a file now' }).click());
    expect(saved.name).toMatch(/^worthmark-project-\d{4}-\d{2}-\d{2}\.json$/);
    const project = JSON.parse(saved.bytes.toString('utf8'));
    expect(project.documents.map((d: { title: string }) => d.title)).toEqual([title]);
    expect(project.fragments).toHaveLength(3);
    await storagePanel.getByText(`Saved as ${saved.name}.`).waitFor();
    // Esc closes the panel and gives the focus back to the badge.
    await page.keyboard.press('Escape');
    await storagePanel.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/^Storage: /);
  });

  it('stops a runaway /regex/ in the reader\'s find bar and says so, while the page stays responsive; the next find works', async () => {
    await page.getByRole('link', { name: 'Read and code' }).click();
    await fragmentsHeading(3).waitFor();
    await page.keyboard.press('Control+f');
    const input = page.getByRole('textbox', { name: /^Find in document/ });
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    // Nested repeats that never match: catastrophic backtracking on every run of letters and spaces.
    await input.fill('/([a-z ]+)+#/');
    // The find runs in the worker: the page runs this script and shows the bar's state meanwhile.
    // (Were the regex on the main thread, nothing would run until it ended, and the bar would
    // never be seen searching.)
    await expect.poll(() => page.evaluate(() => document.getElementById('find-count')?.textContent)).toBe('Searching…');
    await page.getByText(/^The regular expression ran for more than 4 s and was stopped\./).waitFor({ timeout: 30_000 });
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await input.fill('wereld*');
    await page.getByText(/^1 of 2$/).waitFor();
    await input.press('Escape');
  });
});
