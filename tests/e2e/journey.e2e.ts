/**
 * The spine journey in real Chromium: the sample is there on first run; import a PDF, search
 * with the thesis' term list, code three fragments from hits (keyboard), reload and restart the
 * browser and see them still there, read the tally, export the CSV and check its rows.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewServer } from 'vite';
import { openSession, removeProfile, root, screenshotDir, shared, startServer, type Session } from './harness.ts';

const corpusPdf = join(shared, 'corpus', '004_e6a9c10e11fd0f4f.pdf');
const fallbackPdf = join(root, 'tests', 'fixtures', 'journey.pdf');
const pdfToImport = existsSync(corpusPdf) ? corpusPdf : fallbackPdf;
if (!existsSync(corpusPdf)) console.log(`../shared is absent: the journey imports ${fallbackPdf} instead of a corpus PDF`);

let server: PreviewServer;
let url: string;
let session: Session;

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  ({ url, server } = await startServer());
  session = await openSession();
});

afterAll(async () => {
  await session?.close();
  if (session) removeProfile(session.profile);
  await server?.close();
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the journey from import to export', () => {
  let title = '';
  const coded: { match: string; page: string }[] = [];

  it('opens on the sample project with its document and search set', async () => {
    const { page } = session;
    await page.goto(url);
    await page.getByRole('heading', { name: /Documents \(1\)/ }).waitFor();
    await expect.poll(() => page.getByText('sample', { exact: true }).count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: /^Storage:/ }).textContent()).toMatch(/Storage: (persistent|not guaranteed|unknown)/);
  });

  it('imports a PDF with a progress bar and names the new document', async () => {
    const { page } = session;
    await page.getByLabel('Choose files').setInputFiles(pdfToImport);
    const done = page.getByText(/imported as "/);
    await done.waitFor({ timeout: 60_000 });
    title = (await done.textContent())!.match(/imported as "(.*)"/)![1]!;
    expect(title.length).toBeGreaterThan(0);
    await page.getByRole('heading', { name: /Documents \(2\)/ }).waitFor();
    await expect.poll(() => page.getByRole('progressbar').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshotDir, 'library.png') });
  });

  it('searches all documents with the thesis term list', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Search' }).click();
    // The saved search set is read from IndexedDB after the screen opens.
    await expect.poll(() => page.getByLabel('Terms, one per line').inputValue()).toMatch(/internationalisering/);
    await page.getByRole('button', { name: 'Search all documents' }).click();
    await page.getByRole('heading', { name: /Hits in context \(\d+\)/ }).waitFor();
    const hits = page.getByRole('button', { name: new RegExp(`^Open ".*" in ${escapeRegExp(title)}, p\\. `) });
    expect(await hits.count()).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: join(screenshotDir, 'search.png') });
  });

  it('codes three fragments from hits with the keyboard only', async () => {
    const { page } = session;
    // [open hit, keys pressed in the reader]: one regime; two regimes; one regime and the glocalisation flag.
    // Each time an open hit (not inside a fragment coded before): a key on a coded one would act
    // on that fragment instead of making a new one.
    const plan: [number, string[]][] = [
      [0, ['4']],
      [2, ['5', '7']],
      [3, ['6', 'g']],
    ];
    for (const [n, [index, keys]] of plan.entries()) {
      const hits = page.locator('table.kwic tr.state-open').getByRole('button', { name: new RegExp(`^Open ".*" in ${escapeRegExp(title)}, p\\. `) });
      await expect.poll(() => hits.count()).toBeGreaterThan(0);
      const hit = hits.nth(Math.min(index, (await hits.count()) - 1));
      const name = (await hit.getAttribute('aria-label'))!;
      const [, match, pageLabel] = name.match(/^Open "(.*)" in .*, p\. (.*)$/)!;
      coded.push({ match: match!, page: pageLabel! });
      await hit.click();
      await page.getByRole('textbox', { name: `Text of ${title}` }).waitFor();
      for (const key of keys) await page.keyboard.press(key);
      await page.getByRole('heading', { name: `Fragments in this document (${n + 1})` }).waitFor();
      if (n < plan.length - 1) await page.goBack();
    }
    await expect.poll(() => page.locator('.wm-fragment').count()).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: join(screenshotDir, 'reader.png') });
  });

  it('keeps the three fragments after a reload', async () => {
    const { page } = session;
    await page.reload();
    await page.getByRole('heading', { name: 'Fragments in this document (3)' }).waitFor();
    const items = page.locator('.fragment-item');
    await expect.poll(() => items.count()).toBe(3);
    await expect.poll(() => page.locator('.wm-fragment').count()).toBeGreaterThanOrEqual(3);
  });

  it('keeps them after the browser is closed and opened again', async () => {
    const profile = session.profile;
    await session.close();
    session = await openSession(profile);
    const { page } = session;
    await page.goto(url + '#/library');
    await page.getByRole('link', { name: title, exact: true }).click();
    await page.getByRole('heading', { name: 'Fragments in this document (3)' }).waitFor();
  });

  it('shows the tally per document and regime', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Tally' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: title }) });
    await row.waitFor();
    const cells = await row.getByRole('gridcell').allTextContents();
    // Columns: inspired, domestic, fame, civic, market, industrial, project, mere, fragments, most coded.
    const counts = cells.slice(0, 7).map((c) => Number(c.split(' ')[0]));
    expect(counts).toEqual([0, 0, 0, 1, 1, 1, 1]);
    expect(cells[8]).toBe('3');
    await page.screenshot({ path: join(screenshotDir, 'tally.png') });
  });

  it('exports the coded fragments as CSV for Dutch Excel', async () => {
    const { page } = session;
    await page.getByLabel('Separator').selectOption(';');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Coded fragments (CSV)' }).click(),
    ]);
    const path = await download.path();
    const raw = readFileSync(path!, 'utf8');
    expect(raw.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<string[]>(raw.slice(1), { delimiter: ';', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(['document', 'page', 'start', 'end', 'fragment', 'regimes', 'values', 'flag', 'memo', 'coder', 'created', 'review', 'comments']);
    const mine = rows.filter((r) => r[0] === title);
    expect(mine).toHaveLength(3);
    expect(mine.map((r) => r[5]).sort()).toEqual(['Civic', 'Industrial', 'Market + Project'].sort());
    expect(mine.find((r) => r[5] === 'Industrial')![7]).toMatch(/Glocali[sz]ation/);
    for (const r of mine) {
      expect(Number(r[3])).toBeGreaterThan(Number(r[2]));
      expect(r[4]!.length).toBe(Number(r[3]) - Number(r[2]));
    }
    // Each coded sentence holds the hit it was made from, on the page the hit list showed.
    for (const c of coded) {
      expect(mine.some((r) => r[4]!.toLowerCase().includes(c.match.toLowerCase()) && r[1] === c.page)).toBe(true);
    }
  });
});
