import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as repo from '../../../src/storage/repository.ts';
import { ensureProject, removeSample, SAMPLE_CODER, SETTINGS, type SampleBundle } from '../../../src/actions/bootstrap.ts';
import { nodePdfSource } from '../../../src/import/pdf-node.ts';
import { parseCodebook } from '../../../src/exchange/codebook-file.ts';
import { parseQuery } from '../../../src/text/query.ts';
import { pageAt } from '../../../src/model/index.ts';
import { freshDbs } from '../support/db.ts';

const here = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const pdf = nodePdfSource();
const codebookResult = parseCodebook(readFileSync(here('codebooks/boltanski-thevenot.json'), 'utf8'));
if ('error' in codebookResult) throw new Error(codebookResult.error.reason);
const codebook = codebookResult.parsed;
const codings = JSON.parse(readFileSync(here('samples/sample-codings.json'), 'utf8')).codings;
const sample: SampleBundle = {
  fileName: 'regioprofiel-rivierenland-oost.pdf',
  bytes: async () => new Uint8Array(readFileSync(here('samples/regioprofiel-rivierenland-oost.pdf'))),
  searchName: 'thesis terms',
  terms: readFileSync(here('samples/thesis-terms.txt'), 'utf8'),
  codings,
};

const freshDb = freshDbs('bootstrap');

describe('first run', () => {
  it('loads the codebook, a coder and the sample with its search set and every example coding', async () => {
    const db = freshDb();
    await ensureProject(db, codebook, pdf, sample);
    expect((await repo.listCodebooks(db)).map((c) => c.id)).toEqual(['boltanski-thevenot']);
    // The user's (still unnamed) coder and the sample's own coder.
    expect((await repo.listCoders(db)).map((c) => c.id).sort()).toEqual([await repo.getSetting(db, SETTINGS.coderId, ''), SAMPLE_CODER.id].sort());
    const docs = await repo.listDocuments(db);
    expect(docs).toHaveLength(1);
    expect(docs[0]!.sample).toBe(true);
    expect(docs[0]!.pages.length).toBeGreaterThanOrEqual(5);
    const searches = await repo.listSearches(db);
    expect(searches).toHaveLength(1);
    expect('parsed' in parseQuery(searches[0]!.terms)).toBe(true);
    const fragments = await repo.listFragments(db);
    // Every example quote must be found in the extracted PDF text, or the sample would show less.
    expect(fragments).toHaveLength(codings.length);
    const text = (await repo.getText(db, docs[0]!.id))!.text;
    for (const f of fragments) {
      expect(text.slice(f.anchor.start, f.anchor.end)).toBe(f.anchor.exact);
      expect(f.codes.every((c) => codebook.codes.some((x) => x.id === c))).toBe(true);
      expect(Number(pageAt(docs[0]!.pages, f.anchor.start)!.label)).toBeGreaterThanOrEqual(1);
    }
  });

  it('gives the sample’s example codings the same ids in every browser, so merging two coders’ projects does not double them', async () => {
    const [a, b] = [freshDb(), freshDb()];
    await ensureProject(a, codebook, pdf, sample);
    await ensureProject(b, codebook, pdf, sample);
    const ids = async (db: typeof a) => (await repo.listFragments(db)).map((f) => f.id).sort();
    expect(await ids(a)).toEqual(await ids(b));
    expect((await repo.listDocuments(a))[0]!.id, 'documents still get their own ids').not.toBe((await repo.listDocuments(b))[0]!.id);
  });

  it("credits the sample's example codings to the sample, never to the user who names themselves later", async () => {
    const db = freshDb();
    await ensureProject(db, codebook, pdf, sample);
    const me = await repo.getSetting<string>(db, SETTINGS.coderId, '');
    await repo.putCoder(db, { id: me as never, name: 'Sanne de Vries', initials: 'SdV' });
    const fragments = await repo.listFragments(db);
    expect(fragments.length).toBeGreaterThan(0);
    expect(new Set(fragments.map((f) => f.coderId))).toEqual(new Set([SAMPLE_CODER.id]));
    expect(fragments.some((f) => f.coderId === me)).toBe(false);
  });

  it('does not load the sample a second time on the next start', async () => {
    const db = freshDb();
    await ensureProject(db, codebook, pdf, sample);
    await ensureProject(db, codebook, pdf, sample);
    expect(await repo.listDocuments(db)).toHaveLength(1);
    expect(await repo.listFragments(db)).toHaveLength(codings.length);
    expect(await repo.listCodebooks(db)).toHaveLength(1);
  });

  it('removes the sample with its fragments and search set but keeps the codebook and coder', async () => {
    const db = freshDb();
    await ensureProject(db, codebook, pdf, sample);
    await removeSample(db);
    expect(await repo.listDocuments(db)).toHaveLength(0);
    expect(await repo.listFragments(db)).toHaveLength(0);
    expect(await repo.listSearches(db)).toHaveLength(0);
    expect(await repo.listCodebooks(db)).toHaveLength(1);
    // The user's coder stays; the sample's coder goes with its codings.
    expect((await repo.listCoders(db)).map((c) => c.id)).toEqual([await repo.getSetting(db, SETTINGS.coderId, '')]);
  });
});
