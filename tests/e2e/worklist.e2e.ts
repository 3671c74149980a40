/**
 * The CTRL-F worklist in real Chromium, keyboard only: open the search screen, reach the hit list
 * with Tab, code hits with 1–7 and 0 (the sentence around the hit becomes the fragment), give a
 * second regime, step to the next open hit with n, dismiss with x (and undo), dismiss with a
 * reason, widen a fragment to its paragraph with p, open a hit in the reader with Enter and come
 * back; the decisions survive a reload. Then: the reader's Ctrl+F find bar, KWIC sorting and
 * width, documents new to a saved search, and search sets as .txt files.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { openSession, removeProfile, screenshotDir, startServer, type Session } from './harness.ts';

const shots = '/tmp/wm-search-shots';
let server: PreviewServer;
let url: string;
let session: Session;
const files = mkdtempSync(join(tmpdir(), 'wm-worklist-files-'));

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  ({ url, server } = await startServer());
  session = await openSession();
});

afterAll(async () => {
  await session?.close();
  if (session) removeProfile(session.profile);
  rmSync(files, { recursive: true, force: true });
  await server?.close();
});

/** What has the keyboard focus: its accessible name (aria-label or text) and tag. */
async function focused(page: Page): Promise<{ name: string; tag: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { name: (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim(), tag: el?.tagName ?? '' };
  });
}

/** Presses Tab until the focused element's name matches; fails after `max` presses. */
async function tabTo(page: Page, name: RegExp, max = 120, backwards = false): Promise<string> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (name.test(f.name)) return f.name;
  }
  throw new Error(`no focusable element named ${name} within ${max} tabs`);
}

/** The "N of M hits decided" line as numbers. */
async function progress(page: Page): Promise<{ decided: number; total: number }> {
  const text = await page.getByText(/^\d+ of \d+ hits decided$/).textContent();
  const [, d, t] = text!.match(/^(\d+) of (\d+)/)!;
  return { decided: Number(d), total: Number(t) };
}

/** Waits until the progress line shows `decided`. */
async function waitDecided(page: Page, decided: number): Promise<void> {
  await page.getByText(new RegExp(`^${decided} of \\d+ hits decided$`)).waitFor();
}

/** The state cell text of the current (focused) row. */
async function currentState(page: Page): Promise<string> {
  return (await page.locator('tr.current td').first().textContent())!.trim();
}

/** Rows decided in the DOM: must agree with the progress line. */
async function decidedRows(page: Page): Promise<number> {
  return page.locator('tr.state-coded, tr.state-dismissed').count();
}

describe('the CTRL-F worklist, keyboard only', () => {
  let total = 0;

  it('opens the search screen from the menu with the keyboard and lists the sample hits', async () => {
    const { page } = session;
    await page.goto(url);
    await page.getByRole('heading', { name: /Documents \(1\)/ }).waitFor();
    await tabTo(page, /^Search$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Hits in context \(\d+\)/ }).waitFor();
    // The sample's example codings already decide some hits (once its fragments have loaded).
    await expect.poll(async () => (await progress(page)).decided).toBeGreaterThan(0);
    const p = await progress(page);
    total = p.total;
    expect(total).toBeGreaterThan(10);
    await expect.poll(() => decidedRows(page)).toBe(p.decided);
  });

  it('codes the first hit with 4, adds 5 to the same fragment, and counts that as one decision', async () => {
    const { page } = session;
    const before = (await progress(page)).decided;
    const first = await tabTo(page, /^Open "/);
    expect(await currentState(page)).toBe('open');
    await page.keyboard.press('4');
    await page.locator('tr.current.state-coded').waitFor();
    await expect.poll(() => page.locator('tr.current .swatch').allTextContents()).toEqual(['4']);
    await page.keyboard.press('5');
    await page.locator('tr.current .swatch').nth(1).waitFor();
    await expect.poll(() => page.locator('tr.current .swatch').allTextContents()).toEqual(['4', '5']);
    expect((await focused(page)).name).toBe(first);
    const after = (await progress(page)).decided;
    expect(after).toBeGreaterThan(before);
    expect(after).toBe(await decidedRows(page));
    // The fragment is the sentence around the hit.
    const quote = (await page.locator('.hit-detail blockquote').textContent())!;
    expect(quote).toMatch(/^[A-Z].*wereld.*[.?!]$/s);
    await page.screenshot({ path: join(shots, 'worklist-coded.png') });
    await page.screenshot({ path: join(screenshotDir, 'worklist.png') }); // for the README
  });

  it('goes to the next open hit with n and dismisses it with x, staying on it like every decision key', async () => {
    const { page } = session;
    const before = (await progress(page)).decided;
    await page.keyboard.press('n');
    await page.waitForFunction(() => document.activeElement?.closest('tr')?.classList.contains('state-open'));
    const dismissed = (await focused(page)).name;
    await page.keyboard.press('x');
    await waitDecided(page, before + 1);
    // The focus stays on the dismissed hit (as after 1–7 and 0), so x again would reopen it.
    expect((await focused(page)).name).toBe(dismissed);
    expect(await currentState(page)).toBe('dismissed');
    // …and n goes on to the next open hit, skipping none.
    await page.keyboard.press('n');
    await page.waitForFunction(() => document.activeElement?.closest('tr')?.classList.contains('state-open'));
    expect((await focused(page)).name).not.toBe(dismissed);
  });

  it('dismisses with a reason via r, back on the same hit, and x on a dismissed hit opens it again', async () => {
    const { page } = session;
    const before = (await progress(page)).decided;
    const target = (await focused(page)).name;
    await page.keyboard.press('r');
    await expect.poll(async () => (await focused(page)).tag).toBe('INPUT');
    await page.keyboard.type('alleen een adres');
    await page.keyboard.press('Enter');
    await waitDecided(page, before + 1);
    const row = page.locator('tr').filter({ has: page.getByRole('button', { name: target, exact: true }) });
    await expect.poll(() => row.locator('td').first().textContent()).toBe('dismissed: alleen een adres');
    // Focus is back in the list, on the same hit.
    await expect.poll(async () => (await focused(page)).name).toBe(target);
    await page.keyboard.press('x');
    await waitDecided(page, before);
    expect(await currentState(page)).toBe('open');
    await page.keyboard.press('x');
    await waitDecided(page, before + 1);
  });

  it('codes an open hit as a mere statement with 0 and widens a fragment to its paragraph with p', async () => {
    const { page } = session;
    await page.keyboard.press('Home');
    await page.keyboard.press('n');
    await page.waitForFunction(() => document.activeElement?.closest('tr')?.classList.contains('state-open'));
    const before = (await progress(page)).decided;
    await page.keyboard.press('0');
    await page.locator('tr.current.state-coded').waitFor();
    await expect.poll(() => page.locator('tr.current td').first().textContent()).toMatch(/mere statement/);
    const sentence = (await page.locator('.hit-detail blockquote').textContent())!;
    await page.keyboard.press('p');
    await page.waitForFunction((s) => (document.querySelector('.hit-detail blockquote')?.textContent ?? '').length > s.length, sentence);
    const paragraph = (await page.locator('.hit-detail blockquote').textContent())!;
    expect(paragraph).toContain(sentence);
    // Hits that now fall inside the widened fragment are decided by it as well.
    const p = await progress(page);
    expect(p.decided).toBeGreaterThan(before);
    expect(p.decided).toBe(await decidedRows(page));
  });

  it('opens the current hit in the reader with Enter and comes back with the decisions kept', async () => {
    const { page } = session;
    const kept = await progress(page);
    await page.keyboard.press('n');
    const name = (await focused(page)).name;
    const [, match] = name.match(/^Open "(.*)" in /)!;
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Fragments in this document \(\d+\)/ }).waitFor();
    const selected = await page.evaluate(() => getSelection()?.toString() ?? '');
    expect(selected.toLowerCase()).toContain(match!.toLowerCase());
    // Back to the search screen through the menu, still with the keyboard.
    await tabTo(page, /^Search$/, 60, true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Hits in context/ }).waitFor();
    await waitDecided(page, kept.decided);
  });

  it('keeps every decision after a reload', async () => {
    const { page } = session;
    const kept = await progress(page);
    const states = async () => page.locator('table.kwic tbody tr').evaluateAll((rows) => rows.map((r) => `${r.className.replace('current', '').trim()} ${r.querySelector('td')?.textContent}`));
    const before = await states();
    expect(before.some((s) => s.startsWith('state-dismissed'))).toBe(true);
    await page.reload();
    await page.getByRole('heading', { name: /Hits in context/ }).waitFor();
    await waitDecided(page, kept.decided);
    expect(await states()).toEqual(before);
    await page.screenshot({ path: join(shots, 'worklist-reloaded.png'), fullPage: true });
  });
});

describe('the find bar in the reader', () => {
  it('opens with Ctrl+F, highlights every hit of a term in the query language and steps through them', async () => {
    const { page } = session;
    await page.goto(url + '#/reader');
    await page.getByRole('heading', { name: /Fragments in this document/ }).waitFor();
    await page.keyboard.press('Control+f');
    const input = page.getByRole('textbox', { name: /^Find in document/ });
    await input.waitFor();
    await expect.poll(async () => (await focused(page)).tag).toBe('INPUT');
    await page.keyboard.type('grens/grenzen');
    await page.getByText(/^1 of 5$/).waitFor();
    await expect.poll(() => page.locator('mark.wm-hit').count()).toBe(5);
    await expect.poll(() => page.locator('mark.wm-hit-current').textContent()).toMatch(/^gren(s|zen)$/i);
    await page.keyboard.press('Enter');
    await page.getByText(/^2 of 5$/).waitFor();
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.press('Shift+Enter');
    await page.getByText(/^5 of 5$/).waitFor();
    await page.screenshot({ path: join(shots, 'find-bar.png') });
    await page.keyboard.press('Control+a');
    await page.keyboard.type('"culturele');
    await page.getByText(/quote not closed/).waitFor();
    await page.keyboard.press('Escape');
    await input.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('mark.wm-hit').count()).toBe(0);
  });
});

describe('the concordance and saved searches', () => {
  it('sorts the concordance by the word on the right and narrows the context width', async () => {
    const { page } = session;
    await page.goto(url + '#/search');
    await page.getByRole('heading', { name: /Hits in context/ }).waitFor();
    await page.getByLabel('Sort by').selectOption('right');
    const rights = await page.locator('table.kwic tbody tr td:last-child').allTextContents();
    const keys = rights.map((r) => (r.match(/[\p{L}\p{N}]+/u)?.[0] ?? '').toLowerCase());
    expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b, 'nl', { sensitivity: 'base', numeric: true })));
    await page.getByLabel('Context (characters)').fill('20');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('table.kwic tbody tr td.left')].every((td) => (td.textContent ?? '').length <= 20),
    );
  });

  it('shows documents imported after a saved search was seen as new, searches only them, and marks them seen', async () => {
    const { page } = session;
    const doc = join(files, 'nieuwe-nota.txt');
    writeFileSync(doc, 'De wereld is groot.\n\nOok de wereld van de kunst kent grenzen.\n\nWereldwijd en wereld.\n');
    await page.goto(url + '#/library');
    await page.getByLabel('Choose files').setInputFiles(doc);
    await page.getByText(/imported as "/).waitFor();
    await page.goto(url + '#/search');
    const banner = page.getByRole('region', { name: 'New documents for this search set' });
    await banner.getByText(/^1 document new since this search set was marked as seen, with 5 hits\.$/).waitFor();
    await banner.getByRole('button', { name: 'Search only the new documents' }).click();
    await page.getByRole('heading', { name: 'Hits in context (5)' }).waitFor();
    await expect.poll(() => page.locator('table.kwic .new-badge').count()).toBe(5);
    await banner.getByRole('button', { name: 'Mark as seen' }).click();
    await banner.waitFor({ state: 'detached' });
    await page.getByText('Documents: 1 of 2').click();
    await page.getByLabel('All documents').check();
    await page.getByRole('heading', { name: /Hits in context \((2[6-9]|[3-9]\d)\)/ }).waitFor();
  });

  it('exports the search set as .txt and imports term lists, refusing one with an error and naming its line', async () => {
    const { page } = session;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export search set (.txt)' }).click()]);
    const exported = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/\.txt$/);
    expect(exported).toMatch(/^# Zoekset: /);
    expect(exported).toContain('\ngrens/grenzen\n');

    const bad = join(files, 'kapot.txt');
    writeFileSync(bad, 'wereld\n"culturele diplomatie\n');
    const before = await page.getByLabel('Search set').locator('option').count();
    await page.getByLabel('Import search set (.txt)').setInputFiles(bad);
    await page.getByText('kapot.txt: Line 2, column 1: quote not closed').waitFor();
    await expect.poll(() => page.getByLabel('Search set').locator('option').count()).toBe(before);

    const good = join(files, 'cultuur.txt');
    writeFileSync(good, '# Zoekset: Cultuur en wereld\nwereld*\n"culturele diplomatie"\n');
    await page.getByLabel('Import search set (.txt)').setInputFiles(good);
    await page.getByText('Search set "Cultuur en wereld" added.').waitFor();
    await expect.poll(() => page.getByLabel('Name of the search set').inputValue()).toBe('Cultuur en wereld');
    await page.getByRole('heading', { name: /Hits in context \(\d+\)/ }).waitFor();

    await page.getByRole('button', { name: 'Add the thesis term list' }).click();
    await page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>('textarea.terms')?.value.includes('(inter-)'));
    await expect.poll(() => page.getByLabel('Name of the search set').inputValue()).toBe('Thesis terms internationalisation');
    await page.screenshot({ path: join(shots, 'search-sets.png'), fullPage: true });
  });

  it('refuses to save a term list with errors and keeps the saved set as it was', async () => {
    const { page } = session;
    const name = await page.getByLabel('Name of the search set').inputValue();
    const terms = page.locator('textarea.terms');
    const saved = await terms.inputValue();
    await terms.fill(`${saved}\nwereld(`);
    await page.getByText('Line', { exact: false }).filter({ hasText: 'not closed' }).first().waitFor();
    await page.getByRole('button', { name: 'Save search set' }).click();
    await page.getByText('Not saved: the term list has errors (see above). The saved search set is unchanged.').waitFor();
    // What is stored: pick the set again from the list after a reload.
    await page.reload();
    const sets = page.getByRole('combobox', { name: /^Search set/ });
    await sets.getByRole('option', { name, exact: true }).waitFor({ state: 'attached' });
    await sets.selectOption({ label: name });
    await expect.poll(() => terms.inputValue()).toBe(saved);
  });

  it('widens the KWIC context columns with the context setting, hits in one column, nothing cut with "Whole context over lines"', async () => {
    const { page } = session;
    await page.goto(url + '#/search');
    await page.getByRole('heading', { name: /Hits in context \(\d+\)/ }).waitFor();
    // One line per hit is the default (tests/e2e/traps.e2e.ts); the whole contexts wrap when asked.
    await page.getByRole('checkbox', { name: 'Whole context over lines' }).check();
    await page.locator('table.kwic.wrap').waitFor();
    const context = page.getByLabel('Context (characters)');
    /** The first row's left context: the cell's visible width and the characters it holds. */
    const firstLeft = () =>
      page.locator('table.kwic tbody tr td.left').first().evaluate((td) => ({ width: td.clientWidth, chars: (td.textContent ?? '').length }));
    await context.fill('20');
    await page.waitForFunction(() => [...document.querySelectorAll('table.kwic tbody tr td.left')].every((td) => (td.textContent ?? '').length <= 20));
    const narrow = await firstLeft();
    await context.fill('120');
    await page.waitForFunction(() => [...document.querySelectorAll('table.kwic tbody tr td.left')].some((td) => (td.textContent ?? '').length > 40));
    const wide = await firstLeft();
    expect(wide.chars).toBeGreaterThan(narrow.chars);
    expect(wide.width).toBeGreaterThan(narrow.width);
    const layout = await page.evaluate(() => {
      const rows = [...document.querySelectorAll('table.kwic tbody tr')].slice(0, 40);
      const hitLefts = new Set<number>();
      let touching = 0;
      let withLeft = 0;
      let cut = 0;
      for (const row of rows) {
        const button = row.querySelector('td.hit button')!.getBoundingClientRect();
        hitLefts.add(Math.round(button.left));
        // Text of the context and state cells is never clipped; the document title stays on one
        // line with its full text as the cell's tooltip (and in the panel beside the list).
        for (const td of row.querySelectorAll('td:not(.doc)')) if (td.scrollWidth > td.clientWidth + 1 || td.scrollHeight > td.clientHeight + 1) cut++;
        const doc = row.querySelector<HTMLElement>('td.doc')!;
        if (doc.getAttribute('title') !== doc.textContent?.replace(/^new/, '')) cut++;
        const span = row.querySelector('td.left > span')!;
        const text = span.firstChild;
        if (!text || !text.textContent) continue;
        withLeft++;
        // The last character of the left context sits on the hit's line, just left of the hit.
        const range = document.createRange();
        range.setStart(text, text.textContent.length - 1);
        range.setEnd(text, text.textContent.length);
        const end = range.getBoundingClientRect();
        if (end.right <= button.left && button.left - end.right < 16 && end.bottom > button.top && end.top < button.bottom) touching++;
      }
      return { hitColumns: hitLefts.size, touching, withLeft, cut };
    });
    expect(layout.hitColumns).toBe(1);
    expect(layout.withLeft).toBeGreaterThan(0);
    expect(layout.touching).toBe(layout.withLeft);
    expect(layout.cut).toBe(0);
    await page.locator('#kwic-h').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'kwic-context-120.png') });
    await context.fill('60');
    await page.getByRole('checkbox', { name: 'Whole context over lines' }).uncheck();
  });
});
