import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as repo from '../../../src/storage/repository.ts';
import { exportProject, restoreProject, sameNameCoderIn } from '../../../src/actions/project.ts';
import { ensureBasics } from '../../../src/actions/bootstrap.ts';
import { defaultCodebook } from '../../../src/app/bundled.ts';
import { freshDbs } from '../support/db.ts';

const fixture = readFileSync(new URL('../../fixtures/projects/small.worthmark.json', import.meta.url), 'utf8');
const freshDb = freshDbs('project');

describe('restoring a project file', () => {
  it('restores a saved project and writes it out again with the same content', async () => {
    const db = freshDb();
    const result = await restoreProject(db, 'small.json', fixture);
    expect(result).toMatchObject({ ok: true, value: { moved: 0, orphaned: 0 } });
    const again = JSON.parse((await exportProject(db)).content);
    const original = JSON.parse(fixture);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(again.fragments.sort(byId)).toEqual(original.fragments.sort(byId));
    expect(again.documents.sort(byId)).toEqual(original.documents.sort(byId));
  });

  it('marks the restored project as started, so the next start does not load the sample into it', async () => {
    const db = freshDb();
    // The fixture's settings carry no `initialized` (as a file made by hand or from a .qdpx).
    expect(JSON.parse(fixture).settings.initialized).toBeUndefined();
    expect(await restoreProject(db, 'small.json', fixture)).toMatchObject({ ok: true });
    expect(await ensureBasics(db, defaultCodebook)).toBe(false);
  });

  it('places a fragment whose offsets no longer hold its quote again by the quote, and says so', async () => {
    const db = freshDb();
    const project = JSON.parse(fixture);
    const f = project.fragments[0];
    f.anchor.start += 1;
    f.anchor.end += 1;
    const result = await restoreProject(db, 'shifted.json', JSON.stringify(project));
    expect(result).toMatchObject({ ok: true, value: { moved: 1, orphaned: 0 } });
    const stored = await repo.getFragment(db, f.id);
    const text = (await repo.getText(db, f.documentId))!.text;
    expect(text.slice(stored!.anchor.start, stored!.anchor.end)).toBe(f.anchor.exact);
  });

  it('refuses a broken file and leaves the project as it was', async () => {
    const db = freshDb();
    await restoreProject(db, 'small.json', fixture);
    const before = await repo.readSnapshot(db);
    const result = await restoreProject(db, 'broken.json', '{"format":"worthmark-project","version":1');
    expect(result.ok).toBe(false);
    expect(await repo.readSnapshot(db)).toEqual(before);
  });
});

describe('restoring a project of someone with my name ("this is me")', () => {
  const anna = { id: 'anna-laptop', name: 'anna de vries ', initials: 'AV' };

  async function browserOfAnna() {
    const db = freshDb();
    await repo.putCoder(db, anna as never);
    await repo.setSetting(db, 'coderId', anna.id);
    const file = JSON.parse(fixture);
    const fileAnna = file.coders[0];
    expect(fileAnna.name).toBe('Anna de Vries');
    return { db, fileAnna };
  }

  it('finds the coder in the file with my name', async () => {
    const { db, fileAnna } = await browserOfAnna();
    expect(await sameNameCoderIn(db, JSON.parse(fixture))).toMatchObject({ id: fileAnna.id });
  });

  it('makes me that coder when I say so: one person, one coder', async () => {
    const { db, fileAnna } = await browserOfAnna();
    const result = await restoreProject(db, 'small.json', fixture, { asMe: fileAnna.id });
    expect(result.ok).toBe(true);
    const coders = await repo.listCoders(db);
    expect(coders).toEqual([{ ...fileAnna, aliases: ['anna-laptop'] }]);
    expect(await repo.getSetting(db, 'coderId', null)).toBe(fileAnna.id);
    expect(await sameNameCoderIn(db, JSON.parse(fixture)), 'no question the next time').toBeNull();
  });

  it('keeps two coders when I do not say so', async () => {
    const { db } = await browserOfAnna();
    await restoreProject(db, 'small.json', fixture);
    expect((await repo.listCoders(db)).map((c) => c.id).sort()).toEqual(['anna-laptop', JSON.parse(fixture).coders[0].id].sort());
    expect(await repo.getSetting(db, 'coderId', null)).toBe('anna-laptop');
  });
});
