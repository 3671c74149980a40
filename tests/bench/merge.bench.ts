/**
 * The merge bench: another coder's project of 20,000 fragments added to a project of 20,000
 * fragments on the same 100 documents (the REFI-QDA bench's seeded project, qdpx.bench.ts: ~100,000
 * characters per document). The other coder imported the same files in their own browser, so
 * their documents have other ids and match ours by text; every one of their fragments is new here.
 *
 * - merge-20k-into-20k-cold: "Add another coder's project file" as the app does it (actions/merge.ts):
 *   read the file, snapshot the project, plan the merge against the stored project and write it
 *   in one transaction. Cold: each run on a freshly opened database that holds our project
 *   (restored before the timer starts), no untimed runs.
 * Baseline: restoring that same file into an empty project (actions/project.ts restoreProject:
 * read, check, snapshot, write), also cold on a fresh database, in the same run and paired (the
 * two alternate run by run). Both on fake-indexeddb in Node, so they measure the same storage.
 */
import 'fake-indexeddb/auto';
import { readMergeProject, mergeFile } from '../../src/actions/merge.ts';
import { restoreProject } from '../../src/actions/project.ts';
import { toProjectFile, type ProjectData } from '../../src/exchange/project-file.ts';
import type { CoderId, DocumentId, FragmentId } from '../../src/model/ids.ts';
import { WorthmarkDb } from '../../src/storage/db.ts';
import { line, type Bench } from './harness.ts';
import { load } from './qdpx.bench.ts';

const RUNS = 5;

/** The other coder's project: the same texts under their own document ids, 20,000 fragments of theirs. */
function theirProject(ours: ProjectData): ProjectData {
  const docId = (id: string) => `theirs-${id}` as DocumentId;
  return {
    ...ours,
    documents: ours.documents.map((d) => ({ ...d, id: docId(d.id), createdAt: '2024-02-01T00:00:00.000Z' })),
    texts: ours.texts.map((t) => ({ ...t, documentId: docId(t.documentId) })),
    fragments: ours.fragments.map((f, i) => ({ ...f, id: `g${i}` as FragmentId, documentId: docId(f.documentId), coderId: 'carla' as CoderId })),
    coders: [{ id: 'carla' as CoderId, name: 'Carla', initials: 'C' }],
  };
}

let n = 0;
const freshDb = () => new WorthmarkDb(`bench-merge-${process.pid}-${++n}`);

async function dispose(db: WorthmarkDb) {
  db.close();
  await db.delete();
}

export const benches: Bench[] = [
  {
    name: 'merge-20k-into-20k-cold',
    run: async () => {
      const ours = load();
      const ourFile = new TextEncoder().encode(toProjectFile(ours));
      const theirFile = new TextEncoder().encode(toProjectFile(theirProject(ours)));
      const merge: number[] = [];
      const restore: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        // Ours: our project on a fresh database, then the timed merge.
        const db = freshDb();
        const start = await restoreProject(db, 'ours.json', ourFile);
        if (!start.ok) return `our project did not restore: ${start.error.reason}`;
        db.close();
        const cold = new WorthmarkDb(db.name);
        let t = performance.now();
        const read = await readMergeProject('carla.json', theirFile);
        if (!read.ok) return `their file did not read: ${read.error.reason}`;
        const plan = await mergeFile(cold, read.value);
        merge.push(performance.now() - t);
        if (plan.fragments.added.length !== ours.fragments.length || plan.documents.matched.length !== ours.documents.length) {
          return `the merge added ${plan.fragments.added.length} fragments and matched ${plan.documents.matched.length} documents`;
        }
        await dispose(cold);
        // Baseline: the same file restored into an empty project.
        const empty = freshDb();
        await empty.open();
        t = performance.now();
        const r = await restoreProject(empty, 'carla.json', theirFile);
        restore.push(performance.now() - t);
        if (!r.ok || r.value.fragments !== ours.fragments.length) return 'the baseline restore failed';
        await dispose(empty);
      }
      return line('merge-20k-into-20k-cold', merge, { name: 'restoreProject of the same file into an empty project (cold, fake-indexeddb)', timings: restore });
    },
  },
];
