import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { freshDbs } from '../support/db.ts';
import { storeDocuments } from '../support/document.ts';
import * as repo from '../../../src/storage/repository.ts';
import { CodingHistory } from '../../../src/actions/history.ts';
import { createFragment, deleteFragmentStep, mergeFragments, setMemo, splitFragment, toggleRegime, type CodingContext } from '../../../src/actions/coding.ts';
import { changeCodebook } from '../../../src/actions/codebook.ts';
import { compareVersions, type Codebook, type CodeId, type CoderId, type DocumentId } from '../../../src/model/index.ts';
import { projectData } from '../../../src/actions/project.ts';
import { planMerge } from '../../../src/exchange/merge-plan.ts';
import { expectBroughtBack } from '../support/fragment.ts';

const freshDb = freshDbs('reviewer-edits');
const TEXT = 'De regio werkt over de grenzen heen. Cultuur is van iedereen en voor iedereen toegankelijk.';
const DOC = 'doc-1' as DocumentId;
const civic = 'civic' as CodeId;
const market = 'market' as CodeId;
const student = 'student' as CoderId;
const supervisor = 'supervisor' as CoderId;
const BOOK: Codebook = {
  id: 'book' as Codebook['id'],
  formatVersion: 1,
  name: { nl: 'Boek', en: 'Book' },
  codes: [
    { id: civic, name: { nl: 'Civiel', en: 'Civic' }, description: { nl: 'c', en: 'c' }, values: [], color: '#009E73', key: '4' },
    { id: market, name: { nl: 'Markt', en: 'Market' }, description: { nl: 'm', en: 'm' }, values: [], color: '#D55E00', key: '5' },
  ],
  flags: [],
};

/** One database, two people coding in it (as after a merge): the student and the supervisor. */
function contexts(): { student: CodingContext; supervisor: CodingContext } {
  const db = freshDb();
  void storeDocuments(db, DOC);
  void db.texts.put({ documentId: DOC, text: TEXT, blocks: [{ kind: 'paragraph', start: 0, end: TEXT.length }] });
  const history = new CodingHistory();
  return { student: { db, history, coderId: student }, supervisor: { db, history, coderId: supervisor } };
}

const range = (words: string) => {
  const start = TEXT.indexOf(words);
  return [start, start + words.length] as const;
};

describe('an edit by someone other than the coder', () => {
  it('leaves coderId unchanged and records updatedBy', async () => {
    const ctx = contexts();
    const f = await createFragment(ctx.student, DOC, TEXT, ...range('Cultuur is van iedereen'), { codes: [civic] });
    expect(f).toMatchObject({ coderId: student, versions: { student: 1 } });
    expect(f.updatedBy).toBeUndefined();
    const changed = await toggleRegime(ctx.supervisor, f.id, market);
    expect(changed).toMatchObject({ coderId: student, updatedBy: supervisor, codes: [civic, market], versions: { student: 1, supervisor: 1 } });
    expect(await repo.getFragment(ctx.student.db, f.id)).toEqual(changed);
  });

  it('names the coder again as the last to change it when the coder changes it next', async () => {
    const ctx = contexts();
    const f = await createFragment(ctx.student, DOC, TEXT, ...range('Cultuur is van iedereen'), { codes: [civic] });
    await setMemo(ctx.supervisor, f.id, 'Ook markt?');
    const back = await setMemo(ctx.student, f.id, 'Nee: toegang.');
    expect(back).toMatchObject({ coderId: student, versions: { student: 2, supervisor: 1 } });
    expect(back!.updatedBy).toBeUndefined();
  });

  it('keeps the coder on both parts of a split and on a merge by the supervisor', async () => {
    const ctx = contexts();
    const f = await createFragment(ctx.student, DOC, TEXT, ...range('De regio werkt over de grenzen heen. Cultuur is van iedereen'), { codes: [civic] });
    const split = await splitFragment(ctx.supervisor, f.id, TEXT, TEXT.indexOf('Cultuur'));
    if (!split.ok) throw new Error(split.reason);
    expect(split.fragments.map((x) => [x.coderId, x.updatedBy])).toEqual([
      [student, supervisor],
      [student, supervisor],
    ]);
    const merged = await mergeFragments(ctx.supervisor, split.fragments[0]!.id, split.fragments[1]!.id, TEXT);
    if (!merged.ok) throw new Error(merged.reason);
    expect(merged.fragments[0]).toMatchObject({ coderId: student, updatedBy: supervisor });
  });

  it('records who deleted a fragment and with which version, and forgets it when the delete is undone', async () => {
    const ctx = contexts();
    const f = await createFragment(ctx.student, DOC, TEXT, ...range('grenzen'), { codes: [civic] });
    await deleteFragmentStep(ctx.supervisor, f.id);
    expect(await ctx.student.db.deletions.get(f.id)).toMatchObject({ id: f.id, documentId: DOC, deletedBy: supervisor, versions: { student: 1, supervisor: 1 } });
    await ctx.student.history.undo(ctx.student.db, supervisor);
    expect(await ctx.student.db.deletions.count()).toBe(0);
    // Back as it was, as a change by the supervisor that covers the deletion.
    expectBroughtBack(await repo.getFragment(ctx.student.db, f.id), f);
    expect(await repo.getFragment(ctx.student.db, f.id)).toMatchObject({ coderId: student, updatedBy: supervisor, versions: { student: 1, supervisor: 2 } });
  });

  it('credits a codebook change that rewrites fragments to whoever made it, not to the fragments’ coder', async () => {
    const ctx = contexts();
    await repo.putCodebook(ctx.student.db, BOOK);
    const f = await createFragment(ctx.student, DOC, TEXT, ...range('grenzen'), { codes: [market] });
    const r = await changeCodebook(ctx.supervisor, BOOK, { kind: 'merge-code', codeId: market, into: civic });
    expect(r.ok).toBe(true);
    expect(await repo.getFragment(ctx.student.db, f.id)).toMatchObject({ codes: [civic], coderId: student, updatedBy: supervisor });
  });
});

describe('an undo or redo is a new change by whoever makes it', () => {
  const merge = (current: Parameters<typeof planMerge>[0], incoming: Parameters<typeof planMerge>[1]) =>
    planMerge(current, incoming, { source: 'other.json', now: '2026-03-01T00:00:00.000Z' });

  it('gives an undone edit a version after the edit, so merging a file that still has the edit keeps the undo', async () => {
    const ctx = contexts();
    const f = await createFragment(ctx.student, DOC, TEXT, ...range('Cultuur is van iedereen'), { codes: [civic] });
    const edited = (await toggleRegime(ctx.student, f.id, market))!;
    // The file handed in holds the edit; the student then undoes it.
    const handedIn = await projectData(ctx.student.db);
    await ctx.student.history.undo(ctx.student.db, student);
    const undone = (await repo.getFragment(ctx.student.db, f.id))!;
    expect(undone.codes).toEqual([civic]);
    expect(compareVersions(undone.versions, edited.versions)).toBe('after');
    // Merging the handed-in file here: the edit is older than the undo, so the undo stays.
    const here = merge(await projectData(ctx.student.db), handedIn);
    expect(here.fragments.updated).toEqual([]);
    expect(here.fragments.keptOurs).toBe(1);
    expect(here.conflicts).toEqual([]);
    // And where the edit is (the supervisor's copy), our file brings the undo.
    const there = merge(handedIn, await projectData(ctx.student.db));
    expect(there.fragments.updated.map((u) => u.after.codes)).toEqual([[civic]]);
  });

  it('gives a redone edit a version after the undo', async () => {
    const ctx = contexts();
    const f = await createFragment(ctx.student, DOC, TEXT, ...range('Cultuur is van iedereen'), { codes: [civic] });
    await toggleRegime(ctx.student, f.id, market);
    await ctx.student.history.undo(ctx.student.db, student);
    const undone = (await repo.getFragment(ctx.student.db, f.id))!;
    const afterUndo = await projectData(ctx.student.db);
    await ctx.student.history.redo(ctx.student.db, student);
    const redone = (await repo.getFragment(ctx.student.db, f.id))!;
    expect(redone.codes).toEqual([civic, market]);
    expect(compareVersions(redone.versions, undone.versions)).toBe('after');
    expect(merge(await projectData(ctx.student.db), afterUndo).fragments.updated).toEqual([]);
    // Undo and redo go on working on the states as written.
    await ctx.student.history.undo(ctx.student.db, student);
    await ctx.student.history.undo(ctx.student.db, student);
    expect(await repo.getFragment(ctx.student.db, f.id)).toBeUndefined();
    expect((await ctx.student.db.deletions.get(f.id))?.versions).toEqual({ student: 6 });
  });

  it('credits an undo made by the supervisor to the supervisor, never rewriting the coder', async () => {
    const ctx = contexts();
    const f = await createFragment(ctx.student, DOC, TEXT, ...range('Cultuur is van iedereen'), { codes: [civic] });
    await toggleRegime(ctx.supervisor, f.id, market);
    await ctx.supervisor.history.undo(ctx.supervisor.db, supervisor);
    expect(await repo.getFragment(ctx.student.db, f.id)).toMatchObject({ coderId: student, updatedBy: supervisor, codes: [civic], versions: { student: 1, supervisor: 2 } });
  });

  it('brings an undone delete back as a change that covers the deletion, so a file carrying that deletion does not remove it again', async () => {
    const ctx = contexts();
    const f = await createFragment(ctx.student, DOC, TEXT, ...range('grenzen'), { codes: [civic] });
    await deleteFragmentStep(ctx.student, f.id);
    const withDeletion = await projectData(ctx.student.db);
    expect(withDeletion.deletions?.map((d) => d.id)).toEqual([f.id]);
    await ctx.student.history.undo(ctx.student.db, student);
    const plan = merge(await projectData(ctx.student.db), withDeletion);
    expect(plan.fragments.removed).toEqual([]);
    expect(plan.conflicts).toEqual([]);
    expect(plan.deletions).toEqual([]);
  });
});
