import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyAdjudication } from '../../../src/actions/adjudication.ts';
import { CodingHistory } from '../../../src/actions/history.ts';
import { CONSENSUS_CODER_ID, type CoderId, type DocumentId, type SearchId } from '../../../src/model/index.ts';
import * as repo from '../../../src/storage/repository.ts';
import { freshDbs } from '../support/db.ts';
import { storeDocuments } from '../support/document.ts';

const makeDb = freshDbs('adjudication');
const text = 'De regio zoekt de wereld op. De markt groeit over de grens.';
const texts = new Map([['d1', text]]);
const supervisor = 'prof' as CoderId;
const search = 's1' as SearchId;

describe('writing the consensus', () => {
  it('makes the consensus coder, writes its fragment credited to the adjudicator, and undo takes it back', async () => {
    const db = makeDb();
    void storeDocuments(db, 'd1');
    const history = new CodingHistory();
    const r = await applyAdjudication(
      { db, adjudicatorId: supervisor, searchId: search, texts, history },
      { remove: [], add: [{ documentId: 'd1', start: 0, end: 28, codes: ['civic', 'market'], values: [], flags: [], from: ['a1', 'b1'] }], dismiss: [], undismiss: [] },
    );
    expect(r).toEqual({ added: 1, removed: 0, dismissed: 0 });
    expect(await db.coders.get(CONSENSUS_CODER_ID)).toEqual({ id: 'consensus', name: 'Consensus', initials: 'C', kind: 'consensus' });
    const [f] = await repo.listFragments(db, 'd1' as DocumentId);
    expect(f).toMatchObject({ coderId: 'consensus', updatedBy: 'prof', codes: ['civic', 'market'], anchor: { start: 0, end: 28, exact: 'De regio zoekt de wereld op.' } });
    expect(history.nextUndo?.kind).toBe('adjudicate');
    await history.undo(db);
    expect(await repo.listFragments(db, 'd1' as DocumentId)).toEqual([]);
  });

  it('replaces the consensus fragment at a unit, and records and lifts its dismissal of a hit', async () => {
    const db = makeDb();
    void storeDocuments(db, 'd1');
    const history = new CodingHistory();
    const target = { db, adjudicatorId: supervisor, searchId: search, texts, history };
    await applyAdjudication(target, { remove: [], add: [{ documentId: 'd1', start: 0, end: 28, codes: ['civic'], values: [], flags: [], from: [] }], dismiss: [], undismiss: [] });
    const [first] = await repo.listFragments(db, 'd1' as DocumentId);
    const hit = { documentId: 'd1', start: 18, end: 24 };
    const r = await applyAdjudication(target, { remove: [first!.id], add: [], dismiss: [hit], undismiss: [] });
    expect(r).toEqual({ added: 0, removed: 1, dismissed: 1 });
    expect(await repo.listFragments(db, 'd1' as DocumentId)).toEqual([]);
    const decisions = await repo.listHitDecisions(db, search);
    expect(decisions).toMatchObject([{ ...hit, coderId: 'consensus', state: 'dismissed' }]);
    await applyAdjudication(target, { remove: [], add: [], dismiss: [], undismiss: [hit] });
    expect(await repo.listHitDecisions(db, search)).toEqual([]);
  });
});
