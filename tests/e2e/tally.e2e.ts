/**
 * The tally screen in real Chromium, on the invented thesis-shaped project
 * (tests/fixtures/projects/thesis.worthmark.json, restored through the library's project file
 * control): the matrix numbers, drill-down to the reader, filters, groups, co-occurrence, the
 * three charts (screenshot for the README: tests/e2e/screenshots/chart.png), the PNG at 300 dpi,
 * and the XLSX and DOCX exports read back.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJSModule from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { pngDpi } from '../../src/exchange/png-dpi.ts';
import { openSession, removeProfile, root, screenshotDir, startServer, type Session } from './harness.ts';

const Excel = ExcelJSModule as unknown as typeof import('exceljs');
const projectFile = join(root, 'tests', 'fixtures', 'projects', 'thesis.worthmark.json');
const shots = '/tmp/wm-tally-shots';

let server: PreviewServer;
let url: string;
let session: Session;

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  mkdirSync(shots, { recursive: true });
  ({ url, server } = await startServer());
  session = await openSession();
});

afterAll(async () => {
  await session?.close();
  if (session) removeProfile(session.profile);
  await server?.close();
});

async function download(click: () => Promise<void>): Promise<Buffer> {
  const [file] = (await Promise.all([session.page.waitForEvent('download'), click()])) as [Download, void];
  return readFileSync((await file.path())!);
}

/** The cells of a matrix row, by its row header. */
async function rowCells(name: string): Promise<string[]> {
  const { page } = session;
  const row = page.locator('table.matrix tr').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  return row.getByRole('gridcell').allTextContents();
}

describe('the tally screen', () => {
  it('opens the restored thesis project on the tally', async () => {
    const { page } = session;
    page.on('dialog', (d) => void d.accept());
    await page.goto(url);
    await page.getByRole('heading', { name: /Documents \(\d+\)/ }).waitFor();
    await page.getByLabel('Restore project from file').setInputFiles(projectFile);
    await page.getByRole('button', { name: 'Replace this project' }).click();
    await page.getByText(/restored: 6 documents, 45 fragments/).waitFor();
    await page.getByRole('link', { name: 'Tally' }).click();
    await page.getByRole('status').filter({ hasText: '45 of 45 fragments count.' }).waitFor();
  });

  it('shows counts with row percentages, and column percentages and presence when asked', async () => {
    const { page } = session;
    // Rivierenland 2021: fame, fame+market, market, market, civic, inspired, project, (none), market+industrial,
    // and a second coder's industrial: inspired 1, domestic 0, fame 2, civic 1, market 4, industrial 2, project 1.
    const cells = await rowCells('Regioprofiel Rivierenland 2021–2024');
    expect(cells.slice(0, 7).map((c) => Number(c.split(' ')[0]))).toEqual([1, 0, 2, 1, 4, 2, 1]);
    expect(cells[4]).toBe('4 (36.4%)');
    expect(cells.slice(7, 10)).toEqual(['1', '10', 'Market']);
    await page.getByRole('radio', { name: 'Column percentages' }).check();
    // Market occurs 8 times in all: 4 / 8 = 50 %.
    expect((await rowCells('Regioprofiel Rivierenland 2021–2024'))[4]).toBe('50.0%');
    await page.getByRole('radio', { name: 'Presence (0/1)' }).check();
    expect((await rowCells('Regioprofiel Rivierenland 2021–2024')).slice(0, 7)).toEqual(['1', '0', '1', '1', '1', '1', '1']);
    // Presence totals count documents: the Total row gives the numerators of "Documents with ≥1",
    // the mere statements included; the fragment count says it is a count.
    const withOne = (await rowCells('Documents with ≥1')).slice(0, 8).map((c) => c.split(' / ')[0]!.trim());
    expect((await rowCells('Total')).slice(0, 8)).toEqual(withOne);
    expect(await page.locator('table.matrix thead th').allTextContents()).toEqual(expect.arrayContaining(['Mere statement', 'Fragments (count)', 'Most coded']));
    await page.locator('table.matrix').screenshot({ path: join(shots, 'presence.png') });
    await page.getByRole('radio', { name: 'Counts' }).check();
  });

  it('opens the fragments of a cell and goes from one to the reader on that fragment', async () => {
    const { page } = session;
    // Market is the fifth regime column.
    await page.locator('table.matrix tr').filter({ has: page.getByRole('rowheader', { name: 'Regioprofiel Rivierenland 2021–2024', exact: true }) }).getByRole('gridcell').nth(4).click();
    const list = page.getByRole('region', { name: /Fragments: Regioprofiel Rivierenland 2021–2024 × Market \(4\)/ });
    await list.waitFor();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(4);
    await page.screenshot({ path: join(shots, 'drill.png'), fullPage: false });
    await list.getByRole('link', { name: /^Open in the reader: Regioprofiel Rivierenland 2021–2024, p\. 11$/ }).first().click();
    await page.waitForURL(/#\/reader\/doc-1\?fragment=frag-2$/);
    await page.goBack();
    await page.getByRole('heading', { name: 'Tally per document and regime' }).waitFor();
  });

  it('is one tab stop: the arrow keys go from cell to cell, Enter lists a cell\'s fragments, Tab leaves the table', async () => {
    const { page } = session;
    const table = page.locator('table.matrix');
    expect(await table.getAttribute('role')).toBe('grid');
    // The list the last test opened is still there (the screen keeps its place): closed first.
    const close = page.getByRole('button', { name: 'Close the fragment list' });
    if (await close.count()) await close.first().click();
    await expect.poll(() => page.locator('table.matrix td[aria-selected="true"]').count()).toBe(0);
    // One element of the table is in the tab order, whatever its size.
    const stops = () => table.evaluate((t) => [...t.querySelectorAll<HTMLElement>('a, button, [tabindex]')].filter((el) => el.tabIndex >= 0).length);
    expect(await stops()).toBe(1);
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const cell = el.closest('td, th') as HTMLTableCellElement | null;
        return { text: el.textContent?.trim() ?? '', row: (cell?.parentElement as HTMLTableRowElement | undefined)?.rowIndex ?? -1, column: cell?.cellIndex ?? -1, inTable: !!el.closest('table.matrix') };
      });
    // "Go to: Table" lands on the grid's cell; Ctrl+Home on its first cell (the header "Document").
    await page.getByRole('navigation', { name: 'Parts of this screen' }).getByRole('button', { name: 'Table' }).click();
    expect((await focused()).inTable).toBe(true);
    await page.keyboard.press('Control+Home');
    expect(await focused()).toMatchObject({ text: 'Document', row: 0, column: 0 });
    // Down to Rivierenland's row (on its link), right to Market.
    const row = await table.locator('tr').filter({ has: page.getByRole('rowheader', { name: 'Regioprofiel Rivierenland 2021–2024', exact: true }) }).evaluate((tr) => (tr as HTMLTableRowElement).rowIndex);
    for (let i = 0; i < row; i++) await page.keyboard.press('ArrowDown');
    expect(await focused()).toMatchObject({ text: 'Regioprofiel Rivierenland 2021–2024', row, column: 0 });
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('A');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    expect(await focused()).toMatchObject({ text: '4 (36.4%)', row, column: 5 });
    expect(await stops()).toBe(1);
    await page.keyboard.press('Enter');
    const list = page.getByRole('region', { name: /Fragments: Regioprofiel Rivierenland 2021–2024 × Market \(4\)/ });
    await list.waitFor();
    // The list takes the focus (its heading); the cell shows it is the one listed.
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.drill'))).toBe(true);
    expect(await table.locator('td[aria-selected="true"]').allTextContents()).toEqual(['4 (36.4%)']);
    // Shift+Tab goes back to the same cell; Tab leaves the table at once.
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toMatchObject({ text: '4 (36.4%)', row, column: 5 });
    await table.screenshot({ path: join(shots, 'grid-focus.png') });
    await page.keyboard.press('Tab');
    expect((await focused()).inTable).toBe(false);
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toMatchObject({ text: '4 (36.4%)', row, column: 5 });
    // End goes to the row's last cell (its most coded regime); Space on a count toggles its list.
    await page.keyboard.press('End');
    expect(await focused()).toMatchObject({ text: 'Market', column: 10 });
    await page.keyboard.press('Home');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press(' ');
    await list.waitFor({ state: 'detached' });
  });

  it('applies a filter to the table and tells how many fragments count', async () => {
    const { page } = session;
    await page.getByLabel('Flag').selectOption({ label: 'With flag: Glocalisation / other trend' });
    await page.getByRole('status').filter({ hasText: '4 of 45 fragments count.' }).waitFor();
    await page.getByLabel('Coder').selectOption({ label: 'Bram Kuipers' });
    await page.getByRole('status').filter({ hasText: '0 of 45 fragments count.' }).waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Saved search').selectOption({ label: 'Internationalisering' });
    // Every sentence but the plain "nieuw cultuurplan" ones and the civic/domestic ones without a term.
    const status = page.getByRole('status').filter({ hasText: /of 45 fragments count\./ });
    await expect.poll(async () => Number((await status.textContent())!.match(/(\d+) of 45/)![1])).toBeLessThan(45);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('status').filter({ hasText: '45 of 45 fragments count.' }).waitFor();
  });

  it('groups the rows by region', async () => {
    const { page } = session;
    await page.getByLabel('Rows').selectOption('region');
    const heads = await page.locator('table.matrix tbody th').allTextContents();
    expect(heads.map((h) => h.replace(/\s*\(.*\)$/, ''))).toEqual(['Heuvelland', 'Kustregio', 'Rivierenland']);
    // Rivierenland: both periods; market 4 + 3.
    const cells = await page.locator('table.matrix tr').filter({ hasText: 'Rivierenland' }).getByRole('gridcell').allTextContents();
    expect(Number(cells[4]!.split(' ')[0])).toBe(7);
    await page.getByLabel('Rows').selectOption('document');
  });

  it('shows regimes together in one fragment and on overlapping fragments, with drill-down', async () => {
    const { page } = session;
    const co = page.getByRole('region', { name: 'Regimes occurring together' });
    // fame+market once (Rivierenland 2021), project+market once (2025), market+industrial once.
    await co.getByRole('button', { name: 'Show 1: Fame with Market' }).click();
    await co.getByRole('region', { name: /Fragments: Fame × Market \(1\)/ }).waitFor();
    await co.getByRole('radio', { name: 'Overlapping fragments' }).check();
    await co.getByText('3 overlapping pairs').waitFor();
    await co.getByRole('button', { name: 'Show 1: Fame with Industrial' }).click();
    const pair = co.getByRole('region', { name: /Fragments: Fame × Industrial \(1\)/ }).getByRole('listitem');
    await expect.poll(() => pair.getByRole('link').count()).toBe(2);
  });

  it('draws the three charts with patterned regimes and saves one as the README chart', async () => {
    const { page } = session;
    const charts = page.getByRole('region', { name: 'Charts' });
    await expect.poll(() => charts.locator('figure.chart svg[role="img"]').count()).toBe(3);
    const bars = charts.locator('figure[data-chart="bars"]');
    await expect.poll(() => bars.locator('pattern').count()).toBe(7);
    await expect.poll(() => bars.locator('g[data-label="bar"] rect').count()).toBeGreaterThan(20);
    // The bars count regime assignments, on whole-number ticks.
    expect(await bars.locator('g[data-label="x-axis label"] text').textContent()).toBe('Codings (regime assignments) →');
    for (const tick of await bars.locator('g[data-label="x-axis tick label"] text').allTextContents()) expect(tick).toMatch(/^\d+$/);
    await bars.scrollIntoViewIfNeeded();
    await bars.locator('svg[role="img"]').screenshot({ path: join(screenshotDir, 'chart.png') });
    await charts.screenshot({ path: join(shots, 'charts.png') });
  });

  it('saves a chart as a 300 dpi PNG and as SVG', async () => {
    const { page } = session;
    const png = await download(() => page.getByRole('button', { name: 'Save Regimes per document as PNG (300 dpi)' }).click());
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(pngDpi(new Uint8Array(png))).toBe(300);
    // 640 CSS px at 300/96.
    expect(png.readUInt32BE(16)).toBe(2000);
    const svg = (await download(() => page.getByRole('button', { name: 'Save Distribution over the regimes as SVG' }).click())).toString('utf8');
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });

  it('exports all tables as an XLSX workbook that opens with exceljs', async () => {
    const { page } = session;
    await page.getByLabel('Flag').selectOption({ label: 'With flag: Glocalisation / other trend' });
    const bytes = await download(() => page.getByRole('button', { name: 'All tables (Excel, XLSX)' }).click());
    const wb = new Excel.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['About', 'Fragments', 'Counts', 'Row %', 'Column %', 'Presence', 'Co-occurrence, same fragment', 'Co-occurrence, overlapping']);
    // The filter holds in the export: four flagged fragments.
    expect(wb.getWorksheet('Fragments')!.rowCount).toBe(5);
    expect(wb.getWorksheet('About')!.getCell(2, 1).value).toMatch(/^Exported on \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect((wb.getWorksheet('Counts')!.getRow(1).values as unknown[]).at(-1)).toBe('Most coded');
    expect(wb.getWorksheet('Fragments')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('exports the appendix as DOCX with a bullet per fragment and its page', async () => {
    const { page } = session;
    const bytes = await download(() => page.getByRole('button', { name: 'Appendix for Word (DOCX)' }).click());
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Appendix: fragments per document');
    expect((xml.match(/<w:numPr>/g) ?? []).length).toBe(4);
    expect(xml).toMatch(/\(p\. \d+\)/);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.screenshot({ path: join(shots, 'tally-full.png'), fullPage: true });
  });
});
