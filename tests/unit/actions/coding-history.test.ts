import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { freshDbs } from '../support/db.ts';
import * as repo from '../../../src/storage/repository.ts';
import { CodingHistory } from '../../../src/actions/history.ts';
import {
  addValueOnTheFly,
  createFragment,
  deleteFragmentStep,
  mergeFragments,
  moveBoundaries,
  nextWordEnd,
  previousWordEnd,
  previousWordStart,
  setMemo,
  splitFragment,
  toggleFlagStep,
  toggleRegime,
  toggleValue,
  trimRange,
  type CodingContext,
} from '../../../src/actions/coding.ts';
import type { Codebook, CodeId, CoderId, DocumentId, FragmentId } from '../../../src/model/index.ts';
import { storeDocuments } from '../support/document.ts';
import { content, expectBroughtBack } from '../support/fragment.ts';

const freshDb = freshDbs('coding-history');

const TEXT = 'De regio werkt over de grenzen heen. Cultuur is van iedereen en voor iedereen toegankelijk.';
const DOC = 'doc-1' as DocumentId;
const civic = 'civic' as CodeId;
const market = 'market' as CodeId;

const BOOK: Codebook = {
  id: 'book' as Codebook['id'],
  formatVersion: 1,
  name: { nl: 'Boek', en: 'Book' },
  codes: [
    { id: civic, name: { nl: 'Civiel', en: 'Civic' }, description: { nl: 'c', en: 'c' }, values: [{ id: 'access', name: { nl: 'toegankelijkheid', en: 'accessibility' } }], color: '#009E73', key: '4' },
    { id: market, name: { nl: 'Markt', en: 'Market' }, description: { nl: 'm', en: 'm' }, values: [], color: '#D55E00', key: '5' },
  ],
  flags: [{ id: 'glocalisation', name: { nl: 'G', en: 'G' }, description: { nl: 'g', en: 'g' } }],
};

function context(): CodingContext {
  const db = freshDb();
  void storeDocuments(db, DOC);
  return { db, history: new CodingHistory(), coderId: 'coder-1' as CoderId };
}

const range = (word: string) => {
  const start = TEXT.indexOf(word);
  return [start, start + word.length] as const;
};

describe('undoable coding steps', () => {
  it('undoes and redoes the creation of a fragment', async () => {
    const ctx = context();
    const f = await createFragment(ctx, DOC, TEXT, ...range('grenzen'), { codes: [civic] });
    expect(await repo.getFragment(ctx.db, f.id)).toEqual(f);
    await ctx.history.undo(ctx.db);
    expect(await repo.getFragment(ctx.db, f.id)).toBeUndefined();
    await ctx.history.redo(ctx.db);
    expectBroughtBack(await repo.getFragment(ctx.db, f.id), f);
  });

  it('brings a deleted fragment back with its id, coder, times and reviews', async () => {
    const ctx = context();
    const f = await createFragment(ctx, DOC, TEXT, ...range('Cultuur is van iedereen'), { codes: [civic, market], memo: 'waarom' });
    await ctx.db.reviews.put({
      id: 'r1',
      fragmentId: f.id,
      documentId: f.documentId,
      reviewerId: 'sup' as CoderId,
      status: 'accepted',
      statusAt: f.createdAt,
      quote: f.anchor.exact,
      comments: [{ id: 'c1', authorId: 'sup' as CoderId, at: f.createdAt, text: 'ok' }],
      updatedAt: f.createdAt,
    });
    expect(await deleteFragmentStep(ctx, f.id)).toBe(true);
    expect(await repo.getFragment(ctx.db, f.id)).toBeUndefined();
    expect(await ctx.db.reviews.count()).toBe(0);
    const move = await ctx.history.undo(ctx.db);
    expect(move?.step.kind).toBe('delete');
    expectBroughtBack(await repo.getFragment(ctx.db, f.id), f);
    expect((await ctx.db.reviews.get('r1'))?.comments[0]?.text).toBe('ok');
    expect(await ctx.db.deletions.count(), 'the deletion record goes with the undone delete').toBe(0);
  });

  it('undoes regime, flag and memo changes one by one in reverse order', async () => {
    const ctx = context();
    const f = await createFragment(ctx, DOC, TEXT, ...range('grenzen'));
    await toggleRegime(ctx, f.id, civic);
    await toggleRegime(ctx, f.id, market);
    await toggleFlagStep(ctx, f.id, 'glocalisation');
    await setMemo(ctx, f.id, 'a memo');
    const states: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      await ctx.history.undo(ctx.db);
      const g = (await repo.getFragment(ctx.db, f.id))!;
      states.push([g.codes, g.flags, g.memo]);
    }
    expect(states).toEqual([
      [['civic', 'market'], ['glocalisation'], ''],
      [['civic', 'market'], [], ''],
      [['civic'], [], ''],
      [[], [], ''],
    ]);
  });

  it('folds quick successive saves of one memo into one undo step', async () => {
    const ctx = context();
    const f = await createFragment(ctx, DOC, TEXT, ...range('grenzen'));
    await setMemo(ctx, f.id, 'w');
    await setMemo(ctx, f.id, 'wa');
    await setMemo(ctx, f.id, 'waarom');
    await ctx.history.undo(ctx.db);
    expect((await repo.getFragment(ctx.db, f.id))!.memo).toBe('');
    expect(ctx.history.nextUndo?.kind).toBe('create');
  });

  it('a new step clears what could be redone', async () => {
    const ctx = context();
    const f = await createFragment(ctx, DOC, TEXT, ...range('grenzen'));
    await toggleRegime(ctx, f.id, civic);
    await ctx.history.undo(ctx.db);
    expect(ctx.history.nextRedo?.kind).toBe('codes');
    await toggleRegime(ctx, f.id, market);
    expect(ctx.history.nextRedo).toBeUndefined();
  });
});

describe('values within a regime', () => {
  it('adding a value adds its regime, removing the regime removes its values', async () => {
    const ctx = context();
    const f = await createFragment(ctx, DOC, TEXT, ...range('toegankelijk'));
    const withValue = (await toggleValue(ctx, f.id, civic, 'access'))!;
    expect(withValue.codes).toEqual(['civic']);
    expect(withValue.values).toEqual(['civic:access']);
    const without = (await toggleRegime(ctx, f.id, civic))!;
    expect(without.codes).toEqual([]);
    expect(without.values).toBeUndefined();
  });

  it('a value added on the fly lands in the codebook, and one undo removes it from both', async () => {
    const ctx = context();
    await repo.putCodebook(ctx.db, BOOK);
    const f = await createFragment(ctx, DOC, TEXT, ...range('iedereen'));
    const added = await addValueOnTheFly(ctx, BOOK, f.id, market, 'concurrentie');
    if (!added.ok) throw new Error(added.error.reason);
    expect(added.valueId).toBe('concurrentie');
    expect((await repo.getCodebook(ctx.db, BOOK.id))!.codes[1]!.values.map((v) => v.id)).toEqual(['concurrentie']);
    expect((await repo.getFragment(ctx.db, f.id))!.values).toEqual(['market:concurrentie']);
    expect((await repo.getFragment(ctx.db, f.id))!.codes).toEqual(['market']);
    expect((await repo.getCodebook(ctx.db, BOOK.id))!.changes?.at(-1)?.kind).toBe('add-value');
    await ctx.history.undo(ctx.db);
    expect((await repo.getCodebook(ctx.db, BOOK.id))!.codes[1]!.values).toEqual([]);
    expect((await repo.getFragment(ctx.db, f.id))!.values).toBeUndefined();
  });

  it('reuses an existing value of the same name instead of adding a second one', async () => {
    const ctx = context();
    await repo.putCodebook(ctx.db, BOOK);
    const f = await createFragment(ctx, DOC, TEXT, ...range('iedereen'));
    const added = await addValueOnTheFly(ctx, BOOK, f.id, civic, 'Toegankelijkheid');
    expect(added.ok && added.valueId).toBe('access');
    expect(ctx.history.nextUndo?.codebook).toBeUndefined();
  });
});

describe('editing fragment boundaries', () => {
  it('moves both boundaries and takes the quote anew', async () => {
    const ctx = context();
    const f = await createFragment(ctx, DOC, TEXT, ...range('grenzen'));
    const [s, e] = range('over de grenzen heen');
    const moved = await moveBoundaries(ctx, f.id, TEXT, s, e);
    expect(moved.ok && moved.fragments[0]!.anchor.exact).toBe('over de grenzen heen');
    await ctx.history.undo(ctx.db);
    expect((await repo.getFragment(ctx.db, f.id))!.anchor.exact).toBe('grenzen');
  });

  it('refuses a boundary move that leaves nothing but spaces', async () => {
    const ctx = context();
    const f = await createFragment(ctx, DOC, TEXT, ...range('grenzen'));
    const i = TEXT.indexOf(' heen');
    expect(await moveBoundaries(ctx, f.id, TEXT, i, i + 1)).toEqual({ ok: false, reason: 'empty-range' });
  });

  it('merges two fragments into one over both, joining codes, values, flags and memos', async () => {
    const ctx = context();
    const a = await createFragment(ctx, DOC, TEXT, ...range('De regio werkt'), { codes: [civic], memo: 'een' });
    const b = await createFragment(ctx, DOC, TEXT, ...range('grenzen heen'), { codes: [market, civic], values: ['civic:access'], flags: ['glocalisation'], memo: 'twee' });
    const merged = await mergeFragments(ctx, b.id, a.id, TEXT);
    if (!merged.ok) throw new Error(merged.reason);
    const m = merged.fragments[0]!;
    expect(m.id).toBe(a.id);
    expect(m.anchor.exact).toBe('De regio werkt over de grenzen heen');
    expect(m.codes).toEqual(['civic', 'market']);
    expect(m.values).toEqual(['civic:access']);
    expect(m.flags).toEqual(['glocalisation']);
    expect(m.memo).toBe('een\n\ntwee');
    expect(await repo.getFragment(ctx.db, b.id)).toBeUndefined();
    await ctx.history.undo(ctx.db);
    expectBroughtBack(await repo.getFragment(ctx.db, a.id), a);
    expectBroughtBack(await repo.getFragment(ctx.db, b.id), b);
  });

  it('splits a fragment in two that keep its codes, without the space at the cut', async () => {
    const ctx = context();
    const f = await createFragment(ctx, DOC, TEXT, ...range('De regio werkt over de grenzen heen.'), { codes: [civic] });
    const at = TEXT.indexOf(' over');
    const split = await splitFragment(ctx, f.id, TEXT, at);
    if (!split.ok) throw new Error(split.reason);
    expect(split.fragments.map((x) => x.anchor.exact)).toEqual(['De regio werkt', 'over de grenzen heen.']);
    expect(split.fragments.map((x) => x.codes)).toEqual([['civic'], ['civic']]);
    expect(split.fragments[0]!.id).toBe(f.id);
    await ctx.history.undo(ctx.db);
    expect((await repo.listFragments(ctx.db, DOC)).map(content)).toEqual([content(f)]);
  });

  it('refuses to split at a fragment edge', async () => {
    const ctx = context();
    const f = await createFragment(ctx, DOC, TEXT, ...range('grenzen'));
    expect(await splitFragment(ctx, f.id, TEXT, f.anchor.start)).toEqual({ ok: false, reason: 'split-outside' });
    expect(await splitFragment(ctx, 'nope' as FragmentId, TEXT, 3)).toEqual({ ok: false, reason: 'gone' });
  });
});

describe('moving by words', () => {
  it('finds the next word end, keeping a full stop with its word', () => {
    expect(TEXT.slice(0, nextWordEnd(TEXT, TEXT.indexOf(' heen')))).toMatch(/heen\.$/);
  });

  it('finds the previous word start and end', () => {
    const i = TEXT.indexOf('grenzen') + 3;
    expect(TEXT.slice(previousWordStart(TEXT, i))).toMatch(/^grenzen/);
    expect(TEXT.slice(0, previousWordEnd(TEXT, TEXT.indexOf(' heen')))).toMatch(/de$/);
  });

  it('trims spaces and leading punctuation but keeps an opening quote', () => {
    expect(trimRange('  , "ja" ', 0, 9)).toEqual({ start: 4, end: 8 });
    expect(trimRange('   ', 0, 3)).toBeNull();
  });
});

describe('steps that no longer fit what is stored', () => {
  it('refuses to undo a step whose fragment was changed outside the history, writes nothing and clears the history', async () => {
    const ctx = context();
    const f = await createFragment(ctx, DOC, TEXT, ...range('grenzen'), { codes: [civic] });
    await toggleRegime(ctx, f.id, market);
    // Changed by something that does not go through this history (e.g. another screen, a restore).
    const outside = { ...(await repo.getFragment(ctx.db, f.id))!, memo: 'elders', updatedAt: '2030-01-01T00:00:00.000Z' };
    await repo.putFragment(ctx.db, outside);
    const move = await ctx.history.undo(ctx.db);
    expect(move?.refused).toBe('stale');
    expect(await repo.getFragment(ctx.db, f.id)).toEqual(outside);
    expect(ctx.history.nextUndo).toBeUndefined();
  });

  it('refuses to redo the creation of a fragment whose document was deleted meanwhile', async () => {
    const ctx = context();
    const f = await createFragment(ctx, DOC, TEXT, ...range('grenzen'), { codes: [civic] });
    await ctx.history.undo(ctx.db);
    await repo.deleteDocuments(ctx.db, [DOC]);
    const move = await ctx.history.redo(ctx.db);
    expect(move?.refused).toBe('stale');
    expect(await repo.getFragment(ctx.db, f.id)).toBeUndefined();
  });
});
