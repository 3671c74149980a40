/**
 * Where rolling snapshots are kept: the browser's Origin Private File System (OPFS) where there is
 * one, else a second IndexedDB database. OPFS is the first choice because it is stored apart from
 * IndexedDB: when Chromium gives up on the IndexedDB store (disk full while committing), the
 * snapshots are still there. A snapshot is a project file's text with a little metadata.
 */

/** What a snapshot says about itself (its content is read separately). */
export interface SnapshotInfo {
  /** Unique within the project: the time in ms and the reason. */
  id: string;
  projectId: string;
  /** ISO 8601. */
  takenAt: string;
  /** Why it was taken: 'auto' (rolling), or before what ('restore', 'delete', 'merge', …). */
  reason: string;
  documents: number;
  fragments: number;
  /** Size of the content in bytes (UTF-16 length × 2 for the IndexedDB store). */
  size: number;
}

/** A place to keep snapshots. */
export interface SnapshotStore {
  readonly kind: 'opfs' | 'indexeddb';
  list(projectId: string): Promise<SnapshotInfo[]>;
  read(projectId: string, id: string): Promise<string | null>;
  write(info: Omit<SnapshotInfo, 'id' | 'size'>, content: string): Promise<SnapshotInfo>;
  remove(projectId: string, id: string): Promise<void>;
}

const REASON = /^[a-z-]+$/;

/** Newest first; within one millisecond by id, so the order is stable. */
function newestFirst(a: SnapshotInfo, b: SnapshotInfo): number {
  return b.takenAt.localeCompare(a.takenAt) || b.id.localeCompare(a.id);
}

/** A snapshot's id: its time in ms, a random tag (two in one millisecond stay apart) and its reason. */
function idOf(takenAt: string, reason: string): string {
  return `${Date.parse(takenAt)}-${Math.random().toString(36).slice(2, 8)}_${reason}`;
}

/** Snapshots as files in OPFS: `snapshots/<projectId>/<ms>_<reason>_<documents>_<fragments>.json`. */
class OpfsStore implements SnapshotStore {
  readonly kind = 'opfs' as const;
  constructor(private readonly root: FileSystemDirectoryHandle) {}

  private async dir(projectId: string): Promise<FileSystemDirectoryHandle> {
    const all = await this.root.getDirectoryHandle('snapshots', { create: true });
    return all.getDirectoryHandle(projectId.replace(/[^\w-]/g, '_'), { create: true });
  }

  async list(projectId: string): Promise<SnapshotInfo[]> {
    const dir = await this.dir(projectId);
    const out: SnapshotInfo[] = [];
    for await (const [name, handle] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
      const m = /^((\d+)-[a-z0-9]+_([a-z-]+))_(\d+)_(\d+)\.json$/.exec(name);
      if (!m || handle.kind !== 'file') continue;
      const file = await (handle as FileSystemFileHandle).getFile();
      out.push({ id: m[1]!, projectId, takenAt: new Date(Number(m[2])).toISOString(), reason: m[3]!, documents: Number(m[4]), fragments: Number(m[5]), size: file.size });
    }
    return out.sort(newestFirst);
  }

  private async fileName(projectId: string, id: string): Promise<string | null> {
    const dir = await this.dir(projectId);
    for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) if (name.startsWith(`${id}_`)) return name;
    return null;
  }

  async read(projectId: string, id: string): Promise<string | null> {
    const name = await this.fileName(projectId, id);
    if (!name) return null;
    return (await (await (await this.dir(projectId)).getFileHandle(name)).getFile()).text();
  }

  async write(info: Omit<SnapshotInfo, 'id' | 'size'>, content: string): Promise<SnapshotInfo> {
    if (!REASON.test(info.reason)) throw new Error(`bad snapshot reason ${info.reason}`);
    const id = idOf(info.takenAt, info.reason);
    const dir = await this.dir(info.projectId);
    const name = `${id}_${info.documents}_${info.fragments}.json`;
    // Written under a temporary name and renamed only when complete, so a half-written file is never listed.
    const temp = await dir.getFileHandle(`${name}.part`, { create: true });
    const w = await temp.createWritable();
    try {
      await w.write(content);
      await w.close();
    } catch (e) {
      await w.abort().catch(() => undefined);
      await dir.removeEntry(`${name}.part`).catch(() => undefined);
      throw e;
    }
    await (temp as unknown as { move(name: string): Promise<void> }).move(name);
    const size = (await (await dir.getFileHandle(name)).getFile()).size;
    return { ...info, id, size };
  }

  async remove(projectId: string, id: string): Promise<void> {
    const name = await this.fileName(projectId, id);
    if (name) await (await this.dir(projectId)).removeEntry(name);
  }
}

interface SnapshotRow extends SnapshotInfo {
  key: string;
  content: string;
}

/** Snapshots in a second IndexedDB database (where OPFS is missing). */
class IdbStore implements SnapshotStore {
  readonly kind = 'indexeddb' as const;
  private db: Promise<IDBDatabase> | null = null;

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const req = indexedDB.open('worthmark-snapshots', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('snapshots', { keyPath: 'key' }).createIndex('projectId', 'projectId');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    return this.db;
  }

  private async run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T> | undefined): Promise<T | undefined> {
    const db = await this.open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction('snapshots', mode);
      const req = fn(tx.objectStore('snapshots'));
      let result: T | undefined;
      if (req) req.onsuccess = () => (result = req.result);
      tx.oncomplete = () => resolve(result);
      tx.onabort = () => reject(tx.error);
    });
  }

  async list(projectId: string): Promise<SnapshotInfo[]> {
    const rows = ((await this.run('readonly', (s) => s.index('projectId').getAll(projectId))) ?? []) as SnapshotRow[];
    return rows.map(({ key: _key, content: _content, ...info }) => info).sort(newestFirst);
  }

  async read(projectId: string, id: string): Promise<string | null> {
    const row = (await this.run('readonly', (s) => s.get(`${projectId}/${id}`))) as SnapshotRow | undefined;
    return row?.content ?? null;
  }

  async write(info: Omit<SnapshotInfo, 'id' | 'size'>, content: string): Promise<SnapshotInfo> {
    const id = idOf(info.takenAt, info.reason);
    const full: SnapshotInfo = { ...info, id, size: content.length * 2 };
    await this.run('readwrite', (s) => s.put({ ...full, key: `${info.projectId}/${id}`, content } satisfies SnapshotRow));
    return full;
  }

  async remove(projectId: string, id: string): Promise<void> {
    await this.run('readwrite', (s) => s.delete(`${projectId}/${id}`));
  }
}

let store: Promise<SnapshotStore> | null = null;

/** The snapshot store of this browser: OPFS when it works, else IndexedDB. */
export function snapshotStore(): Promise<SnapshotStore> {
  store ??= (async () => {
    try {
      const root = await globalThis.navigator?.storage?.getDirectory?.();
      if (root && typeof (root as unknown as { getFileHandle?: unknown }).getFileHandle === 'function') {
        // Probe: some browsers expose OPFS but refuse writable streams (Safari in a page).
        const probe = await root.getFileHandle('.worthmark-probe', { create: true });
        if (typeof probe.createWritable === 'function' && typeof (probe as unknown as { move?: unknown }).move === 'function') return new OpfsStore(root);
      }
    } catch {
      // No OPFS here: fall back.
    }
    return new IdbStore();
  })();
  return store;
}
