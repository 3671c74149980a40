import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DocumentId } from '../../../src/model/index.ts';
import * as repo from '../../../src/storage/repository.ts';
import { WorthmarkDb } from '../../../src/storage/db.ts';
import { WriteGuard } from '../../../src/storage/write-guard.ts';
import { checkProjectFile, memoryProjectFile, restoreAsCopy, restoreProject } from '../../../src/actions/project.ts';
import { removeDocuments } from '../../../src/actions/documents.ts';
import { AUTO_EVERY_WRITES, KEEP_AUTO, listSnapshots, projectIdOf, readSnapshotFile, snapshotFromMemory, startAutoSnapshots } from '../../../src/actions/snapshots.ts';
import { parseProjectFile } from '../../../src/exchange/project-file.ts';
import { freshDbs } from '../support/db.ts';

const small = readFileSync(new URL('../../fixtures/projects/small.worthmark.json', import.meta.url), 'utf8');
const thesis = readFileSync(new URL('../../fixtures/projects/thesis.worthmark.json', import.meta.url), 'utf8');
const freshDb = freshDbs('snapshots');

describe('snapshots before destructive actions', () => {
  it('takes a snapshot before a restore, and restoring it undoes the restore', async () => {
    const db = freshDb();
    await restoreProject(db, 'small.json', small);
    const projectId = (await projectIdOf(db))!;
    const result = await restoreProject(db, 'thesis.json', thesis);
    expect(result.ok && result.value.snapshot).toMatchObject({ reason: 'restore', documents: 3 });
    expect(await db.documents.count()).toBe(6);

    const before = (await listSnapshots(projectId)).find((s) => s.reason === 'restore')!;
    const content = (await readSnapshotFile(projectId, before.id))!;
    const undo = await restoreProject(db, 'snapshot', content);
    expect(undo.ok).toBe(true);
    const back = await repo.readSnapshot(db);
    expect(back.documents.map((d) => d.id).sort()).toEqual(JSON.parse(small).documents.map((d: { id: string }) => d.id).sort());
    expect(back.fragments).toHaveLength(JSON.parse(small).fragments.length);
  });

  it('takes a snapshot before documents are deleted', async () => {
    const db = freshDb();
    await restoreProject(db, 'small.json', small);
    const projectId = (await projectIdOf(db))!;
    await removeDocuments(db, ['doc-rivierstad' as DocumentId]);
    const snap = (await listSnapshots(projectId)).find((s) => s.reason === 'delete')!;
    const parsed = parseProjectFile((await readSnapshotFile(projectId, snap.id))!);
    expect('parsed' in parsed && parsed.parsed.documents.map((d) => d.id)).toContain('doc-rivierstad');
  });

  it('keeps the last automatic snapshots only', async () => {
    const db = new WorthmarkDb(`snapshots-auto-${Date.now()}`, { autoOpen: false });
    const guard = new WriteGuard(db);
    await guard.start();
    await restoreProject(db, 'small.json', small);
    for (let i = 0; i < KEEP_AUTO + 3; i++) await snapshotFromMemory(guard, 'auto');
    const auto = (await listSnapshots(guard.projectId!)).filter((s) => s.reason === 'auto');
    expect(auto).toHaveLength(KEEP_AUTO);
    db.close();
  });

  it(`takes an automatic snapshot after ${AUTO_EVERY_WRITES} committed writes, from memory`, async () => {
    const db = new WorthmarkDb(`snapshots-every-${Date.now()}`, { autoOpen: false });
    const guard = new WriteGuard(db);
    await guard.start();
    const taken: string[] = [];
    const stop = startAutoSnapshots(guard, (s) => taken.push(s.reason));
    for (let i = 0; i < AUTO_EVERY_WRITES - 1; i++) await repo.setSetting(db, `k${i}`, i);
    await new Promise((r) => setTimeout(r, 50));
    expect(taken).toEqual([]);
    await repo.setSetting(db, 'last', true);
    await expect.poll(() => taken).toEqual(['auto']);
    const [snap] = await listSnapshots(guard.projectId!);
    const content = (await readSnapshotFile(guard.projectId!, snap!.id))!;
    expect(JSON.parse(content).settings).toMatchObject({ k0: 0, last: true });
    stop();
    db.close();
  });

  it('offers what is in memory as a project file that restores', async () => {
    const db = new WorthmarkDb(`snapshots-memory-${Date.now()}`, { autoOpen: false });
    const guard = new WriteGuard(db);
    await guard.start();
    await restoreProject(db, 'small.json', small);
    const { content } = memoryProjectFile(guard);
    const parsed = parseProjectFile(content);
    expect('parsed' in parsed && parsed.parsed.fragments.length).toBe(JSON.parse(small).fragments.length);
    db.close();
  });
});

describe('the restore preview and restore as a copy', () => {
  it('says what the file holds and what of the project it lacks, without changing anything', async () => {
    const db = freshDb();
    await restoreProject(db, 'small.json', small);
    const before = await repo.readSnapshot(db);
    const checked = await checkProjectFile(db, 'thesis.json', thesis);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.value.preview.holds).toMatchObject({ documents: 6, fragments: 45 });
    expect(checked.value.preview.current).toMatchObject({ documents: 3 });
    expect(checked.value.preview.lost.documents).toBe(3);
    expect(checked.value.preview.lost.fragments).toBe(before.fragments.length);
    expect(await repo.readSnapshot(db)).toEqual(before);
  });

  it('restores a file as a separate project and leaves the current one alone', async () => {
    const db = freshDb();
    await restoreProject(db, 'small.json', small);
    const before = await repo.readSnapshot(db);
    const checked = await checkProjectFile(db, 'thesis.json', thesis);
    if (!checked.ok) throw new Error('not checked');
    const copy = await restoreAsCopy(checked.value, (name) => new WorthmarkDb(name));
    expect(copy.ok).toBe(true);
    if (!copy.ok) return;
    expect(await repo.readSnapshot(db)).toEqual(before);
    const other = new WorthmarkDb(copy.value.dbName);
    expect(await other.documents.count()).toBe(6);
    expect(await projectIdOf(other)).toBe(copy.value.projectId);
    expect(copy.value.projectId).not.toBe(await projectIdOf(db));
    other.close();
  });
});
