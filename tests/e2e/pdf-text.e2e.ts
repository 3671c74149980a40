/**
 * PDF text in real Chromium (issue 14): the fault fixtures import through the real pdf.js worker
 * with their structure (headings, list items with drawn bullets, columns in order, rotated pages),
 * and a second print of a report already in the project is flagged as a near-duplicate, with the
 * choice to keep both or skip it. Screenshots: tests/e2e/screenshots/pdf-*.png.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewServer } from 'vite';
import { openSession, removeProfile, screenshotDir, startServer, type Session } from './harness.ts';
import { columnsPdf, headingsPdf, listsPdf, oneColumnPdf, rotatedPdf } from '../fixtures/make-pdf-faults.ts';

let dir: string;
let server: PreviewServer;
let url: string;
let session: Session;

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'worthmark-pdf-e2e-'));
  ({ url, server } = await startServer());
  session = await openSession();
  await session.page.setViewportSize({ width: 1280, height: 900 });
  await session.page.goto(url);
  await session.page.getByRole('heading', { name: /Documents \(\d+\)/ }).waitFor();
});

afterAll(async () => {
  await session?.close();
  if (session) removeProfile(session.profile);
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function importFixtures(files: Record<string, Uint8Array>): Promise<void> {
  const paths = Object.entries(files).map(([name, bytes]) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  });
  await session.page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Library' }).click();
  const before = await documentCount();
  await session.page.getByLabel('Choose files').setInputFiles(paths);
  await session.page.getByText('Importing…').waitFor({ state: 'detached', timeout: 120_000 });
  // The import's end and the library's list are two updates: wait for the list to hold every new
  // document, so a count read next is not the one from before this import.
  await session.page.getByRole('heading', { name: `Documents (${before + paths.length})` }).waitFor();
}

async function documentCount(): Promise<number> {
  const text = await session.page.getByRole('heading', { name: /Documents \(\d+\)/ }).textContent();
  return Number(/\((\d+)\)/.exec(text ?? '')![1]);
}

async function openReader(title: string) {
  const { page } = session;
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Library' }).click();
  await page.getByRole('link', { name: title, exact: true }).click();
  const text = page.getByRole('textbox', { name: `Text of ${title}` });
  await text.waitFor();
  return text;
}

describe('PDF text in the browser', () => {
  it('reads headings, list items and short lines by their typography', async () => {
    await importFixtures({ 'koppen.pdf': (await headingsPdf()).bytes, 'lijsten.pdf': (await listsPdf()).bytes });
    const text = await openReader('Koppen en korte regels');
    await expect.poll(() => text.locator('h3').allTextContents()).toEqual(['1 Digitalisering als kans', '2.5 Publiek', 'Inclusie', 'Publieksdata']);
    expect(await text.textContent()).toContain('Publiek dat niet naar de zaal kan');
    await session.page.screenshot({ path: join(screenshotDir, 'pdf-headings.png') });

    const lists = await openReader('Lijsten');
    const items = lists.locator('.wm-list-item');
    await expect.poll(() => items.count()).toBe(10);
    // Bullets are drawn, not text: no bullet character in the text, a data-bullet on unnumbered items.
    expect(await lists.textContent()).not.toMatch(/[•–]/);
    expect(await lists.locator('.wm-list-item[data-bullet]').count()).toBe(7);
    await session.page.screenshot({ path: join(screenshotDir, 'pdf-lists.png') });
  });

  it('reads rotated pages in word order, each on its page', async () => {
    await importFixtures({ 'gedraaid.pdf': (await rotatedPdf()).bytes });
    const text = await openReader('Gedraaide pagina’s');
    await expect.poll(() => text.textContent()).toMatch(/Pagina met rotatie honderdtachtig[\s\S]*Pagina met rotatie tweehonderdzeventig[\s\S]*Schuine tekst over internationale uitwisseling/);
  });

  it('flags a second print of a report as a near-duplicate, and skips it on request', async () => {
    const { page } = session;
    await importFixtures({ 'rapport-kolommen.pdf': (await columnsPdf()).bytes });
    const before = await documentCount();
    await importFixtures({ 'rapport-eenkoloms.pdf': (await oneColumnPdf()).bytes });
    await page.getByRole('heading', { name: `Documents (${before + 1})` }).waitFor();
    await expect
      .poll(() => page.getByRole('listitem').filter({ hasText: 'rapport-eenkoloms.pdf' }).first().textContent())
      .toMatch(/nearly the same text as "Internationale samenwerking in de regio" \(\d+ %\)/);
    const choice = page.getByRole('group', { name: 'near duplicate' });
    await expect.poll(() => choice.textContent()).toMatch(/Nearly the same text as "Internationale samenwerking in de regio"/);
    await page.screenshot({ path: join(screenshotDir, 'pdf-near-duplicate.png'), fullPage: true });
    await page.getByRole('button', { name: 'Skip Internationale samenwerking in de regio (eenkoloms) (remove it)' }).click();
    await page.getByRole('heading', { name: `Documents (${before})` }).waitFor();
    await page.getByRole('status').filter({ hasText: 'skipped and removed' }).waitFor();
    expect(await page.getByRole('group', { name: 'near duplicate' }).count()).toBe(0);
  });

  it('reads the two columns under the full-width title, abstract and figure column by column', async () => {
    const text = await openReader('Internationale samenwerking in de regio');
    const content = (await text.textContent()) ?? '';
    expect(content).toMatch(/Internationale samenwerking in de culturele regio[\s\S]*Samenvatting\.[\s\S]*Regio Noord Regio Midden Regio Zuid Regio Oost[\s\S]*Figuur 1\./);
    expect(content).toContain('Tussenconclusie.');
    await session.page.screenshot({ path: join(screenshotDir, 'pdf-columns.png') });
  });
});
