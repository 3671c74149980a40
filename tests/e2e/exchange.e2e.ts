/**
 * REFI-QDA round trip in real Chromium: save the sample project as .qdpx in one profile, restore
 * it in a fresh profile, and see the same tally and the same fragment CSV — and the original PDF,
 * which travelled in the .qdpx.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { openSession, removeProfile, screenshotDir, startServer, type Session } from './harness.ts';

let server: PreviewServer;
let url: string;
const sessions: Session[] = [];

beforeAll(async () => {
  ({ url, server } = await startServer());
});

afterAll(async () => {
  for (const s of sessions) {
    await s.close();
    removeProfile(s.profile);
  }
  await server?.close();
});

/** Opens a fresh profile on the library, with the sample loaded. */
async function freshProfile(): Promise<Page> {
  const s = await openSession();
  sessions.push(s);
  await s.page.goto(url + '#/library');
  await s.page.getByRole('heading', { name: /Documents \(1\)/ }).waitFor();
  return s.page;
}

/** The tally matrix as text, row by row, and the fragment CSV as downloaded. */
async function tallyAndCsv(page: Page): Promise<{ rows: string[][]; csv: string }> {
  await page.getByRole('link', { name: 'Tally' }).click();
  const table = page.locator('table.matrix');
  await table.getByRole('rowheader').first().waitFor();
  const rows = await table.getByRole('row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th,td')].map((c) => (c.textContent ?? '').trim())));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Coded fragments (CSV)' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  return { rows, csv };
}

describe('a REFI-QDA project saved in one browser and restored in another', () => {
  let before: { rows: string[][]; csv: string };
  let qdpx = '';

  it('saves the project as .qdpx from the library', async () => {
    const page = await freshProfile();
    before = await tallyAndCsv(page);
    expect(before.rows.length).toBeGreaterThan(1);
    expect(before.csv.split('\n').filter((l) => l.trim()).length).toBeGreaterThan(1);
    await page.getByRole('navigation').getByRole('link', { name: 'Library' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save as REFI-QDA project (.qdpx)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.qdpx$/);
    qdpx = (await download.path())!;
    await page.getByRole('region', { name: 'Exchange with other programs' }).screenshot({ path: join(screenshotDir, 'exchange.png') });
    // The same fragments as W3C Web Annotations.
    const [w3c] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save as W3C annotations (.jsonld)' }).click()]);
    const collection = JSON.parse(readFileSync((await w3c.path())!, 'utf8')) as { type: string; total: number };
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.total).toBe(before.csv.split('\n').filter((l) => l.trim()).length - 1);
    // A zip with project.qde first.
    expect(readFileSync(qdpx).subarray(0, 2).toString()).toBe('PK');
  });

  it('restores it in a fresh profile with the same tally and the same fragment CSV, and the original PDF', async () => {
    const page = await freshProfile();
    await page.getByLabel('Restore project from file').setInputFiles({ name: 'project.qdpx', mimeType: 'application/zip', buffer: readFileSync(qdpx) });
    // The preview lists what the file holds and what came along, before anything changes.
    const preview = page.getByRole('region', { name: 'What restoring does' });
    const report = preview.getByRole('list', { name: 'What the file brought and what was left out' });
    await expect.poll(() => report.textContent()).toMatch(/1 original file \(PDF or Word\) came along/);
    await page.getByRole('region', { name: 'Project file' }).screenshot({ path: join(screenshotDir, 'restore-qdpx.png') });
    await preview.getByRole('button', { name: 'Replace this project' }).click();
    await page.getByRole('status').filter({ hasText: /"project\.qdpx" restored: 1 document, \d+ fragments/ }).waitFor();
    const after = await tallyAndCsv(page);
    expect(after.rows).toEqual(before.rows);
    expect(after.csv).toBe(before.csv);
    // The PDF travelled: the reader offers the original page.
    await page.getByRole('navigation').getByRole('link', { name: 'Library' }).click();
    await page.getByRole('link', { name: /Rivierenland/ }).first().click();
    await page.getByRole('button', { name: 'Show original page' }).waitFor();
  });
});
