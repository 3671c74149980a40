import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CoderId, DocumentId, FragmentId } from '../../../src/model/index.ts';
import * as repo from '../../../src/storage/repository.ts';
import { WorthmarkDb } from '../../../src/storage/db.ts';
import { WriteGuard } from '../../../src/storage/write-guard.ts';
import { checkProjectFile, memoryProjectFile, restoreAsCopy, restoreProject, sameNameCoderIn } from '../../../src/actions/project.ts';
import { removeDocuments } from '../../../src/actions/documents.ts';
import { AUTO_EVERY_WRITES, KEEP_AUTO, listSnapshots, projectIdOf, readSnapshotFile, snapshotFromMemory, startAutoSnapshots } from '../../../src/actions/snapshots.ts';
import { parseProjectFile, toProjectFile } from '../../../src/exchange/project-file.ts';
import { TEXTS, code, coder, project } from '../exchange/merge-fixture.ts';
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

describe('who is coding in a project restored as a copy', () => {
  const anna = coder('anna', 'Anna de Vries');
  const prof = coder('prof', 'Prof. Jansen');
  /** Anna's project file, saved in her browser: its settings say Anna is coding. */
  function annasFile(coders = [anna]): string {
    const p = project({ 'a-rivier': TEXTS.rivier }, coders);
    code(p, 'a-rivier', 'Internationale festivals trekken jaarlijks duizenden bezoekers en leveren de stad omzet op.', ['market'], anna.id, 'fa1');
    p.settings = { coderId: anna.id, lang: 'nl' };
    return toProjectFile(p);
  }
  /** The supervisor's browser: Prof. Jansen codes here, in English. */
  async function profsBrowser(me = prof) {
    const db = freshDb();
    await repo.putCoder(db, me);
    await repo.setSetting(db, 'coderId', me.id);
    await repo.setSetting(db, 'lang', 'en');
    return db;
  }
  async function copyOf(db: WorthmarkDb, file: string, asMe?: string) {
    const checked = await checkProjectFile(db, 'anna.json', file);
    if (!checked.ok) throw new Error(checked.error.reason);
    const copy = await restoreAsCopy(checked.value, (name) => new WorthmarkDb(name), { from: db, ...(asMe ? { asMe: asMe as CoderId } : {}) });
    if (!copy.ok) throw new Error(copy.error.reason);
    return new WorthmarkDb(copy.value.dbName);
  }

  it('is the person coding in this browser, not the coder named in the file', async () => {
    const db = await profsBrowser();
    const other = await copyOf(db, annasFile());
    expect(await repo.getSetting(other, 'coderId', null)).toBe(prof.id);
    expect(await repo.getSetting(other, 'lang', null)).toBe('en');
    expect((await other.coders.toArray()).map((c) => c.id).sort()).toEqual(['anna', 'prof']);
    // Anna's fragment stays hers.
    expect((await other.fragments.get('fa1' as FragmentId))?.coderId).toBe('anna');
    other.close();
  });

  it('is nobody yet when nobody codes in this browser (the app asks), not the file’s coder', async () => {
    const db = freshDb();
    const other = await copyOf(db, annasFile());
    expect(await repo.getSetting(other, 'coderId', null)).toBeNull();
    other.close();
  });

  it('is the file’s coder of the same name when the user says "this is me", with this browser’s id as their alias', async () => {
    const laptop = coder('prof-laptop', 'Prof. Jansen');
    const db = await profsBrowser();
    const file = annasFile([anna, laptop]);
    const checked = await checkProjectFile(db, 'anna.json', file);
    if (!checked.ok) throw new Error(checked.error.reason);
    expect((await sameNameCoderIn(db, checked.value.data))?.id).toBe('prof-laptop');
    const other = await copyOf(db, file, 'prof-laptop');
    expect(await repo.getSetting(other, 'coderId', null)).toBe('prof-laptop');
    expect((await other.coders.get('prof-laptop' as CoderId))?.aliases).toEqual(['prof']);
    expect(await other.coders.get('prof' as CoderId)).toBeUndefined();
    other.close();
  });
});
