// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import Dexie, { type ObservabilitySet } from 'dexie';
import { afterAll, describe, expect, it } from 'vitest';
import { appDb } from '../../../src/storage/app-db.ts';
import { WorthmarkDb } from '../../../src/storage/db.ts';
import { changedFragmentIds, useDocumentFragments } from '../../../src/storage/hooks.ts';
import * as repo from '../../../src/storage/repository.ts';
import type { CoderId, DocumentId, Fragment, FragmentId } from '../../../src/model/index.ts';
import { anchorFromRange } from '../../../src/model/index.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const TEXT = 'Cultuur is internationaal. De regio werkt over de grenzen heen en de gemeente zorgt voor iedereen.';
function fragment(id: string, documentId: string, start: number, end: number, memo = ''): Fragment {
  return {
    id: id as FragmentId,
    documentId: documentId as DocumentId,
    anchor: anchorFromRange(TEXT, start, end),
    codes: [],
    flags: [],
    memo,
    coderId: 'c1' as CoderId,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** The mutation reports Dexie gives while `write` runs. */
async function reports(write: () => Promise<unknown>): Promise<ObservabilitySet[]> {
  const seen: ObservabilitySet[] = [];
  const listen = (parts: ObservabilitySet) => void seen.push(parts);
  Dexie.on('storagemutated', listen);
  try {
    await write();
    await new Promise((r) => setTimeout(r, 20));
  } finally {
    Dexie.on('storagemutated').unsubscribe(listen);
  }
  return seen;
}

describe('changedFragmentIds', () => {
  const db = new WorthmarkDb('hooks-ids');
  afterAll(() => db.close());

  it('names the fragments a put or delete touched', async () => {
    const put = await reports(() => repo.putFragment(db, fragment('f1', 'd1', 0, 7)));
    expect(put.map((p) => changedFragmentIds(p, db.name))).toContainEqual(['f1']);
    const gone = await reports(() => db.fragments.delete('f1' as FragmentId));
    expect(gone.map((p) => changedFragmentIds(p, db.name))).toContainEqual(['f1']);
  });

  it('says "all" for a batch too large to name and null for writes that leave fragments alone', async () => {
    const many = Array.from({ length: 60 }, (_, i) => fragment(`m${i}`, 'd1', i, i + 5));
    const batch = await reports(() => db.fragments.bulkPut(many));
    expect(batch.map((p) => changedFragmentIds(p, db.name))).toContain('all');
    const other = await reports(() => repo.setSetting(db, 'lang', 'nl'));
    expect(other.map((p) => changedFragmentIds(p, db.name)).every((x) => x === null)).toBe(true);
  });
});

describe('useDocumentFragments', () => {
  it('follows writes to its document in reading order and keeps unchanged fragments as they were', async () => {
    const db = appDb();
    await db.open(); // the app's database never opens by itself (app-db.ts)
    await repo.putFragment(db, fragment('b', 'doc', 27, 35));
    await repo.putFragment(db, fragment('a', 'doc', 0, 7));
    await repo.putFragment(db, fragment('x', 'other', 0, 7));
    const seen: Array<Fragment[] | undefined> = [];
    function Probe() {
      seen.push(useDocumentFragments('doc' as DocumentId));
      return null;
    }
    const root = createRoot(document.createElement('div'));
    // Waits (inside act, so React applies the hook's updates) until the hook shows `ids`.
    const shows = async (ids: string[]) => {
      for (let i = 0; i < 200 && seen.at(-1)?.map((f) => f.id).join() !== ids.join(); i++) {
        await act(() => new Promise((r) => setTimeout(r, 10)));
      }
      return seen.at(-1)!;
    };
    await act(async () => root.render(createElement(Probe)));
    const first = await shows(['a', 'b']);
    expect(first.map((f) => f.id)).toEqual(['a', 'b']);

    await act(() => repo.putFragment(db, fragment('c', 'doc', 11, 20, 'new')));
    const second = await shows(['a', 'c', 'b']);
    expect(second.map((f) => f.id)).toEqual(['a', 'c', 'b']);
    // Only the written fragment was read back: the others are the same objects.
    expect(second[0]).toBe(first[0]);
    expect(second[2]).toBe(first[1]);

    await act(async () => {
      await repo.putFragment(db, { ...fragment('a', 'doc', 0, 7), memo: 'changed' });
      await db.fragments.delete('b' as FragmentId);
      await repo.putFragment(db, fragment('y', 'other', 11, 20));
    });
    const third = await shows(['a', 'c']);
    for (let i = 0; i < 20; i++) await act(() => new Promise((r) => setTimeout(r, 5)));
    expect(seen.at(-1)!.map((f) => [f.id, f.memo])).toEqual([
      ['a', 'changed'],
      ['c', 'new'],
    ]);
    expect(third[1]).toBe(second[1]);
    act(() => root.unmount());
  });
});
