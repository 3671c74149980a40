import { describe, expect, it } from 'vitest';
import { applyMergePlan, isEmptyPlan, planMerge, type MergeOptions, type ProjectBundle } from '../../../src/exchange/merge-plan.ts';
import type { ProjectData } from '../../../src/exchange/project-file.ts';
import { parseCodebook } from '../../../src/exchange/codebook-file.ts';
import { mergeReview, reviewId, type Review } from '../../../src/model/review.ts';
import type { CoderId, DocumentId, FragmentId, SearchId } from '../../../src/model/ids.ts';
import { TEXTS, code, coder, copy, documentOf, edit, emptyProject, project, remove, textMissingProject, tick } from './merge-fixture.ts';
import { MISSING_CHAR } from '../../../src/text/missing-text.ts';
import { anchorFromRange } from '../../../src/model/fragment.ts';
import { toQdpx } from '../../../src/exchange/qdpx-write.ts';
import { readQdpxFiles, unzipBounded } from '../../../src/exchange/qdpx-read.ts';

const anna = coder('anna', 'Anna de Vries');
const bob = coder('bob', 'Bob Peeters');
const prof = coder('prof', 'Prof. Jansen');

let n = 0;
function options(extra: Partial<MergeOptions> = {}): MergeOptions {
  return { source: 'file.worthmark.json', now: tick(), newId: () => `new-${++n}`, ...extra };
}

/** Plans and applies a merge; returns the merged project and the plan. */
function merge(into: ProjectData, incoming: ProjectBundle, extra: Partial<MergeOptions> = {}) {
  const plan = planMerge(into, incoming, options(extra));
  return { plan, project: applyMergePlan(into, plan) };
}

/** Anna's project: two documents, three fragments. */
function annasProject(): ProjectData {
  const p = project({ 'a-rivier': TEXTS.rivier, 'a-kust': TEXTS.kust }, [anna]);
  code(p, 'a-rivier', 'Internationale festivals trekken jaarlijks duizenden bezoekers en leveren de stad omzet op.', ['market', 'fame'], anna.id, 'fa1');
  code(p, 'a-rivier', 'Iedere inwoner moet kunnen meedoen aan cultuur, ongeacht afkomst of inkomen.', ['civic'], anna.id, 'fa2');
  code(p, 'a-kust', 'Het erfgoed van de vissersdorpen is een bron van trots.', ['domestic'], anna.id, 'fa3');
  return p;
}

/** Bob's project: the same two texts imported in his own browser (other ids), two fragments. */
function bobsProject(): ProjectData {
  const p = project({ 'b-kust': TEXTS.kust, 'b-rivier': TEXTS.rivier }, [bob]);
  code(p, 'b-rivier', 'Internationale festivals trekken jaarlijks duizenden bezoekers en leveren de stad omzet op.', ['market'], bob.id, 'fb1');
  code(p, 'b-kust', 'Culturele instellingen werken efficiënt en professioneel samen over de grens.', ['industrial'], bob.id, 'fb2');
  return p;
}

/** The supervisor's browser: no documents yet, only the supervisor. */
function supervisorsProject(): ProjectData {
  return project({}, [prof]);
}

describe('merging what is already here', () => {
  it('changes nothing when a project is merged with itself', () => {
    const p = annasProject();
    p.coders.push(prof);
    edit(p, 'fa2', prof.id, { memo: 'Ook civiel?' });
    remove(p, 'fa3', anna.id);
    p.searches.push({ id: 's1' as SearchId, name: 'Internationaal', terms: 'internationa*', createdAt: tick(), updatedAt: tick() });
    p.hits.push({ id: 's1:a-kust:0:3', searchId: 's1', documentId: 'a-kust', start: 0, end: 3, state: 'dismissed', decidedAt: tick() });
    p.reviews!.push(review('fa1', 'a-rivier', prof.id, { status: 'accepted', comments: [{ id: 'c1', authorId: prof.id, at: tick(), text: 'Goed.' }] }));
    const plan = planMerge(p, copy(p), options());
    expect(isEmptyPlan(plan)).toBe(true);
    expect(plan.fragments.unchanged).toBe(2);
    expect(applyMergePlan(p, plan)).toEqual(p);
  });

  it('changes nothing when the same file is merged a second time', () => {
    const a = annasProject();
    const b = bobsProject();
    const first = merge(supervisorsProject(), copy(a)).project;
    const both = merge(first, copy(b)).project;
    for (const again of [a, b]) {
      const plan = planMerge(both, copy(again), options());
      expect(isEmptyPlan(plan)).toBe(true);
      expect(applyMergePlan(both, plan)).toEqual(both);
    }
  });
});

describe('documents', () => {
  it('matches documents by their text whatever their ids, so two coders never duplicate a document', () => {
    const merged = merge(merge(supervisorsProject(), copy(annasProject())).project, copy(bobsProject()));
    expect(merged.plan.documents.added).toEqual([]);
    expect(merged.plan.documents.matched.map((m) => [m.incomingId, m.localId, m.by]).sort()).toEqual([
      ['b-kust', 'a-kust', 'text'],
      ['b-rivier', 'a-rivier', 'text'],
    ]);
    expect(merged.project.documents.map((d) => d.id)).toEqual(['a-rivier', 'a-kust']);
    expect(merged.project.fragments.find((f) => f.id === 'fb1')!.documentId).toBe('a-rivier');
  });

  it('adds a document nobody here has, under a new id when another document here has its id', () => {
    const here = annasProject();
    const there = project({ 'a-rivier': 'Een heel andere tekst over muziekscholen en hun leerlingen.' }, [bob]);
    there.documents[0]!.contentHash = 'another-file';
    code(there, 'a-rivier', 'muziekscholen', ['civic'], bob.id, 'fx');
    const { plan, project: merged } = merge(here, there);
    expect(plan.documents.added).toHaveLength(1);
    const added = plan.documents.added[0]!;
    expect(added.document.id).toMatch(/^new-/);
    expect(added.text.documentId).toBe(added.document.id);
    expect(merged.fragments.find((f) => f.id === 'fx')!.documentId).toBe(added.document.id);
    expect(merged.documents).toHaveLength(3);
  });

  it('places fragments of the same original file whose text came out differently by their quote, keeping the ones it cannot find', () => {
    const here = project({ 'a-rivier': TEXTS.rivier }, [anna]);
    const otherText = 'Cultuurnota 2025\n\n' + TEXTS.rivier.replace('rijk cultureel leven', 'bloeiend cultureel leven');
    const there = project({}, [bob]);
    const d = documentOf('b-rivier', otherText, here.documents[0]!.contentHash);
    there.documents.push(d.document);
    there.texts.push(d.text);
    code(there, 'b-rivier', 'Iedere inwoner moet kunnen meedoen aan cultuur', ['civic'], bob.id, 'moved');
    code(there, 'b-rivier', 'bloeiend cultureel leven', ['inspired'], bob.id, 'lost');
    const { plan, project: merged } = merge(here, there);
    expect(plan.documents.matched).toEqual([{ incomingId: 'b-rivier', localId: 'a-rivier', by: 'file', title: 'a-rivier' }]);
    expect(plan.fragments).toMatchObject({ moved: 1, orphaned: 1 });
    const placed = merged.fragments.find((f) => f.id === 'moved')!;
    expect(TEXTS.rivier.slice(placed.anchor.start, placed.anchor.end)).toBe('Iedere inwoner moet kunnen meedoen aan cultuur');
    const orphan = merged.fragments.find((f) => f.id === 'lost')!;
    expect(orphan.anchor.start).toBe(orphan.anchor.end);
    expect(orphan.anchor.exact).toBe('bloeiend cultureel leven');
  });

  it('lists fragments whose document is not in the incoming project instead of placing them anywhere', () => {
    const there = bobsProject();
    there.documents = there.documents.filter((d) => d.id !== 'b-kust');
    const plan = planMerge(annasProject(), there, options());
    expect(plan.fragments.unplaced.map((f) => f.id)).toEqual(['fb2']);
    expect(plan.fragments.added.map((f) => f.id)).toEqual(['fb1']);
  });
});

describe('codes', () => {
  it('matches codes by id, then by name, and adds the rest with a shortcut key that is free', () => {
    const there = bobsProject();
    const book = there.codebooks[0]!;
    // Bob's codebook calls the market regime by another id; he added a code of his own with key 1.
    book.codes = book.codes.map((c) => (c.id === 'market' ? { ...c, id: 'markt' as typeof c.id, name: { nl: 'markt ', en: 'Market logic' } } : c));
    book.codes.push({ id: 'ecologie' as (typeof book.codes)[number]['id'], name: { nl: 'Ecologie', en: 'Ecology' }, description: { nl: 'Groen', en: 'Green' }, values: [], color: '#117733', key: '1' });
    there.fragments[0]!.codes = ['markt', 'ecologie'] as typeof there.fragments[0]['codes'];
    const { plan, project: merged } = merge(annasProject(), there);
    const byIncoming = Object.fromEntries(plan.codebooks.codes.map((c) => [c.incomingId, [c.localId, c.by]]));
    expect(byIncoming).toMatchObject({ civic: ['civic', 'id'], markt: ['market', 'name'], ecologie: ['ecologie', 'added'] });
    const ours = merged.codebooks[0]!;
    expect(ours.codes.map((c) => c.id)).toEqual(['inspired', 'domestic', 'fame', 'civic', 'market', 'industrial', 'project', 'ecologie']);
    expect(ours.codes.find((c) => c.id === 'ecologie')!.key).toBe('8');
    expect(ours.changes!.at(-1)).toMatchObject({ kind: 'import', target: 'file.worthmark.json' });
    expect(merged.fragments.find((f) => f.id === 'fb1')!.codes).toEqual(['market', 'ecologie']);
  });

  it('gives added codes past the last free shortcut key no key, and the codebook stays valid', () => {
    const there = bobsProject();
    for (let i = 0; i < 30; i++) {
      there.codebooks[0]!.codes.push({ id: `extra-${i}` as never, name: { nl: `Extra ${i}`, en: `Extra ${i}` }, description: { nl: 'x', en: 'x' }, values: [], color: '#117733', key: '' });
    }
    const { project: merged } = merge(annasProject(), there);
    const keys = merged.codebooks[0]!.codes.map((c) => c.key);
    expect(keys.filter(Boolean)).toHaveLength(31);
    expect(keys.filter((k) => k === '')).toHaveLength(6);
    expect(parseCodebook(merged.codebooks[0]!)).toHaveProperty('parsed');
  });

  it('matches values within a matched code by id, then by name, and adds the rest to that code', () => {
    const there = bobsProject();
    const market = there.codebooks[0]!.codes.find((c) => c.id === 'market')!;
    market.values = [
      { id: 'financial-success', name: { nl: 'Financieel succes', en: 'Financial success' } },
      { id: 'omzet', name: { nl: 'Concurrentie ', en: 'x' } },
      { id: 'toerisme', name: { nl: 'Toerisme', en: 'Tourism' } },
    ];
    const ourMarket = emptyProject().codebooks[0]!.codes.find((c) => c.id === 'market')!;
    const competition = ourMarket.values.find((v) => v.name.nl === 'concurrentie');
    expect(competition, 'the default codebook has this value').toBeDefined();
    there.fragments[0]!.values = ['market:financial-success', 'market:omzet', 'market:toerisme'];
    const { plan, project: merged } = merge(annasProject(), there);
    expect(plan.codebooks.values.filter((v) => v.incomingRef.startsWith('market:')).map((v) => [v.incomingRef, v.localRef, v.by])).toEqual([
      ['market:financial-success', 'market:financial-success', 'id'],
      ['market:omzet', `market:${competition!.id}`, 'name'],
      ['market:toerisme', 'market:toerisme', 'added'],
    ]);
    expect(merged.fragments.find((f) => f.id === 'fb1')!.values).toEqual(['market:financial-success', `market:${competition!.id}`, 'market:toerisme']);
    expect(merged.codebooks[0]!.codes.find((c) => c.id === 'market')!.values.map((v) => v.id)).toContain('toerisme');
  });

  it('follows a code our codebook merged into another', () => {
    const here = annasProject();
    const book = here.codebooks[0]!;
    // As the codebook editor merges: fame's values move to market, an alias stays.
    const fame = book.codes.find((c) => c.id === 'fame')!;
    book.codes = book.codes.filter((c) => c.id !== 'fame');
    book.codes.find((c) => c.id === 'market')!.values.push(...fame.values);
    book.aliases = { fame: 'market' };
    here.fragments[0]!.codes = ['market'] as typeof here.fragments[0]['codes'];
    const there = bobsProject();
    there.fragments[0]!.codes = ['fame'] as typeof there.fragments[0]['codes'];
    const { plan, project: merged } = merge(here, there);
    expect(plan.codebooks.put).toEqual([]);
    expect(merged.fragments.find((f) => f.id === 'fb1')!.codes).toEqual(['market']);
  });

  it('matches flags by id, then by name, and adds a new one', () => {
    const there = bobsProject();
    there.codebooks[0]!.flags.push({ id: 'twijfel', name: { nl: 'Twijfel', en: 'Doubt' }, description: { nl: 'Onzeker', en: 'Unsure' } });
    there.fragments[0]!.flags = ['glocalisation', 'twijfel'];
    const { plan, project: merged } = merge(annasProject(), there);
    expect(plan.codebooks.flags.map((f) => [f.incomingId, f.by])).toEqual([
      ['glocalisation', 'id'],
      ['twijfel', 'added'],
    ]);
    expect(merged.codebooks[0]!.flags.map((f) => f.id)).toEqual(['glocalisation', 'twijfel']);
  });

  it('takes the incoming codebook as it is into a project without one', () => {
    const here = supervisorsProject();
    here.codebooks = [];
    const { plan, project: merged } = merge(here, annasProject());
    expect(merged.codebooks).toEqual(annasProject().codebooks);
    expect(plan.codebooks.codes.every((c) => c.by === 'added')).toBe(true);
  });
});

describe('coders', () => {
  it('keeps every fragment with the coder who made it', () => {
    const merged = merge(merge(supervisorsProject(), annasProject()).project, bobsProject()).project;
    const coderOf = Object.fromEntries(merged.fragments.map((f) => [f.id, f.coderId]));
    expect(coderOf).toEqual({ fa1: 'anna', fa2: 'anna', fa3: 'anna', fb1: 'bob', fb2: 'bob' });
    expect(merged.coders.map((c) => c.id)).toEqual(['prof', 'anna', 'bob']);
  });

  it('asks about a coder with our name and another id, and takes them as one person when told ("this is me")', () => {
    const here = project({ 'a-rivier': TEXTS.rivier }, [coder('anna-laptop', 'Anna de Vries')]);
    const asked = planMerge(here, annasProject(), options());
    expect(asked.coders.sameName.map((s) => [s.incoming.id, s.local.id])).toEqual([['anna', 'anna-laptop']]);
    const { plan, project: merged } = merge(here, annasProject(), { coderMap: { anna: 'anna-laptop' } });
    expect(plan.coders.added).toEqual([]);
    expect(plan.coders.matched).toEqual([{ incomingId: 'anna', localId: 'anna-laptop', by: 'chosen' }]);
    expect(merged.coders).toEqual([{ ...coder('anna-laptop', 'Anna de Vries'), aliases: ['anna'] }]);
    expect(new Set(merged.fragments.map((f) => f.coderId))).toEqual(new Set(['anna-laptop']));
    // Next time the alias is known: no question, nothing new.
    const again = planMerge(merged, annasProject(), options());
    expect(again.coders.sameName).toEqual([]);
    expect(again.coders.matched).toEqual([{ incomingId: 'anna', localId: 'anna-laptop', by: 'alias' }]);
    expect(isEmptyPlan(again)).toBe(true);
  });

  it('adds a coder with our name as another coder when nobody says they are one', () => {
    const here = project({}, [coder('anna-laptop', 'Anna de Vries')]);
    const { project: merged } = merge(here, annasProject());
    expect(merged.coders.map((c) => c.id)).toEqual(['anna-laptop', 'anna']);
  });

  it('gives a coder of ours without a name the name the other project knows', () => {
    const here = project({}, [coder('anna', '')]);
    here.coders[0]!.initials = '';
    const { project: merged } = merge(here, annasProject());
    expect(merged.coders).toEqual([anna]);
  });
});

describe('fragments changed on one or both sides', () => {
  /** The supervisor's project after merging Anna's handed-in file; and Anna's own, going on. */
  function handedIn() {
    const student = annasProject();
    const supervisor = merge(supervisorsProject(), copy(student)).project;
    return { student, supervisor };
  }

  it('takes their newer version of a fragment that was not changed here', () => {
    const { student, supervisor } = handedIn();
    edit(student, 'fa2', anna.id, { memo: 'Toegankelijkheid', codes: ['civic', 'domestic'] as never });
    const { plan, project: merged } = merge(supervisor, copy(student));
    expect(plan.fragments.updated.map((u) => u.after.id)).toEqual(['fa2']);
    expect(merged.fragments.find((f) => f.id === 'fa2')).toMatchObject({ memo: 'Toegankelijkheid', codes: ['civic', 'domestic'], coderId: 'anna' });
  });

  it('keeps ours when ours is the newer version', () => {
    const { student, supervisor } = handedIn();
    edit(supervisor, 'fa2', prof.id, { memo: 'Bekeken' });
    const { plan, project: merged } = merge(supervisor, copy(student));
    expect(plan.fragments.keptOurs).toBe(1);
    expect(isEmptyPlan(plan)).toBe(true);
    expect(merged.fragments.find((f) => f.id === 'fa2')!.memo).toBe('Bekeken');
  });

  it('keeps both versions as a conflict when both sides changed a fragment, and does not find it twice', () => {
    const { student, supervisor } = handedIn();
    edit(supervisor, 'fa1', prof.id, { codes: ['market'] as never });
    edit(student, 'fa1', anna.id, { memo: 'Festivals = markt én roem' });
    const { plan, project: merged } = merge(supervisor, copy(student), { source: 'anna-v2.worthmark.json' });
    expect(plan.conflicts).toHaveLength(1);
    const conflict = plan.conflicts[0]!;
    expect(conflict).toMatchObject({ fragmentId: 'fa1', documentId: 'a-rivier', source: 'anna-v2.worthmark.json' });
    expect(conflict.theirs).toMatchObject({ memo: 'Festivals = markt én roem', codes: ['market', 'fame'] });
    // Ours stays as it was, counted once.
    expect(merged.fragments.filter((f) => f.id === 'fa1')).toEqual([supervisor.fragments.find((f) => f.id === 'fa1')]);
    expect(merged.conflicts).toEqual([conflict]);
    expect(isEmptyPlan(planMerge(merged, copy(student), options()))).toBe(true);
  });

  it('calls two different versions with the same history a conflict (one coder in two browsers)', () => {
    const { student, supervisor } = handedIn();
    const laptop = copy(student);
    edit(student, 'fa3', anna.id, { memo: 'thuis' });
    edit(laptop, 'fa3', anna.id, { memo: 'op de laptop' });
    const afterHome = merge(supervisor, student).project;
    const plan = planMerge(afterHome, laptop, options());
    expect(plan.conflicts.map((c) => c.theirs?.memo)).toEqual(['op de laptop']);
  });
});

describe('deleted fragments', () => {
  it('does not bring back a fragment deleted here from a file made before the deletion', () => {
    const student = annasProject();
    const supervisor = merge(supervisorsProject(), copy(student)).project;
    remove(supervisor, 'fa3', prof.id);
    const { plan, project: merged } = merge(supervisor, copy(student));
    expect(plan.fragments.stayDeleted).toBe(1);
    expect(merged.fragments.map((f) => f.id)).not.toContain('fa3');
  });

  it('keeps a fragment deleted here but changed there since as a conflict', () => {
    const student = annasProject();
    const supervisor = merge(supervisorsProject(), copy(student)).project;
    remove(supervisor, 'fa3', prof.id);
    edit(student, 'fa3', anna.id, { memo: 'juist belangrijk' });
    const plan = planMerge(supervisor, copy(student), options());
    expect(plan.conflicts).toHaveLength(1);
    expect(plan.conflicts[0]).toMatchObject({ fragmentId: 'fa3', theirs: { memo: 'juist belangrijk' }, deletedHere: { id: 'fa3' } });
    expect(plan.fragments.added).toEqual([]);
  });

  it('deletes our copy of a fragment they deleted, when ours is the version they deleted', () => {
    const student = annasProject();
    const supervisor = merge(supervisorsProject(), copy(student)).project;
    remove(student, 'fa2', anna.id);
    const { plan, project: merged } = merge(supervisor, copy(student));
    expect(plan.fragments.removed.map((f) => f.id)).toEqual(['fa2']);
    expect(merged.fragments.map((f) => f.id)).not.toContain('fa2');
    expect(merged.deletions!.map((d) => d.id)).toEqual(['fa2']);
    expect(isEmptyPlan(planMerge(merged, copy(student), options()))).toBe(true);
  });

  it('keeps our fragment as a conflict when they deleted it and we changed it since', () => {
    const student = annasProject();
    const supervisor = merge(supervisorsProject(), copy(student)).project;
    remove(student, 'fa2', anna.id);
    edit(supervisor, 'fa2', prof.id, { memo: 'Niet weggooien' });
    const { plan, project: merged } = merge(supervisor, copy(student));
    expect(plan.fragments.removed).toEqual([]);
    expect(plan.conflicts).toHaveLength(1);
    expect(plan.conflicts[0]).toMatchObject({ fragmentId: 'fa2', theirs: null, deletedThere: { id: 'fa2' } });
    expect(merged.fragments.find((f) => f.id === 'fa2')!.memo).toBe('Niet weggooien');
    expect(merged.deletions).toEqual([]);
  });
});

/** A review as the app makes one. */
function review(fragmentId: string, documentId: string, reviewerId: string, extra: Partial<Review> = {}): Review {
  const at = tick();
  return {
    id: reviewId(fragmentId, reviewerId),
    fragmentId: fragmentId as FragmentId,
    documentId: documentId as DocumentId,
    reviewerId: reviewerId as CoderId,
    quote: '…',
    comments: [],
    updatedAt: at,
    ...(extra.status ? { statusAt: at } : {}),
    ...extra,
  };
}

describe('reviews', () => {
  it('brings a review file’s comments to the student’s fragments without touching what the student did after handing in', () => {
    const student = annasProject();
    const supervisor = merge(supervisorsProject(), copy(student)).project;
    supervisor.reviews!.push(
      review('fa1', 'a-rivier', prof.id, { status: 'accepted' }),
      review('fa2', 'a-rivier', prof.id, { status: 'rejected', comments: [{ id: 'c1', authorId: prof.id, at: tick(), text: 'Dit is eerder markt.' }] }),
      review('fa3', 'a-kust', prof.id, { comments: [{ id: 'c2', authorId: prof.id, at: tick(), text: 'Waarom huiselijk?' }] }),
    );
    // After handing in, Anna goes on: a new fragment, a changed memo.
    code(student, 'a-kust', 'De Kustregio zet in op cultuurtoerisme.', ['market'], anna.id, 'fa4');
    edit(student, 'fa3', anna.id, { memo: 'trots = huiselijk' });
    const before = copy(student);
    const reviewFile: ProjectBundle = { coders: [prof], reviews: supervisor.reviews };
    const { plan, project: merged } = merge(student, copy(reviewFile));
    expect(plan.reviews).toMatchObject({ added: 3, updated: 0 });
    expect(plan.coders.added).toEqual([prof]);
    expect(merged.fragments).toEqual(before.fragments);
    expect(merged.reviews!.find((r) => r.fragmentId === 'fa2')).toMatchObject({ status: 'rejected', comments: [{ text: 'Dit is eerder markt.' }] });
    expect(isEmptyPlan(planMerge(merged, copy(reviewFile), options()))).toBe(true);
  });

  it('keeps comments made on both sides and the status set last', () => {
    const student = annasProject();
    student.coders.push(prof);
    const base = review('fa1', 'a-rivier', prof.id, { status: 'needs-change', comments: [{ id: 'q', authorId: prof.id, at: tick(), text: 'Roem?' }] });
    const answered = { ...base, comments: [...base.comments, { id: 'a', authorId: anna.id, at: tick(), text: 'Ja: de bezoekers.' }], updatedAt: tick() };
    const later = tick();
    const decided: Review = { ...base, status: 'accepted', statusAt: later, updatedAt: later };
    student.reviews!.push(answered);
    const { project: merged } = merge(student, { coders: [prof], reviews: [decided] });
    const r = merged.reviews![0]!;
    expect(r.status).toBe('accepted');
    expect(r.comments.map((c) => c.text)).toEqual(['Roem?', 'Ja: de bezoekers.']);
  });

  it('merges two states of a review the same in any order, and a state with itself to itself', () => {
    const a = review('f', 'd', 'r', { status: 'rejected', comments: [{ id: '1', authorId: 'r' as CoderId, at: '2026-01-01T00:00:00.000Z', text: 'x' }] });
    const b: Review = {
      ...a,
      status: 'accepted',
      statusAt: '2030-01-01T00:00:00.000Z',
      comments: [{ id: '2', authorId: 'c' as CoderId, at: '2026-01-02T00:00:00.000Z', text: 'y' }],
      resolution: { resolved: true, by: 'c' as CoderId, at: '2026-01-03T00:00:00.000Z' },
    };
    expect(mergeReview(a, b)).toEqual(mergeReview(b, a));
    expect(mergeReview(a, a)).toEqual(a);
    expect(mergeReview(mergeReview(a, b), b)).toEqual(mergeReview(a, b));
  });

  it('maps the reviewer and comment authors of a coder who is one of ours ("this is me")', () => {
    const here = annasProject();
    here.coders.push(coder('prof-desk', 'Prof. Jansen'));
    const file: ProjectBundle = { coders: [prof], reviews: [review('fa1', 'x', prof.id, { comments: [{ id: 'c', authorId: prof.id, at: tick(), text: 'Goed' }] })] };
    const { project: merged } = merge(here, file, { coderMap: { prof: 'prof-desk' } });
    expect(merged.reviews![0]).toMatchObject({ id: 'fa1:prof-desk', reviewerId: 'prof-desk', documentId: 'a-rivier', comments: [{ authorId: 'prof-desk' }] });
  });
});

describe('saved searches and worklist decisions', () => {
  it('matches saved searches by id, then by name and terms, and maps dismissals to our documents', () => {
    const here = annasProject();
    here.searches.push({ id: 'sa' as SearchId, name: 'Internationaal', terms: 'internationa*', createdAt: tick(), updatedAt: tick() });
    const there = bobsProject();
    there.searches.push(
      { id: 'sb' as SearchId, name: 'Internationaal', terms: 'internationa*\n', createdAt: tick(), updatedAt: tick() },
      { id: 'sc' as SearchId, name: 'Internationaal', terms: 'grens*', createdAt: tick(), updatedAt: tick() },
    );
    there.hits.push({ id: 'sb:b-kust:5:10', searchId: 'sb', documentId: 'b-kust', start: 5, end: 10, state: 'dismissed', reason: 'naam', decidedAt: tick() });
    const { plan, project: merged } = merge(here, there);
    expect(plan.searches.matched).toEqual([{ incomingId: 'sb', localId: 'sa', by: 'name-and-terms' }]);
    expect(plan.searches.added.map((s) => s.name)).toEqual(['Internationaal (2)']);
    // Made before dismissals recorded their coder: it is the file's one coder's.
    expect(merged.hits).toEqual([{ id: `sa:a-kust:5:10:${bob.id}`, searchId: 'sa', documentId: 'a-kust', start: 5, end: 10, state: 'dismissed', reason: 'naam', coderId: bob.id, decidedAt: there.hits[0]!.decidedAt }]);
  });

  it('keeps two coders’ dismissals of one hit apart, mapped to our coders, and merging again changes nothing', () => {
    const here = annasProject();
    here.searches.push({ id: 'sa' as SearchId, name: 'Internationaal', terms: 'internationa*', createdAt: tick(), updatedAt: tick() });
    here.hits.push({ id: `sa:a-kust:5:10:${anna.id}`, searchId: 'sa', documentId: 'a-kust', start: 5, end: 10, state: 'dismissed', coderId: anna.id, decidedAt: tick() });
    const there = bobsProject();
    there.searches.push({ id: 'sb' as SearchId, name: 'Internationaal', terms: 'internationa*', createdAt: tick(), updatedAt: tick() });
    there.hits.push({ id: `sb:b-kust:5:10:${bob.id}`, searchId: 'sb', documentId: 'b-kust', start: 5, end: 10, state: 'dismissed', coderId: bob.id, decidedAt: tick() });
    const { project: merged } = merge(here, there);
    expect(merged.hits.map((h) => [h.id, h.coderId])).toEqual([
      [`sa:a-kust:5:10:${anna.id}`, anna.id],
      [`sa:a-kust:5:10:${bob.id}`, bob.id],
    ]);
    const again = planMerge(merged, copy(there), options());
    expect(again.hits.put).toEqual([]);
  });

  it('leaves a dismissal without a coder that we hold without a coder as it is', () => {
    const p = annasProject();
    p.searches.push({ id: 's1' as SearchId, name: 'Internationaal', terms: 'internationa*', createdAt: tick(), updatedAt: tick() });
    p.hits.push({ id: 's1:a-kust:0:3', searchId: 's1', documentId: 'a-kust', start: 0, end: 3, state: 'dismissed', decidedAt: tick() });
    const plan = planMerge(p, copy(p), options());
    expect(plan.hits.put).toEqual([]);
  });
});

describe('a document whose text was missing in their file (a .qdpx without its text files)', () => {
  // Our text starts with a character outside the BMP: one code point, two UTF-16 units.
  const ours = `🎭 ${TEXTS.rivier}`;
  const quote = 'Iedere inwoner moet kunnen meedoen aan cultuur, ongeacht afkomst of inkomen.';
  const unknown = 'De regio werkt samen met partners in binnen- en buitenland.';
  /** Code-point offset of `s` in our text. */
  const cp = (s: string) => Array.from(ours.slice(0, ours.indexOf(s))).length;

  /** Their project: the text missing (a stand-in), Bob's two passages — one with its quote known, one without. */
  function theirs(known: { start: number; text: string }[], source = 'rivier.docx', title = 'Rivier') {
    const said = known.map((k) => ({ at: quote, text: k.text }));
    return textMissingProject(ours, said, [[quote, ['civic'], 'fq1'], [unknown, ['market'], 'fq2']], bob, { id: 'q-rivier', title, source });
  }
  function annas(): ProjectData {
    const p = project({ 'a-rivier': ours }, [anna]);
    code(p, 'a-rivier', quote, ['civic'], anna.id, 'fa1');
    return p;
  }

  it('is our document when its length in code points and every known quote agree: the passages keep their positions', () => {
    const { plan, project: merged } = merge(annas(), theirs([{ start: cp(quote), text: quote }]));
    expect(plan.documents.added).toEqual([]);
    expect(plan.documents.matched.map((m) => [m.incomingId, m.localId, m.by])).toEqual([['q-rivier', 'a-rivier', 'position']]);
    const placed = merged.fragments.filter((f) => f.coderId === bob.id).map((f) => [f.id, f.documentId, f.anchor.exact, f.anchor.start]);
    // UTF-16 offsets of our text: one more than the code points, for the emoji.
    expect(placed.sort()).toEqual([
      ['fq1', 'a-rivier', quote, ours.indexOf(quote)],
      ['fq2', 'a-rivier', unknown, ours.indexOf(unknown)],
    ]);
    expect(ours.indexOf(quote)).toBe(cp(quote) + 1);
    expect(merged.documents).toHaveLength(1);
    // The same file again changes nothing.
    const again = planMerge(merged, theirs([{ start: cp(quote), text: quote }]), options());
    expect(isEmptyPlan(again)).toBe(true);
  });

  it('stays a document of its own without a known quote, even named as ours', () => {
    const named = merge(annas(), theirs([], 'a-rivier.pdf'));
    expect(named.plan.documents.matched).toEqual([]);
    expect(named.plan.documents.added.map((a) => a.document.textMissing?.source)).toEqual(['a-rivier.pdf']);
  });

  it('stays a document of its own when a known quote is not our text at its place, or a passage lies past our text', () => {
    const wrong = merge(annas(), theirs([{ start: cp(quote), text: 'Iedere bezoeker moet kunnen meedoen aan cultuur, ongeacht afkomst of inkomen.' }], 'a-rivier.pdf'));
    expect(wrong.plan.documents.matched).toEqual([]);
    expect(wrong.plan.documents.added).toHaveLength(1);
    const p = annas();
    p.texts[0]!.text = ours.slice(0, ours.indexOf(unknown) + 10);
    const short = merge(p, theirs([{ start: cp(quote), text: quote }], 'a-rivier.pdf'));
    expect(short.plan.documents.matched).toEqual([]);
    // A longer text of ours is fine: a stand-in is only as long as its last passage reaches.
    const q = annas();
    q.texts[0]!.text = `${ours} Einde.`;
    expect(merge(q, theirs([{ start: cp(quote), text: quote }])).plan.documents.matched.map((m) => m.by)).toEqual(['position']);
  });

  it('is left alone when two of our texts fit it equally, unless one of them is named as its source', () => {
    const p = annas();
    const twin = documentOf('a-rivier-2', ours, 'file-other');
    p.documents.push(twin.document);
    p.texts.push(twin.text);
    const { plan } = merge(p, theirs([{ start: cp(quote), text: quote }]));
    expect(plan.documents.matched).toEqual([]);
    expect(plan.documents.added).toHaveLength(1);
    const named = merge(p, theirs([{ start: cp(quote), text: quote }], 'a-rivier-2.docx'));
    expect(named.plan.documents.matched.map((m) => [m.localId, m.by])).toEqual([['a-rivier-2', 'position']]);
  });
});

describe('our own .qdpx coming back without its text files', () => {
  it('lands on our documents by position, changes nothing of ours, and places a new passage that has no known quote', async () => {
    const ours = `🎭 ${TEXTS.rivier}`;
    const p = project({ 'a-rivier': ours }, [anna]);
    code(p, 'a-rivier', 'Iedere inwoner moet kunnen meedoen aan cultuur, ongeacht afkomst of inkomen.', ['civic'], anna.id, 'fa1');
    const zip = unzipBounded(toQdpx(p, { lang: 'en' }), 'rivier.qdpx');
    if (!('parsed' in zip)) throw new Error('not a zip');
    // The text files left out, as some exporters do.
    for (const name of Object.keys(zip.parsed)) if (/^sources\/.*\.txt$/i.test(name)) delete zip.parsed[name];
    const read = await readQdpxFiles(zip.parsed, 'rivier.qdpx');
    if (!('parsed' in read)) throw new Error(read.error.reason);
    const back = read.parsed.data;
    expect(back.documents.map((d) => d.textMissing?.source)).toEqual(['a-rivier']);
    // What they give back as it was: nothing changes.
    const plan = planMerge(p, copy(back), options());
    expect(plan.documents.matched.map((m) => [m.incomingId, m.localId, m.by])).toEqual([['a-rivier', 'a-rivier', 'position']]);
    expect(isEmptyPlan(plan)).toBe(true);
    // A second coder's passage where their file knows no quote: placed on our text at its place.
    const unknown = 'De regio werkt samen met partners in binnen- en buitenland.';
    const at = Array.from(ours.slice(0, ours.indexOf(unknown))).length;
    // Their stand-in reaches as far as their last passage (here: the new one, at the end of the text).
    const standIn = back.texts[0]!.text.padEnd(at + unknown.length, MISSING_CHAR);
    back.texts[0]!.text = standIn;
    back.coders.push(bob);
    const f = code(back, 'a-rivier', standIn.slice(0, 1), ['market'], bob.id, 'fb9');
    f.anchor = anchorFromRange(standIn, at, at + unknown.length);
    const merged = merge(p, back);
    expect(merged.project.documents).toHaveLength(1);
    expect(merged.project.fragments.find((x) => x.id === 'fb9')!.anchor).toMatchObject({ start: ours.indexOf(unknown), exact: unknown });
  });
});

describe('a document of ours whose text is missing, and their file has the text', () => {
  const ours = `🎭 ${TEXTS.rivier}`;
  const quote = 'Iedere inwoner moet kunnen meedoen aan cultuur, ongeacht afkomst of inkomen.';
  const unknown = 'De regio werkt samen met partners in binnen- en buitenland.';
  const cp = (s: string) => Array.from(ours.slice(0, ours.indexOf(s))).length;

  /** The supervisor's browser: a .qdpx from ATLAS.ti restored without its text, the supervisor's two passages on it. */
  function supervisors(): ProjectData {
    const p = textMissingProject(ours, [quote], [[quote, ['civic'], 'fp1'], [unknown, ['market'], 'fp2']], prof, { id: 'q-rivier', title: 'Rivier', source: 'Rivier.docx' });
    p.searches.push({ id: 's1' as SearchId, name: 'Internationaal', terms: 'buitenland', createdAt: tick(), updatedAt: tick() });
    p.hits.push({ id: `s1:q-rivier:${cp('buitenland')}:${cp('buitenland') + 10}`, searchId: 's1' as SearchId, documentId: 'q-rivier' as DocumentId, start: cp('buitenland'), end: cp('buitenland') + 10, state: 'dismissed', decidedAt: tick() });
    return p;
  }
  /** The student's project with the text. */
  function students(): ProjectData {
    const p = project({ 'a-rivier': ours }, [anna]);
    code(p, 'a-rivier', quote, ['civic'], anna.id, 'fa1');
    return p;
  }

  it('gives our document their text: one document, our passages and decisions at their places, theirs added on it', () => {
    const { plan, project: merged } = merge(supervisors(), students());
    expect(plan.documents.added).toEqual([]);
    expect(plan.documents.matched.map((m) => [m.incomingId, m.localId, m.by])).toEqual([['a-rivier', 'q-rivier', 'attached']]);
    expect(merged.documents).toHaveLength(1);
    const doc = merged.documents[0]!;
    expect(doc.id).toBe('q-rivier');
    expect(doc.textMissing).toBeUndefined();
    expect(doc.textAttached).toMatchObject({ fileName: 'a-rivier.pdf', checked: 1, mismatched: [] });
    expect(doc.charCount).toBe(ours.length);
    expect(merged.texts).toEqual([expect.objectContaining({ documentId: 'q-rivier', text: ours })]);
    const at = (id: string) => merged.fragments.find((f) => f.id === id)!.anchor;
    expect(at('fp1')).toMatchObject({ start: ours.indexOf(quote), exact: quote });
    expect(at('fp2')).toMatchObject({ start: ours.indexOf(unknown), exact: unknown });
    expect(merged.fragments.find((f) => f.id === 'fa1')).toMatchObject({ documentId: 'q-rivier', anchor: { start: ours.indexOf(quote) } });
    // The dismissal moved with the text (UTF-16 offsets now: one more, for the emoji).
    expect(merged.hits.map((h) => [h.start, h.end])).toEqual([[ours.indexOf('buitenland'), ours.indexOf('buitenland') + 10]]);
    expect(merged.hits[0]!.id).toBe(`s1:q-rivier:${ours.indexOf('buitenland')}:${ours.indexOf('buitenland') + 10}`);
    // The same file again changes nothing.
    expect(isEmptyPlan(planMerge(merged, students(), options()))).toBe(true);
  });

  it('ends with the same document and passages whichever project is merged into which', () => {
    const one = merge(supervisors(), students()).project;
    const other = merge(students(), supervisors()).project;
    for (const p of [one, other]) expect(p.documents).toHaveLength(1);
    const places = (p: ProjectData) => p.fragments.map((f) => [f.id, f.anchor.start, f.anchor.end]).sort();
    expect(places(one)).toEqual(places(other));
  });

  it('is not done when their text disagrees with a known quote, or does not reach our last passage', () => {
    const other = project({ 'a-rivier': ours.replace('Iedere inwoner', 'Iedere bezoeker') }, [anna]);
    const wrong = merge(supervisors(), other);
    expect(wrong.plan.documents.attached).toEqual([]);
    expect(wrong.project.documents).toHaveLength(2);
    const short = project({ 'a-rivier': ours.slice(0, ours.indexOf(unknown) + 5) }, [anna]);
    expect(merge(supervisors(), short).plan.documents.attached).toEqual([]);
  });
});
