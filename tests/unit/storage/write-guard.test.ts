import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fragment, FragmentId, DocumentId, CoderId } from '../../../src/model/index.ts';
import { WorthmarkDb } from '../../../src/storage/db.ts';
import * as repo from '../../../src/storage/repository.ts';
import { StorageFailedError, WriteGuard, mirrorRows } from '../../../src/storage/write-guard.ts';

let n = 0;
const open: WorthmarkDb[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** A database with a started write guard (a second one on the same name is another tab). */
async function guarded(name = `guard-${++n}`): Promise<{ db: WorthmarkDb; guard: WriteGuard; name: string }> {
  const db = new WorthmarkDb(name, { autoOpen: false });
  open.push(db);
  const guard = new WriteGuard(db);
  await guard.start();
  return { db, guard, name };
}

function fragment(id: string): Fragment {
  return {
    id: id as FragmentId,
    documentId: 'doc' as DocumentId,
    anchor: { start: 0, end: 4, exact: 'Text', prefix: '', suffix: '' },
    codes: [],
    flags: [],
    memo: '',
    coderId: 'c' as CoderId,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('the write guard', () => {
  it('counts each committed write transaction in the database and mirrors what was committed', async () => {
    const { db, guard } = await guarded();
    const before = (await db.meta.get('guard'))!.writes;
    await repo.putFragment(db, fragment('f1'));
    await repo.setSetting(db, 'lang', 'nl');
    expect((await db.meta.get('guard'))!.writes).toBe(before + 2);
    expect(mirrorRows<Fragment>(guard.mirror, 'fragments').map((f) => f.id)).toEqual(['f1']);
    expect(mirrorRows(guard.mirror, 'settings')).toEqual([{ key: 'lang', value: 'nl' }]);
    await repo.deleteFragment(db, 'f1' as FragmentId);
    expect(mirrorRows(guard.mirror, 'fragments')).toEqual([]);
  });

  it('leaves a transaction that aborted out of the mirror', async () => {
    const { db, guard } = await guarded();
    await expect(
      db.transaction('rw', db.fragments, async () => {
        await db.fragments.put(fragment('f2'));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await db.fragments.count()).toBe(0);
    expect(mirrorRows(guard.mirror, 'fragments')).toEqual([]);
    expect(guard.failed).toBeNull();
  });

  it('lets two tabs write to the same project', async () => {
    const a = await guarded();
    const b = await guarded(a.name);
    await repo.putFragment(a.db, fragment('from-a'));
    await repo.putFragment(b.db, fragment('from-b'));
    await repo.putFragment(a.db, fragment('from-a-again'));
    expect(a.guard.failed).toBeNull();
    expect(b.guard.failed).toBeNull();
    expect(await a.db.fragments.count()).toBe(3);
  });

  it('refuses to write into a database that was replaced under the app, and says so', async () => {
    const { db, guard, name } = await guarded();
    await repo.putFragment(db, fragment('kept'));
    const failures: string[] = [];
    guard.onFailure((f) => failures.push(f.kind));
    // What a reopened, recreated database looks like: another project id.
    const other = new WorthmarkDb(name);
    open.push(other);
    await other.meta.put({ key: 'guard', projectId: 'someone-else', writes: 0 });
    await expect(repo.putFragment(db, fragment('lost'))).rejects.toBeInstanceOf(StorageFailedError);
    expect(failures).toEqual(['replaced']);
    expect(await other.fragments.get('lost' as FragmentId)).toBeUndefined();
    // Every later write is refused at once, and the mirror still holds what was saved.
    await expect(repo.setSetting(db, 'lang', 'en')).rejects.toBeInstanceOf(StorageFailedError);
    expect(mirrorRows<Fragment>(guard.mirror, 'fragments').map((f) => f.id)).toEqual(['kept']);
  });

  it('refuses to write once the browser closed the connection', async () => {
    const { db, guard } = await guarded();
    (db.on as unknown as { close: { fire(e: Event): void } }).close.fire(new Event('close'));
    expect(guard.failed?.kind).toBe('closed');
    await expect(repo.putFragment(db, fragment('x'))).rejects.toBeInstanceOf(StorageFailedError);
  });

  it('refuses a write counter that went down (an older copy of the database put back)', async () => {
    const { db, name } = await guarded();
    await repo.putFragment(db, fragment('a'));
    await repo.putFragment(db, fragment('b'));
    const other = new WorthmarkDb(name);
    open.push(other);
    const row = (await other.meta.get('guard'))!;
    await other.meta.put({ ...row, writes: 0 });
    await expect(repo.putFragment(db, fragment('c'))).rejects.toMatchObject({ failure: { kind: 'replaced' } });
  });
});
