/**
 * The supervisor, in real Chromium with three browser profiles. Two students code the same
 * document in their own browsers and save their project files; the supervisor adds both to a
 * third browser (one document, every fragment with its coder), compares the coders in the
 * reader, reviews (accept, reject with a comment, ask a question) and saves the review file;
 * the student, who went on coding after handing in, adds it and sees every comment at its
 * fragment, answers and resolves, and has lost nothing. Also: adding a file twice changes
 * nothing, and restoring a project of someone with your name offers "this is me".
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { openSession, removeProfile, screenshotDir, startServer, type Session } from './harness.ts';

let server: PreviewServer;
let url: string;
const files = mkdtempSync(join(tmpdir(), 'wm-supervisor-files-'));
const profiles: string[] = [];
const open: Session[] = [];

beforeAll(async () => {
  ({ url, server } = await startServer());
});
afterAll(async () => {
  for (const s of open) await s.close().catch(() => undefined);
  for (const p of profiles) removeProfile(p);
  rmSync(files, { recursive: true, force: true });
  await server?.close();
});

/** A browser session on a profile (a new one unless given), closed at the end. */
async function browser(profile?: string): Promise<Session> {
  const s = await openSession(profile);
  open.push(s);
  if (!profiles.includes(s.profile)) profiles.push(s.profile);
  return s;
}

async function close(s: Session): Promise<void> {
  await s.close();
  open.splice(open.indexOf(s), 1);
}

/** Answers "Who is coding?" on the screen at hand. */
async function nameCoder(page: Page, name: string): Promise<void> {
  const form = page.locator('form.coder-prompt').first();
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByRole('button', { name: 'Save coder' }).click();
  await form.waitFor({ state: 'detached' });
}

/** The "N of M hits decided" count. */
async function decided(page: Page): Promise<number> {
  const text = await page.getByText(/^\d+ of \d+ hits decided$/).textContent();
  return Number(text!.match(/^(\d+)/)![1]);
}

/** Codes the first open hit of the worklist with a regime key. */
async function codeNextOpenHit(page: Page, key: string): Promise<void> {
  const before = await decided(page);
  await page.locator('tr.state-open').first().getByRole('button', { name: /^Open "/ }).focus();
  await page.keyboard.press(key);
  // One fragment (the sentence around the hit) can decide more than one hit.
  await expect.poll(() => decided(page)).toBeGreaterThan(before);
}

/** Saves the project file from the library; returns its path. */
async function saveProject(page: Page, name: string): Promise<string> {
  await page.getByRole('link', { name: 'Library', exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save project as file' }).click()]);
  const path = join(files, name);
  writeFileSync(path, readFileSync((await download.path())!));
  return path;
}

/** Adds a file with one of the merge buttons, checks the preview's lines and confirms. */
async function addFile(page: Page, button: string, path: string, expectLines: string[]): Promise<void> {
  await page.getByLabel(button, { exact: true }).first().setInputFiles(path);
  const name = path.replace(/^.*\//, '');
  const preview = page.locator('.merge-preview');
  await preview.getByRole('heading', { name: `What "${name}" adds` }).waitFor();
  const lines = await preview.locator('li').allTextContents();
  for (const line of expectLines) expect(lines).toContain(line);
  await page.screenshot({ path: join(tmpdir(), `wm-merge-preview-${name}.png`) });
  await preview.getByRole('button', { name: 'Add to this project' }).click();
  await page.getByText(`"${name}" was added to this project.`).waitFor();
}

const coderFiles: Record<string, string> = {};
const quotes: Record<string, string[]> = {};
let annaProfile = '';
let supervisorProfile = '';
let reviewFile = '';

describe('the supervisor', () => {
  it('two students code the same document in their own browsers and save their project files', async () => {
    for (const [name, keys] of [
      ['Anna de Vries', ['4', '5', '7']],
      ['Bob Peeters', ['5', '3']],
    ] as const) {
      const s = await browser();
      await s.page.goto(`${url}#/search`);
      await s.page.getByRole('heading', { name: /Hits in context \(\d+\)/ }).waitFor();
      // "Who is coding?" is asked in the worklist before the first coding.
      await nameCoder(s.page, name);
      await expect.poll(() => decided(s.page)).toBeGreaterThan(0); // the sample's examples decide some hits
      for (const key of keys) await codeNextOpenHit(s.page, key);
      const path = await saveProject(s.page, `${name.split(' ')[0]!.toLowerCase()}.worthmark.json`);
      const project = JSON.parse(readFileSync(path, 'utf8'));
      const me = project.coders.find((c: { name: string }) => c.name === name);
      quotes[name] = project.fragments.filter((f: { coderId: string }) => f.coderId === me.id).map((f: { anchor: { exact: string } }) => f.anchor.exact);
      expect(quotes[name]).toHaveLength(keys.length);
      coderFiles[name] = path;
      if (name === 'Anna de Vries') annaProfile = s.profile;
      await close(s);
    }
    // Both coded in their own copy of the sample document: the same text under different ids.
    const [a, b] = ['Anna de Vries', 'Bob Peeters'].map((n) => JSON.parse(readFileSync(coderFiles[n]!, 'utf8')));
    expect(a.documents[0].id).not.toBe(b.documents[0].id);
    expect(a.texts[0].text).toBe(b.texts[0].text);
  });

  it('merges both files in a third browser: no document twice, every fragment with its coder; a file added again changes nothing', async () => {
    const s = await browser();
    const page = s.page;
    await page.goto(`${url}#/review`);
    await nameCoder(page, 'Prof. Jansen');
    await page.getByRole('link', { name: 'Library', exact: true }).click();
    await page.getByRole('heading', { name: 'Documents (1)' }).waitFor();
    await addFile(page, "Add another coder's project file", coderFiles['Anna de Vries']!, [
      'Documents already here (same text): 1',
      'New fragments: 3',
      'New coders: Anna de Vries',
      'Fragments that are the same: 4',
    ]);
    // Bob's file chosen to restore: the restore preview offers to add it instead of replacing.
    await page.getByLabel('Restore project from file').setInputFiles(coderFiles['Bob Peeters']!);
    await page.getByRole('region', { name: 'What restoring does' }).getByRole('button', { name: 'Add to this project instead (merge)' }).click();
    await page.getByText('"bob.worthmark.json" was added to this project.').waitFor();
    await page.getByRole('heading', { name: 'Documents (1)' }).waitFor();
    // Adding Anna's file once more: nothing new.
    await page.getByLabel("Add another coder's project file", { exact: true }).first().setInputFiles(coderFiles['Anna de Vries']!);
    await page.getByText('Nothing new: this file was added before.').waitFor();

    await page.getByRole('link', { name: 'Review', exact: true }).click();
    await page.getByText('0 of 9 fragments reviewed').waitFor();
    const byCoder = page.getByRole('combobox', { name: 'Fragments of', exact: true });
    expect(await byCoder.locator('option').allTextContents()).toEqual(['all coders', 'Anna de Vries', 'Bob Peeters', 'Worthmark (voorbeeld / sample)']);
    for (const [name, list] of Object.entries(quotes)) {
      await byCoder.selectOption({ label: name });
      await page.getByRole('heading', { name: `${list.length} of ${list.length} fragments shown.` }).waitFor();
      expect((await page.locator('.review-item blockquote').allTextContents()).sort()).toEqual([...list].sort());
    }

    // The reader: initials on every highlight, and two coders side by side.
    await page.getByRole('link', { name: 'Read and code' }).click();
    await page.getByRole('heading', { name: 'Fragments in this document (9)' }).waitFor();
    const marks = () => page.locator('.fragment-item .coder-mark').allTextContents();
    // Initials as "Who is coding?" makes them from the name: Anna de Vries → ADV.
    await expect.poll(async () => (await marks()).map((m) => m.split(' ')[0]).sort()).toEqual(['ADV', 'ADV', 'ADV', 'BP', 'BP', 'WM', 'WM', 'WM', 'WM']);
    await expect.poll(() => page.locator('.ProseMirror .wm-key').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^ADV \d/), expect.stringMatching(/^BP \d/)]));
    const view = page.getByRole('combobox', { name: 'Coders', exact: true });
    await view.selectOption({ label: 'Anna de Vries (ADV)' });
    await page.getByRole('heading', { name: 'Fragments in this document (3)' }).waitFor();
    await view.selectOption({ label: 'two side by side' });
    await page.getByRole('combobox', { name: 'Left', exact: true }).selectOption({ label: 'Anna de Vries (ADV)' });
    await page.getByRole('combobox', { name: 'Right', exact: true }).selectOption({ label: 'Bob Peeters (BP)' });
    const right = page.getByRole('textbox', { name: /^Fragments of Bob Peeters in / });
    await right.waitFor();
    await expect.poll(() => right.locator('.wm-fragment[data-fragment-id]').evaluateAll((els) => new Set(els.map((e) => e.getAttribute('data-fragment-id'))).size)).toBe(2);
    await page.getByText('Bob Peeters · 2 fragments').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'reader-coders.png') });
    supervisorProfile = s.profile;
    await close(s);
  });

  it('reviews: accepts one, rejects one with a comment, asks a question, and saves the review file', async () => {
    const s = await browser(supervisorProfile);
    const page = s.page;
    await page.goto(`${url}#/review`);
    await page.getByRole('combobox', { name: 'Fragments of', exact: true }).selectOption({ label: 'Anna de Vries' });
    await page.getByRole('heading', { name: '3 of 3 fragments shown.' }).waitFor();
    const item = (i: number) => page.locator('li.review-item').filter({ has: page.locator('blockquote', { hasText: quotes['Anna de Vries']![i]! }) });
    await item(0).getByRole('button', { name: 'Accept' }).click();
    await item(1).getByRole('button', { name: 'Reject' }).click();
    await item(1).getByRole('button', { name: 'Comment or question…' }).click();
    await item(1).getByLabel('Comment or question', { exact: true }).fill('Dit is eerder markt dan civiel.');
    await item(1).getByRole('button', { name: 'Post' }).click();
    await item(2).getByRole('button', { name: 'Comment or question…' }).click();
    await item(2).getByLabel('Comment or question', { exact: true }).fill('Waarom projectstad? Licht dit toe in een memo.');
    await item(2).getByRole('button', { name: 'Post' }).click();
    // Its author can change a comment and delete one; the student will see both.
    await item(1).getByRole('button', { name: 'Edit: Dit is eerder markt dan civiel.' }).click();
    await item(1).getByLabel('Edit your comment').fill('Dit is eerder markt dan civiel. Zie de zin over nieuwe markten.');
    await item(1).getByRole('button', { name: 'Save', exact: true }).click();
    await item(1).getByText('Dit is eerder markt dan civiel. Zie de zin over nieuwe markten.').waitFor();
    await item(1).getByText(/\(edited /).waitFor();
    await item(2).getByRole('button', { name: 'Comment or question…' }).click();
    await item(2).getByLabel('Comment or question', { exact: true }).fill('Vergeet deze opmerking.');
    await item(2).getByRole('button', { name: 'Post' }).click();
    await item(2).getByText('Vergeet deze opmerking.').waitFor();
    page.once('dialog', (d) => void d.accept());
    await item(2).getByRole('button', { name: 'Delete: Vergeet deze opmerking.' }).click();
    await item(2).getByText(/^Comment deleted by Prof\. Jansen/).waitFor();
    expect(await item(2).getByText('Vergeet deze opmerking.').count()).toBe(0);
    await page.getByText('2 of 3 fragments reviewed').waitFor();
    await page.getByText('accepted 1 · needs a change 0 · rejected 1 · open questions 2').waitFor();
    await expect.poll(() => item(1).getByRole('button', { name: 'Reject' }).getAttribute('aria-pressed')).toBe('true');
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: join(screenshotDir, 'review.png'), fullPage: true });

    await page.getByRole('combobox', { name: 'Reviews of the fragments of', exact: true }).selectOption({ label: 'Anna de Vries' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save review file' }).click()]);
    reviewFile = join(files, 'review-anna.json');
    writeFileSync(reviewFile, readFileSync((await download.path())!));
    await page.getByText(/^3 reviews saved in /).waitFor();
    const sent = JSON.parse(readFileSync(reviewFile, 'utf8'));
    expect(sent).toMatchObject({ format: 'worthmark-review', version: 1 });
    expect(Object.keys(sent).sort()).toEqual(['coders', 'exportedAt', 'format', 'reviews', 'version']);
    expect(sent.reviews).toHaveLength(3);
    expect(readFileSync(reviewFile).length).toBeLessThan(8000);
    await close(s);
  });

  it('the student adds the review file after working on: every comment at its fragment, nothing lost', async () => {
    const s = await browser(annaProfile);
    const page = s.page;
    // After handing in, Anna goes on: one more fragment.
    await page.goto(`${url}#/search`);
    await page.getByRole('heading', { name: /Hits in context \(\d+\)/ }).waitFor();
    await expect.poll(() => decided(page)).toBeGreaterThan(3);
    await codeNextOpenHit(page, '6');
    await page.getByRole('link', { name: 'Review', exact: true }).click();
    await page.getByText('0 of 8 fragments reviewed').waitFor();
    await page.getByRole('combobox', { name: 'Fragments of', exact: true }).selectOption({ label: 'Anna de Vries' });
    await page.getByRole('heading', { name: '4 of 4 fragments shown.' }).waitFor();
    const mine = (await page.locator('.review-item blockquote').allTextContents()).sort();

    await addFile(page, 'Add a review file', reviewFile, ['Reviews: 3 new, 0 updated', 'New coders: Prof. Jansen']);
    // Still showing Anna's fragments: two of her four now have a verdict, all four are there.
    await page.getByText('2 of 4 fragments reviewed').waitFor();
    await page.getByRole('heading', { name: '4 of 4 fragments shown.' }).waitFor();
    expect((await page.locator('.review-item blockquote').allTextContents()).sort()).toEqual(mine);

    const show = page.getByRole('combobox', { name: 'Show', exact: true });
    await show.selectOption({ label: 'rejected' });
    await page.getByRole('heading', { name: '1 of 4 fragments shown.' }).waitFor();
    const rejected = page.locator('li.review-item');
    await expect.poll(() => rejected.locator('blockquote').textContent()).toBe(quotes['Anna de Vries']![1]);
    await rejected.getByText('Dit is eerder markt dan civiel. Zie de zin over nieuwe markten.').waitFor();
    await rejected.getByText(/\(edited /).waitFor();
    await rejected.getByRole('heading', { name: 'Review by Prof. Jansen: rejected' }).waitFor();

    await show.selectOption({ label: 'open questions' });
    const question = page.locator('li.review-item').filter({ hasText: 'Waarom projectstad?' });
    // The deleted comment is gone, and the student is told it was there.
    await question.getByText(/^Comment deleted by Prof\. Jansen/).waitFor();
    expect(await question.getByText('Vergeet deze opmerking.').count()).toBe(0);
    await question.getByLabel('Answer to Prof. Jansen').fill('Het gaat om netwerken tussen festivals.');
    await question.getByRole('button', { name: 'Post' }).click();
    await question.getByText('Het gaat om netwerken tussen festivals.').waitFor();
    await question.getByRole('button', { name: 'Resolve' }).click();
    // Resolved, it leaves the open questions; among all fragments it says who resolved it.
    await question.waitFor({ state: 'detached' });
    await show.selectOption({ label: 'all fragments' });
    await question.getByText(/^Resolved by Anna de Vries/).waitFor();

    // In the reader the comment stands at the fragment too.
    await show.selectOption({ label: 'rejected' });
    await page.locator('li.review-item').getByRole('link', { name: 'Open in the reader' }).click();
    const panel = page.locator('.coding-panel');
    await panel.getByRole('heading', { name: 'Review by Prof. Jansen: rejected' }).waitFor();
    await panel.getByText('Dit is eerder markt dan civiel.').waitFor();
    await panel.getByRole('heading', { name: 'Review by Prof. Jansen: rejected' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'reader-review.png') });
    await close(s);
  });

  it('restoring a project of someone with my name asks "is that you?" and keeps one coder', async () => {
    const s = await browser();
    const page = s.page;
    await page.goto(`${url}#/review`);
    await nameCoder(page, 'Anna de Vries');
    await page.getByRole('link', { name: 'Library', exact: true }).click();
    await page.getByLabel('Restore project from file').setInputFiles(coderFiles['Anna de Vries']!);
    const isMe = page.getByRole('checkbox', { name: /^"Anna de Vries" in this file is me/ });
    await isMe.waitFor();
    expect(await isMe.isChecked()).toBe(true);
    await page.getByRole('region', { name: 'What restoring does' }).getByRole('button', { name: 'Replace this project' }).click();
    await page.getByText(/^"anna\.worthmark\.json" restored: /).waitFor();
    await page.getByRole('link', { name: 'Tally' }).click();
    const coderFilter = page.getByRole('combobox', { name: 'Coder', exact: true });
    await coderFilter.waitFor();
    expect((await coderFilter.locator('option').allTextContents()).filter((o) => o === 'Anna de Vries')).toHaveLength(1);
    await close(s);
  });
});
