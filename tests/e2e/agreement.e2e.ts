/**
 * Intercoder agreement and adjudication in real Chromium, the supervisor's path: two coders'
 * codings of the same three documents (tests/fixtures/projects/two-coders.ts: Anna's project and
 * Bram's, which differ on three keyword hits). Anna's file is opened through the library's
 * project file control and Bram's added with "Add another coder's project file" (documents
 * matched by their text, each fragment keeping its coder). The agreement screen shows agreement per regime on the
 * hits of the search set; the three disagreements are adjudicated into the consensus (edit, take
 * both, take the second coder's dismissal) and the agreements taken over; the tally counted on
 * the consensus coder is then checked by hand. Screenshot for the README:
 * tests/e2e/screenshots/agreement.png.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ExcelJSModule from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { toProjectFile } from '../../src/exchange/project-file.ts';
import { annasProject, bramsProject } from '../fixtures/projects/two-coders.ts';
import { casProject } from '../fixtures/projects/three-coders.ts';
import { openSession, removeProfile, screenshotDir, startServer, type Session } from './harness.ts';

const Excel = ExcelJSModule as unknown as typeof import('exceljs');

let server: PreviewServer;
let url: string;
let session: Session;
const dir = mkdtempSync(join(tmpdir(), 'worthmark-agreement-'));
const annaFile = join(dir, 'anna.worthmark.json');
const bramFile = join(dir, 'bram.worthmark.json');
const casFile = join(dir, 'cas.worthmark.json');

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  writeFileSync(annaFile, toProjectFile(annasProject()));
  writeFileSync(bramFile, toProjectFile(bramsProject()));
  writeFileSync(casFile, toProjectFile(casProject()));
  ({ url, server } = await startServer());
  session = await openSession();
});

afterAll(async () => {
  await session?.close();
  if (session) removeProfile(session.profile);
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The row of the disagreement table holding a text. */
const row = (text: string) => session.page.locator('table.agr-disagreements tbody tr').filter({ hasText: text });

/** The regimes in the consensus column of a disagreement (each shown after its key number). */
async function consensusOf(text: string): Promise<string[]> {
  return (await row(text).locator('td.agr-consensus .agr-code').allTextContents()).map((c) => c.replace(/^\s*\d+\s*/, '').trim());
}

/** The cells of a summary row, by its row header. */
async function summaryCells(name: string | RegExp): Promise<string[]> {
  const { page } = session;
  return page.locator('table.agr-summary:not(.agr-all) tr').filter({ has: page.getByRole('rowheader', { name }) }).getByRole('cell').allTextContents();
}

/** The cells of a tally row, by its row header. */
async function tallyCells(name: string): Promise<string[]> {
  const { page } = session;
  const cells = await page.locator('table.matrix tr').filter({ has: page.getByRole('rowheader', { name, exact: true }) }).getByRole('gridcell').allTextContents();
  return cells.map((c) => c.split(' ')[0]!);
}

describe('agreement and adjudication', () => {
  it('opens Anna’s project and adds Bram’s', async () => {
    const { page } = session;
    page.on('dialog', (d) => void d.accept());
    await page.goto(url);
    await page.getByRole('heading', { name: /Documents \(\d+\)/ }).waitFor();
    await page.getByLabel('Restore project from file').setInputFiles(annaFile);
    await page.getByRole('button', { name: 'Replace this project' }).click();
    await page.getByText(/restored: 3 documents, 8 fragments/).waitFor();
    await page.getByLabel("Add another coder's project file", { exact: true }).first().setInputFiles(bramFile);
    const preview = page.locator('.merge-preview');
    await preview.getByRole('heading', { name: 'What "bram.worthmark.json" adds' }).waitFor();
    const lines = await preview.locator('li').allTextContents();
    expect(lines).toContain('Documents already here (same text): 3');
    expect(lines).toContain('New coders: Bram Kuipers');
    await preview.getByRole('button', { name: 'Add to this project' }).click();
    await page.getByText('"bram.worthmark.json" was added to this project.').waitFor();
    await page.getByRole('heading', { name: 'Documents (3)' }).waitFor();
  });

  it('shows agreement per regime on the keyword hits of the search set', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Agreement' }).click();
    await expect.poll(() => page.getByLabel('First coder').inputValue()).toBe('coder-av');
    expect(await page.getByLabel('Second coder').inputValue()).toBe('coder-bk');
    expect(await page.getByLabel('Search set').locator('option:checked').textContent()).toBe('Internationalisering');
    await page.getByRole('status').filter({ hasText: '8 units compared, 3 with a disagreement.' }).waitFor();
    // Whole value: 5 of 8 hits alike. Per regime (presence): fame differs on two hits (Anna on the
    // festivals, Bram on the artists), so 6 of 8 agree; market is on the same 4 hits for both.
    expect((await summaryCells('All regimes (whole value)')).slice(0, 2)).toEqual(['8', '62.5%']);
    expect((await summaryCells(/Fame/)).slice(0, 2)).toEqual(['2', '75.0%']);
    expect((await summaryCells(/Market/)).slice(0, 4)).toEqual(['4', '100.0%', '1.000', '1.000']);
    // Unitizing α on the fragments themselves: both coders' market fragments are the same
    // sentences; their fame fragments are different ones.
    expect((await summaryCells(/Market/))[4]).toBe('1.000');
    expect(Number((await summaryCells(/Fame/))[4])).toBeLessThan(0.5);
    // Nobody gave Inspired: κ and α cannot be computed and say so.
    expect(await summaryCells(/Inspired/)).toEqual(['0', '100.0%', '–', '–', '–']);
    expect(await page.locator('table.agr-summary tr').filter({ hasText: 'Inspired' }).locator('td').nth(3).getAttribute('title')).toBe('cannot be computed: the same value everywhere');
    await expect.poll(() => page.locator('table.agr-disagreements tbody tr').count()).toBe(3);
    // The confusion matrix: Anna's mere statement against Bram's dismissal.
    const mere = await page.locator('table.agr-confusion tr').filter({ has: page.getByRole('rowheader', { name: 'mere statement' }) }).getByRole('cell').allTextContents();
    const heads = await page.locator('table.agr-confusion thead th').allTextContents();
    expect(mere[heads.indexOf('dismissed')]).toBe('1');
  });

  it('filters the disagreements by regime and document, and exports them as CSV', async () => {
    const { page } = session;
    await page.getByLabel('Disagreement on regime').selectOption({ label: 'Fame' });
    await expect.poll(() => page.locator('table.agr-disagreements tbody tr').count()).toBe(2);
    await page.getByLabel('Document').selectOption({ label: 'Regioprofiel Kustregio' });
    await expect.poll(() => page.locator('table.agr-disagreements tbody tr').count()).toBe(1);
    const [file] = (await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Disagreements as CSV' }).click()])) as [Download, void];
    const rows = Papa.parse<string[]>(readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(rows[0]!.slice(0, 7)).toEqual(['document', 'page', 'start', 'end', 'unit text', 'Anna de Vries: regimes', 'Anna de Vries: quote']);
    expect(rows.slice(1).map((r) => [r[0], r[4], r[5], r[7]])).toEqual([['Regioprofiel Kustregio', 'internationale', 'Market', 'Fame + Market']]);
    await page.getByLabel('Disagreement on regime').selectOption({ label: 'Any disagreement' });
    await page.getByLabel('Document').selectOption({ label: 'All documents' });
    await expect.poll(() => page.locator('table.agr-disagreements tbody tr').count()).toBe(3);
  });

  it('opens the reader at a disagreement', async () => {
    const { page } = session;
    await row('buitenland').getByRole('link', { name: 'Open in the reader' }).click();
    await page.waitForURL(/#\/reader\/doc-rivierstad\?start=\d+&end=\d+$/);
    await page.getByText('De regio werkt samen met partners in binnen- en buitenland.').first().waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Intercoder agreement' }).waitFor();
    await expect.poll(() => page.locator('table.agr-disagreements tbody tr').count()).toBe(3);
  });

  it('adjudicates three disagreements into the consensus and takes the agreements over', async () => {
    const { page } = session;
    // 1. Edit: the artists compete on a market; Bram's fame is not taken.
    await row('Kunstenaars').getByRole('button', { name: 'Edit…' }).click();
    await row('Kunstenaars').getByRole('checkbox', { name: /Fame/ }).uncheck();
    await row('Kunstenaars').getByRole('button', { name: 'Save as consensus' }).click();
    await page.getByText('1 of 3 decided in the consensus.').waitFor();
    // 2. Take both: festivals are fame and market.
    await row('Internationale festivals').getByRole('button', { name: 'Take both' }).click();
    await page.getByText('2 of 3 decided in the consensus.').waitFor();
    // 3. Take Bram's: "partners in binnen- en buitenland" is no case of internationalisation.
    await row('buitenland').getByRole('button', { name: 'Take Bram Kuipers' }).click();
    await page.getByText('3 of 3 decided in the consensus.').waitFor();
    expect(await consensusOf('Kunstenaars')).toEqual(['Market']);
    expect(await consensusOf('Internationale festivals')).toEqual(['Fame', 'Market']);
    expect(await row('buitenland').locator('td.agr-consensus').textContent()).toBe('dismissed');
    // The five agreeing hits lie in three of Anna's fragments (two hits share one sentence).
    await page.getByRole('button', { name: 'Take the agreements into the consensus (3)' }).click();
    await page.getByText('3 fragments taken into the consensus.').waitFor();
    await page.getByRole('button', { name: 'Take the agreements into the consensus (0)' }).waitFor();
    // The whole screen in one viewport, so the sticky top bar stays at the top of the picture.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: 1400, height });
    await page.screenshot({ path: join(screenshotDir, 'agreement.png') });
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it('exports the summary, the confusion matrix and the disagreements with the consensus as XLSX', async () => {
    const { page } = session;
    const [file] = (await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'All tables as XLSX' }).click()])) as [Download, void];
    expect(file.suggestedFilename()).toBe('agreement-hit.xlsx');
    const bytes = readFileSync((await file.path())!);
    const wb = new Excel.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Agreement per regime', 'Confusion matrix', 'Disagreements']);
    const summary = wb.getWorksheet('Agreement per regime')!;
    // Whole value: 8 hits, 5 alike; percentages are fractions with a percent format.
    expect((summary.getRow(2).values as unknown[]).slice(1, 4)).toEqual(['all regimes (whole value)', 8, 0.625]);
    const cells = (r: number) => (wb.getWorksheet('Disagreements')!.getRow(r).values as unknown[]).slice(1);
    expect(cells(1)).toEqual(['document', 'page', 'start', 'end', 'unit text', 'Anna de Vries: regimes', 'Anna de Vries: quote', 'Bram Kuipers: regimes', 'Bram Kuipers: quote', 'Consensus: regimes', 'Consensus: quote']);
    // The three disagreements with what the consensus took.
    const decided = [2, 3, 4].map((r) => [cells(r)[4], cells(r)[9]]);
    expect(decided).toEqual(expect.arrayContaining([['internationale', 'Market'], ['Internationale', 'Fame + Market'], ['buitenland', 'dismissed']]));
  });

  it('counts the consensus in the tally', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Tally' }).click();
    // The tally is a chunk of its own: wait for it, not the agreement screen's coder choices.
    await page.getByRole('heading', { name: 'Tally per document and regime', level: 1 }).waitFor();
    await page.getByLabel('Coder').selectOption({ label: 'Consensus' });
    await page.getByRole('status').filter({ hasText: '5 of 20 fragments count.' }).waitFor();
    // Columns: inspired, domestic, fame, civic, market, industrial, project, mere, fragments.
    // Rivierstad: festivals (fame + market), "grensregio … over de grens" (market); the dismissed hit has none.
    expect((await tallyCells('Cultuurprofiel Rivierstad')).slice(0, 9)).toEqual(['0', '0', '1', '0', '2', '0', '0', '0', '2']);
    // Kustregio: museums (civic), fishing villages (domestic + civic), artists (market).
    expect((await tallyCells('Regioprofiel Kustregio')).slice(0, 9)).toEqual(['0', '1', '0', '2', '1', '0', '0', '0', '3']);
    await page.getByLabel('Coder').selectOption({ label: 'All coders' });
    await page.getByRole('status').filter({ hasText: '20 of 20 fragments count.' }).waitFor();
  });

  it('keeps the consensus after a reload', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Agreement' }).click();
    await page.reload();
    await page.getByText('3 of 3 decided in the consensus.').waitFor();
    expect(await consensusOf('Internationale festivals')).toEqual(['Fame', 'Market']);
    expect(await page.getByLabel('First coder').locator('option').allTextContents()).toContain('Consensus');
  });

  it('adds a third coder and shows Fleiss’ κ and α of all three together, on screen and in the XLSX', async () => {
    const { page } = session;
    // Two coders: no all-coders table.
    expect(await page.locator('table.agr-all').count()).toBe(0);
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Library' }).click();
    await page.getByLabel("Add another coder's project file", { exact: true }).first().setInputFiles(casFile);
    const preview = page.locator('.merge-preview');
    await preview.getByRole('heading', { name: 'What "cas.worthmark.json" adds' }).waitFor();
    await preview.getByRole('button', { name: 'Add to this project' }).click();
    await page.getByText('"cas.worthmark.json" was added to this project.').waitFor();
    await page.getByRole('link', { name: 'Agreement' }).click();
    await page.getByRole('heading', { name: 'All 3 coders together' }).waitFor();
    expect(await page.locator('.panel').filter({ has: page.getByRole('heading', { name: 'All 3 coders together' }) }).locator('p.hint').textContent()).toContain(
      'Anna de Vries, Bram Kuipers, Cas Visser',
    );
    const all = async (name: string | RegExp) =>
      page.locator('table.agr-all tr').filter({ has: page.getByRole('rowheader', { name }) }).getByRole('cell').allTextContents();
    expect(await page.locator('table.agr-all thead th').allTextContents()).toContain("Fleiss' κ");
    // Worked by hand in tests/fixtures/projects/three-coders.ts: 66.7 %, Fleiss' κ 0.564, α 0.582.
    expect((await all('All regimes (whole value)')).slice(0, 4)).toEqual(['8', '66.7%', '0.564', '0.582']);
    // The two coders side by side are as before (Anna and Bram: 5 of 8 hits alike).
    expect((await summaryCells('All regimes (whole value)')).slice(0, 2)).toEqual(['8', '62.5%']);
    const [file] = (await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'All tables as XLSX' }).click()])) as [Download, void];
    const bytes = readFileSync((await file.path())!);
    const wb = new Excel.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Agreement per regime', 'All 3 coders', 'Confusion matrix', 'Disagreements']);
    const row2 = (wb.getWorksheet('All 3 coders')!.getRow(2).values as unknown[]).slice(1, 6);
    expect(row2.slice(0, 2)).toEqual(['all regimes (whole value)', 8]);
    expect(row2.slice(2).map((x) => Math.round(Number(x) * 1000) / 1000)).toEqual([0.667, 0.564, 0.582]);
    // axe-core (as in a11y.e2e.ts) on the new section: no violation.
    await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Element, o: object) => Promise<{ violations: Array<{ id: string }> }> } }).axe;
      const section = document.querySelector('table.agr-all')!.closest('section')!;
      return (await axe.run(section, { resultTypes: ['violations'] })).violations.map((v) => v.id);
    });
    expect(violations).toEqual([]);
  });
});
