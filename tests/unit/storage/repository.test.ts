import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { WorthmarkDb } from '../../../src/storage/db.ts';
import * as repo from '../../../src/storage/repository.ts';
import type { CoderId, DocumentId, Fragment, FragmentId, PolicyDocument } from '../../../src/model/index.ts';
import { anchorFromRange } from '../../../src/model/index.ts';
import { freshDbs } from '../support/db.ts';

const freshDb = freshDbs('test');

const TEXT = 'Cultuur is internationaal.\n\nDe regio werkt over de grenzen heen.';
function doc(id: string, hash = `hash-${id}`): PolicyDocument {
  return {
    id: id as DocumentId,
    title: `Doc ${id}`,
    fileName: `${id}.txt`,
    format: 'txt',
    contentHash: hash,
    pages: [{ index: 1, label: '1', start: 0, end: TEXT.length }],
    charCount: TEXT.length,
    meta: {},
    report: { joinedHyphens: 0, removedLines: [], pageCount: 1 },
    createdAt: new Date(2026, 0, Number(id.replace(/\D/g, '') || 1)).toISOString(),
  };
}
function fragment(id: string, documentId: string, start: number, end: number): Fragment {
  return {
    id: id as FragmentId,
    documentId: documentId as DocumentId,
    anchor: anchorFromRange(TEXT, start, end),
    codes: [],
    flags: [],
    memo: '',
    coderId: 'c1' as CoderId,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}
async function addDoc(db: WorthmarkDb, id: string): Promise<void> {
  await repo.addDocument(db, doc(id), { documentId: id as DocumentId, text: TEXT, blocks: [] });
}

describe('repository', () => {
  it('keeps a document and its text after the database is closed and opened again', async () => {
    const name = 'reopen';
    const db = freshDb(name);
    await addDoc(db, 'd1');
    await repo.putFragment(db, fragment('f1', 'd1', 11, 25));
    db.close();
    const again = freshDb(name);
    expect((await repo.listDocuments(again)).map((d) => d.id)).toEqual(['d1']);
    expect((await repo.getText(again, 'd1' as DocumentId))?.text).toBe(TEXT);
    expect((await repo.listFragments(again)).map((f) => f.anchor.exact)).toEqual(['internationaal']);
  });

  it('stores nothing of a document when one of its writes fails', async () => {
    const db = freshDb();
    await addDoc(db, 'd1');
    // Same text key as d1 → the texts.add fails inside the transaction.
    const clash = repo.addDocument(db, doc('d2'), { documentId: 'd1' as DocumentId, text: 'x', blocks: [] });
    await expect(clash).rejects.toThrow();
    expect((await repo.listDocuments(db)).map((d) => d.id)).toEqual(['d1']);
  });

  it('finds a document by its content hash', async () => {
    const db = freshDb();
    await addDoc(db, 'd1');
    expect((await repo.findDocumentByHash(db, 'hash-d1'))?.id).toBe('d1');
    expect(await repo.findDocumentByHash(db, 'nope')).toBeUndefined();
  });

  it('lists a document\'s fragments in reading order', async () => {
    const db = freshDb();
    await addDoc(db, 'd1');
    await addDoc(db, 'd2');
    await repo.putFragment(db, fragment('f2', 'd1', 40, 50));
    await repo.putFragment(db, fragment('f1', 'd1', 0, 7));
    await repo.putFragment(db, fragment('f3', 'd2', 5, 9));
    expect((await repo.listFragments(db, 'd1' as DocumentId)).map((f) => f.id)).toEqual(['f1', 'f2']);
    expect(await repo.listFragments(db)).toHaveLength(3);
  });

  it('deletes a document together with its text, fragments and hit decisions', async () => {
    const db = freshDb();
    await addDoc(db, 'd1');
    await addDoc(db, 'd2');
    await repo.putFragment(db, fragment('f1', 'd1', 0, 7));
    await repo.putFragment(db, fragment('f2', 'd2', 0, 7));
    await db.hits.add({ id: 'h1', searchId: 's', documentId: 'd1', start: 0, end: 3, state: 'dismissed', decidedAt: '' });
    await repo.deleteDocuments(db, ['d1' as DocumentId]);
    expect((await repo.listDocuments(db)).map((d) => d.id)).toEqual(['d2']);
    expect(await repo.getText(db, 'd1' as DocumentId)).toBeUndefined();
    expect((await repo.listFragments(db)).map((f) => f.id)).toEqual(['f2']);
    expect(await db.hits.count()).toBe(0);
  });

  it('returns the fallback for a setting never set, and the stored value after setting it', async () => {
    const db = freshDb();
    expect(await repo.getSetting(db, 'lang', 'en')).toBe('en');
    await repo.setSetting(db, 'lang', 'nl');
    expect(await repo.getSetting(db, 'lang', 'en')).toBe('nl');
  });

  it('restores a snapshot into an empty database exactly', async () => {
    const a = freshDb();
    await addDoc(a, 'd1');
    await repo.putFragment(a, fragment('f1', 'd1', 11, 25));
    await repo.setSetting(a, 'lang', 'nl');
    await a.hits.add({ id: 'h1', searchId: 's1', documentId: 'd1', start: 11, end: 25, state: 'dismissed', reason: 'x', decidedAt: '2026-01-01T00:00:00.000Z' });
    const snap = await repo.readSnapshot(a);
    expect(snap.hits).toHaveLength(1);
    const b = freshDb();
    await repo.setSetting(b, 'leftover', true);
    await repo.replaceWithSnapshot(b, snap);
    expect(await repo.readSnapshot(b)).toEqual(snap);
  });

  it('leaves the database as it was when a snapshot cannot be restored', async () => {
    const db = freshDb();
    await addDoc(db, 'd1');
    const before = await repo.readSnapshot(db);
    const broken = { ...before, fragments: [fragment('f1', 'd1', 0, 3), fragment('f1', 'd1', 0, 3)] };
    await expect(repo.replaceWithSnapshot(db, broken)).rejects.toThrow();
    expect(await repo.readSnapshot(db)).toEqual(before);
  });
});

describe('restoring a snapshot keeps what a project file does not carry', () => {
  it('keeps the original file of a document restored with the same content, and drops the others', async () => {
    const db = freshDb();
    await repo.addDocument(db, doc('d1'), { documentId: 'd1' as DocumentId, text: TEXT, blocks: [] }, { documentId: 'd1', fileName: 'd1.pdf', type: 'application/pdf', blob: new Blob(['%PDF-1']) });
    await repo.addDocument(db, doc('d2'), { documentId: 'd2' as DocumentId, text: TEXT, blocks: [] }, { documentId: 'd2', fileName: 'd2.pdf', type: 'application/pdf', blob: new Blob(['%PDF-2']) });
    const snap = await repo.readSnapshot(db);
    // d2 comes back with other content (another hash): its stored original no longer belongs to it.
    const changed = { ...snap, documents: snap.documents.map((d) => (d.id === 'd2' ? { ...d, contentHash: 'other' } : d)) };
    await repo.replaceWithSnapshot(db, changed);
    expect((await db.originals.toArray()).map((o) => o.documentId)).toEqual(['d1']);
  });

  it('tells per document whether its original is stored, so the reader offers the original page only then', async () => {
    const db = freshDb();
    await repo.addDocument(db, doc('d1'), { documentId: 'd1' as DocumentId, text: TEXT, blocks: [] }, { documentId: 'd1', fileName: 'd1.pdf', type: 'application/pdf', blob: new Blob(['%PDF-1']) });
    await repo.addDocument(db, doc('d2'), { documentId: 'd2' as DocumentId, text: TEXT, blocks: [] });
    expect(await repo.hasOriginal(db, 'd1' as DocumentId)).toBe(true);
    expect(await repo.hasOriginal(db, 'd2' as DocumentId)).toBe(false);
  });

  it("keeps this browser's language and coder, with the coder's record, over the file's", async () => {
    const db = freshDb();
    await repo.putCoder(db, { id: 'me' as CoderId, name: 'Begeleider', initials: 'BG' });
    await repo.setSetting(db, 'coderId', 'me');
    await repo.setSetting(db, 'lang', 'nl');
    const snap: repo.ProjectSnapshot = {
      documents: [], texts: [], codebooks: [], fragments: [], searches: [], hits: [],
      coders: [{ id: 'student' as CoderId, name: 'Student', initials: 'ST' }],
      settings: [{ key: 'coderId', value: 'student' }, { key: 'lang', value: 'en' }, { key: 'codebookId', value: 'b' }],
    };
    await repo.replaceWithSnapshot(db, snap);
    expect(await repo.getSetting(db, 'coderId', null)).toBe('me');
    expect(await repo.getSetting(db, 'lang', null)).toBe('nl');
    expect(await repo.getSetting(db, 'codebookId', null)).toBe('b');
    expect((await repo.listCoders(db)).map((c) => c.id).sort()).toEqual(['me', 'student']);
  });
});
