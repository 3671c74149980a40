/**
 * Nothing lost, nothing frozen (issue 15), in real Chromium:
 * - the server sends the Content Security Policy as a header, for the page and the workers;
 * - after its first load the app works offline: reload without network, code a fragment;
 * - a restore over a project shows what it would do, takes a snapshot first, and is undone from it;
 * - the disk fills up while coding (a profile on a small tmpfs): the user is told, nothing is
 *   reported as saved that was not, and the project comes back from the offered file.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { openSession, removeProfile, root, screenshotDir, startServer, type Session } from './harness.ts';

let server: PreviewServer;
let url: string;

beforeAll(async () => {
  ({ url, server } = await startServer());
});
afterAll(async () => {
  await server?.close();
});

/** Opens the search screen on the sample search set and codes the first open hit as Inspired. */
async function codeFirstOpenHit(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Search', exact: true }).click();
  await page.getByRole('heading', { name: /Hits in context \(\d+\)/ }).waitFor();
  const row = page.locator('tr.state-open').first();
  await row.waitFor();
  await row.locator('td').first().click();
  await page.locator('.hit-detail').getByRole('button', { name: /Inspired/ }).click();
}

/** The "N of M hits decided" numbers. */
async function decided(page: Page): Promise<number> {
  const text = (await page.getByText(/^\d+ of \d+ hits decided$/).textContent()) ?? '';
  return Number(/^(\d+)/.exec(text)?.[1] ?? NaN);
}

describe('offline and hardened', () => {
  let session: Session;
  afterAll(async () => {
    await session?.close();
    if (session) removeProfile(session.profile);
  });

  it('sends a strict Content Security Policy as a header, for the page and for the workers', async () => {
    const page = await fetch(url);
    const csp = page.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'"]) expect(csp).toContain(directive);
    expect(csp).not.toMatch(/unsafe-eval/);
    const html = await page.text();
    const worker = /assets\/[\w.-]*worker[\w.-]*\.js/i.exec(readFileSync(join(root, 'dist', 'sw.js'), 'utf8'))?.[0];
    expect(worker, 'a worker script in the build').toBeTruthy();
    expect((await fetch(new URL(worker!, url))).headers.get('content-security-policy')).toBe(csp);
    expect(html).toContain("base-uri 'none'");
  });

  it('loads, goes offline, reloads and codes a fragment', async () => {
    session = await openSession();
    const { page, context } = session;
    const violations: string[] = [];
    await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => void (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));
    await page.goto(url);
    await page.getByRole('heading', { name: /Documents \(1\)/ }).waitFor();
    // The service worker has cached the whole build once it controls the page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    await page.evaluate(async () => {
      const keys = await caches.keys();
      if (!keys.some((k) => k.startsWith('worthmark-'))) throw new Error('no cache');
    });
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: /Documents \(1\)/ }).waitFor();
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await expect.poll(() => decided(page)).toBeGreaterThan(0);
    const before = await decided(page);
    await codeFirstOpenHit(page);
    await page.locator('tr.current.state-coded').waitFor();
    await expect.poll(() => decided(page)).toBe(before + 1);
    // Still offline: reload once more and the coding is there (stored in IndexedDB, app from the cache).
    await page.reload();
    await page.getByRole('heading', { name: /Hits in context \(\d+\)/ }).waitFor();
    await expect.poll(() => decided(page)).toBe(before + 1);
    expect(violations).toEqual([]);
    await context.setOffline(false);
  });
});

describe('restore never destroys work', () => {
  let session: Session;
  afterAll(async () => {
    await session?.close();
    if (session) removeProfile(session.profile);
  });

  it('restores over a project after showing what would be lost, then undoes the restore from the snapshot', async () => {
    session = await openSession();
    const { page } = session;
    await page.goto(url);
    await page.getByRole('heading', { name: 'Documents (1)' }).waitFor();
    const sampleTitle = (await page.locator('table a').first().textContent())!.trim();

    // A file that is not JSON gets a reason, and nothing is asked or changed.
    const notJson = join(tmpdir(), `wm-not-json-${process.pid}.json`);
    writeFileSync(notJson, '%PDF-1.7\n');
    await page.getByLabel('Restore project from file').setInputFiles(notJson);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not a JSON file (it is a PDF document)');
    expect(await page.getByRole('region', { name: 'What restoring does' }).count()).toBe(0);

    await page.getByLabel('Restore project from file').setInputFiles(join(root, 'tests', 'fixtures', 'projects', 'thesis.worthmark.json'));
    const preview = page.getByRole('region', { name: 'What restoring does' });
    await preview.getByText(/holds 6 documents, 45 fragments/).waitFor();
    await expect.poll(() => preview.textContent()).toMatch(/Replacing loses what the file lacks: 1 document, 4 fragments, 1 search set/);
    await preview.screenshot({ path: join(screenshotDir, 'restore-preview.png') });
    await preview.getByRole('button', { name: 'Replace this project' }).click();
    await page.getByRole('status').filter({ hasText: /restored: 6 documents, 45 fragments/ }).waitFor();
    await page.getByRole('heading', { name: 'Documents (6)' }).waitFor();

    // The snapshot taken before the restore holds the sample project: restoring it undoes the restore.
    const row = page.getByRole('row').filter({ hasText: 'before a restore' });
    await expect.poll(() => row.textContent()).toContain('1 document, 4 fragments');
    await row.getByRole('button', { name: /^Restore the snapshot of/ }).click();
    await preview.getByText(/holds 1 document, 4 fragments/).waitFor();
    await preview.getByRole('button', { name: 'Replace this project' }).click();
    await page.getByRole('heading', { name: 'Documents (1)' }).waitFor();
    expect((await page.locator('table a').first().textContent())!.trim()).toBe(sampleTitle);
    await page.reload();
    await page.getByRole('heading', { name: 'Documents (1)' }).waitFor();
    await page.getByRole('link', { name: 'Read and code' }).click();
    await page.getByRole('heading', { name: 'Fragments in this document (4)' }).waitFor();
  });
});

/** Mounts a tmpfs of `mb` megabytes; null (with the reason) where mounting is not allowed. */
function mountTmpfs(mb: number): { dir: string; unmount(): void } | { skip: string } {
  const dir = mkdtempSync(join(tmpdir(), 'wm-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `cannot mount a tmpfs here (${String(e).split('\n')[0]}); the disk-full test needs root` };
  }
  return {
    dir,
    unmount() {
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fills a file system until the disk is full. */
function fillDisk(dir: string): string {
  const file = join(dir, 'filler');
  const chunk = Buffer.alloc(1 << 20);
  const fd = openSync(file, 'w');
  try {
    for (;;) writeSync(fd, chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    closeSync(fd);
  }
  return file;
}

describe('disk full while coding', () => {
  const mounted = mountTmpfs(160);
  const skip = 'skip' in mounted ? mounted.skip : '';
  if (skip) console.log(`[skip] ${skip}`);
  let session: Session | undefined;
  afterAll(async () => {
    await session?.close();
    if (!('skip' in mounted)) mounted.unmount();
  });

  it.skipIf(Boolean(skip))('tells the user, reports nothing as saved that was not, and recovers the project from the offered file', async () => {
    if ('skip' in mounted) return;
    const profile = join(mounted.dir, 'profile');
    mkdirSync(profile);
    session = await openSession(profile);
    const { page } = session;
    await page.goto(url);
    await page.getByRole('heading', { name: 'Documents (1)' }).waitFor();
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await expect.poll(() => decided(page)).toBeGreaterThan(0);
    const start = await decided(page);
    await codeFirstOpenHit(page);
    await expect.poll(() => decided(page)).toBe(start + 1);

    // The disk fills up; the next coding cannot be committed.
    // A small write can still land in the free tail of the database's last allocated page, so
    // code hits until one cannot be committed (at most 10): the alert must come.
    const filler = fillDisk(mounted.dir);
    const alert = page.getByRole('alert').filter({ hasText: 'Saving no longer works.' });
    for (let i = 0; i < 10 && !(await alert.isVisible()); i++) {
      await codeFirstOpenHit(page);
      await alert.waitFor({ timeout: 5_000 }).catch(() => undefined);
    }
    await alert.waitFor();
    await page.screenshot({ path: join(screenshotDir, 'disk-full.png') });
    const shown = await decided(page);

    // What is in memory is offered as a project file, and holds the coding saved before the disk filled.
    const [download] = await Promise.all([page.waitForEvent('download'), alert.getByRole('button', { name: 'Save the project in memory as a file' }).click()]);
    const saved = join(tmpdir(), `wm-recovered-${process.pid}.json`);
    writeFileSync(saved, readFileSync((await download.path())!));
    const project = JSON.parse(readFileSync(saved, 'utf8'));
    // Nothing is shown as decided that was not stored: the hits shown decided are the coding saved
    // before the disk filled and any that still fitted, each a fragment in the file.
    const fitted = project.fragments.length - 5;
    expect(fitted).toBeGreaterThanOrEqual(0);
    expect(shown).toBe(start + 1 + fitted);

    // Space again: the project comes back, from the database if the browser kept it, else from the file.
    rmSync(filler);
    await page.goto(url);
    await page.getByRole('heading', { name: /Documents \(\d\)/ }).waitFor();
    if ((await page.getByText('The project is gone.').count()) > 0) {
      // The browser dropped the database: the sample is not loaded over it; restore the offered file.
      expect(await page.getByRole('heading', { name: 'Documents (0)' }).count()).toBe(1);
      await page.getByLabel('Restore project from file').setInputFiles(saved);
      await page.getByRole('button', { name: 'Replace this project' }).click();
    }
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await expect.poll(() => decided(page)).toBe(start + 1 + fitted);
  });
});

describe('a runaway regular expression', () => {
  let session: Session;
  afterAll(async () => {
    await session?.close();
    if (session) removeProfile(session.profile);
  });

  it('is stopped in the worker and reported, and the page stays responsive; the next search works', async () => {
    session = await openSession();
    const { page } = session;
    await page.goto(url);
    await page.getByRole('heading', { name: 'Documents (1)' }).waitFor();
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    const terms = page.getByRole('textbox', { name: 'Terms, one per line' });
    await terms.waitFor();
    // Catastrophic backtracking on every sentence of the sample: nested repeats that can never match.
    await terms.fill('/([a-z ]+)+#/');
    // The page answers while the worker is busy: with the search running, a click opens the term
    // help, and the search is still running when it has (the state, never the clock, says so).
    const status = page.locator('p[role="status"][aria-busy]');
    await status.filter({ hasText: 'Searching…' }).waitFor();
    await page.getByText('How to write terms').click();
    await page.locator('details.query-help[open]').waitFor();
    expect(await status.getAttribute('aria-busy')).toBe('true');
    expect(await status.textContent()).toBe('Searching…');
    await page.getByText(/regular expression on line 1 ran for more than 4 s and was stopped/).waitFor({ timeout: 20_000 });
    await terms.fill('wereld');
    await page.getByText(/^\d+ hits? in 1 document/).waitFor({ timeout: 20_000 });
  });
});
