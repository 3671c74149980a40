import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as repo from '../../../src/storage/repository.ts';
import { importFiles, importPastedText, parseMetadata, type Extractor, type ImportSource } from '../../../src/actions/import-files.ts';
import { extractFile } from '../../../src/import/extract.ts';
import { numberedPdf } from '../../fixtures/make-fixtures.ts';
import { nodePdfSource } from '../../../src/import/pdf-node.ts';
import { freshDbs } from '../support/db.ts';

const samplePdf = new Uint8Array(readFileSync(fileURLToPath(new URL('../../../samples/regioprofiel-rivierenland-oost.pdf', import.meta.url))));
const pdf = nodePdfSource();
const src = (name: string, bytes: Uint8Array): ImportSource => ({ name, bytes: async () => bytes });
const utf8 = (s: string) => new TextEncoder().encode(s);

const freshDb = freshDbs('import');

describe('importing a batch of files', () => {
  it('imports the good files and names each bad one with its reason, storing nothing of the bad ones', async () => {
    const db = freshDb();
    const truncated = samplePdf.slice(0, Math.floor(samplePdf.length / 3));
    const results = await importFiles(db, pdf, [
      src('profiel.pdf', samplePdf),
      src('leeg.txt', new Uint8Array()),
      src('kapot.pdf', truncated),
      src('notities.docx.exe', utf8('x')),
      src('notitie.txt', utf8('De regio werkt internationaal samen.\n')),
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : `${r.error.file}:${r.error.reason}`))).toEqual([
      'ok',
      'leeg.txt:empty',
      'kapot.pdf:corrupt',
      'notities.docx.exe:unsupported-type',
      'ok',
    ]);
    const docs = await repo.listDocuments(db);
    expect(docs.map((d) => d.fileName).sort()).toEqual(['notitie.txt', 'profiel.pdf']);
    expect(await db.texts.count()).toBe(2);
    expect(await db.originals.count()).toBe(2);
  });

  it('refuses a file whose content was already imported, naming the earlier document', async () => {
    const db = freshDb();
    const bytes = utf8('Cultuur over de grenzen.\n');
    await importFiles(db, pdf, [src('a.txt', bytes)]);
    const [again] = await importFiles(db, pdf, [src('b.txt', bytes)]);
    expect(again!.ok).toBe(false);
    if (!again!.ok) expect(again!.error).toMatchObject({ file: 'b.txt', reason: 'duplicate', detail: 'a' });
    expect(await repo.listDocuments(db)).toHaveLength(1);
  });

  it('imports several files at once with an extractor on other threads, each stored once, results in order', async () => {
    const db = freshDb();
    let inFlight = 0;
    let most = 0;
    // An extractor that takes its time, as a worker does, and counts how many run together.
    const extract: Extractor = async (name, bytes, options) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight -= 1;
      return extractFile(name, bytes, pdf, options);
    };
    const files = Array.from({ length: 7 }, (_, i) => src(`n${i}.txt`, utf8(`Nota ${i} over de wereld.\n`)));
    files.push(src('kopie.txt', utf8('Nota 3 over de wereld.\n'))); // the same content as n3, in the same batch
    const done: number[] = [];
    const results = await importFiles(db, pdf, files, { extract, concurrency: 3, onResult: (i) => done.push(i) });
    expect(most).toBe(3);
    expect(results.map((r) => (r.ok ? r.value.fileName : r.error.reason))).toEqual(['n0.txt', 'n1.txt', 'n2.txt', 'n3.txt', 'n4.txt', 'n5.txt', 'n6.txt', 'duplicate']);
    expect(done.sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(await repo.listDocuments(db)).toHaveLength(7);
  });

  it('cancels every file not yet stored when several import at once', async () => {
    const db = freshDb();
    const controller = new AbortController();
    const extract: Extractor = async (name, bytes, options) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      options.signal?.throwIfAborted();
      return extractFile(name, bytes, pdf, options);
    };
    const files = Array.from({ length: 6 }, (_, i) => src(`c${i}.txt`, utf8(`Tekst ${i}.\n`)));
    const cancelled: number[] = [];
    const promise = importFiles(db, pdf, files, { extract, concurrency: 2, signal: controller.signal, onCancelled: (i) => cancelled.push(i) });
    setTimeout(() => controller.abort(), 45);
    const results = await promise;
    expect(results.length + cancelled.length).toBe(6);
    expect(cancelled.length).toBeGreaterThan(0);
    expect(await repo.listDocuments(db)).toHaveLength(results.length);
  });

  it('reports page progress for a PDF', async () => {
    const db = freshDb();
    const seen: number[] = [];
    await importFiles(db, pdf, [src('profiel.pdf', samplePdf)], { onProgress: (_i, p) => seen.push(p.done) });
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});

describe('importing many files, cancelling, pasting and editing details', () => {
  it('imports the other 14 of 15 files when one is broken', async () => {
    const db = freshDb();
    const good = await Promise.all(Array.from({ length: 14 }, (_, i) => numberedPdf(i + 1)));
    const sources = good.map((b, i) => src(`profiel-${i + 1}.pdf`, b));
    sources.splice(7, 0, src('kapot.pdf', (await numberedPdf(99)).slice(0, 300)));
    const results = await importFiles(db, pdf, sources);
    expect(results.filter((r) => r.ok)).toHaveLength(14);
    expect(results[7]).toEqual({ ok: false, error: expect.objectContaining({ file: 'kapot.pdf', reason: 'corrupt' }) });
    expect(await db.documents.count()).toBe(14);
    expect(await db.texts.count()).toBe(14);
    expect(await db.originals.count()).toBe(14);
  });

  it('stops at the file being read when cancelled, keeping the files before it and storing nothing of the rest', async () => {
    const db = freshDb();
    const controller = new AbortController();
    const cancelled: number[] = [];
    const results = await importFiles(db, pdf, [src('eerst.txt', utf8('Eerste notitie.\n')), src('profiel.pdf', samplePdf), src('laatst.txt', utf8('Laatste notitie.\n'))], {
      signal: controller.signal,
      // Cancel while the PDF's second page is read.
      onProgress: (i, p) => i === 1 && p.done === 2 && controller.abort(),
      onCancelled: (i) => cancelled.push(i),
    });
    expect(results.map((r) => r.ok)).toEqual([true]);
    expect(cancelled).toEqual([1, 2]);
    expect((await repo.listDocuments(db)).map((d) => d.fileName)).toEqual(['eerst.txt']);
    expect(await db.originals.count()).toBe(1);
  });

  it('refuses a file over the size limit by its size, without reading it', async () => {
    const db = freshDb();
    let read = false;
    const big: ImportSource = { name: 'groot.pdf', size: 300, bytes: async () => ((read = true), samplePdf) };
    const [r] = await importFiles(db, pdf, [big], { maxBytes: 200 });
    expect(r).toEqual({ ok: false, error: { file: 'groot.pdf', reason: 'too-large', detail: '300 bytes > 200' } });
    expect(read).toBe(false);
  });

  it('imports pasted text with its original and refuses the same text twice', async () => {
    const db = freshDb();
    const first = await importPastedText(db, 'De regio werkt internationaal samen.', 'Notitie uit e-mail');
    expect(first.ok && first.value).toMatchObject({ title: 'Notitie uit e-mail', format: 'txt', fileName: 'pasted-text.txt' });
    const again = await importPastedText(db, 'De regio werkt internationaal samen.', 'Nog eens');
    expect(again).toEqual({ ok: false, error: { file: 'Nog eens', reason: 'duplicate', detail: 'Notitie uit e-mail' } });
    const original = await db.originals.toArray();
    expect(await original[0]!.blob.text()).toBe('De regio werkt internationaal samen.');
  });

  it('checks typed details: a title is needed and a year is four digits from 1900 to 2100', () => {
    const base = { title: ' Profiel Twente ', region: ' Twente ', year: '2021', type: '' };
    expect(parseMetadata(base)).toEqual({ parsed: { title: 'Profiel Twente', meta: { region: 'Twente', year: 2021 } } });
    expect(parseMetadata({ ...base, year: '21' })).toEqual({ error: 'year' });
    expect(parseMetadata({ ...base, year: '2021a' })).toEqual({ error: 'year' });
    expect(parseMetadata({ ...base, title: '  ' })).toEqual({ error: 'title' });
    expect(parseMetadata({ ...base, year: '' })).toEqual({ parsed: { title: 'Profiel Twente', meta: { region: 'Twente' } } });
    // Saved details are the user's: a year guessed from the file's date counts as confirmed.
    const saved = parseMetadata(base);
    expect('parsed' in saved && saved.parsed.meta.yearFromFile).toBeUndefined();
  });
});
