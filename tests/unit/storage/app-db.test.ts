import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';

/** localStorage as the browser keeps it apart from IndexedDB (Node has none). */
class MemoryStorage {
  private readonly map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, String(v));
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}
(globalThis as unknown as { localStorage: MemoryStorage }).localStorage = new MemoryStorage();

/** A fresh copy of app-db.ts: what a page load gets. */
async function pageLoad() {
  vi.resetModules();
  return import('../../../src/storage/app-db.ts');
}

describe('opening the app’s project', () => {
  it('opens a new project, then tells that a project which existed has vanished instead of treating the empty database as new', async () => {
    const first = await pageLoad();
    const opened = await first.openAppDb();
    expect(opened).toMatchObject({ state: 'ok', fresh: true });
    const before = first.appGuard().projectId;
    await first.appDb().settings.put({ key: 'initialized', value: true });
    // The next load finds the same project.
    first.appDb().close();
    const second = await pageLoad();
    expect(await second.openAppDb()).toMatchObject({ state: 'ok', projectId: before, fresh: false });
    second.appDb().close();

    // The browser drops the database (as Chromium does after a disk-full commit).
    await Dexie.delete('worthmark');
    const third = await pageLoad();
    const again = await third.openAppDb();
    expect(again.state).toBe('vanished');
    expect(again.state === 'vanished' && again.lost.projectId).toBe(before);
    // Once the user accepts the empty project (or restored a snapshot), it is the project of this name.
    third.acceptCurrentProject();
    third.appDb().close();
    const fourth = await pageLoad();
    expect((await fourth.openAppDb()).state).toBe('ok');
    fourth.appDb().close();
  });
});
