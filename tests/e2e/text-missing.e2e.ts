/**
 * A REFI-QDA project whose texts are missing, in real Chromium: ATLAS.ti's TestProject.qdpx
 * (REFI-QDA 1.5 Annex A.2; its Sources/ folder is empty) restored into a fresh profile. Its text
 * sources are documents marked "text missing" whose coded passages count in the tally; one text
 * is then attached in the reader, and the passage whose quote does not match it is listed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewServer } from 'vite';
import { openSession, removeProfile, screenshotDir, shared, startServer, type Session } from './harness.ts';
import { readQdpx } from '../../src/exchange/qdpx-read.ts';
import { hasKnownText, MISSING_CHAR } from '../../src/text/missing-text.ts';
import { toProjectFile } from '../../src/exchange/project-file.ts';
import { code, coder, project } from '../unit/exchange/merge-fixture.ts';

const atlas = join(shared, 'refi-qda/samples/refi-spec-annex-a2-atlasti/TestProject.qdpx');
const there = existsSync(atlas);
if (!there) console.log(`Skipping the text-missing e2e test: ${atlas} is not there.`);

let server: PreviewServer;
let url: string;
let session: Session | undefined;

beforeAll(async () => {
  if (there) ({ url, server } = await startServer());
});

afterAll(async () => {
  if (session) {
    await session.close();
    removeProfile(session.profile);
  }
  await server?.close();
});

/** Simon's interview as its file might be: the known quotes where they are (one word changed), words around them. */
async function simonText(): Promise<string> {
  const r = await readQdpx(new Uint8Array(readFileSync(atlas)), 'TestProject.qdpx');
  if ('error' in r) throw new Error(r.error.reason);
  const doc = r.parsed.data.documents.find((d) => d.textMissing?.source === 'Simon.docx')!;
  const standIn = r.parsed.data.texts.find((t) => t.documentId === doc.id)!.text;
  let k = 0;
  const filler = 'we talked about breakfast ';
  return Array.from(standIn, (c) => (c === MISSING_CHAR ? filler[k++ % filler.length]! : c)).join('').replace('so soggy,', 'so stale,');
}

describe.skipIf(!there)('ATLAS.ti project without its texts', () => {
  it('restores with every coded passage in a "text missing" document, counted in the tally, and takes one text back', async () => {
    session = await openSession();
    const page = session.page;
    await page.goto(url + '#/library');
    await page.getByRole('heading', { name: /Documents \(1\)/ }).waitFor();
    await page.getByLabel('Restore project from file').setInputFiles({ name: 'TestProject.qdpx', mimeType: 'application/zip', buffer: readFileSync(atlas) });
    const preview = page.getByRole('region', { name: 'What restoring does' });
    const report = preview.getByRole('list', { name: 'What the file brought and what was left out' });
    await expect.poll(() => report.textContent()).toMatch(/Text missing: 8 text sources have no text in the file .* keeps its 8 coded passages at their positions, 7 with the quote known/);
    await preview.getByRole('button', { name: 'Replace this project' }).click();
    await page.getByRole('status').filter({ hasText: /"TestProject\.qdpx" restored: 8 documents, 8 fragments/ }).waitFor();

    // The library marks each document and names its source.
    await page.getByRole('heading', { name: /Documents \(8\)/ }).waitFor();
    const rows = page.locator('table.doc-table tbody tr');
    await expect.poll(() => rows.filter({ hasText: 'text missing' }).count()).toBe(8);
    await expect.poll(() => rows.filter({ hasText: 'Simon' }).textContent()).toMatch(/Text of "Simon\.docx" missing; 3 coded passages kept/);
    await page.locator('table.doc-table').screenshot({ path: join(screenshotDir, 'text-missing-library.png') });

    // The tally counts their passages and says the texts are missing.
    await page.getByRole('link', { name: 'Tally' }).click();
    await page.locator('table.matrix').getByRole('rowheader').first().waitFor();
    await page.getByText(/8 documents have no text \(text missing: /).waitFor();
    await expect.poll(() => page.locator('.tally-status').textContent()).toMatch(/^8 of 8 fragments count\./);
    const simonRow = await page.locator('table.matrix').getByRole('row').filter({ hasText: 'Simon' }).first().textContent();
    expect(simonRow).toContain('Simon');

    // The reader shows what is known, says what is missing, and takes the text.
    await page.getByRole('navigation').getByRole('link', { name: 'Library' }).click();
    await page.getByRole('link', { name: 'Simon' }).click();
    const notice = page.getByRole('region', { name: 'Text missing: Simon.docx' });
    await notice.waitFor();
    await expect.poll(() => notice.textContent()).toMatch(/Its 3 coded passages are kept at their position/);
    await page.screenshot({ path: join(screenshotDir, 'text-missing-reader.png') });
    const input = page.locator('input[type=file][data-testid^="attach-text-"]');
    await input.setInputFiles({ name: 'Simon.txt', mimeType: 'text/plain', buffer: Buffer.from(await simonText(), 'utf8') });
    const listed = page.getByRole('region', { name: /Passages whose known quote is not the attached text/ });
    await expect.poll(() => listed.textContent()).toMatch(/Text attached from Simon\.txt: 2 passages with a known quote checked, 1 does not match/);
    await expect.poll(() => listed.textContent()).toMatch(/known: “I did try the gluten free bread, but it was always so soggy,” · in the text: “I did try the gluten free bread, but it was always so stale,”/);
    await expect.poll(() => page.getByRole('region', { name: 'Text missing: Simon.docx' }).count()).toBe(0);
    // The reader shows the attached text, with the passages where they were.
    const reader = page.locator('.ProseMirror').first();
    await expect.poll(() => reader.textContent()).toContain('always so stale,');
    expect(await reader.textContent()).not.toContain(MISSING_CHAR);
    await expect.poll(() => page.locator('.reader-side').textContent()).toContain('always so stale,');
    expect(await page.locator('.reader-side').textContent()).not.toContain(MISSING_CHAR);
    await page.screenshot({ path: join(screenshotDir, 'text-attached-reader.png') });
    // Back in the library: seven texts still missing.
    await page.getByRole('navigation').getByRole('link', { name: 'Library' }).click();
    await expect.poll(() => rows.filter({ hasText: 'text missing' }).count()).toBe(7);
  });

  it('takes the text of another missing source from a second coder\'s project file that has it: one document, the passages where they were', async () => {
    const page = session!.page;
    // A source with a known quote, other than Simon's: its text as the second coder imported it.
    const r = await readQdpx(new Uint8Array(readFileSync(atlas)), 'TestProject.qdpx');
    if ('error' in r) throw new Error(r.error.reason);
    const data = r.parsed.data;
    const doc = data.documents.find((d) => d.textMissing && d.textMissing.source !== 'Simon.docx' && data.fragments.some((f) => f.documentId === d.id && hasKnownText(data.texts.find((t) => t.documentId === d.id)!.text, f.anchor.start, f.anchor.end)))!;
    const standIn = data.texts.find((t) => t.documentId === doc.id)!.text;
    let k = 0;
    const filler = 'and then we spoke about lunch ';
    const real = `${Array.from(standIn, (c) => (c === MISSING_CHAR ? filler[k++ % filler.length]! : c)).join('')} The end of the interview.`;
    const second = coder('second', 'Second Coder');
    const theirs = project({ 'their-doc': real }, [second]);
    theirs.documents[0]!.title = doc.title;
    theirs.documents[0]!.fileName = doc.textMissing!.source.replace(/\.docx$/i, '.txt');
    code(theirs, 'their-doc', 'The end of the interview.', ['civic'], second.id, 'second-1');
    await page.getByRole('navigation').getByRole('link', { name: 'Library' }).click();
    await page.getByLabel("Add another coder's project file", { exact: true }).first().setInputFiles({ name: 'second.worthmark.json', mimeType: 'application/json', buffer: Buffer.from(toProjectFile(theirs), 'utf8') });
    const preview = page.locator('.merge-preview');
    await preview.getByRole('heading', { name: 'What "second.worthmark.json" adds' }).waitFor();
    const lines = await preview.locator('li').allTextContents();
    expect(lines).toContain(`Text missing here, now taken from this file (passages kept at their positions): 1 (${doc.title})`);
    expect(lines.some((l) => /^New documents: [1-9]/.test(l))).toBe(false);
    await preview.screenshot({ path: join(screenshotDir, 'merge-attaches-text.png') });
    await preview.getByRole('button', { name: 'Add to this project' }).click();
    await page.getByText('"second.worthmark.json" was added to this project.').waitFor();
    // Still eight documents, one text fewer missing; the second coder's passage and the known one are in the text.
    await page.getByRole('heading', { name: /Documents \(8\)/ }).waitFor();
    await expect.poll(() => rows().filter({ hasText: 'text missing' }).count()).toBe(6);
    await page.getByRole('link', { name: doc.title, exact: true }).click();
    const reader = page.locator('.ProseMirror').first();
    await expect.poll(() => reader.textContent()).toContain('The end of the interview.');
    expect(await reader.textContent()).not.toContain(MISSING_CHAR);
    await expect.poll(() => page.locator('.reader-side').textContent()).toContain('The end of the interview.');
  });
});

const rows = () => session!.page.locator('table.doc-table tbody tr');
