/**
 * The rest of the spine in real Chromium: editing and deleting fragments, the two UI languages
 * (switched and remembered), accessible names on every control in both languages, removing and
 * reloading the sample, and a project file restored into an empty browser.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { openSession, removeProfile, startServer, type Session } from './harness.ts';

let server: PreviewServer;
let url: string;
const sessions: Session[] = [];

beforeAll(async () => {
  ({ url, server } = await startServer());
});
afterAll(async () => {
  for (const s of sessions) {
    await s.close().catch(() => undefined);
    removeProfile(s.profile);
  }
  for (const name of [`wm-project-${process.pid}.json`, `wm-broken-${process.pid}.json`]) rmSync(join(tmpdir(), name), { force: true });
  await server?.close();
});

async function fresh(): Promise<Page> {
  const s = await openSession();
  sessions.push(s);
  await s.page.goto(url);
  await s.page.getByRole('heading', { name: /^(Documents|Documenten) \(1\)/ }).waitFor();
  return s.page;
}

/** Interactive elements without an accessible name (a simplified accessible-name computation). */
async function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, [contenteditable="true"], [role=button], [role=textbox], [tabindex]:not([tabindex="-1"])';
    const nameOf = (el: Element): string => {
      const labelledBy = el.getAttribute('aria-labelledby');
      if (labelledBy) return labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
      const aria = el.getAttribute('aria-label');
      if (aria?.trim()) return aria.trim();
      const labels = (el as HTMLInputElement).labels;
      if (labels && labels.length) return Array.from(labels).map((l) => l.textContent ?? '').join(' ').trim();
      if (el.getAttribute('title')?.trim()) return el.getAttribute('title')!.trim();
      // Links, buttons and a grid's cells (the tally matrix's one tab stop) are named by their content.
      if (el.matches('a, button, [role=button], [role=grid] td, [role=grid] th')) return (el.textContent ?? '').trim();
      return '';
    };
    return Array.from(document.querySelectorAll(selector))
      .filter((el) => !(el as HTMLElement).closest('[aria-hidden="true"]'))
      .filter((el) => !nameOf(el))
      .map((el) => el.outerHTML.slice(0, 120));
  });
}

describe('fragments', () => {
  it('can be changed from the panel and deleted, and the change is saved', async () => {
    const page = await fresh();
    await page.getByRole('link', { name: 'Read and code' }).click();
    await page.getByRole('heading', { name: 'Fragments in this document (4)' }).waitFor();
    await page.locator('.fragment-item').first().click();
    const panel = page.locator('.coding-panel');
    await panel.getByRole('button', { name: /Industrial/ }).click();
    await panel.getByRole('button', { name: /Industrial/, pressed: true }).waitFor();
    await panel.getByLabel('Memo').fill('Een memo die blijft.');
    await panel.getByLabel('Memo').blur();
    await page.waitForTimeout(300);
    await page.reload();
    await page.locator('.fragment-item').first().click();
    await expect.poll(() => page.locator('.coding-panel').getByLabel('Memo').inputValue()).toBe('Een memo die blijft.');
    await page.locator('.coding-panel').getByRole('button', { name: /Industrial/, pressed: true }).waitFor();
    await page.locator('.coding-panel').getByRole('button', { name: 'Delete fragment' }).click();
    await page.getByRole('heading', { name: 'Fragments in this document (3)' }).waitFor();
  });
});

describe('languages', () => {
  it('switches the whole UI to Dutch and remembers it after a reload', async () => {
    const page = await fresh();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('nl');
    await page.getByRole('link', { name: 'Bibliotheek', exact: true }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Documenten (1)' }).waitFor();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl');
    await page.getByRole('combobox', { name: 'Taal' }).selectOption('en');
    await page.getByRole('link', { name: 'Library', exact: true }).waitFor();
  });

  it('gives every control an accessible name on every screen, in both languages', async () => {
    const page = await fresh();
    for (const lang of ['en', 'nl'] as const) {
      await page.locator('.topbar select').selectOption(lang);
      const screens: [string, () => Promise<unknown>][] = [
        ['library', () => page.locator('.doc-table').waitFor()],
        ['search', async () => {
          // By name: the worklist's "Who is coding?" form has a primary button too.
          await page.getByRole('button', { name: lang === 'en' ? 'Search all documents' : 'Zoeken in alle documenten' }).click();
          await page.locator('.kwic').waitFor();
        }],
        ['reader', async () => {
          await page.locator('.fragment-item').first().click();
          await page.locator('.coding-panel textarea').waitFor();
        }],
        ['tally', () => page.locator('.tally-table').first().waitFor()],
        ['review', () => page.locator('.review-list').waitFor()],
        ['agreement', () => page.locator('.agr-choices').waitFor()],
        ['settings', () => page.locator('.settings').waitFor()],
      ];
      for (const [screen, ready] of screens) {
        await page.goto(`${url}#/${screen}`);
        await ready();
        expect({ lang, screen, unnamed: await unnamedControls(page) }).toEqual({ lang, screen, unnamed: [] });
      }
    }
  });
});

describe('the sample', () => {
  it('can be removed and loaded again', async () => {
    const page = await fresh();
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Remove sample' }).click();
    await page.getByRole('heading', { name: 'Documents (0)' }).waitFor();
    await page.getByRole('button', { name: 'Load the sample project' }).click();
    await page.getByRole('heading', { name: 'Documents (1)' }).waitFor();
  });
});

describe('project files', () => {
  it('restores a saved project into an empty browser, and refuses a broken file without changing anything', async () => {
    const a = await fresh();
    await a.getByRole('link', { name: 'Read and code' }).click();
    await a.locator('.fragment-item').first().click();
    await a.locator('.coding-panel').getByLabel('Memo').fill('Meegenomen naar een andere browser.');
    await a.locator('.coding-panel').getByLabel('Memo').blur();
    await a.waitForTimeout(300);
    await a.getByRole('link', { name: 'Library', exact: true }).click();
    const [download] = await Promise.all([a.waitForEvent('download'), a.getByRole('button', { name: 'Save project as file' }).click()]);
    const content = readFileSync((await download.path())!, 'utf8');
    const project = JSON.parse(content);
    expect(project).toMatchObject({ format: 'worthmark-project', version: 2 });
    const file = join(tmpdir(), `wm-project-${process.pid}.json`);
    writeFileSync(file, content);

    const b = await fresh();
    const broken = join(tmpdir(), `wm-broken-${process.pid}.json`);
    const bad = JSON.parse(content);
    bad.fragments[0].anchor.end = 10_000_000;
    writeFileSync(broken, JSON.stringify(bad));
    b.on('dialog', (d) => void d.accept());
    await b.getByLabel('Restore project from file').setInputFiles(broken);
    await expect.poll(() => b.getByRole('alert').filter({ hasText: 'was not restored' }).textContent()).toMatch(/fragments\[0\]\.anchor\.end/);
    await b.getByRole('link', { name: 'Read and code' }).click();
    await b.getByRole('heading', { name: 'Fragments in this document (4)' }).waitFor();
    await expect.poll(() => b.locator('.fragment-item').first().textContent()).toBeTruthy();

    await b.getByRole('link', { name: 'Library', exact: true }).click();
    await b.getByLabel('Restore project from file').setInputFiles(file);
    // The restore asks only once the file is checked, with what it holds.
    await b.getByRole('region', { name: 'What restoring does' }).getByText(/holds 1 document, 4 fragments/).waitFor();
    await b.getByRole('button', { name: 'Replace this project' }).click();
    await b.getByRole('status').filter({ hasText: /restored: 1 document, 4 fragments/ }).waitFor();
    await b.reload();
    await b.getByRole('link', { name: 'Read and code' }).click();
    await b.locator('.fragment-item').first().click();
    await expect.poll(() => b.locator('.coding-panel').getByLabel('Memo').inputValue()).toBe('Meegenomen naar een andere browser.');
  });
});
