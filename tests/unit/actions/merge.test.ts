import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freshDbs } from '../support/db.ts';
import * as repo from '../../../src/storage/repository.ts';
import { projectData, restoreProject } from '../../../src/actions/project.ts';
import { isEmptyPlan, mergeFile, previewMerge, readMergeFile, readMergeProject, resolveConflict } from '../../../src/actions/merge.ts';
import { toProjectZip } from '../../../src/exchange/project-reader.ts';
import { toQdpx } from '../../../src/exchange/qdpx-write.ts';
import { addComment, deleteComment, editComment, exportReviewFile, setReviewStatus } from '../../../src/actions/review.ts';
import { reviewCells } from '../../../src/exchange/fragment-rows.ts';
import { applyMergePlan, planMerge } from '../../../src/exchange/merge-plan.ts';
import { toProjectFile, type ProjectData } from '../../../src/exchange/project-file.ts';
import { isOpenThread, type CoderId, type FragmentId } from '../../../src/model/index.ts';
import { TEXTS, code, coder, edit, project, textMissingProject } from '../exchange/merge-fixture.ts';

const freshDb = freshDbs('merge-action');
const anna = coder('anna', 'Anna de Vries');
const bob = coder('bob', 'Bob Peeters');
const prof = coder('prof', 'Prof. Jansen');

function annas(): ProjectData {
  const p = project({ 'a-rivier': TEXTS.rivier, 'a-kust': TEXTS.kust }, [anna]);
  code(p, 'a-rivier', 'Internationale festivals trekken jaarlijks duizenden bezoekers en leveren de stad omzet op.', ['market', 'fame'], anna.id, 'fa1');
  code(p, 'a-kust', 'Het erfgoed van de vissersdorpen is een bron van trots.', ['domestic'], anna.id, 'fa2');
  return p;
}

function bobs(): ProjectData {
  const p = project({ 'b-kust': TEXTS.kust, 'b-rivier': TEXTS.rivier }, [bob]);
  code(p, 'b-rivier', 'Internationale festivals trekken jaarlijks duizenden bezoekers en leveren de stad omzet op.', ['market'], bob.id, 'fb1');
  return p;
}

/** A browser whose project is `p` (restored from its project file). */
async function browserWith(p: ProjectData) {
  const db = freshDb();
  const r = await restoreProject(db, 'start.json', toProjectFile(p));
  if (!r.ok) throw new Error(r.error.reason);
  return db;
}

function projectFile(name: string, p: ProjectData) {
  const read = readMergeFile(name, toProjectFile(p), 'project');
  if (!read.ok) throw new Error(read.error.reason);
  return read.value;
}

const byId = <T extends { id: string }>(list: readonly T[] | undefined) => [...(list ?? [])].sort((a, b) => a.id.localeCompare(b.id));

describe('merging a file into the project in this browser', () => {
  it('gives a document whose text is missing here the text of the same source in the file, in one go', async () => {
    const ours = `🎭 ${TEXTS.rivier}`;
    const quote = 'Iedere inwoner moet kunnen meedoen aan cultuur, ongeacht afkomst of inkomen.';
    const later = 'De regio werkt samen met partners in binnen- en buitenland.';
    const db = await browserWith(textMissingProject(ours, [quote], [[quote, ['civic'], 'fp1'], [later, ['market'], 'fp2']], prof));
    const before = await projectData(db);
    const student = project({ 'a-rivier': ours }, [anna]);
    code(student, 'a-rivier', quote, ['civic'], anna.id, 'fa1');
    const plan = await mergeFile(db, projectFile('student.json', student));
    expect(plan.documents.attached.map((a) => a.localId)).toEqual(['q-doc']);
    const after = await projectData(db);
    const expected = applyMergePlan(before, plan);
    expect(byId(after.documents)).toEqual(byId(expected.documents));
    expect(after.texts).toEqual(expected.texts);
    expect(byId(after.fragments)).toEqual(byId(expected.fragments));
    expect(after.documents.map((d) => [d.id, d.textMissing])).toEqual([['q-doc', undefined]]);
    expect(after.fragments.map((f) => [f.id, f.documentId, f.anchor.exact]).sort()).toEqual([
      ['fa1', 'q-doc', quote],
      ['fp1', 'q-doc', quote],
      ['fp2', 'q-doc', later],
    ]);
    expect(isEmptyPlan(await previewMerge(db, projectFile('student.json', student)))).toBe(true);
  });

  it('stores what the merge plan says, in one go', async () => {
    const db = await browserWith(annas());
    const before = await projectData(db);
    const plan = await mergeFile(db, projectFile('bob.json', bobs()));
    const after = await projectData(db);
    const expected = applyMergePlan(before, plan);
    expect(byId(after.documents)).toEqual(byId(expected.documents));
    expect(byId(after.fragments)).toEqual(byId(expected.fragments));
    expect(byId(after.coders)).toEqual(byId(expected.coders));
    expect(after.documents).toHaveLength(2);
    expect(after.fragments.map((f) => [f.id, f.coderId, f.documentId]).sort()).toEqual([
      ['fa1', 'anna', 'a-rivier'],
      ['fa2', 'anna', 'a-kust'],
      ['fb1', 'bob', 'a-rivier'],
    ]);
  });

  it('changes nothing when the same file is merged again', async () => {
    const db = await browserWith(annas());
    await mergeFile(db, projectFile('bob.json', bobs()));
    const once = await repo.readSnapshot(db);
    expect(isEmptyPlan(await previewMerge(db, projectFile('bob.json', bobs())))).toBe(true);
    const again = await mergeFile(db, projectFile('bob.json', bobs()));
    expect(isEmptyPlan(again)).toBe(true);
    expect(await repo.readSnapshot(db)).toEqual(once);
  });

  it('previews without writing anything', async () => {
    const db = await browserWith(annas());
    const before = await repo.readSnapshot(db);
    const plan = await previewMerge(db, projectFile('bob.json', bobs()));
    expect(plan.fragments.added.map((f) => f.id)).toEqual(['fb1']);
    expect(await repo.readSnapshot(db)).toEqual(before);
  });

  it('adds new codes to the codebook in use', async () => {
    const two = annas();
    two.codebooks.push({ ...structuredClone(two.codebooks[0]!), id: 'tweede' as never, codes: [] });
    const db = await browserWith(two);
    await repo.setSetting(db, 'codebookId', 'tweede');
    const theirs = bobs();
    theirs.codebooks[0]!.codes.push({ id: 'ecologie' as never, name: { nl: 'Ecologie', en: 'Ecology' }, description: { nl: 'g', en: 'g' }, values: [], color: '#117733', key: '8' });
    await mergeFile(db, projectFile('bob.json', theirs));
    expect((await repo.getCodebook(db, 'tweede' as never))!.codes.map((c) => c.id)).toEqual(['ecologie']);
  });

  it('refuses a review file given as a project file, and the other way round, with the reason', () => {
    const asReview = readMergeFile('anna.json', toProjectFile(annas()), 'review');
    expect(asReview).toMatchObject({ ok: false, error: { file: 'anna.json', path: 'format' } });
    const asProject = readMergeFile('review.json', '{"format":"worthmark-review","version":1,"exportedAt":"2026-01-01T00:00:00Z","coders":[],"reviews":[]}', 'project');
    expect(asProject).toMatchObject({ ok: false, error: { file: 'review.json', path: 'format' } });
  });
});

describe('sending reviews back', () => {
  it('brings the supervisor’s review file to the student’s fragments without losing the student’s later work', async () => {
    const handedIn = annas();
    const studentDb = await browserWith(handedIn);
    const supervisorDb = await browserWith(project({}, [prof]));
    await mergeFile(supervisorDb, projectFile('anna.json', handedIn));
    await setReviewStatus(supervisorDb, 'fa1' as FragmentId, prof.id, 'accepted');
    await setReviewStatus(supervisorDb, 'fa2' as FragmentId, prof.id, 'rejected');
    await addComment(supervisorDb, 'fa2' as FragmentId, prof.id, prof.id, 'Trots is eerder roem.');
    // The student goes on after handing in.
    const later = await projectData(studentDb);
    edit(later, 'fa2', anna.id, { memo: 'na inleveren' });
    code(later, 'a-kust', 'De Kustregio zet in op cultuurtoerisme.', ['market'], anna.id, 'fa3');
    await restoreProject(studentDb, 'later.json', toProjectFile(later));
    const beforeReviews = await projectData(studentDb);

    const sent = await exportReviewFile(supervisorDb, { coderId: anna.id });
    expect(sent.reviews).toBe(2);
    expect(sent.content.length).toBeLessThan(4000);
    const file = readMergeFile(sent.fileName, sent.content, 'review');
    if (!file.ok) throw new Error(file.error.reason);
    const plan = await mergeFile(studentDb, file.value);
    expect(plan.reviews.added).toBe(2);
    const after = await projectData(studentDb);
    expect(byId(after.fragments)).toEqual(byId(beforeReviews.fragments));
    expect(byId(after.documents)).toEqual(byId(beforeReviews.documents));
    const rejected = after.reviews!.find((r) => r.fragmentId === 'fa2')!;
    expect(rejected).toMatchObject({ status: 'rejected', reviewerId: 'prof', documentId: 'a-kust', comments: [{ text: 'Trots is eerder roem.', authorId: 'prof' }] });
    expect(after.coders.map((c) => c.id).sort()).toEqual(['anna', 'prof']);
  });
});

describe('resolving a conflict', () => {
  async function conflicted() {
    const handedIn = annas();
    const db = await browserWith(project({}, [prof]));
    await mergeFile(db, projectFile('anna.json', handedIn));
    const mine = await projectData(db);
    edit(mine, 'fa1', prof.id, { codes: ['market'] as never });
    await restoreProject(db, 'mine.json', toProjectFile(mine));
    const theirs = structuredClone(handedIn);
    edit(theirs, 'fa1', anna.id, { memo: 'markt én roem' });
    const plan = await mergeFile(db, projectFile('anna-2.json', theirs));
    expect(plan.conflicts).toHaveLength(1);
    return { db, theirs, conflict: plan.conflicts[0]! };
  }

  it('takes theirs, and merging their file again finds no conflict', async () => {
    const { db, theirs, conflict } = await conflicted();
    expect(await resolveConflict(db, conflict.id, 'theirs', prof.id)).toBe(true);
    expect(await repo.getFragment(db, 'fa1' as FragmentId)).toMatchObject({ memo: 'markt én roem', codes: ['market', 'fame'], coderId: 'anna' });
    expect(await repo.listConflicts(db)).toEqual([]);
    expect(isEmptyPlan(await previewMerge(db, projectFile('anna-2.json', theirs)))).toBe(true);
  });

  it('keeps ours, and merging their file again finds no conflict', async () => {
    const { db, theirs, conflict } = await conflicted();
    await resolveConflict(db, conflict.id, 'ours', prof.id);
    expect(await repo.getFragment(db, 'fa1' as FragmentId)).toMatchObject({ memo: '', codes: ['market'] });
    expect(isEmptyPlan(await previewMerge(db, projectFile('anna-2.json', theirs)))).toBe(true);
  });

  it('keeps both as two fragments of the same coder', async () => {
    const { db, conflict } = await conflicted();
    await resolveConflict(db, conflict.id, 'both', prof.id);
    const all = (await repo.listFragments(db)).filter((f) => f.anchor.exact.startsWith('Internationale festivals'));
    expect(all.map((f) => [f.coderId, f.memo]).sort()).toEqual([
      ['anna', ''],
      ['anna', 'markt én roem'],
    ]);
  });

  it('says so when the conflict was resolved already', async () => {
    const { db, conflict } = await conflicted();
    await resolveConflict(db, conflict.id, 'ours', 'prof' as CoderId);
    expect(await resolveConflict(db, conflict.id, 'theirs', 'prof' as CoderId)).toBe(false);
  });
});

describe('originals that come with a merged project zip or .qdpx', () => {
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  const pdf = new Uint8Array(readFileSync(new URL('../../fixtures/pdf/text.pdf', import.meta.url)));
  const kustFile = new TextEncoder().encode('De Kustregio — het originele bestand');
  const rivierFile = new TextEncoder().encode('Rivierstad — Bobs eigen export');
  const NIEUW = 'Het Nieuwe Museum opent in het voorjaar zijn deuren voor bezoekers uit binnen- en buitenland.';

  /** Bob's project: both of Anna's texts (the kust one from the same file as Anna's) and a document Anna does not have. */
  function bobsWithFiles(): ProjectData {
    const p = project({ 'b-kust': TEXTS.kust, 'b-rivier': TEXTS.rivier, 'b-nieuw': NIEUW }, [bob]);
    p.documents.find((d) => d.id === 'b-kust')!.contentHash = sha(kustFile);
    p.documents.find((d) => d.id === 'b-rivier')!.contentHash = sha(rivierFile);
    p.documents.find((d) => d.id === 'b-nieuw')!.contentHash = sha(pdf);
    code(p, 'b-nieuw', 'Het Nieuwe Museum opent in het voorjaar zijn deuren', ['fame'], bob.id, 'fb9');
    return p;
  }
  async function annasBrowser() {
    const p = annas();
    p.documents.find((d) => d.id === 'a-kust')!.contentHash = sha(kustFile);
    return browserWith(p);
  }
  async function mergeBytes(db: Awaited<ReturnType<typeof annasBrowser>>, name: string, bytes: Uint8Array) {
    const read = await readMergeProject(name, bytes);
    if (!read.ok) throw new Error(read.error.reason);
    return mergeFile(db, read.value);
  }
  const bytesOf = async (db: Awaited<ReturnType<typeof annasBrowser>>, id: string) => {
    const o = await db.originals.get(id);
    return o ? new Uint8Array(await o.blob.arrayBuffer()) : undefined;
  };

  it('stores the original of a document new to the project, and of one matched by text that had none from the same file', async () => {
    const db = await annasBrowser();
    const zip = toProjectZip(bobsWithFiles(), [
      { documentId: 'b-nieuw', fileName: 'nieuw.pdf', bytes: pdf },
      { documentId: 'b-kust', fileName: 'kust.txt', bytes: kustFile },
      { documentId: 'b-rivier', fileName: 'rivier.txt', bytes: rivierFile },
    ]);
    const plan = await mergeBytes(db, 'bob.zip', zip);
    const added = plan.documents.added.map((a) => a.document.id);
    expect(added).toEqual(['b-nieuw']);
    expect(await bytesOf(db, 'b-nieuw')).toEqual(pdf);
    expect((await db.originals.get('b-nieuw'))?.type).toBe('application/pdf');
    // The same file as Anna's kust document: stored there. Bob's rivier file is another file than Anna's: not.
    expect(await bytesOf(db, 'a-kust')).toEqual(kustFile);
    expect(await db.originals.get('a-rivier')).toBeUndefined();
  });

  it('stores the PDF of a new document from a .qdpx', async () => {
    const db = await annasBrowser();
    const qdpx = toQdpx(bobsWithFiles(), { lang: 'nl', originals: new Map([['b-nieuw', { fileName: 'nieuw.pdf', type: 'application/pdf', bytes: pdf }]]) });
    const plan = await mergeBytes(db, 'bob.qdpx', qdpx);
    const nieuw = plan.documents.added.find((a) => a.text.text === NIEUW);
    expect(nieuw).toBeDefined();
    expect(await bytesOf(db, nieuw!.document.id)).toEqual(pdf);
  });

  it('keeps an original the project already has', async () => {
    const db = await annasBrowser();
    await db.originals.put({ documentId: 'a-kust', fileName: 'eigen.txt', type: 'text/plain', blob: new Blob([kustFile]) });
    await mergeBytes(db, 'bob.zip', toProjectZip(bobsWithFiles(), [{ documentId: 'b-kust', fileName: 'kust.txt', bytes: kustFile }]));
    expect((await db.originals.get('a-kust'))?.fileName).toBe('eigen.txt');
  });
});

describe('editing and deleting a comment', () => {
  /** The supervisor's browser with Anna's project and one review thread on fa2: a question by the supervisor, an answer by Anna. */
  async function thread() {
    const supervisorDb = await browserWith(project({}, [prof]));
    await mergeFile(supervisorDb, projectFile('anna.json', annas()));
    await addComment(supervisorDb, 'fa2' as FragmentId, prof.id, prof.id, 'Trots is eerder roem?', '2026-03-01T10:00:00.000Z');
    const r = (await addComment(supervisorDb, 'fa2' as FragmentId, prof.id, anna.id, 'Nee, huiselijk.', '2026-03-01T11:00:00.000Z'))!;
    return { supervisorDb, review: r, question: r.comments[0]!, answer: r.comments[1]! };
  }
  const sendBack = async (db: Parameters<typeof exportReviewFile>[0]) => {
    const sent = await exportReviewFile(db);
    const file = readMergeFile(sent.fileName, sent.content, 'review');
    if (!file.ok) throw new Error(file.error.reason);
    return file.value;
  };

  it('lets only the author edit or delete a comment', async () => {
    const { supervisorDb, review, question, answer } = await thread();
    expect(await editComment(supervisorDb, review, answer.id, prof.id, 'Toch roem.')).toEqual({ ok: false, reason: 'not-author' });
    expect(await deleteComment(supervisorDb, review, answer.id, prof.id)).toEqual({ ok: false, reason: 'not-author' });
    const edited = await editComment(supervisorDb, review, question.id, prof.id, 'Is trots hier niet eerder roem?', '2026-03-02T09:00:00.000Z');
    expect(edited.ok && edited.review.comments[0]).toMatchObject({ text: 'Is trots hier niet eerder roem?', editedAt: '2026-03-02T09:00:00.000Z', at: question.at });
    const gone = await deleteComment(supervisorDb, review, answer.id, anna.id, '2026-03-02T10:00:00.000Z');
    expect(gone.ok && gone.review.comments[1]).toMatchObject({ id: answer.id, text: '', deletedAt: '2026-03-02T10:00:00.000Z' });
    expect(await editComment(supervisorDb, review, answer.id, anna.id, 'weer terug')).toEqual({ ok: false, reason: 'gone' });
  });

  it('sends an edit and a deletion in the review file, and a merge keeps them over the older thread', async () => {
    const { supervisorDb, review, question, answer } = await thread();
    // The student got the thread before the edit and the deletion.
    const studentDb = await browserWith(annas());
    await mergeFile(studentDb, await sendBack(supervisorDb));
    await editComment(supervisorDb, review, question.id, prof.id, 'Is trots hier niet eerder roem?');
    await deleteComment(supervisorDb, review, answer.id, anna.id);
    await mergeFile(studentDb, await sendBack(supervisorDb));
    const got = (await projectData(studentDb)).reviews!.find((r) => r.id === review.id)!;
    expect(got.comments.map((c) => [c.id, c.text, !!c.deletedAt])).toEqual([
      [question.id, 'Is trots hier niet eerder roem?', false],
      [answer.id, '', true],
    ]);
    // The student's older copy, merged back into the supervisor's project, brings neither the old text nor the deleted answer back.
    const older = structuredClone(got);
    older.comments = [question, answer];
    const plan = planMerge(await projectData(supervisorDb), { coders: [anna, prof], reviews: [older] }, { source: 'old.json', now: '2026-03-03T00:00:00.000Z' });
    expect(plan.reviews.put).toEqual([]);
    // Merging the same review file twice changes nothing.
    expect(isEmptyPlan(await previewMerge(studentDb, await sendBack(supervisorDb)))).toBe(true);
  });

  it('leaves deleted comments out of the exports and does not count a thread of deleted comments as open', async () => {
    const { supervisorDb, review, question, answer } = await thread();
    await deleteComment(supervisorDb, review, answer.id, anna.id);
    await deleteComment(supervisorDb, review, question.id, prof.id);
    const stored = (await projectData(supervisorDb)).reviews!.find((r) => r.id === review.id)!;
    expect(isOpenThread(stored)).toBe(false);
    expect(reviewCells([stored], (id) => id, 'nl').comments).toBe('');
  });
});
