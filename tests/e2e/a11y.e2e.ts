/**
 * Accessibility in real Chromium, with axe-core (4.14, injected into the page; @axe-core/playwright
 * needs Node ≥ 22): every screen and every dialog, panel, preview and popup of the app, in English
 * and in Dutch, with zero violations of any rule axe runs by default (no rule is switched off).
 *
 * The project is the supervisor's: two coders' merged project with reviews, an open question and
 * a merge conflict (tests/fixtures/projects/supervised.ts), plus a PDF imported here (so the
 * reader can show its original page). In each language, with the coder not yet named (so "Who is
 * coding?" shows): the library (restore error, restore preview, details, import report, storage
 * panel, the merge and review-file previews), the search screen (worklist, hit detail, reason
 * field, Undo, term help, document picker), the reader (palette, panel with memo, reviews and
 * conflict note, hover card, find bar with an error, two coders side by side, original page), the
 * tally (a cell and a co-occurrence cell opened, charts, exports), the codebook, the review
 * screen (comment form, conflicts), the agreement screen (adjudication editor), the settings;
 * then the storage-failure banner. At the end, the banners for a project the browser lost and
 * for a database of a newer Worthmark, in both languages. The project also holds a document whose
 * text is missing (its notice is checked in the reader and in its import report), and a restore as
 * a copy brings the library's list of other projects.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { toProjectFile, type ProjectData } from '../../src/exchange/project-file.ts';
import { formatMessage } from '../../src/ui/i18n.tsx';
import { messages, type MessageKey } from '../../src/ui/messages.ts';
import { bramsProject } from '../fixtures/projects/two-coders.ts';
import { secondReviewFile, supervisedProject } from '../fixtures/projects/supervised.ts';
import { openSession, removeProfile, root, startServer, type Session } from './harness.ts';
import { MISSING_CHAR } from '../../src/text/missing-text.ts';
import type { DocumentId } from '../../src/model/index.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const files = mkdtempSync(join(tmpdir(), 'worthmark-a11y-'));
const projectFile = join(files, 'supervised.worthmark.json');
const chrisFile = join(files, 'chris.worthmark.json');
const reviewFile = join(files, 'review-mila.json');
const notJson = join(files, 'not-a-project.json');
const pdf = join(root, 'tests', 'fixtures', 'pdf', 'text.pdf');

let server: PreviewServer;
let url: string;
let session: Session;
let page: Page;
/** The reader's address of the PDF imported in the library test. */
let pdfReader = '';

beforeAll(async () => {
  writeFileSync(projectFile, toProjectFile(withTextMissing(supervisedProject())));
  writeFileSync(chrisFile, toProjectFile(thirdCoder()));
  writeFileSync(reviewFile, secondReviewFile());
  writeFileSync(notJson, '%PDF-1.7\n');
  ({ url, server } = await startServer());
  session = await openSession();
  page = session.page;
  page.on('dialog', (d) => void d.accept());
});
afterAll(async () => {
  await session?.close();
  if (session) removeProfile(session.profile);
  await server?.close();
  rmSync(files, { recursive: true, force: true });
});

/** A third coder's project of the same documents (Bram's codings under another coder), to add. */
function thirdCoder(): ProjectData {
  const p = bramsProject();
  p.coders = [{ id: 'coder-cd' as never, name: 'Chris Dekker', initials: 'CD' }];
  for (const f of p.fragments) Object.assign(f, { id: `c-${f.id}`, coderId: 'coder-cd' });
  p.hits = p.hits.map((h) => ({ ...h, id: `c-${h.id}`, coderId: 'coder-cd' as never }));
  return p;
}

/** The id of the document whose text is missing. */
const MISSING_DOC = 'doc-missing' as DocumentId;
/** The project with a document whose text is missing (a REFI-QDA source that came without its file): a stand-in text, one quote known. */
function withTextMissing(p: ProjectData): ProjectData {
  const quote = 'De regio werkt samen met partners over de grens.';
  const text = MISSING_CHAR.repeat(300) + quote + MISSING_CHAR.repeat(300);
  const base = p.documents[0]!;
  p.documents.push({
    ...base,
    id: MISSING_DOC,
    title: 'Interview wethouder cultuur',
    fileName: 'Interview wethouder cultuur.docx',
    format: 'txt',
    contentHash: `missing-${text.length}`,
    pages: [{ index: 1, label: '1', start: 0, end: text.length }],
    charCount: text.length,
    report: { joinedHyphens: 0, removedLines: [], pageCount: 1 },
    textMissing: { source: 'Interview wethouder cultuur.docx' },
  });
  p.texts.push({ documentId: MISSING_DOC, text, blocks: [{ kind: 'paragraph', start: 0, end: text.length }] });
  return p;
}

/** The axe violations on the page as it is now: "rule-id: selector | selector …". */
async function violations(): Promise<string[]> {
  // Injected through the DevTools protocol, so the app's Content-Security-Policy does not apply.
  await page.evaluate(`if (!window.axe) { ${axeSource} }`);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

/** Violations found in the current test, by place; each test asserts there are none at its end. */
let found: string[] = [];
/** How many times axe ran in the current test (each test checks it ran where it says). */
let checks = 0;
/** Runs axe on the page as it is now and notes any violation with the place. */
async function clean(where: string): Promise<void> {
  checks++;
  for (const v of await violations()) found.push(`${where} — ${v}`);
}
beforeEach(() => {
  found = [];
  checks = 0;
});
afterEach(() => {
  expect(found).toEqual([]);
});

/** The database of the project in use. */
const dbName = () => page.evaluate(() => localStorage.getItem('worthmark.activeProject') || 'worthmark');

for (const lang of ['en', 'nl'] as const) {
  /** A UI text in this language. */
  const say = (key: MessageKey, params?: Record<string, string | number>) => formatMessage(messages[key][lang], params);
  /** A UI text with placeholders as a pattern (each placeholder: any text). */
  const like = (key: MessageKey) => new RegExp(`^${messages[key][lang].replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '.*')}`);

  describe(`axe-core finds no violation, in ${lang === 'en' ? 'English' : 'Dutch'}`, () => {
    it('in the library: a restore refused, the restore preview, the details, the import report, the storage panel, the merge and review-file previews', async () => {
      await page.goto(`${url}#/library`);
      await page.reload(); // a fresh page: the previous language ended with a database closed under it
      await page.locator('.topbar select').selectOption(lang);
      await page.getByRole('heading', { name: like('library.documents') }).waitFor();
      const restore = page.getByLabel(say('backup.restore'), { exact: true });
      await restore.setInputFiles(notJson);
      await page.getByRole('alert').first().waitFor();
      await clean('a restore refused');
      await restore.setInputFiles(projectFile);
      const preview = page.getByRole('region', { name: say('restore.previewTitle') });
      await preview.waitFor();
      await clean('the restore preview');
      await preview.getByRole('button', { name: say('restore.replace') }).click();
      await page.getByRole('heading', { name: say('library.documents', { n: 4 }) }).waitFor();
      await page.getByLabel(say('library.chooseFiles')).setInputFiles(pdf);
      await page.getByRole('heading', { name: say('library.documents', { n: 5 }) }).waitFor();
      await clean('the library with a new document');

      const title = (await page.getByText(like('library.imported')).first().textContent())!.replace(/^[^"]*"|"[^"]*$/g, '');
      pdfReader = (await page.getByRole('link', { name: title, exact: true }).getAttribute('href'))!;
      await page.getByRole('button', { name: say('meta.editOf', { title }) }).click();
      await page.locator('.meta-form').waitFor();
      await clean('the details form');
      await page.locator('.meta-form button[type="button"]').click();
      await page.getByRole('button', { name: say('import.reportOf', { title }) }).click();
      await page.locator('.import-report').waitFor();
      await clean('the import report');

      await page.locator('.topbar button.badge').click();
      await page.getByRole('region', { name: say('storage.panel') }).waitFor();
      await clean('the storage panel');
      await page.keyboard.press('Escape');

      for (const [button, file] of [
        ['merge.addProject', chrisFile],
        ['merge.addReview', reviewFile],
      ] as const) {
        await page.getByLabel(say(button), { exact: true }).first().setInputFiles(file);
        const merge = page.locator('.merge-preview');
        await merge.getByRole('heading', { name: say('merge.previewTitle', { file: file.replace(/^.*\//, '') }) }).waitFor();
        await clean(`the preview of ${say(button)}`);
        await merge.getByRole('button', { name: say('common.cancel') }).click();
        await merge.waitFor({ state: 'detached' });
      }

      // The text-missing notice in the document's import report.
      await page.getByRole('button', { name: say('import.reportOf', { title: 'Interview wethouder cultuur' }) }).click();
      await page.locator('.import-report section.text-missing').waitFor();
      await clean('the text-missing notice in the import report');

      // A restore as a copy: the list of other projects in this browser.
      await restore.setInputFiles(projectFile);
      await preview.getByRole('button', { name: say('restore.asCopy') }).click();
      await page.getByRole('heading', { name: say('projects.title') }).waitFor();
      await clean('the other projects');
      expect(checks).toBe(10);
    });

    it('on the search screen: the worklist with "Who is coding?", the hit detail, the reason field, Undo, the term help and the document picker', async () => {
      await page.goto(`${url}#/search`);
      await page.getByRole('heading', { name: like('search.kwic') }).waitFor();
      await page.locator('form.coder-prompt').waitFor();
      const open = page.locator('tr.state-open').first();
      await open.locator('td.hit button').focus();
      await page.locator('.hit-detail').waitFor();
      await clean('the worklist and hit detail');
      await page.keyboard.press('r');
      await page.locator('.hit-detail input').first().waitFor();
      await clean('the reason field');
      await page.keyboard.press('Escape');
      await open.locator('td.hit button').focus();
      await page.keyboard.press('x');
      const undo = page.getByRole('button', { name: like('undo.undo') }).first();
      await expect.poll(() => undo.isEnabled()).toBe(true);
      await clean('a dismissal with Undo');
      await undo.click();
      await page.locator('.query-help summary').click();
      await page.locator('.doc-picker summary').click();
      await clean('the term help and document picker');
      expect(checks).toBe(4);
    });

    it('in the reader: the palette, the panel with memo, the hover card, the find bar with an error, two coders side by side, the original page', async () => {
      await page.goto(`${url}#/reader/doc-rivierstad`);
      await page.getByRole('heading', { name: like('reader.fragments') }).waitFor();
      await page.locator('form.coder-prompt').waitFor();
      await clean('the reader');
      await page.locator('.fragment-item').first().click();
      await page.locator('.coding-palette').waitFor();
      await page.keyboard.press('m');
      await page.locator('.coding-panel textarea').waitFor();
      await clean('a fragment with its palette, panel and memo');
      await page.locator('.wm-reader [data-fragment-id]').first().hover();
      await page.locator('.hover-card').waitFor();
      await clean('the hover card');
      await page.locator('.wm-reader').first().click();
      await page.keyboard.press('Control+f');
      const input = page.getByRole('textbox', { name: say('find.input') });
      await input.fill('internationa*');
      await page.locator('#find-count').filter({ hasText: /\d/ }).waitFor();
      await clean('the find bar');
      await input.fill('/inter(/');
      await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
      await clean('the find bar with an error');
      await input.press('Escape');

      const view = page.getByRole('combobox', { name: say('reader.coderView'), exact: true });
      await view.selectOption('pair');
      const right = page.getByRole('combobox', { name: say('reader.rightCoder'), exact: true });
      await right.selectOption((await right.locator('option').nth(1).getAttribute('value'))!);
      await page.locator('.reader-compare').waitFor();
      await clean('two coders side by side');
      await view.selectOption({ index: 0 });

      await page.goto(`${url}${pdfReader}`);
      await page.getByRole('button', { name: say('original.show') }).click();
      await page.locator('.original-page canvas').waitFor();
      await clean('the original page');

      await page.goto(`${url}#/reader/${MISSING_DOC}`);
      await page.locator('section.text-missing').waitFor();
      await clean('the reader of a document whose text is missing');
      expect(checks).toBe(8);
    });

    it('in the tally: a cell and a co-occurrence cell opened, the charts and the exports', async () => {
      await page.goto(`${url}#/tally`);
      await page.locator('p.tally-status').waitFor();
      await page.locator('table.matrix td[data-cell]').filter({ hasText: /^[1-9]/ }).first().click();
      await page.locator('.drill-fragment').first().waitFor();
      await page.locator('figure[data-chart="bars"] .chart-svg > svg').waitFor();
      await clean('the tally with a cell opened');
      await page.locator('section[aria-labelledby="co-h"] .cell-button').filter({ hasText: /^[1-9]/ }).first().click();
      await page.locator('section[aria-labelledby="co-h"] .drill').waitFor();
      await clean('a co-occurrence cell opened');
      expect(checks).toBe(2);
    });

    it('on the review screen (unnamed, then named: verdicts, comment form, answer, conflicts) and in the reader at a reviewed fragment and at a conflict', async () => {
      await page.goto(`${url}#/review`);
      await page.locator('li.review-item').first().waitFor();
      await page.getByRole('heading', { name: say('conflict.title', { n: 1 }) }).waitFor();
      await page.locator('form.coder-prompt').waitFor();
      await clean('the review screen, asking who is coding');
      const prompt = page.locator('form.coder-prompt').first();
      await prompt.getByLabel(say('settings.coderName'), { exact: true }).fill('Lotte Smit');
      await prompt.getByRole('button', { name: say('coder.save') }).click();
      await prompt.waitFor({ state: 'detached' });
      const rejected = page.locator('li.review-item').filter({ hasText: 'Is dit niet eerder markt dan civiel?' });
      await rejected.getByLabel(like('review.answer')).waitFor();
      await page.getByRole('button', { name: say('review.addComment') }).first().click();
      await page.getByLabel(say('review.newComment'), { exact: true }).first().waitFor();
      await clean('the review screen with verdicts, a comment form and an answer');
      await rejected.getByRole('link', { name: say('review.openInReader') }).click();
      await page.locator('.coding-panel').getByText('Is dit niet eerder markt dan civiel?').waitFor();
      await clean('the reader at a reviewed fragment');
      // The fragment with the conflict: its coder mark in the list carries the ⚠.
      await page.locator('.fragment-item').filter({ has: page.locator('.coder-mark', { hasText: '⚠' }) }).first().click();
      await page.locator('.coding-panel .conflict-mark').waitFor();
      await clean('the reader at a fragment with a conflict');
      expect(checks).toBe(4);
    });

    it('on the agreement screen with the adjudication editor', async () => {
      await page.goto(`${url}#/agreement`);
      await page.getByRole('status').filter({ hasText: like('agr.units') }).waitFor();
      await page.locator('table.agr-disagreements tbody tr').first().waitFor();
      await clean('the agreement screen');
      await page.locator('table.agr-disagreements').getByRole('button', { name: say('agr.edit') }).first().click();
      await page.getByRole('group', { name: say('agr.editLegend') }).waitFor();
      await clean('the adjudication editor');
      expect(checks).toBe(2);
    });

    it('on the codebook and settings screens (and the coder is unnamed again, so the next language asks too)', async () => {
      for (const screen of ['codebook', 'settings']) {
        await page.goto(`${url}#/${screen}`);
        await page.locator('main h1').first().waitFor();
        await clean(`the ${screen} screen`);
      }
      const form = page.locator('section[aria-labelledby="set-coder-h"]');
      await form.getByLabel(say('settings.coderName'), { exact: true }).fill('');
      await form.getByLabel(say('settings.coderInitials'), { exact: true }).fill('');
      await form.getByRole('button', { name: say('common.save') }).click();
      await page.goto(`${url}#/search`);
      await page.locator('form.coder-prompt').waitFor();
      expect(checks).toBe(2);
    });

    it('with the banner for a storage failure (another tab upgraded the database)', async () => {
      await page.goto(`${url}#/library`);
      await page.getByRole('heading', { name: like('library.documents') }).waitFor();
      // Another connection asks for a newer version (and gives up): this page's connection must close.
      const name = await dbName();
      await page.evaluate(async (db) => {
        const version = (await indexedDB.databases()).find((d) => d.name === db)!.version!;
        await new Promise<void>((resolve) => {
          const r = indexedDB.open(db, version + 1);
          r.onupgradeneeded = () => r.transaction!.abort();
          r.onerror = () => resolve();
          r.onsuccess = () => resolve();
        });
      }, name);
      await page.locator('.storage-failed').waitFor();
      await clean('the storage-failure banner');
      expect(checks).toBe(1);
    });
  });
}

describe('axe-core finds no violation on the banners of a lost or newer database, in both languages', () => {
  const sayIn = (lang: 'en' | 'nl', key: MessageKey) => messages[key][lang];

  it('a project the browser lost: the banner offering its latest snapshot', async () => {
    // The project's database is deleted while the app is closed (a page of the same origin without the app).
    const name = await dbName();
    await page.goto(`${url.replace(/\/$/, '')}/sw.js`);
    await page.evaluate((db) => new Promise<void>((resolve, reject) => {
      const r = indexedDB.deleteDatabase(db);
      r.onsuccess = () => resolve();
      r.onerror = () => reject(new Error('could not delete'));
    }), name);
    await page.goto(`${url}#/library`);
    // The browser's language is English: the app starts in English with the settings gone.
    await page.getByText(sayIn('en', 'storage.vanishedTitle')).waitFor();
    await clean('the banner of a lost project (en)');
    await page.locator('.topbar select').selectOption('nl');
    await page.getByText(sayIn('nl', 'storage.vanishedTitle')).waitFor();
    await clean('the banner of a lost project (nl)');
    expect(checks).toBe(2);
  });

  it('a database written by a newer Worthmark: the page that refuses to open it', async () => {
    const name = await dbName();
    await page.goto(`${url.replace(/\/$/, '')}/sw.js`);
    await page.evaluate(async (db) => {
      const version = (await indexedDB.databases()).find((d) => d.name === db)!.version!;
      await new Promise<void>((resolve, reject) => {
        const r = indexedDB.open(db, version + 100);
        r.onsuccess = () => {
          r.result.close();
          resolve();
        };
        r.onerror = () => reject(new Error('could not upgrade'));
      });
    }, name);
    await page.goto(url);
    await page.locator('.storage-failed').waitFor();
    await clean('the refusal of a newer database (en)');
    // The refusal cannot read the language setting: it follows the browser's language.
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'language', { get: () => 'nl-NL' }));
    await page.reload();
    await page.locator('.storage-failed').getByText(sayIn('nl', 'storage.failedTitle')).waitFor();
    await clean('the refusal of a newer database (nl)');
    expect(checks).toBe(2);
  });
});
