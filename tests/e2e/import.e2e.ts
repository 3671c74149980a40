/**
 * Import in real Chromium (issue 4): every kind of bad file gets its own message naming the file
 * and stores nothing; 14 of 15 files import when one is broken; running headers are removed, shown
 * in the import report and put back on undo; PDF page labels are cited with the PDF page number;
 * the original page is shown beside the text; details can be edited; .docx and pasted text
 * import; a long import can be cancelled. The bad files are generated (tests/fixtures).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewServer } from 'vite';
import { openSession, removeProfile, shared, startServer, type Session } from './harness.ts';
import {
  brokenDocx,
  docxFile,
  encryptedPdf,
  imageOnlyPdf,
  labelledPdf,
  numberedPdf,
  textPdf,
  truncatedPdf,
  twoColumnPdf,
} from '../fixtures/make-fixtures.ts';

const shots = '/tmp/wm-import-shots';
let dir: string;
let server: PreviewServer;
let url: string;
let session: Session;
const bigCorpusPdf = join(shared, 'corpus', '001_7ee1536df61b377d.pdf');

/** Writes a generated file into the test folder and returns its path. */
function put(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'worthmark-import-e2e-'));
  ({ url, server } = await startServer());
  session = await openSession();
  await session.page.goto(url);
  await session.page.getByRole('heading', { name: /Documents \(\d+\)/ }).waitFor();
});

afterAll(async () => {
  await session?.close();
  if (session) removeProfile(session.profile);
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The number in the "Documents (n)" heading. */
async function documentCount(): Promise<number> {
  const text = await session.page.getByRole('heading', { name: /Documents \(\d+\)/ }).textContent();
  return Number(/\((\d+)\)/.exec(text ?? '')![1]);
}

/** Imports files through the file chooser and waits until none is waiting or working. */
async function importPaths(paths: string[]): Promise<void> {
  const { page } = session;
  await page.getByLabel('Choose files').setInputFiles(paths);
  await page.getByText('Importing…').waitFor({ state: 'detached', timeout: 120_000 });
}

/** The message shown in the import list for a file. */
function rowOf(name: string) {
  return session.page.getByRole('listitem').filter({ has: session.page.getByText(name, { exact: true }) }).first();
}

describe('importing files in the browser', () => {
  it('gives each kind of broken file its own message, naming the file, and stores none of them', async () => {
    const { page } = session;
    const before = await documentCount();
    const empty = put('leeg.pdf', new Uint8Array());
    const big = join(dir, 'te-groot.pdf');
    writeFileSync(big, '');
    truncateSync(big, 201 * 1024 * 1024); // sparse: 201 MB on paper, nothing on disk
    const good = put('nota.pdf', await textPdf('Nota over internationalisering'));
    const files = [
      put('beveiligd.pdf', await encryptedPdf()),
      put('scan.pdf', await imageOnlyPdf()),
      put('afgebroken.pdf', await truncatedPdf()),
      empty,
      big,
      put('notities.odt', new TextEncoder().encode('geen ondersteund formaat')),
      put('kapot.docx', brokenDocx()),
      good,
    ];
    await importPaths(files);
    await importPaths([put('nota-kopie.pdf', readFileSync(good))]);

    const expected: [string, RegExp][] = [
      ['beveiligd.pdf', /beveiligd\.pdf: the PDF is password-protected/],
      ['scan.pdf', /scan\.pdf: this PDF has no text \(scanned\?\)\. It needs OCR first\./],
      ['afgebroken.pdf', /afgebroken\.pdf: the file is damaged or not a valid PDF/],
      ['leeg.pdf', /leeg\.pdf: the file is empty/],
      ['te-groot.pdf', /te-groot\.pdf: the file is too large to import/],
      ['notities.odt', /notities\.odt: this file type is not supported \(only \.pdf, \.docx and \.txt\)/],
      ['kapot.docx', /kapot\.docx: the file is damaged/],
      ['nota-kopie.pdf', /nota-kopie\.pdf: this document was already imported \(Nota over internationalisering\)/],
    ];
    for (const [name, message] of expected) {
      await expect.poll(() => rowOf(name).getByRole('alert').textContent(), { message: name }).toMatch(message);
    }
    await expect.poll(() => rowOf('nota.pdf').textContent()).toMatch(/imported as "Nota over internationalisering"/);
    expect(await page.getByRole('alert').count()).toBeGreaterThanOrEqual(expected.length);
    // Only the good file was stored.
    await page.getByRole('heading', { name: `Documents (${before + 1})` }).waitFor();
    await page.screenshot({ path: join(shots, 'failures.png'), fullPage: true });
  });

  it('imports the other 14 when one of 15 files is broken', async () => {
    const { page } = session;
    const before = await documentCount();
    const paths: string[] = [];
    for (let n = 1; n <= 14; n++) paths.push(put(`regio-${n}.pdf`, await numberedPdf(n)));
    paths.splice(5, 0, put('regio-kapot.pdf', (await numberedPdf(77)).slice(0, 400)));
    await importPaths(paths);
    await page.getByRole('heading', { name: `Documents (${before + 14})` }).waitFor();
    await expect.poll(() => rowOf('regio-kapot.pdf').getByRole('alert').textContent()).toMatch(/regio-kapot\.pdf: the file is damaged/);
    for (const n of [1, 6, 14]) await expect.poll(() => rowOf(`regio-${n}.pdf`).textContent()).toMatch(/imported as "Regioprofiel \d+"/);
    // The files were read in the import workers (app/extract-pool.ts), not on the page's thread.
    const workers = (await page.evaluate(`performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /extract-worker/.test(n))`)) as string[];
    expect(workers.length).toBeGreaterThan(0);
  });

  it('removes running headers, lists them in the import report and puts them back on undo', async () => {
    const { page } = session;
    await importPaths([put('twente-kolommen.pdf', await twoColumnPdf())]);
    await page.getByRole('button', { name: 'Import report of Regioprofiel Twente' }).click();
    const report = page.getByRole('region', { name: 'Import report: Regioprofiel Twente' });
    await report.getByText('10 running header and footer lines taken out of the text:').waitFor();
    await expect.poll(() => report.getByRole('listitem').filter({ hasText: 'p. 3, bottom' }).textContent()).toContain('Pagina 3 van 5');
    await page.screenshot({ path: join(shots, 'report.png'), fullPage: true });

    await report.getByRole('button', { name: 'Put header and footer lines back' }).click();
    await report.getByText(/Extracted again: 0 fragments found again, 0 not\./).waitFor();
    await report.getByText('10 running header and footer lines are in the text (removal undone).').waitFor();
    await page.getByRole('link', { name: 'Regioprofiel Twente', exact: true }).click();
    const text = page.getByRole('textbox', { name: 'Text of Regioprofiel Twente' });
    await text.waitFor();
    await expect.poll(() => text.textContent()).toContain('Regioprofiel Twente 2021-2024');
    await expect.poll(() => text.textContent()).toMatch(/linkswoord1[\s\S]*rechtswoord1[\s\S]*linkswoord2/);

    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Library' }).click();
    await page.getByRole('button', { name: 'Import report of Regioprofiel Twente' }).click();
    await report.getByRole('button', { name: 'Remove header and footer lines again' }).click();
    await report.getByText('10 running header and footer lines taken out of the text:').waitFor();
  });

  it('shows the original PDF page beside the extracted text', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Regioprofiel Twente', exact: true }).click();
    await page.getByRole('textbox', { name: 'Text of Regioprofiel Twente' }).waitFor();
    await page.getByRole('button', { name: 'Show original page' }).click();
    const canvas = page.getByRole('img', { name: 'PDF page 1 of Regioprofiel Twente' });
    await canvas.waitFor();
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByRole('img', { name: 'PDF page 2 of Regioprofiel Twente' }).waitFor();
    await page.locator('.original-page canvas[data-rendered="2"]').waitFor();
    // The canvas has been drawn on: not all pixels are white.
    const inked = await page.evaluate(() => {
      const c = document.querySelector('.original-page canvas') as HTMLCanvasElement;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
      return dark;
    });
    expect(inked).toBeGreaterThan(100);
    await page.screenshot({ path: join(shots, 'original-page.png') });
    await page.getByRole('button', { name: 'Hide original page' }).click();
  });

  it('cites PDF page labels with the PDF page number beside them', async () => {
    const { page } = session;
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Library' }).click();
    await importPaths([put('labels.pdf', await labelledPdf())]);
    await page.getByRole('button', { name: 'Import report of Rapport met paginanummers' }).click();
    await page.getByText("The PDF's own page labels are cited, with the PDF page number beside them (e.g. p. i (PDF 1)).").waitFor();
  });

  it('edits a document\'s title, region, year and type', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Edit details of Rapport met paginanummers' }).click();
    const form = page.getByRole('form', { name: 'Details: Rapport met paginanummers' });
    await form.getByLabel('Year').fill('21');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('alert').filter({ hasText: 'The year must be a number between 1900 and 2100.' }).waitFor();
    await form.getByLabel('Title').fill('Regioprofiel Zeeland');
    await form.getByLabel('Region / case').fill('Zeeland');
    await form.getByLabel('Year').fill('2021');
    await form.getByLabel('Document type').fill('regioprofiel');
    await form.getByRole('button', { name: 'Save' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Regioprofiel Zeeland' }) });
    await expect.poll(() => row.textContent()).toContain('Zeeland · 2021 · regioprofiel');
  });

  it('imports a Word file and pasted text', async () => {
    const { page } = session;
    await importPaths([put('Cultuurnota.docx', await docxFile())]);
    await expect.poll(() => rowOf('Cultuurnota.docx').textContent()).toMatch(/imported as "Cultuurnota"/);
    await page.getByText('Paste text').click();
    await page.getByLabel('Title for the pasted text').fill('Notitie uit de mail');
    await page.getByLabel('Pasted text', { exact: true }).fill('De regio werkt internationaal samen met Vlaanderen.\n\nTweede alinea.');
    await page.getByRole('button', { name: 'Import pasted text' }).click();
    await page.getByRole('link', { name: 'Notitie uit de mail' }).waitFor();
    await page.getByRole('button', { name: 'Import pasted text' }).isDisabled();
  });

  it.skipIf(!existsSync(bigCorpusPdf))('stops a long import on Cancel and stores nothing of it', async () => {
    const { page } = session;
    const before = await documentCount();
    await page.getByLabel('Choose files').setInputFiles(bigCorpusPdf);
    await page.getByText(/page \d+ of 137/).first().waitFor();
    await page.getByRole('button', { name: 'Stop importing' }).click();
    await rowOf('001_7ee1536df61b377d.pdf').getByText('stopped — not imported').waitFor();
    await page.getByText('Importing…').waitFor({ state: 'detached' });
    expect(await documentCount()).toBe(before);
  });
});

describe.skipIf(!existsSync(join(shared, 'corpus')))('importing the whole corpus in the browser', () => {
  it('imports every corpus PDF and reads the two-column print in column order without running lines', async () => {
    const { page } = session;
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Library' }).click();
    const before = await documentCount();
    const corpus = ['000_749ee7563c0f55b6', '001_7ee1536df61b377d', '002_639027a6d63e363d', '003_f715da27636ab65b', '004-twocolumn', '004_e6a9c10e11fd0f4f'];
    // 004 and 004-twocolumn have the same title, so the two-column print is told apart by its file.
    await importPaths(corpus.map((c) => join(shared, 'corpus', `${c}.pdf`)));
    await page.getByRole('heading', { name: `Documents (${before + corpus.length})` }).waitFor();
    const row = page.getByRole('row').filter({ hasText: '004-twocolumn.pdf' });
    await row.getByRole('link').click();
    const text = page.getByRole('textbox', { name: /^Text of / });
    await text.waitFor();
    const content = (await text.textContent()) ?? '';
    expect(content).toContain('Bij deze aanvraag vindt de Raad de profielen van vijftien stedelijke regio’s. In deze bijlage geven de overheden gezamenlijk aandachtspunten mee voor het advies.');
    expect(content.indexOf('Er is sprake van nieuwe dynamiek')).toBeGreaterThan(content.indexOf('internationale dimensie van cultuur.'));
    expect(content).not.toContain('11/23/26');
    expect(content).not.toContain('file:///tmp/pdfgen');
  });

  it('lists each word joined across a line-end hyphen in the import report, with its page', async () => {
    const { page } = session;
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Library' }).click();
    // 003 breaks "internatio-" + "nale" at a line end (seed lines 138–139).
    const row = page.getByRole('row').filter({ hasText: '003_f715da27636ab65b.pdf' });
    await row.getByRole('button', { name: /^Import report of / }).click();
    const report = page.getByRole('region', { name: /^Import report: / });
    const summary = report.getByText(/^Show the joined words \((\d+)\)$/);
    const count = Number(/\((\d+)\)/.exec((await summary.textContent())!)![1]);
    await expect.poll(() => report.getByText(/ hyphenated line ends? joined\./).textContent()).toContain(`${count} hyphenated`);
    await summary.click();
    const items = report.locator('.joined-words li');
    await expect.poll(() => items.count()).toBe(count);
    await expect.poll(() => items.allTextContents()).toContainEqual(expect.stringMatching(/^p\. \d+ internatio·nale$/));
    await report.screenshot({ path: join(shots, 'report-joined.png') });
  });
});
