import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as repo from '../../../src/storage/repository.ts';
import type { DocumentId } from '../../../src/model/index.ts';
import { importFiles, importPastedText, type ImportSource } from '../../../src/actions/import-files.ts';
import { keepNearDuplicate, skipNearDuplicate } from '../../../src/actions/near-duplicates.ts';
import { nodePdfSource } from '../../../src/import/pdf-node.ts';
import { columnsPdf, oneColumnPdf } from '../../fixtures/make-pdf-faults.ts';
import { freshDbs } from '../support/db.ts';

const pdf = nodePdfSource();
const src = (name: string, bytes: Uint8Array): ImportSource => ({ name, bytes: async () => bytes });
const freshDb = freshDbs('near-duplicates');

describe('near-duplicates on import', () => {
  it('flags a one-column print of a two-column report, and not the first import', async () => {
    const db = freshDb();
    const [first, second] = await importFiles(db, pdf, [src('kolommen.pdf', (await columnsPdf()).bytes), src('eenkoloms.pdf', (await oneColumnPdf()).bytes)]);
    expect(first!.ok && first!.value.nearDuplicate).toBeUndefined();
    expect(second!.ok && second!.value.nearDuplicate).toMatchObject({ of: first!.ok && first!.value.id, title: 'Internationale samenwerking in de regio' });
    expect(second!.ok && second!.value.nearDuplicate!.similarity).toBeGreaterThanOrEqual(0.8);
  }, 30_000);

  it('keeps both on request (the flag goes) or skips the new one (it is removed)', async () => {
    const db = freshDb();
    const text = Array.from({ length: 40 }, (_, i) => `De regio werkt in jaar ${2000 + i} internationaal samen met partners over de grens.`).join(' ');
    const a = await importPastedText(db, text, 'Origineel');
    const b = await importPastedText(db, text.replace('jaar 2003', 'het jaar 2003'), 'Kopie');
    const c = await importPastedText(db, text.replace('jaar 2005', 'het jaar 2005'), 'Nog een kopie');
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (!a.ok || !b.ok || !c.ok) return;
    expect(b.value.nearDuplicate?.of).toBe(a.value.id);
    await keepNearDuplicate(db, b.value.id);
    expect((await repo.getDocument(db, b.value.id))!.nearDuplicate).toBeUndefined();
    expect((await skipNearDuplicate(db, c.value.id))?.title).toBe('Nog een kopie');
    expect((await repo.listDocuments(db)).map((d) => d.title).sort()).toEqual(['Kopie', 'Origineel']);
  });

  it('finds a near-duplicate of a document stored before this session (its sketch read from its text)', async () => {
    const db = freshDb();
    const text = Array.from({ length: 30 }, (_, i) => `Zin ${i} over erfgoed en musea in de regio, met bezoekers uit het buitenland.`).join(' ');
    // Stored directly, as a restored project or an earlier session leaves it: no sketch in memory.
    const id = 'doc-ouder' as DocumentId;
    await repo.addDocument(db, { id, title: 'Ouder document', fileName: 'ouder.txt', format: 'txt', contentHash: 'x', pages: [{ index: 1, label: '1', start: 0, end: text.length }], charCount: text.length, meta: {}, report: { joinedHyphens: 0, removedLines: [], pageCount: 1 }, createdAt: new Date().toISOString() }, { documentId: id, text, blocks: [] });
    const b = await importPastedText(db, `${text} Een zin erbij.`, 'Nieuwer document');
    expect(b.ok && b.value.nearDuplicate?.title).toBe('Ouder document');
  });
});
