/**
 * Coding in real Chromium: the coder is asked who they are; a fragment is coded with the
 * keyboard only (grow to the sentence, two regimes, a value, the flag, a memo); an
 * overlapping fragment; delete and undo; boundary move, split and merge by keys; a code
 * renamed in the codebook editor shows on old fragments; after a reload everything is there.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { openSession, removeProfile, screenshotDir, startServer, type Session } from './harness.ts';

const TEXT = [
  'Internationale samenwerking',
  'De regio werkt over de grenzen heen met partners in Duitsland en België. Cultuur moet voor iedereen toegankelijk zijn, ook voor nieuwkomers.',
  'De markt voor creatieve bedrijven groeit snel. Het festival trekt jaarlijks veel bezoekers uit het buitenland.',
].join('\n\n');
const FIRST = 'De regio werkt over de grenzen heen met partners in Duitsland en België.';
const shots = process.env.WM_SHOTS ?? tmpdir();

let server: PreviewServer;
let url: string;
let session: Session;
let page: Page;
let readerUrl = '';
const title = 'coding-e2e';

beforeAll(async () => {
  ({ url, server } = await startServer());
  session = await openSession();
  page = session.page;
});
afterAll(async () => {
  await session?.close();
  if (session) removeProfile(session.profile);
  await server?.close();
});

const items = () => page.locator('.fragment-item');
const fragmentsHeading = (n: number) => page.getByRole('heading', { name: `Fragments in this document (${n})` });
const text = () => page.getByRole('textbox', { name: `Text of ${title}` });
const panel = () => page.locator('.coding-panel');

/** Puts the caret just after the first occurrence of `word` in the reader, with keys only. */
async function caretAfter(word: string): Promise<void> {
  await text().focus();
  await page.keyboard.press('Control+Home');
  const target = TEXT.indexOf(word) + word.length;
  // Word by word to the target, counted from the text: the reader's own caret movement.
  for (let guard = 0; guard < 80; guard++) {
    const at = await page.evaluate(() => {
      const sel = getSelection();
      if (!sel || !sel.focusNode) return -1;
      let block = sel.focusNode.nodeType === 1 ? (sel.focusNode as Element) : sel.focusNode.parentElement!;
      // The caret can sit on the editor element itself (e.g. right after Ctrl+Home): no block yet.
      if (block.classList.contains('ProseMirror') || !block.closest('.ProseMirror')) return null;
      while (block.parentElement && !block.parentElement.classList.contains('ProseMirror')) block = block.parentElement;
      // Text only: leave out the key badges and page marks the reader draws between the words.
      const textOf = (node: Node) => {
        const box = document.createElement('div');
        box.append(node);
        box.querySelectorAll('.wm-key, .wm-page-break').forEach((el) => el.remove());
        return box.textContent ?? '';
      };
      const range = document.createRange();
      range.setStart(block, 0);
      range.setEnd(sel.focusNode, sel.focusOffset);
      return { before: textOf(range.cloneContents()), block: textOf(block.cloneNode(true)) };
    });
    if (at === -1) throw new Error('no selection');
    if (at === null || TEXT.indexOf(at.block) < 0) {
      // Not inside a text block yet: step into the text, then measure again.
      await page.keyboard.press('ArrowRight');
      continue;
    }
    const blockStart = TEXT.indexOf(at.block);
    const offset = blockStart + at.before.length;
    if (offset >= target) return;
    await page.keyboard.press('Control+ArrowRight');
  }
  throw new Error(`could not reach "${word}"`);
}

describe('coding a document', () => {
  it('asks who is coding the first time, in the reader', async () => {
    const file = join(tmpdir(), `${title}.txt`);
    writeFileSync(file, TEXT);
    await page.goto(url);
    await page.getByRole('heading', { name: /Documents \(1\)/ }).waitFor();
    await page.getByLabel('Choose files').setInputFiles(file);
    await page.getByText(`imported as "${title}"`).waitFor();
    await page.getByRole('link', { name: title, exact: true }).click();
    await fragmentsHeading(0).waitFor();
    readerUrl = page.url();
    await page.getByRole('heading', { name: 'Who is coding?' }).waitFor();
    const prompt = page.locator('.coder-prompt');
    await prompt.getByLabel('Name').fill('Anna de Vries');
    await prompt.getByRole('button', { name: 'Save coder' }).click();
    await prompt.waitFor({ state: 'detached' });
  });

  it('codes a sentence with two regimes, a value, the flag and a memo, keyboard only', async () => {
    await caretAfter('regio');
    await page.keyboard.press('s');
    await page.keyboard.press('4');
    await fragmentsHeading(1).waitFor();
    await page.keyboard.press('5');
    await panel().getByRole('button', { name: /Market/, pressed: true }).waitFor();
    await panel().getByRole('button', { name: /Civic/, pressed: true }).waitFor();
    // The values of the fragment's regimes, from the palette.
    await page.keyboard.press('v');
    const palette = page.getByRole('toolbar', { name: 'Coding palette' });
    const firstValue = palette.getByRole('group', { name: /Values within the regimes/ }).getByRole('button').first();
    await expect.poll(() => firstValue.evaluate((el) => el === document.activeElement)).toBe(true);
    const valueName = (await firstValue.textContent())!;
    await page.keyboard.press('Enter');
    await palette.getByRole('button', { name: valueName, pressed: true }).waitFor();
    // A new value on the fly lands in the codebook.
    await palette.getByLabel('New value for Market').focus();
    await page.keyboard.type('grensoverschrijdende handel');
    await page.keyboard.press('Enter');
    await palette.getByRole('button', { name: 'grensoverschrijdende handel', pressed: true }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => text().evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('g');
    await panel().getByRole('checkbox', { name: /Glocali[sz]ation/, checked: true }).waitFor();
    await page.keyboard.press('m');
    await expect.poll(() => panel().getByLabel('Memo').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Over de grens, en markt.');
    await page.keyboard.press('Escape');
    await expect.poll(() => text().evaluate((el) => el === document.activeElement)).toBe(true);

    const item = items().first();
    await expect.poll(() => item.textContent()).toContain(FIRST);
    await expect.poll(() => item.textContent()).toMatch(/Civic.*Market/);
    await expect.poll(() => item.textContent()).toContain(valueName);
    await expect.poll(() => item.textContent()).toContain('grensoverschrijdende handel');
    await expect.poll(() => page.locator('.wm-reader .wm-key').first().textContent()).toBe('4·5');
    await expect.poll(() => page.locator('.wm-fragment-multi').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(shots, 'coding-palette.png') });
    await page.screenshot({ path: join(screenshotDir, 'palette.png') }); // for the README
  });

  it('codes an overlapping fragment that stays distinguishable', async () => {
    // From outside the first fragment back into it: "België. Cultuur moet".
    await caretAfter('Cultuur moet');
    const span = 'België. Cultuur moet';
    for (let i = 0; i < span.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('6');
    await fragmentsHeading(2).waitFor();
    await page.screenshot({ path: join(shots, 'coding-overlap.png') });
    await expect.poll(() => page.locator('.wm-fragment-overlap').count()).toBeGreaterThan(0);
    const keys = await page.locator('.wm-reader .wm-key').allTextContents();
    expect(keys.sort()).toEqual(['4·5', '6']);
    await page.screenshot({ path: join(shots, 'coding-overlap.png') });
  });

  it('deletes a fragment and brings it back with Ctrl+Z', async () => {
    // The overlapping fragment is still active: Delete removes it.
    await expect.poll(() => panel().getByRole('button', { name: /Industrial/, pressed: true }).count()).toBe(1);
    await page.keyboard.press('Delete');
    await fragmentsHeading(1).waitFor();
    await page.getByRole('button', { name: 'Undo: delete fragment' }).waitFor();
    await page.keyboard.press('Control+z');
    await fragmentsHeading(2).waitFor();
    await expect.poll(() => items().nth(1).textContent()).toMatch(/Industrial/);
    await page.getByRole('button', { name: 'Redo' }).waitFor();
  });

  it('moves a boundary, splits and merges with keys, and undoes each', async () => {
    await caretAfter('partners');
    await panel().getByRole('button', { name: /Civic/, pressed: true }).waitFor();
    await page.keyboard.press('/');
    await fragmentsHeading(3).waitFor();
    await expect
      .poll(async () => (await items().allTextContents()).some((t) => t.includes('De regio werkt over de grenzen heen met partners') && !t.includes('Duitsland')))
      .toBe(true);
    await page.keyboard.press('+');
    await fragmentsHeading(2).waitFor();
    await page.keyboard.press(']');
    await expect.poll(() => items().first().textContent()).toContain('België. Cultuur');
    await page.keyboard.press('Control+z'); // the boundary
    await expect.poll(() => items().first().textContent()).not.toContain('Cultuur');
    await page.keyboard.press('Control+z'); // the merge
    await fragmentsHeading(3).waitFor();
    await page.keyboard.press('Control+z'); // the split
    await fragmentsHeading(2).waitFor();
    await expect.poll(() => items().first().textContent()).toContain(FIRST);
  });

  it('renames a code in the codebook editor and old fragments carry the new name', async () => {
    await page.getByRole('link', { name: 'Codebook' }).click();
    const civic = page.getByRole('region', { name: /^Civic / });
    await civic.getByLabel('Name (English)', { exact: true }).fill('Civil society');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: /^Civil society / }).waitFor();
    await page.getByRole('row').filter({ hasText: 'code renamed' }).filter({ hasText: 'Civil society' }).waitFor();
    const marketInputs = page.getByRole('region', { name: /^Market / }).locator('input');
    await expect.poll(() => marketInputs.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toContain('grensoverschrijdende handel');
    await page.screenshot({ path: join(shots, 'coding-codebook.png'), fullPage: false });
    await page.goto(readerUrl);
    await fragmentsHeading(2).waitFor();
    await expect.poll(() => items().first().textContent()).toMatch(/Civil society.*Market/);
    await expect.poll(() => page.locator('.wm-reader .wm-key').first().getAttribute('title')).toMatch(/Civil society/);
  });

  it('shows everything again after a reload', async () => {
    await page.reload();
    await fragmentsHeading(2).waitFor();
    const first = (await items().first().textContent())!;
    expect(first).toContain(FIRST);
    expect(first).toMatch(/Civil society.*Market/);
    expect(first).toContain('grensoverschrijdende handel');
    expect(first).toContain('memo');
    await items().first().click();
    await expect.poll(() => panel().getByLabel('Memo').inputValue()).toBe('Over de grens, en markt.');
    await panel().getByRole('checkbox', { name: /Glocali[sz]ation/, checked: true }).waitFor();
    await expect.poll(() => panel().textContent()).toMatch(/Coded by Anna de Vries/);
    await expect.poll(() => items().nth(1).textContent()).toMatch(/Industrial/);
    // Hovering a highlight shows its regimes, values and memo.
    await page.locator('.wm-fragment').first().hover();
    const card = page.getByRole('tooltip');
    await expect.poll(() => card.textContent()).toMatch(/Civil society.*Over de grens, en markt\./s);
    await page.screenshot({ path: join(shots, 'coding-hover.png') });
  });

  it('extends a keyboard selection from a caret inside a fragment, not from the fragment start', async () => {
    await caretAfter('over');
    // The caret is inside the first fragment, which becomes the active one.
    await panel().getByRole('button', { name: /Civil society/, pressed: true }).waitFor();
    for (let i = 0; i < ' de grenzen'.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('7');
    await fragmentsHeading(3).waitFor();
    const texts = await items().allTextContents();
    const made = texts.filter((t) => /Project/.test(t));
    expect(made).toHaveLength(1);
    expect(made[0]).toContain('de grenzen');
    expect(made[0]).not.toContain('werkt over');
  });

  it('switches the reader to the document where an undo acts, and back for the redo', async () => {
    // Another document is open; the newest step (the Project fragment) belongs to coding-e2e.
    await page.getByRole('link', { name: 'Library', exact: true }).click();
    await page.getByRole('link', { name: /Rivierenland/ }).first().click();
    await expect.poll(() => page.url()).not.toBe(readerUrl);
    await page.getByRole('heading', { name: /Fragments in this document/ }).waitFor();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.url()).toBe(readerUrl);
    await fragmentsHeading(2).waitFor();
    await expect.poll(() => page.locator('.reader-side [role="status"]').textContent()).toMatch(/Undone in another document, "coding-e2e", now open: .*create/i);
    await page.keyboard.press('Control+Shift+z');
    await fragmentsHeading(3).waitFor();
    expect(page.url()).toBe(readerUrl);
  });

  it('keeps a fragment brought back by redo active, so the next key codes it instead of making a copy', async () => {
    await caretAfter('creatieve');
    for (let i = 0; i < 'creatieve'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('5');
    await fragmentsHeading(4).waitFor();
    await page.keyboard.press('s'); // grow the new fragment to its sentence
    await expect.poll(() => items().allTextContents()).toContainEqual(expect.stringContaining('De markt voor creatieve bedrijven groeit snel'));
    await page.keyboard.press('Control+z'); // the growth
    await page.keyboard.press('Control+z'); // the fragment
    await fragmentsHeading(3).waitFor();
    await page.keyboard.press('Control+Shift+z');
    await fragmentsHeading(4).waitFor();
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => items().allTextContents()).toContainEqual(expect.stringContaining('De markt voor creatieve bedrijven groeit snel'));
    await panel().getByRole('button', { name: /Market/, pressed: true }).waitFor();
    await page.keyboard.press('4');
    await panel().getByRole('button', { name: /Civil society/, pressed: true }).waitFor();
    await fragmentsHeading(4).waitFor();
    const sentence = (await items().allTextContents()).filter((t) => t.includes('creatieve'));
    expect(sentence).toHaveLength(1);
    expect(sentence[0]).toContain('Civil society');
    expect(sentence[0]).toContain('Market');
  });

  it('keeps the coding palette inside the text column, clear of the sidebar, for a selection at the right edge', async () => {
    await caretAfter('festival');
    await page.keyboard.press('End'); // the end of the visual line: the right edge of the text
    for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowLeft');
    const palette = page.getByRole('toolbar', { name: 'Coding palette' });
    await expect.poll(() => palette.evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
    const boxes = await page.evaluate(() => {
      const box = (r: DOMRect) => ({ left: r.left, right: r.right, width: r.width });
      return {
        palette: box(document.querySelector('.coding-palette')!.getBoundingClientRect()),
        text: box(document.querySelector('.reader-place')!.getBoundingClientRect()),
        side: box(document.querySelector('.reader-side')!.getBoundingClientRect()),
        selection: box(getSelection()!.getRangeAt(0).getBoundingClientRect()),
      };
    });
    // Placed at the selection's left edge, the palette would reach past the text column.
    expect(boxes.selection.left + boxes.palette.width).toBeGreaterThan(boxes.text.right);
    expect(boxes.palette.left).toBeGreaterThanOrEqual(boxes.text.left - 0.5);
    expect(boxes.palette.right).toBeLessThanOrEqual(boxes.text.right + 0.5);
    expect(boxes.palette.right).toBeLessThan(boxes.side.left);
    await page.screenshot({ path: join(shots, 'coding-palette-right.png') });
    await page.keyboard.press('Escape');
  });

  it('shows the original PDF page beside the text, leaves its toggle and the sidebar free, and closes with Escape', async () => {
    await page.getByRole('link', { name: 'Library', exact: true }).click();
    await page.getByRole('link', { name: /Rivierenland/ }).first().click();
    await page.getByRole('heading', { name: /Fragments in this document/ }).waitFor();
    await page.getByRole('button', { name: 'Show original page' }).click();
    const original = page.getByRole('region', { name: /^Original, p\. / });
    await original.locator('canvas[data-rendered]').waitFor();
    const toggle = page.getByRole('button', { name: 'Hide original page' });
    // The toggle is the topmost element at its own centre: nothing covers it.
    const onTop = await toggle.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return !!top && el.contains(top);
    });
    expect(onTop).toBe(true);
    // Beside the text, not over it, and the coding sidebar stays free.
    const overlap = await page.evaluate(() => {
      const box = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
      const o = box('.original-page');
      const meets = (r: DOMRect) => o.left < r.right && r.left < o.right && o.top < r.bottom && r.top < o.bottom;
      return { text: meets(box('.reader-place')), side: meets(box('.reader-side')) };
    });
    expect(overlap).toEqual({ text: false, side: false });
    await page.screenshot({ path: join(shots, 'coding-original-page.png') });
    // Escape inside the page closes it and gives the focus back to the toggle.
    await original.getByRole('button', { name: 'Next page' }).focus();
    await page.keyboard.press('Escape');
    await original.waitFor({ state: 'detached' });
    const back = page.getByRole('button', { name: 'Show original page' });
    await expect.poll(() => back.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await back.getAttribute('aria-expanded')).toBe('false');
  });
});
