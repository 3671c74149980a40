import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { WorthmarkDb } from '../../../src/storage/db.ts';
import * as repo from '../../../src/storage/repository.ts';
import { codeRange } from '../../../src/actions/coding.ts';
import { codeHit, dismissHit, expandFragmentToParagraph, hitFragmentRange, restoreHit } from '../../../src/actions/worklist.ts';
import type { CodeId, CoderId, DocumentId, SearchId } from '../../../src/model/index.ts';
import { worklistStates } from '../../../src/text/worklist.ts';
import { storeDocuments } from '../support/document.ts';
import { freshDbs } from '../support/db.ts';

const makeDb = freshDbs('worklist');
function freshDb(): WorthmarkDb {
  const db = makeDb();
  void storeDocuments(db, 'd1');
  return db;
}

const TEXT =
  'De regio werkt o.a. met partners in het buitenland. Zie p. 15 voor de wereldwijde aanpak.\n\n' +
  'Een tweede alinea. Zij gaat over de wereld en over grenzen.';
const doc = 'd1' as DocumentId;
const coder = 'c1' as CoderId;
const code = (id: string) => ({ kind: 'code', code: id as CodeId }) as const;
const at = (word: string, from = 0) => {
  const start = TEXT.indexOf(word, from);
  return { documentId: doc, start, end: start + word.length };
};

describe('worklist actions', () => {
  it('takes the sentence around a hit as its fragment, across "o.a." and "p. 15"', () => {
    const h = at('buitenland');
    const r = hitFragmentRange(TEXT, h.start, h.end);
    expect(TEXT.slice(r.start, r.end)).toBe('De regio werkt o.a. met partners in het buitenland.');
    const w = at('wereldwijde');
    const s = hitFragmentRange(TEXT, w.start, w.end);
    expect(TEXT.slice(s.start, s.end)).toBe('Zie p. 15 voor de wereldwijde aanpak.');
  });

  it('codes a hit by creating the sentence fragment, and toggles further codes on that fragment', async () => {
    const db = freshDb();
    const h = at('buitenland');
    const f = (await codeHit(db, h, TEXT, coder, code('civic')))!.fragment;
    expect(f.anchor.exact).toBe('De regio werkt o.a. met partners in het buitenland.');
    expect(f.codes).toEqual(['civic']);
    const again = (await codeHit(db, h, TEXT, coder, code('market')))!.fragment;
    expect(again.id).toBe(f.id);
    expect(again.codes).toEqual(['civic', 'market']);
    // Again: the key toggles the regime off the same fragment.
    expect((await codeHit(db, h, TEXT, coder, code('market')))!.fragment.codes).toEqual(['civic']);
    expect(await repo.listFragments(db, doc)).toHaveLength(1);
  });

  it('codes a hit as a mere statement: a fragment without codes', async () => {
    const db = freshDb();
    const f = (await codeHit(db, at('wereld', 100), TEXT, coder, { kind: 'mere' }))!.fragment;
    expect(f.codes).toEqual([]);
    expect(f.anchor.exact).toBe('Zij gaat over de wereld en over grenzen.');
  });

  it('dismisses a hit for one saved search with a reason, once, and undoes it', async () => {
    const db = freshDb();
    const s = 's1' as SearchId;
    const h = at('grenzen');
    await dismissHit(db, s, h, '  een adres ');
    await dismissHit(db, s, h, 'een adres');
    const stored = await repo.listHitDecisions(db, s);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ searchId: 's1', documentId: 'd1', start: h.start, end: h.end, state: 'dismissed', reason: 'een adres' });
    expect(await repo.listHitDecisions(db, 'other' as SearchId)).toEqual([]);
    expect(worklistStates([h], [], stored)[0]!.state).toBe('dismissed');
    await restoreHit(db, stored[0]!.id);
    expect(await repo.listHitDecisions(db, s)).toEqual([]);
  });

  it('records who dismissed a hit, so two coders’ dismissals of one hit are two decisions', async () => {
    const db = freshDb();
    const s = 's1' as SearchId;
    const h = at('grenzen');
    await dismissHit(db, s, h, '', coder);
    await dismissHit(db, s, h, 'elders', 'other-coder' as CoderId);
    await dismissHit(db, s, h, '', coder);
    const stored = await repo.listHitDecisions(db, s);
    expect(stored.map((d) => d.coderId).sort()).toEqual([coder, 'other-coder'].sort());
  });

  it('widens a hit fragment to its paragraph, keeping its codes', async () => {
    const db = freshDb();
    const f = (await codeHit(db, at('wereld', 100), TEXT, coder, code('fame')))!.fragment;
    const wide = (await expandFragmentToParagraph(db, f.id, TEXT, coder))!.fragment;
    expect(wide.anchor.exact).toBe('Een tweede alinea. Zij gaat over de wereld en over grenzen.');
    expect(wide.codes).toEqual(['fame']);
    expect(wide.anchor.prefix.endsWith('aanpak.\n\n')).toBe(true);
    expect((await repo.getFragment(db, f.id))!.anchor.start).toBe(TEXT.indexOf('Een tweede'));
  });
});

describe('worklist coding and the undo history', () => {
  it('records coding a hit and widening it as steps that undo in order', async () => {
    const { codingHistory } = await import('../../../src/actions/history.ts');
    const history = codingHistory();
    history.clear();
    const db = freshDb();
    const f = (await codeHit(db, at('wereld', 100), TEXT, coder, code('fame')))!.fragment;
    await expandFragmentToParagraph(db, f.id, TEXT, coder);
    expect(history.nextUndo?.kind).toBe('boundary');
    await history.undo(db);
    expect((await repo.getFragment(db, f.id))!.anchor).toEqual(f.anchor);
    await history.undo(db);
    expect(await repo.getFragment(db, f.id)).toBeUndefined();
    history.clear();
  });
});

describe('a key on a passage that is already coded acts on that fragment', () => {
  it('widens a hand-made fragment over part of the sentence instead of laying a second one over it', async () => {
    const db = freshDb();
    // Coded by hand in the reader: the first half of the sentence, without the hit.
    const part = 'Zij gaat over de wereld';
    const start = TEXT.indexOf(part);
    const hand = await codeRange(db, doc, TEXT, start, start + part.length, coder, { codes: ['civic' as CodeId] });
    const r = (await codeHit(db, at('grenzen'), TEXT, coder, code('fame')))!;
    expect(r.how).toBe('widened');
    expect(r.fragment.id).toBe(hand.id);
    expect(r.fragment.anchor.exact).toBe('Zij gaat over de wereld en over grenzen.');
    expect(r.fragment.codes).toEqual(['civic', 'fame']);
    expect(await repo.listFragments(db, doc)).toHaveLength(1);
  });

  it('widens to the paragraph by merging the fragments of that paragraph, so no sentence is coded twice', async () => {
    const db = freshDb();
    const first = (await codeHit(db, at('alinea'), TEXT, coder, code('fame')))!.fragment;
    const second = (await codeHit(db, at('grenzen'), TEXT, coder, code('civic')))!.fragment;
    expect(first.id).not.toBe(second.id);
    const other = await codeRange(db, doc, TEXT, TEXT.indexOf('de wereld en'), TEXT.indexOf('de wereld en') + 9, 'c2' as CoderId, { codes: ['market' as CodeId] });
    const wide = (await expandFragmentToParagraph(db, first.id, TEXT, coder))!;
    expect(wide.fragment.anchor.exact).toBe('Een tweede alinea. Zij gaat over de wereld en over grenzen.');
    expect(wide.fragment.codes).toEqual(['fame', 'civic']);
    expect(wide.removed).toEqual([second.id]);
    // Another coder's fragment is theirs: kept as it is.
    expect((await repo.listFragments(db, doc)).map((f) => f.id).sort()).toEqual([first.id, other.id].sort());
  });

  it('undoes and redoes a dismissal and a reopening through the one history', async () => {
    const { codingHistory } = await import('../../../src/actions/history.ts');
    const history = codingHistory();
    history.clear();
    const db = freshDb();
    const s = 's1' as SearchId;
    await dismissHit(db, s, at('grenzen'), 'inhoudsopgave');
    expect(history.nextUndo?.kind).toBe('dismiss');
    await history.undo(db);
    expect(await repo.listHitDecisions(db, s)).toEqual([]);
    await history.redo(db);
    const [stored] = await repo.listHitDecisions(db, s);
    expect(stored?.reason).toBe('inhoudsopgave');
    await restoreHit(db, stored!.id);
    expect(history.nextUndo?.kind).toBe('reopen');
    expect(await repo.listHitDecisions(db, s)).toEqual([]);
    await history.undo(db);
    expect(await repo.listHitDecisions(db, s)).toHaveLength(1);
    history.clear();
  });
});
