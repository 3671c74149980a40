/**
 * The student's screen traps, measured in real Chromium on a laptop screen (1366×768), on the
 * thesis project (tests/fixtures/projects/thesis.worthmark.json) with the long document titles
 * real policy papers have:
 * - the worklist shows many hits per screen (a long title once wrapped to four lines, and a
 *   screen held 3–4 hits);
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { parseProjectFile, toProjectFile } from '../../src/exchange/project-file.ts';
import { openSession, removeProfile, root, screenshotDir, startServer, type Session } from './harness.ts';

const files = mkdtempSync(join(tmpdir(), 'wm-traps-'));
const projectFile = join(files, 'long-titles.worthmark.json');
const shots = '/tmp/wm-traps-shots';

/** Titles as long as real policy papers carry (each unique, so the worklist shows them all). */
const LONG = (i: number) =>
  `Aandachtspunten bij profielen van stedelijke regio's en provincies, deel ${i + 1}: cultuurregio, kunstenplan en internationale samenwerking in de beleidsperiode 2025–2028 (definitieve versie na consultatie)`;

let server: PreviewServer;
let url: string;
let session: Session;
let page: Page;

beforeAll(async () => {
  const parsed = parseProjectFile(readFileSync(join(root, 'tests', 'fixtures', 'projects', 'thesis.worthmark.json'), 'utf8'));
  if ('error' in parsed) throw new Error(`thesis.worthmark.json: ${parsed.error.reason}`);
  parsed.parsed.documents.forEach((d, i) => (d.title = LONG(i)));
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

describe('on a 1366×768 screen with long document titles', () => {
  it('restores the project with long titles', async () => {
    await page.goto(url);
    await page.getByRole('heading', { name: /Documents \(\d+\)/ }).waitFor();
    await page.getByLabel('Restore project from file').setInputFiles(projectFile);
    await page.getByRole('button', { name: 'Replace this project' }).click();
    await page.getByText(/restored: 6 documents, 45 fragments/).waitFor();
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
});
