/**
 * Giving a document whose text was missing its text: ATLAS.ti's TestProject.qdpx (REFI-QDA 1.5
 * Annex A.2, empty Sources/) restored into a project, then the text of "Simon.docx" added — by
 * importing a file of that name, or chosen for the document — with the passages kept in place,
 * mismatches listed, and nothing written when the text does not fit.
 */
import 'fake-indexeddb/auto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attachText } from '../../../src/actions/attach-text.ts';
import { importFiles, type ImportSource } from '../../../src/actions/import-files.ts';
import { exportProject, restoreProject } from '../../../src/actions/project.ts';
import { nodePdfSource } from '../../../src/import/pdf-node.ts';
import { parseProjectFile } from '../../../src/exchange/project-file.ts';
import { MISSING_CHAR } from '../../../src/text/missing-text.ts';
import * as repo from '../../../src/storage/repository.ts';
import type { WorthmarkDb } from '../../../src/storage/db.ts';
import { freshDbs } from '../support/db.ts';
import { shared } from '../exchange/qdpx-support.ts';

const atlas = shared + 'refi-qda/samples/refi-spec-annex-a2-atlasti/TestProject.qdpx';
const there = existsSync(atlas);
if (!there) console.log(`Skipping the attach actions on ATLAS.ti's file: ${atlas} is not there.`);
const pdf = nodePdfSource();
const freshDb = freshDbs('attach-text');
const src = (name: string, text: string): ImportSource => ({ name, bytes: async () => new TextEncoder().encode(text) });

async function restored(): Promise<{ db: WorthmarkDb; id: string; standIn: string }> {
  const db = freshDb();
  const r = await restoreProject(db, 'TestProject.qdpx', new Uint8Array(readFileSync(atlas)));
  if (!r.ok) throw new Error(r.error.reason);
  const doc = (await repo.listDocuments(db)).find((d) => d.textMissing?.source === 'Simon.docx')!;
  return { db, id: doc.id, standIn: (await repo.getText(db, doc.id))!.text };
}

/** Simon's interview as it might be: the known quotes where they are, other words around them. */
const simonText = (standIn: string) => {
  let k = 0;
  const filler = 'we talked about breakfast ';
  return Array.from(standIn, (c) => (c === MISSING_CHAR ? filler[k++ % filler.length]! : c)).join('') + '\nEnd of interview.\n';
};

describe.skipIf(!there)('attaching the text of a document whose text is missing', () => {
  it('takes a file imported by the source\'s name as its text: passages in place, codes kept, the mark gone, the file its original', async () => {
    const { db, id, standIn } = await restored();
    const before = await repo.listFragments(db, id as never);
    const [r] = await importFiles(db, pdf, [src('Simon.txt', simonText(standIn))]);
    if (!r?.ok) throw new Error(JSON.stringify(r));
    expect(r.value.id).toBe(id);
    expect((await repo.listDocuments(db)).length).toBe(8); // attached, not imported as a ninth document
    const doc = (await repo.getDocument(db, id as never))!;
    expect(doc.textMissing).toBeUndefined();
    expect(doc.textAttached).toMatchObject({ fileName: 'Simon.txt', checked: 2, mismatched: [] });
    expect((await repo.getOriginal(db, id as never))?.fileName).toBe('Simon.txt');
    const after = await repo.listFragments(db, id as never);
    expect(after.map((f) => [f.id, f.anchor.start, f.anchor.end, f.codes, f.coderId]).sort()).toEqual(before.map((f) => [f.id, f.anchor.start, f.anchor.end, f.codes, f.coderId]).sort());
    for (const f of after) expect(f.anchor.exact).not.toContain(MISSING_CHAR);
    // And the project file now carries the text and the record of the attach.
    const file = parseProjectFile((await exportProject(db)).content);
    if ('error' in file) throw new Error(file.error.reason);
    expect(file.parsed.documents.find((d) => d.id === id)!.textAttached!.fileName).toBe('Simon.txt');
  });

  it('lists the passages whose known quote is not the chosen text at their position, and keeps them there', async () => {
    const { db, id, standIn } = await restored();
    const r = await attachText(db, pdf, id as never, src('interview-simon-final.txt', simonText(standIn).replace('so soggy,', 'so stale,')));
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.value.mismatched.map((m) => [m.known, m.found])).toEqual([
      ['I did try the gluten free bread, but it was always so soggy,', 'I did try the gluten free bread, but it was always so stale,'],
    ]);
    expect(r.value.document.textAttached!.mismatched).toEqual(['789a62d6-a2ad-4b59-ab90-ef1d4ab1868f']);
    const f = (await repo.getFragment(db, '789a62d6-a2ad-4b59-ab90-ef1d4ab1868f' as never))!;
    expect([f.anchor.start, f.anchor.end]).toEqual([215, 275]);
  });

  it('writes nothing when the text ends before the passages, or the document has its text already', async () => {
    const { db, id, standIn } = await restored();
    const r = await attachText(db, pdf, id as never, src('Simon.txt', 'Only a line.'));
    expect(r).toMatchObject({ ok: false, error: { file: 'Simon.txt', reason: 'text-too-short' } });
    expect((await repo.getDocument(db, id as never))!.textMissing).toBeDefined();
    expect((await repo.getText(db, id as never))!.text).toBe(standIn);
    expect(await repo.getOriginal(db, id as never)).toBeUndefined();
    const ok = await attachText(db, pdf, id as never, src('Simon.txt', simonText(standIn)));
    expect(ok.ok).toBe(true);
    expect(await attachText(db, pdf, id as never, src('Simon.txt', simonText(standIn)))).toMatchObject({ ok: false, error: { reason: 'text-not-missing' } });
  });
});
