import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { SCHEMA_V1, WorthmarkDb, SCHEMA_VERSION } from '../../../src/storage/db.ts';

/** Writes a database as schema version 1 declared it (before reviews had a status and thread). */
async function writeVersion1(name: string): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  await v1.table('fragments').add({
    id: 'f1',
    documentId: 'd1',
    anchor: { start: 0, end: 7, exact: 'Cultuur', prefix: '', suffix: ' is' },
    codes: ['civic'],
    flags: [],
    memo: '',
    coderId: 'anna',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  });
  await v1.table('reviews').bulkAdd([
    { id: 'r1', fragmentId: 'f1', coderId: 'prof', verdict: 'disagree', note: 'Eerder markt.', createdAt: '2026-01-02T00:00:00.000Z' },
    { id: 'r2', fragmentId: 'f1', coderId: 'bob', verdict: 'comment', note: 'Twijfel', createdAt: '2026-01-03T00:00:00.000Z' },
  ]);
  v1.close();
}

describe('schema version 2', () => {
  it('opens a version-1 database and turns its review rows into reviews with a status and a thread', async () => {
    await writeVersion1('schema-v1-reviews');
    const db = new WorthmarkDb('schema-v1-reviews');
    try {
      await db.open();
      expect(db.verno).toBe(SCHEMA_VERSION); // version 2's upgrade ran on the way to the current one
      expect((await db.fragments.get('f1' as never))?.coderId).toBe('anna');
      expect(await db.reviews.orderBy('id').toArray()).toEqual([
        {
          id: 'f1:bob',
          fragmentId: 'f1',
          documentId: 'd1',
          reviewerId: 'bob',
          quote: 'Cultuur',
          comments: [{ id: 'r2', authorId: 'bob', at: '2026-01-03T00:00:00.000Z', text: 'Twijfel' }],
          updatedAt: '2026-01-03T00:00:00.000Z',
        },
        {
          id: 'f1:prof',
          fragmentId: 'f1',
          documentId: 'd1',
          reviewerId: 'prof',
          status: 'rejected',
          statusAt: '2026-01-02T00:00:00.000Z',
          quote: 'Cultuur',
          comments: [{ id: 'r1', authorId: 'prof', at: '2026-01-02T00:00:00.000Z', text: 'Eerder markt.' }],
          updatedAt: '2026-01-02T00:00:00.000Z',
        },
      ]);
      expect(await db.conflicts.count()).toBe(0);
      expect(await db.deletions.count()).toBe(0);
      expect(await db.reviews.where('documentId').equals('d1').count()).toBe(2);
    } finally {
      db.close();
    }
  });
});
