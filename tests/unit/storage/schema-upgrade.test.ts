import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, SCHEMA_VERSIONS, WorthmarkDb } from '../../../src/storage/db.ts';
import { appDb, openAppDb } from '../../../src/storage/app-db.ts';
import { dumpRows, loadDatabase, type DbDump } from '../../fixtures/db/db-dump.ts';

const dir = new URL('../../fixtures/db/', import.meta.url);
const fixtures = readdirSync(dir)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as DbDump);

/** A row's primary key in a dumped store. */
function keyOf(dump: DbDump, store: string, row: unknown): unknown {
  const keyPath = dump.stores[store]!.keyPath as string;
  return (row as Record<string, unknown>)[keyPath];
}

async function plain(value: unknown): Promise<unknown> {
  if (value instanceof Blob) return { blob: await value.text(), type: value.type };
  if (Array.isArray(value)) return Promise.all(value.map(plain));
  if (value && typeof value === 'object') return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await plain(v)])));
  return value;
}

describe('schema versions', () => {
  it('has a fixture database for every shipped schema version', () => {
    expect(fixtures.map((f) => f.nativeVersion / 10).sort()).toEqual(SCHEMA_VERSIONS.map((v) => v.version));
  });

  it.each(fixtures.map((f) => [f.nativeVersion / 10, f] as const))('opens the version-%i fixture with the current code and loses nothing', async (version, dump) => {
    const name = `upgrade-from-v${version}`;
    await loadDatabase(dump, name);
    const db = new WorthmarkDb(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    for (const store of Object.keys(dump.stores)) {
      const stored = await db.table(store).toArray();
      const expected = dumpRows(dump, store);
      if (store === 'reviews' && Number(version) < 2) {
        // Version 2 turned a review row into a Review: its verdict a status, its note a comment.
        for (const row of expected as { fragmentId: string; coderId: string; verdict: string; note: string }[]) {
          const review = stored.find((r) => r.fragmentId === row.fragmentId && r.reviewerId === row.coderId);
          expect(review, `review of ${row.fragmentId}`).toBeTruthy();
          expect(review.status).toBe(row.verdict === 'agree' ? 'accepted' : row.verdict === 'disagree' ? 'rejected' : undefined);
          expect(review.comments.map((c: { text: string }) => c.text)).toContain(row.note);
        }
        continue;
      }
      expect(stored.length, store).toBe(expected.length);
      const byKey = new Map(stored.map((r) => [keyOf(dump, store, r), r]));
      for (const row of expected) {
        // Every row of the old version is there, with every field it had.
        expect(await plain(byKey.get(keyOf(dump, store, row))), `${store} ${String(keyOf(dump, store, row))}`).toMatchObject((await plain(row)) as object);
      }
    }
    // The write guard's row exists after the upgrade (version 3 added it).
    const guard = await db.meta.get('guard');
    expect(guard?.projectId).toMatch(/^[0-9a-f-]{36}$/);
    db.close();
    await Dexie.delete(name);
  });

  it('refuses a database written by a newer version with a reason, and leaves it untouched', async () => {
    // The app's database name (no localStorage in Node: the first project's).
    const newer = new Dexie('worthmark');
    newer.version(SCHEMA_VERSION + 1).stores({ documents: 'id', future: 'id' });
    await newer.open();
    await newer.table('future').put({ id: 'x', kept: true });
    newer.close();

    const outcome = await openAppDb();
    expect(outcome).toEqual({ state: 'newer', version: SCHEMA_VERSION + 1 });
    expect(appDb().isOpen()).toBe(false);
    // Untouched: same version, same data.
    const again = new Dexie('worthmark');
    await again.open();
    expect(again.verno).toBe(SCHEMA_VERSION + 1);
    expect(await again.table('future').get('x')).toEqual({ id: 'x', kept: true });
    again.close();
  });
});
