/**
 * The write guard: storage failure is loud and lossless.
 *
 * Policy:
 * - Every write transaction also reads and bumps the guard row (`meta.guard`: project id and
 *   write counter). When the row is gone, names another project, or counts fewer writes than this
 *   tab has already seen, the database vanished or was replaced under the app (Chromium drops a
 *   database after a disk-full commit, and a reopen then makes a new empty one): the write is
 *   refused and the guard fails. Other tabs' writes only raise the counter, so they pass.
 * - A transaction that aborts for lack of space or an I/O error, a connection the browser closed
 *   (`onclose`) and another tab's upgrade (`versionchange`) fail the guard as well.
 * - Once failed, every further write throws {@link StorageFailedError} at once, so nothing is
 *   reported as saved that was not, and listeners are told (the app shows a banner).
 * - A mirror of the project (every table but the original files) is kept in memory and updated
 *   only when a transaction commits, so after a failure the app can still offer everything that
 *   was saved as a project file.
 * - Each committed write is counted for the rolling snapshots (`onCommitted`).
 */
import { cmp, type DBCore, type DBCoreMutateRequest, type DBCoreTransaction } from 'dexie';
import type { GuardRow, WorthmarkDb } from './db.ts';

/** Why storage stopped. */
export type StorageFailure =
  | { kind: 'disk-full'; detail: string }
  | { kind: 'write-failed'; detail: string }
  | { kind: 'closed'; detail: string }
  | { kind: 'replaced'; detail: string }
  | { kind: 'upgraded-elsewhere'; detail: string }
  | { kind: 'newer-version'; detail: string };

/** A write refused because storage failed earlier (or fails now); nothing of it was saved. */
export class StorageFailedError extends Error {
  constructor(readonly failure: StorageFailure) {
    super(`storage failed (${failure.kind}): ${failure.detail}`);
    this.name = 'StorageFailedError';
  }
}

/** The project as last committed: table name → primary key → row. */
export type Mirror = Map<string, Map<unknown, unknown>>;

/** Tables not mirrored: original files are large Blobs, and the guard row is the guard's own. */
const NOT_MIRRORED = new Set(['originals', 'meta']);

/** Errors that mean the browser could not store what was committed. */
function failureOf(error: unknown): StorageFailure | undefined {
  const e = error as { name?: string; message?: string; inner?: { name?: string; message?: string } } | null;
  const name = e?.inner?.name ?? e?.name ?? '';
  const message = e?.inner?.message ?? e?.message ?? String(error);
  if (name === 'QuotaExceededError' || /disk full|no space|NO_SPACE|quota/i.test(message)) return { kind: 'disk-full', detail: `${name}: ${message}` };
  if (name === 'UnknownError' || name === 'InvalidStateError' || name === 'DatabaseClosedError' || /IO error|closing|closed/i.test(message)) {
    return { kind: 'write-failed', detail: `${name}: ${message}` };
  }
  return undefined;
}

/** The guard of one database connection. */
export class WriteGuard {
  private failure: StorageFailure | null = null;
  private readonly failListeners = new Set<(f: StorageFailure) => void>();
  private readonly commitListeners = new Set<() => void>();
  /** Project id and write count this tab last saw; null until started. */
  private expected: { projectId: string; writes: number } | null = null;
  /** The guard check of each write transaction (one per transaction, shared by its writes). */
  private readonly checks = new WeakMap<DBCoreTransaction, Promise<void>>();
  /** Writes of each open transaction, applied to the mirror when it commits. */
  private readonly pending = new WeakMap<DBCoreTransaction, { table: string; req: DBCoreMutateRequest }[]>();
  /** The last committed state of the project. */
  readonly mirror: Mirror = new Map();
  private primaryKeyPath = new Map<string, string>();

  constructor(private readonly db: WorthmarkDb) {
    db.use({ stack: 'dbcore', name: 'worthmark-write-guard', create: (down) => this.middleware(down) });
    db.on('close', () => this.fail({ kind: 'closed', detail: 'the browser closed the database connection' }));
  }

  /** Why storage failed, or null while it works. */
  get failed(): StorageFailure | null {
    return this.failure;
  }

  /** Reads the guard row and the whole project into the mirror; call once before the first write. */
  async start(): Promise<void> {
    const db = this.db;
    await db.open();
    await db.transaction('r', db.tables, async () => {
      const row = await db.meta.get('guard');
      this.expected = row ? { projectId: row.projectId, writes: row.writes } : null;
      for (const t of db.tables) {
        if (NOT_MIRRORED.has(t.name)) continue;
        const keyPath = t.schema.primKey.keyPath as string;
        this.primaryKeyPath.set(t.name, keyPath);
        const rows = new Map<unknown, unknown>();
        for (const r of await t.toArray()) rows.set((r as Record<string, unknown>)[keyPath], r);
        this.mirror.set(t.name, rows);
      }
    });
  }

  /** The project id of this database (null before start or for a database without a guard row). */
  get projectId(): string | null {
    return this.expected?.projectId ?? null;
  }

  /** Marks storage as failed (the first reason is kept) and tells the listeners. */
  fail(failure: StorageFailure): void {
    if (this.failure) return;
    this.failure = failure;
    for (const l of this.failListeners) l(failure);
  }

  /** Calls `listener` when storage fails (at once when it has). */
  onFailure(listener: (f: StorageFailure) => void): () => void {
    this.failListeners.add(listener);
    if (this.failure) listener(this.failure);
    return () => this.failListeners.delete(listener);
  }

  /** Calls `listener` after each committed write transaction. */
  onCommitted(listener: () => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  private middleware(down: DBCore): Partial<DBCore> {
    return {
      ...down,
      transaction: (stores, mode, options) => {
        if (this.failure && mode === 'readwrite') throw new StorageFailedError(this.failure);
        // Every write transaction also holds the guard row.
        const scope = mode === 'readwrite' && !stores.includes('meta') && down.schema.tables.some((t) => t.name === 'meta') ? [...stores, 'meta'] : stores;
        const trans = down.transaction(scope, mode, options);
        if (mode === 'readwrite') this.watch(trans);
        return trans;
      },
      table: (name) => {
        const table = down.table(name);
        if (name === 'meta') return table;
        return {
          ...table,
          mutate: (req) => {
            if (this.failure) return Promise.reject(new StorageFailedError(this.failure));
            return this.check(down, req.trans).then(() => {
              const list = this.pending.get(req.trans);
              if (list && !NOT_MIRRORED.has(name)) list.push({ table: name, req });
              return table.mutate(req);
            });
          },
        };
      },
    };
  }

  /** Listens for the commit or abort of a write transaction. */
  private watch(trans: DBCoreTransaction): void {
    const idb = trans as unknown as IDBTransaction;
    if (typeof idb.addEventListener !== 'function') return;
    this.pending.set(trans, []);
    idb.addEventListener('complete', () => {
      const writes = this.pending.get(trans) ?? [];
      this.pending.delete(trans);
      for (const w of writes) this.apply(w.table, w.req);
      for (const l of this.commitListeners) l();
    });
    idb.addEventListener('abort', () => {
      this.pending.delete(trans);
      const failure = failureOf(idb.error);
      if (failure) this.fail(failure);
    });
  }

  /** Checks the guard row once per write transaction and counts the write. */
  private check(down: DBCore, trans: DBCoreTransaction): Promise<void> {
    let check = this.checks.get(trans);
    if (check) return check;
    if (!down.schema.tables.some((t) => t.name === 'meta') || !this.expected) {
      check = Promise.resolve();
    } else {
      const meta = down.table('meta');
      const expected = this.expected;
      check = meta.get({ trans, key: 'guard' }).then((row: GuardRow | undefined) => {
        if (!row || row.projectId !== expected.projectId || row.writes < expected.writes) {
          const failure: StorageFailure = {
            kind: 'replaced',
            detail: row ? `the database holds project ${row.projectId} (${row.writes} writes), this tab had ${expected.projectId} (${expected.writes} writes)` : 'the database lost its project record',
          };
          this.fail(failure);
          trans.abort();
          throw new StorageFailedError(failure);
        }
        const next: GuardRow = { key: 'guard', projectId: row.projectId, writes: row.writes + 1 };
        return meta.mutate({ type: 'put', trans, values: [next], keys: ['guard'] }).then(() => {
          const idb = trans as unknown as IDBTransaction;
          if (typeof idb.addEventListener === 'function') {
            idb.addEventListener('complete', () => {
              if (this.expected && next.writes > this.expected.writes) this.expected = { projectId: next.projectId, writes: next.writes };
            });
          }
        });
      });
    }
    this.checks.set(trans, check);
    return check;
  }

  /** Applies a committed write to the mirror. */
  private apply(tableName: string, req: DBCoreMutateRequest): void {
    const rows = this.mirror.get(tableName);
    const keyPath = this.primaryKeyPath.get(tableName);
    if (!rows || !keyPath) return;
    switch (req.type) {
      case 'add':
      case 'put':
        req.values.forEach((v, i) => rows.set(req.keys?.[i] ?? (v as Record<string, unknown>)[keyPath], v));
        break;
      case 'delete':
        for (const k of req.keys) rows.delete(k);
        break;
      case 'deleteRange': {
        const r = req.range;
        for (const k of [...rows.keys()]) {
          const aboveLower = r.lower === undefined || r.lower === null || (r.lowerOpen ? cmp(k, r.lower) > 0 : cmp(k, r.lower) >= 0);
          const belowUpper = r.upper === undefined || r.upper === null || (r.upperOpen ? cmp(k, r.upper) < 0 : cmp(k, r.upper) <= 0);
          if (r.type === 3 /* any */ || (aboveLower && belowUpper)) rows.delete(k);
        }
        break;
      }
    }
  }
}

/** The rows of a mirrored table, as stored. */
export function mirrorRows<T>(mirror: Mirror, table: string): T[] {
  return [...(mirror.get(table)?.values() ?? [])] as T[];
}

