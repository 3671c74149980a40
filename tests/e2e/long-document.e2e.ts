/**
 * A long document in real Chromium: the reader draws the highlights of the text in view and a
 * margin around it (editor/codings.ts, viewport option), and draws the rest as the view moves
 * there — by scrolling, or by going to a fragment from the list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { openSession, removeProfile, startServer, type Session } from './harness.ts';
import { readerProject, restoreProject } from '../bench/bench-projects.ts';

let server: PreviewServer;
let url: string;
let session: Session;
let page: Page;
// 800 paragraphs (~150,000 characters) over 40 pages, 1,200 fragments spread over them.
const FRAGMENTS = 1200;
const project = readerProject(FRAGMENTS, 800, 40);

beforeAll(async () => {
  ({ url, server } = await startServer());
  session = await openSession();
  page = session.page;
  await restoreProject(page, url, project.json, 2, FRAGMENTS);
}, 120_000);
afterAll(async () => {
  await session?.close();
  if (session) removeProfile(session.profile);
  await server?.close();
});

const drawn = (id: string) => page.locator(`.wm-reader .wm-fragment[data-fragment-id="${id}"]`);

describe('a long document in the reader', () => {
  it('draws the highlights near the view, and those further on once scrolled to', async () => {
    await page.goto(`${url}#/reader/${project.full}`);
    await page.waitForFunction(() => performance.getEntriesByName('wm-reader-ready').length > 0);
    await expect.poll(() => drawn('f-0').count()).toBeGreaterThan(0);
    // The last fragment, at the end of the text, is not drawn while the view is at the start.
    const last = `f-${FRAGMENTS - 1}`;
    expect(await drawn(last).count()).toBe(0);
    const total = await page.locator('.wm-reader .wm-fragment[data-fragment-id]').evaluateAll((els) => new Set(els.map((e) => e.getAttribute('data-fragment-id'))).size);
    expect(total).toBeLessThan(FRAGMENTS / 2);
    await page.evaluate(() => {
      const blocks = document.querySelectorAll('.ProseMirror .wm-paragraph');
      blocks[blocks.length - 1]!.scrollIntoView({ block: 'center' });
    });
    await expect.poll(() => drawn(last).count()).toBeGreaterThan(0);
    // Its key badge comes with it, and the tint from its look class.
    await expect.poll(() => page.locator(`.wm-reader .wm-key[data-fragment-id="${last}"]`).count()).toBe(1);
    const background = await drawn(last).first().evaluate((el) => getComputedStyle(el).backgroundImage);
    expect(background).toContain('linear-gradient');
  });

  it('draws the fragments far from the view when one is chosen in the fragment list, and lets go of those left behind', async () => {
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('wm-reader-ready').length > 0);
    await expect.poll(() => drawn('f-0').count()).toBeGreaterThan(0);
    // The list shows the first 150 fragments; "show more" brings 600 more.
    await page.getByRole('button', { name: /^Show \d+ more$/ }).click();
    // The list is in reading order and the bench project's ids follow the text: the 701st item is about f-700.
    expect(await drawn('f-700').count()).toBe(0);
    await page.locator('.fragment-item').nth(700).click();
    await expect.poll(() => drawn('f-700').count()).toBeGreaterThan(0);
    expect(await drawn('f-0').count()).toBe(0);
  });

  it('keeps a selection made right after a jump, when the highlights there are drawn after it', async () => {
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('wm-reader-ready').length > 0);
    // Jump far and select at once, in one task: the window moves in the next frame, redrawing that block.
    const selected = await page.evaluate(() => {
      const blocks = document.querySelectorAll('.ProseMirror .wm-paragraph');
      const block = blocks[600]!;
      block.scrollIntoView({ block: 'center' });
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      let node = walker.nextNode();
      while (node && node.textContent!.length < 30) node = walker.nextNode();
      getSelection()!.setBaseAndExtent(node!, 3, node!, 25);
      return getSelection()!.toString();
    });
    expect(selected).toHaveLength(22);
    await expect.poll(() => page.locator('.wm-reader .wm-fragment').evaluateAll((els) => els.some((e) => e.closest('.wm-paragraph') === document.querySelectorAll('.ProseMirror .wm-paragraph')[600]))).toBe(true);
    expect(await page.evaluate(() => getSelection()!.toString())).toBe(selected);
    await page.waitForFunction(() => document.querySelector('.coding-panel h2')?.textContent === 'Selection');
  });
});
