import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { WorthmarkDb } from '../../../src/storage/db.ts';
import * as repo from '../../../src/storage/repository.ts';
import { importFiles, type ImportSource } from '../../../src/actions/import-files.ts';
import { reextractDocument } from '../../../src/actions/reextract.ts';
import { nodePdfSource } from '../../../src/import/pdf-node.ts';
import { anchorFromRange, newId, type CodeId, type CoderId, type DocumentId, type Fragment, type FragmentId } from '../../../src/model/index.ts';
import { twoColumnPdf } from '../../fixtures/make-fixtures.ts';
import { freshDbs } from '../support/db.ts';

const pdf = nodePdfSource();
const src = (name: string, bytes: Uint8Array): ImportSource => ({ name, bytes: async () => bytes });
const utf8 = (s: string) => new TextEncoder().encode(s);

const freshDb = freshDbs('reextract');

async function importOne(db: WorthmarkDb, name: string, bytes: Uint8Array) {
  const [r] = await importFiles(db, pdf, [src(name, bytes)]);
  if (!r?.ok) throw new Error(`import failed: ${JSON.stringify(r)}`);
  return r.value;
}

/** Codes [start, end) of the document's current text as a fragment. */
async function code(db: WorthmarkDb, documentId: DocumentId, start: number, end: number): Promise<Fragment> {
  const text = (await repo.getText(db, documentId))!.text;
  const now = new Date().toISOString();
  const f: Fragment = {
    id: newId<FragmentId>(),
    documentId,
    anchor: anchorFromRange(text, start, end),
    codes: ['civic' as CodeId],
    flags: [],
    memo: 'belangrijk',
    coderId: 'c1' as CoderId,
    createdAt: now,
    updatedAt: now,
  };
  await repo.putFragment(db, f);
  return f;
}

describe('re-extracting a document from its original', () => {
  it('puts removed running lines back and keeps a fragment that spans the page break where they return', async () => {
    const db = freshDb();
    const doc = await importOne(db, 'twente.pdf', await twoColumnPdf());
    const text = (await repo.getText(db, doc.id))!.text;
    // From the end of page 1's right column into page 2's left column: a header comes back in between.
    const start = text.indexOf('Zin 6 over', text.indexOf('rechtswoord1'));
    const end = text.indexOf('Zin 2 over', text.indexOf('linkswoord2'));
    const spanning = await code(db, doc.id, start, end);
    const at = text.indexOf('Zin 3 over', text.indexOf('rechtswoord4'));
    const later = await code(db, doc.id, at, at + 40);

    const r = await reextractDocument(db, pdf, doc.id, { keepRunningLines: true });
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.value.orphaned).toEqual([]);
    const after = (await repo.getText(db, doc.id))!.text;
    expect(after).toContain('Regioprofiel Twente 2021-2024');
    const stored = await repo.getDocument(db, doc.id);
    expect(stored).toMatchObject({ extraction: { keepRunningLines: true }, report: { removedLines: [], keptRunningLines: 10 }, reextraction: { anchored: 2, orphaned: [] } });

    const moved = await repo.getFragment(db, later.id);
    expect(moved!.anchor.exact).toBe(later.anchor.exact);
    expect(after.slice(moved!.anchor.start, moved!.anchor.end)).toBe(later.anchor.exact);
    expect(moved!.memo).toBe('belangrijk');
    const span = await repo.getFragment(db, spanning.id);
    const spanText = after.slice(span!.anchor.start, span!.anchor.end);
    expect(spanText.startsWith('Zin 6 over')).toBe(true);
    expect(spanText).toContain('Pagina 1 van 5');
    expect(spanText).toContain('linkswoord2');
  });

  it('removes the running lines again on redo, and the fragments follow', async () => {
    const db = freshDb();
    const doc = await importOne(db, 'twente.pdf', await twoColumnPdf());
    const text = (await repo.getText(db, doc.id))!.text;
    const at = text.indexOf('Zin 4 over', text.indexOf('linkswoord3'));
    const f = await code(db, doc.id, at, at + 30);
    await reextractDocument(db, pdf, doc.id, { keepRunningLines: true });
    const r = await reextractDocument(db, pdf, doc.id, {});
    expect(r.ok).toBe(true);
    expect((await repo.getText(db, doc.id))!.text).toBe(text);
    expect((await repo.getFragment(db, f.id))!.anchor).toEqual(f.anchor);
    expect((await repo.getDocument(db, doc.id))!.extraction).toBeUndefined();
  });

  it('lists a fragment whose quote is gone as an orphan and keeps it with its codes and memo', async () => {
    const db = freshDb();
    const doc = await importOne(db, 'notitie.txt', utf8('Eerste alinea over musea.\n\nTweede alinea over de internationale samenwerking met Vlaanderen.\n'));
    const text = (await repo.getText(db, doc.id))!.text;
    const kept = await code(db, doc.id, text.indexOf('Eerste'), text.indexOf('musea') + 5);
    const lost = await code(db, doc.id, text.indexOf('internationale'), text.indexOf('Vlaanderen') + 10);
    // A "better" original: the second paragraph reads differently now.
    await db.originals.update(doc.id, { blob: new Blob(['Eerste alinea over musea.\n\nTweede alinea over iets heel anders.\n']) });

    const r = await reextractDocument(db, pdf, doc.id, {});
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.value.orphaned.map((f) => f.id)).toEqual([lost.id]);
    const orphan = (await repo.getFragment(db, lost.id))!;
    expect(orphan).toMatchObject({ codes: ['civic'], memo: 'belangrijk', anchor: { exact: lost.anchor.exact } });
    expect(orphan.anchor.end).toBe(orphan.anchor.start);
    expect((await repo.getDocument(db, doc.id))!.reextraction!.orphaned).toEqual([lost.id]);
    expect((await repo.getFragment(db, kept.id))!.anchor).toEqual(kept.anchor);
  });

  it('moves a dismissed search hit with its text', async () => {
    const db = freshDb();
    const doc = await importOne(db, 'twente.pdf', await twoColumnPdf());
    const text = (await repo.getText(db, doc.id))!.text;
    const at = text.indexOf('internationaal', text.indexOf('rechtswoord3'));
    await db.hits.put({ id: repo.hitDecisionId('s1', doc.id, at, at + 14), searchId: 's1', documentId: doc.id, start: at, end: at + 14, state: 'dismissed', decidedAt: new Date().toISOString() });
    await reextractDocument(db, pdf, doc.id, { keepRunningLines: true });
    const [hit] = await db.hits.toArray();
    const after = (await repo.getText(db, doc.id))!.text;
    expect(hit!.start).toBeGreaterThan(at);
    expect(after.slice(hit!.start, hit!.end)).toBe('internationaal');
    expect(hit!.id).toBe(repo.hitDecisionId('s1', doc.id, hit!.start, hit!.end));
  });

  it('fails without writing anything when the original is not stored', async () => {
    const db = freshDb();
    const doc = await importOne(db, 'notitie.txt', utf8('Een korte notitie.\n'));
    await db.originals.delete(doc.id);
    const r = await reextractDocument(db, pdf, doc.id, {});
    expect(r).toEqual({ ok: false, error: { file: 'notitie.txt', reason: 'no-original' } });
    expect((await repo.getDocument(db, doc.id))!.reextraction).toBeUndefined();
  });

  it('carries over a fragment coded and a title edited while the extraction ran, instead of overwriting them', async () => {
    const db = freshDb();
    const doc = await importOne(db, 'twente.pdf', await twoColumnPdf());
    const text = (await repo.getText(db, doc.id))!.text;
    let during: Fragment | undefined;
    // The extraction takes seconds in the app; meanwhile the coder goes on.
    const busyPdf: typeof pdf = {
      async extract(bytes, onProgress, signal) {
        const at = text.indexOf('Zin 3 over', text.indexOf('rechtswoord4'));
        during = await code(db, doc.id, at, at + 40);
        await repo.updateDocument(db, doc.id, { title: 'Twente, herzien' });
        return pdf.extract(bytes, onProgress, signal);
      },
    };
    const r = await reextractDocument(db, busyPdf, doc.id, { keepRunningLines: true });
    if (!r.ok) throw new Error(r.error.reason);
    const after = (await repo.getText(db, doc.id))!.text;
    expect(after).toContain('Regioprofiel Twente 2021-2024'); // the new text, with running lines
    const moved = await repo.getFragment(db, during!.id);
    expect(after.slice(moved!.anchor.start, moved!.anchor.end)).toBe(during!.anchor.exact);
    expect(moved!.anchor.start).not.toBe(during!.anchor.start); // the running lines shifted it
    expect(r.value.document.title).toBe('Twente, herzien');
    expect((await repo.getDocument(db, doc.id))!.title).toBe('Twente, herzien');
    expect(r.value.document.reextraction).toMatchObject({ anchored: 1, orphaned: [] });
  });

  it('writes nothing when the document is deleted while the extraction runs', async () => {
    const db = freshDb();
    const doc = await importOne(db, 'notitie.txt', utf8('Een korte notitie.\n'));
    const goingPdf: typeof pdf = {
      async extract() {
        throw new Error('a .txt is not read by pdf.js');
      },
    };
    // A .txt re-extracts without pdf.js; delete it from inside the progress callback instead.
    let deleted = false;
    const r = await reextractDocument(db, goingPdf, doc.id, {}, {
      onProgress: () => {
        if (!deleted) {
          deleted = true;
          void repo.deleteDocuments(db, [doc.id]);
        }
      },
    });
    expect(deleted).toBe(true);
    expect(r).toMatchObject({ ok: false, error: { reason: 'no-original', detail: 'the document was deleted during re-extraction' } });
    expect(await repo.getDocument(db, doc.id)).toBeUndefined();
    expect(await repo.getText(db, doc.id)).toBeUndefined();
  });
});
