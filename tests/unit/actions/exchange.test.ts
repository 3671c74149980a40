/**
 * Originals travel: the project zip restores with its originals, a .qdpx restores with its PDFs,
 * and a document without its original gets it back by importing the same file (same hash, or the
 * same text for a document read from a .qdpx) instead of a refusal as a duplicate.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as repo from '../../../src/storage/repository.ts';
import { exportProject, projectData, restoreProject } from '../../../src/actions/project.ts';
import { exportProjectZip, exportQdpx } from '../../../src/actions/exchange.ts';
import { isEmptyPlan, mergeFile, previewMerge, readMergeProject } from '../../../src/actions/merge.ts';
import { importFiles } from '../../../src/actions/import-files.ts';
import { nodePdfSource } from '../../../src/import/pdf-node.ts';
import { anchorFromRange } from '../../../src/model/fragment.ts';
import { freshDbs } from '../support/db.ts';

const here = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const pdf = nodePdfSource();
const samplePdf = new Uint8Array(readFileSync(here('samples/regioprofiel-rivierenland-oost.pdf')));
const freshDb = freshDbs('exchange');
const fixture = readFileSync(here('tests/fixtures/projects/small.worthmark.json'), 'utf8');

/** A project with the sample PDF imported and one fragment coded in it. */
async function withPdf() {
  const db = freshDb();
  await restoreProject(db, 'small.json', fixture);
  const [r] = await importFiles(db, pdf, [{ name: 'regioprofiel.pdf', type: 'application/pdf', bytes: async () => samplePdf }]);
  if (!r!.ok) throw new Error(r!.error.reason);
  const text = (await repo.getText(db, r!.value.id))!.text;
  await repo.putFragment(db, { ...(await projectData(db)).fragments[0]!, id: 'f-pdf' as never, documentId: r!.value.id, anchor: anchorFromRange(text, 10, 60) });
  return { db, doc: r!.value };
}

describe('originals travel', () => {
  it('a project saved with its original PDFs restores with them, byte for byte', async () => {
    const { db, doc } = await withPdf();
    const { fileName, content } = await exportProjectZip(db);
    expect(fileName).toMatch(/\.zip$/);
    const target = freshDb();
    const result = await restoreProject(target, fileName, content);
    if (!result.ok) throw new Error(result.error.reason);
    expect(result.value.report).toMatchObject({ kind: 'worthmark-zip', notes: [{ code: 'originals', values: { n: 1 } }] });
    const stored = await repo.getOriginal(target, doc.id);
    expect(new Uint8Array(await stored!.blob.arrayBuffer())).toEqual(samplePdf);
    expect(stored!.type).toBe('application/pdf');
    expect(JSON.parse((await exportProject(target)).content).fragments).toEqual(JSON.parse((await exportProject(db)).content).fragments);
  });

  it('leaves out an original that does not match its document, and says so', async () => {
    const { db } = await withPdf();
    const files = unzipSync((await exportProjectZip(db)).content);
    const path = Object.keys(files).find((p) => p.startsWith('originals/'))!;
    files[path] = strToU8('not the PDF');
    const result = await restoreProject(freshDb(), 'tampered.zip', zipSync(files));
    if (!result.ok) throw new Error(result.error.reason);
    expect(result.value.report.notes.map((n) => n.code)).toEqual(['originalsRefused']);
  });

  it('a .qdpx restores into a fresh profile with the same fragments, texts and its PDF', async () => {
    const { db, doc } = await withPdf();
    const { content } = await exportQdpx(db, 'nl');
    const target = freshDb();
    const result = await restoreProject(target, 'project.qdpx', content);
    if (!result.ok) throw new Error(`${result.error.path}: ${result.error.reason}`);
    expect(result.value.report.kind).toBe('qdpx');
    const a = await projectData(db);
    const b = await projectData(target);
    const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(b.fragments).map((f) => JSON.parse(JSON.stringify(f)))).toEqual(byId(a.fragments).map((f) => JSON.parse(JSON.stringify({ ...f, values: f.values?.length ? f.values : undefined }))));
    expect(b.documents).toEqual(a.documents);
    expect(new Uint8Array(await (await repo.getOriginal(target, doc.id))!.blob.arrayBuffer())).toEqual(samplePdf);
  });

  it('a document restored without its original gets it back by importing the same PDF, not a duplicate refusal', async () => {
    const { db, doc } = await withPdf();
    const target = freshDb();
    await restoreProject(target, 'plain.json', (await exportProject(db)).content);
    expect(await repo.hasOriginal(target, doc.id)).toBe(false);
    const [r] = await importFiles(target, pdf, [{ name: 'again.pdf', bytes: async () => samplePdf }]);
    expect(r).toMatchObject({ ok: true, value: { id: doc.id } });
    expect(await repo.hasOriginal(target, doc.id)).toBe(true);
    expect(await repo.listDocuments(target)).toHaveLength(4);
    // Now it has its original, the same file again is a duplicate as before.
    const [again] = await importFiles(target, pdf, [{ name: 'again.pdf', bytes: async () => samplePdf }]);
    expect(again).toMatchObject({ ok: false, error: { reason: 'duplicate' } });
  });

  it('a document read from a .qdpx without its PDF gets it back by its text', async () => {
    const { db, doc } = await withPdf();
    const files = unzipSync((await exportQdpx(db, 'en')).content);
    for (const p of Object.keys(files)) if (p.endsWith('.pdf')) delete files[p];
    const target = freshDb();
    const restored = await restoreProject(target, 'no-pdf.qdpx', zipSync(files));
    if (!restored.ok) throw new Error(restored.error.reason);
    expect(await repo.hasOriginal(target, doc.id)).toBe(false);
    const [r] = await importFiles(target, pdf, [{ name: 'again.pdf', bytes: async () => samplePdf }]);
    expect(r).toMatchObject({ ok: true, value: { id: doc.id } });
    expect(await repo.hasOriginal(target, doc.id)).toBe(true);
  });
});

describe('merging a REFI-QDA project (through the merge plan)', () => {
  it('a .qdpx of this very project merges onto it without changing anything', async () => {
    const db = freshDb();
    await restoreProject(db, 'small.json', fixture);
    const { content } = await exportQdpx(db, 'en');
    const read = await readMergeProject('same.qdpx', content);
    if (!read.ok) throw new Error(read.error.reason);
    expect(read.value.report.kind).toBe('qdpx');
    expect(isEmptyPlan(await previewMerge(db, read.value))).toBe(true);
  });

  it("another tool's .qdpx adds its document, codes, coder and codings beside ours", async () => {
    const db = freshDb();
    await restoreProject(db, 'small.json', fixture);
    const before = await projectData(db);
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Elders" origin="QualCoder 3.5">
  <Users><User guid="10000000-0000-0000-0000-0000000000aa" name="Chris"/></Users>
  <CodeBook><Codes><Code guid="20000000-0000-0000-0000-0000000000aa" name="Vernieuwing" isCodable="true" color="#123456"/></Codes></CodeBook>
  <Sources><TextSource guid="40000000-0000-0000-0000-0000000000aa" name="Nota.txt"><PlainTextContent>Een nieuwe nota over vernieuwing in de cultuursector.</PlainTextContent>
    <PlainTextSelection guid="50000000-0000-0000-0000-0000000000aa" startPosition="4" endPosition="15" creatingUser="10000000-0000-0000-0000-0000000000aa">
      <Coding guid="60000000-0000-0000-0000-0000000000aa" creatingUser="10000000-0000-0000-0000-0000000000aa"><CodeRef targetGUID="20000000-0000-0000-0000-0000000000aa"/></Coding>
    </PlainTextSelection></TextSource></Sources>
</Project>`;
    const read = await readMergeProject('elders.qdpx', zipSync({ 'project.qde': strToU8(xml) }));
    if (!read.ok) throw new Error(read.error.reason);
    await mergeFile(db, read.value);
    const after = await projectData(db);
    expect(after.documents).toHaveLength(before.documents.length + 1);
    expect(after.fragments).toHaveLength(before.fragments.length + 1);
    const added = after.fragments.find((f) => !before.fragments.some((b) => b.id === f.id))!;
    expect(added.anchor.exact).toBe('nieuwe nota');
    expect(after.coders.map((c) => c.name)).toContain('Chris');
    expect(after.codebooks.flatMap((b) => b.codes).some((c) => c.name.en === 'Vernieuwing')).toBe(true);
  });
});
